"""Columns page: choose the columns to keep and correct each column's detected kind."""

import streamlit as st

import ui
from synth import column_choices, kind_notes, replace

st.title("2. Columns")
table = ui.need_table()
frame = table.frame
before = ui.column_table.choices(table)

st.markdown(
    "**Your columns.** Untick *Keep* to leave a column out; pick another *Kind* where the detected one is wrong. "
    "Identifiers, free text and personal data are never learned: they get made-up values instead, so no real "
    "name, e-mail or ID reaches the synthetic table."
)
edited = st.data_editor(
    column_choices.editor_frame(table.profiles, table.detected, before),
    key=ui.column_table.editor_key(),
    column_config={
        "Column": st.column_config.TextColumn(disabled=True, pinned=True),
        "Keep": st.column_config.CheckboxColumn(help="Columns you leave out are not in the synthetic table."),
        "Kind": st.column_config.SelectboxColumn(
            options=list(column_choices.KIND_NAMES.values()), required=True, width="medium"
        ),
        "Confirmed": st.column_config.CheckboxColumn(
            help="For personal data and identifiers: tick to confirm the real values must never be learned."
        ),
    },
    disabled=["What happens", "Detected as", "Missing", "Summary"],
    hide_index=True,
    num_rows="fixed",
    width="stretch",
)
choices = ui.column_table.store(table, edited, before)
keep, kinds = choices.keep, choices.kinds
for refusal in ui.column_table.refused():
    st.error(ui.plain(refusal))
if not keep:
    st.warning("Choose at least one column to keep.")
unconfirmed = column_choices.unconfirmed_note(choices)
if unconfirmed:
    st.info(ui.plain(unconfirmed))
for reason in kind_notes.unconfirmed_personal(frame, kinds, keep).values():
    st.caption(ui.plain(reason))

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
