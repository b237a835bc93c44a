"""The Generate page's "Use settings from a file": an earlier run's settings download put back into the choices."""

from __future__ import annotations

import streamlit as st

from synth.errors import InputError, SynthError
from synth.generators import GENERATORS
from synth.limits import MAX_GENERATED_ROWS
from synth.schema import to_model_frame
from synth.settings import LoadedSettings, read_settings
from ui.display import plain
from ui.keys import COLUMNS, KINDS, LOCALE, PERSONAL
from ui.sampling import SAMPLE_OFFER_ROWS

SETTINGS = "settings"  # the Generate page's choices: generator, options, rows, seed, where, rebalance
OFFERED_VALUES = 12  # a category column's most common values that fixing and rebalancing offer
_APPLIED = "_settings_file"  # (file id, sentence, notes) of the settings file in use
_WIDGETS = (
    "generator_widget",
    "rows_widget",
    "seed_widget",
    "sample_widget",
    "sample_rows_widget",
    "keep_widget",
    "personal_widget",
    "locale_widget",
)


def use_settings_file(table) -> None:
    """An uploader for a settings file; a new one that fits the table replaces every choice of the run."""
    applied = st.session_state.get(_APPLIED)
    with st.expander("Use settings from a file (optional)", expanded=applied is not None):
        upload = st.file_uploader(
            "Settings file (JSON) from the Download page of an earlier run",
            type=["json"],
            key="settings_upload",
            help="The same table and settings give the same synthetic rows: generator, options, seed, rows, "
            "columns and their kinds, personal data, conditions and rules.",
        )
        if upload is None:
            st.session_state.pop(_APPLIED, None)
            return
        if applied is None or applied[0] != upload.file_id:
            try:
                loaded = read_settings(upload.getvalue(), table.frame, table.name)
                check_shown(loaded, table)
            except SynthError as error:
                st.session_state.pop(_APPLIED, None)
                st.error(plain(error))
                return
            apply_settings(loaded, table)
            applied = (upload.file_id, f"Settings loaded from {upload.name}: {loaded.summary()}", loaded.notes)
            st.session_state[_APPLIED] = applied
        st.success(plain(applied[1]))
        for note in applied[2]:
            st.info(plain(note))


def check_shown(loaded: LoadedSettings, table) -> None:
    """Refuse, in a sentence, settings the Generate page cannot show as they are (it would run something else): fixed
    values in more than one column, both fixed values and rebalancing (one or the other here), and values its boxes
    do not offer (values the table never has, or rarer than its OFFERED_VALUES most common)."""
    config = loaded.config
    kinds = {**table.detected, **loaded.kinds}
    if len(config.where) > 1:
        raise InputError(
            "These settings fix values in more than one column; this page fixes one. Run them with the command "
            "line (python -m synth ... --settings FILE), or keep one in the file."
        )
    for column, value in config.where.items():
        if why := _not_offered(table.frame, column, value, kinds.get(column)):
            raise InputError(
                f"These settings keep only rows with '{value}' in '{column}', which {why}; this page offers only "
                "those. Correct the file, or choose the value on this page."
            )
    if config.where and config.rebalance:
        raise InputError(
            "These settings both fix values ('where') and rebalance a column; this page does one or the other. Run "
            "them with the command line (python -m synth ... --settings FILE), or remove one from the file."
        )
    for column, shares in config.rebalance.items():
        for value in shares:
            if why := _not_offered(table.frame, column, value, kinds.get(column)):
                raise InputError(
                    f"These settings give a share to '{value}' in '{column}', which {why}; the rebalancing here "
                    "shows only those. Correct the file, or set the shares on this page."
                )


def _not_offered(frame, column: str, value: str, kind: str | None) -> str | None:
    """Why the page's boxes do not offer a value of a column (None where they do)."""
    if column not in frame or value in set(value_shares(frame, column, kind).index):
        return None
    known = set(_as_learned(frame, column, kind))
    return "never appears in it" if value not in known else f"is not among its {OFFERED_VALUES} most common values"


def apply_settings(loaded: LoadedSettings, table) -> None:
    """Every choice from the file into session state, before the widgets are drawn; widgets that take their start
    value from these choices are reset, so they show the loaded ones."""
    config = loaded.config
    st.session_state[SETTINGS] = {
        "generator": config.generator,
        "options": dict(config.options),
        "rows": config.rows,
        "seed": config.seed,
        "sample_rows": config.sample_rows,
        "rebalance": config.rebalance,
    }
    for key in [*_WIDGETS, *(k for k in st.session_state if str(k).startswith(("option_", "share_")))]:
        st.session_state.pop(key, None)
    _show_in_widgets(loaded, table)
    st.session_state[KINDS] = {**table.detected, **loaded.kinds}
    st.session_state[COLUMNS] = list(loaded.kinds)
    st.session_state[PERSONAL] = config.personal_data
    st.session_state[LOCALE] = config.locale
    st.session_state["rules_widget"] = loaded.rules_text
    conditions = config.where or config.rebalance
    st.session_state["mode_widget"] = "where" if config.where else "rebalance" if config.rebalance else "all"
    if conditions:
        st.session_state["condition_column"] = next(iter(conditions))
    if config.where:
        st.session_state["condition_value"] = next(iter(config.where.values()))


def _show_in_widgets(loaded: LoadedSettings, table) -> None:
    """The Generate page's widgets take the file's values as their state. A widget the browser is showing keeps its
    last value unless the server sets one: with the keys only dropped, a settings file loaded after another
    generator was picked ran that generator, its options and rows (seen in Chromium, not in AppTest)."""
    config, frame = loaded.config, table.frame
    spec = GENERATORS[config.generator]
    st.session_state["generator_widget"] = config.generator
    st.session_state["rows_widget"] = min(int(config.rows), MAX_GENERATED_ROWS)
    st.session_state["seed_widget"] = int(config.seed)
    for option in spec.options:
        value = config.options.get(option.name, option.default)
        typed = value if option.choices or isinstance(option.default, str) else type(option.default)(value)
        st.session_state[f"option_{spec.name}_{option.name}"] = typed
    if len(frame) > SAMPLE_OFFER_ROWS:
        st.session_state["sample_widget"] = bool(config.sample_rows)
        if config.sample_rows:
            st.session_state["sample_rows_widget"] = min(int(config.sample_rows), len(frame) // 2)
    for target, wanted in config.rebalance.items():  # a value the file leaves out gets none, as on the command line
        kind = {**table.detected, **loaded.kinds}.get(target)
        for i, value in enumerate(value_shares(frame, target, kind).index):
            st.session_state[f"share_{target}_{i}"] = round(wanted.get(value, 0.0) * 100, 1)


def value_shares(frame, target: str, kind: str | None = None):
    """The shares of a category or yes/no column's most common values (OFFERED_VALUES at most), as the page's boxes
    offer them: spelled as the generators learn them (a yes/no column read as numbers 1.0 and 0.0 offers '1' and '0',
    which a condition on it names)."""
    return _as_learned(frame, target, kind).value_counts(normalize=True).head(OFFERED_VALUES)


def _as_learned(frame, column: str, kind: str | None):
    """A column's present cells as text, as the generators learn them: a yes/no column through
    schema.to_model_frame (1.0 as '1'), any other as written (its cell by cell rewrite is slow on a large table, and
    this runs on every rerun of the page)."""
    if kind == "boolean":
        return to_model_frame(frame[[column]], {column: kind})[column].dropna()
    return frame[column].dropna().astype(str)
