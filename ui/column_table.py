"""The Columns page's editable table in session state: the choices it starts from, and its edits stored back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from synth import column_choices
from synth.column_choices import Choices
from ui.keys import COLUMNS, CONFIRMED, KINDS

ROUND, REFUSED = "_columns_round", "_columns_refused"


def choices(table) -> Choices:
    """What the session holds for this table: kept columns, kinds and confirmations (at first: all kept, as
    detected, nothing confirmed)."""
    kinds = st.session_state.setdefault(KINDS, dict(table.detected))
    keep = st.session_state.get(COLUMNS, list(table.frame.columns))
    return Choices(list(keep), dict(kinds), frozenset(st.session_state.get(CONFIRMED, ())))


def editor_key() -> str:
    """The table's widget key; a new one after a refused kind, so the table shows the kind that was kept."""
    return f"columns_editor_{st.session_state.get(ROUND, 0)}"


def store(table, edited: pd.DataFrame, before: Choices) -> Choices:
    """Keep the edited table's choices in the session; draw the page again when they changed, so the columns that
    follow from a kind (What happens, Confirmed) match it."""
    after = column_choices.read_choices(edited, table.frame, before)
    st.session_state[KINDS] = after.kinds
    st.session_state[COLUMNS] = after.keep
    st.session_state[CONFIRMED] = sorted(after.confirmed)
    if after.refused:
        st.session_state[REFUSED] = list(after.refused)
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    if after.refused or (after.keep, after.kinds, after.confirmed) != (before.keep, before.kinds, before.confirmed):
        st.rerun()
    return after


def refused() -> list[str]:
    """The kind changes refused on the last edit, once."""
    return st.session_state.pop(REFUSED, [])
