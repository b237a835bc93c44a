"""Columns page: choose the columns to keep and correct each column's detected kind."""

import pandas as pd
import streamlit as st

import ui
from synth import kind_notes, replace, schema
from synth.errors import SynthError

st.title("2. Columns")
table = ui.need_table()
frame = table.frame
names = list(frame.columns)
kinds = st.session_state.setdefault(ui.KINDS, dict(table.detected))

keep = st.multiselect(
    "Columns to keep",
    names,
    default=st.session_state.get(ui.COLUMNS, names),
    key="keep_widget",
    help="Columns you leave out are not in the synthetic table.",
)
st.session_state[ui.COLUMNS] = keep
if not keep:
    st.warning("Choose at least one column to keep.")

st.markdown(
    "**Kind of each column.** Identifiers, free text and personal data are never learned: they get "
    "made-up values instead, so no real name, e-mail or ID reaches the synthetic table."
)
profiles = {p.name: p for p in table.profiles}
st.dataframe(
    pd.DataFrame(
        {
            "Column": keep,
            "Kind": [schema.KIND_LABELS[kinds[c]] for c in keep],
            "Detected as": [schema.KIND_LABELS[table.detected[c]] for c in keep],
            "Missing": [f"{profiles[c].missing_share:.0%}" for c in keep],
            "Summary": [profiles[c].summary for c in keep],
        }
    ),
    width="stretch",
    hide_index=True,
)
identifiers = kind_notes.identifier_note(kinds, keep)
if identifiers:
    st.info(ui.plain(identifiers))
for reason in kind_notes.unconfirmed_personal(frame, kinds, keep).values():
    st.caption(ui.plain(reason))

with st.container(border=True):
    st.markdown("**Correct a kind**")
    left, right = st.columns(2)
    column = left.selectbox("Column", keep or names, key="kind_column")
    kind = right.selectbox(
        "Kind",
        schema.KINDS,
        format_func=schema.KIND_LABELS.get,
        key=f"kind_of_{names.index(column)}",
        index=schema.KINDS.index(kinds[column]),
    )
    if st.button("Apply", key="apply_kind"):
        try:
            schema.validate_kinds(frame, {column: kind})
        except SynthError as error:
            st.error(ui.plain(str(error)))
        else:
            kinds[column] = kind
            st.rerun()

personal = [c for c in keep if kinds[c] == "personal"]
if personal:
    choice = st.radio(
        f"Personal data ({ui.plain(', '.join(personal))})",
        ["fake", "drop"],
        index=["fake", "drop"].index(st.session_state.get(ui.PERSONAL, "fake")),
        horizontal=True,
        format_func={"fake": "Replace with realistic fakes", "drop": "Drop these columns"}.get,
        key="personal_widget",
    )
    st.session_state[ui.PERSONAL] = choice
if any(kinds[c] in ("personal", "text") for c in keep):
    locales = [None, *replace.LOCALES]
    st.session_state[ui.LOCALE] = st.selectbox(
        "Language of the fakes",
        locales,
        index=locales.index(st.session_state.get(ui.LOCALE)),
        format_func=lambda locale: replace.LOCALES.get(locale, "Automatic (from the values)"),
        key="locale_widget",
        help="Fake names, addresses and phone numbers follow this locale. Automatic: the values' language, "
        "English unless they clearly say otherwise.",
    )

if keep:
    st.page_link("app_pages/generate.py", label="Next: generate", icon=":material/arrow_forward:")
