"""The user's table in session state: wrapped once with its column kinds and profile, replaced, required."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from synth import schema
from synth.datasets import demo_table
from synth.formats import LoadedTable, read_table
from synth.limits import Limits
from ui.jobs import cancel_job
from ui.keys import DEMO_ASKED, DOWNSTREAM, TABLE


@dataclass(frozen=True)
class Table:
    """The table the user brought, kept in session state (not in a widget) so it survives page changes."""

    name: str
    loaded: LoadedTable  # the frame and how it was read: encoding, delimiter, decimal mark, format
    detected: dict[str, str]
    profiles: tuple[schema.ColumnProfile, ...]

    @property
    def frame(self) -> pd.DataFrame:
        return self.loaded.frame


def make_table(name: str, loaded: LoadedTable) -> Table:
    """Wrap a freshly read table with its detected column kinds and profile, computed once; a number column read
    from text with signs or a unit says how it was written, as a date column does."""
    detected, written = schema.detect_kinds(loaded.frame), loaded.written_numbers
    profiles = [
        dataclasses.replace(p, summary=f"{p.summary}, {written[p.name].example(loaded.frame[p.name].abs().median())}")
        if p.name in written and p.kind in schema.NUMERIC_KINDS
        else p
        for p in schema.profile(loaded.frame, detected)
    ]
    return Table(name, loaded, detected, tuple(profiles))


def stoppable(limits: Limits) -> Limits:
    """These limits with Streamlit's stop check, so that reading a file stops when the user clicks elsewhere
    (Delete my data included) or the session shuts down, besides the limits' own time limit."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_run_yield_check

    return dataclasses.replace(limits, stop=get_run_yield_check())


def set_table(table: Table) -> None:
    """A new table (an upload): forget everything that was derived from the previous one, and a demo asked for
    before it (first, so that a run cut short here never brings that demo back over this table)."""
    st.session_state.pop(DEMO_ASKED, None)
    _replace(table)


def _replace(table: Table) -> None:
    cancel_job()
    for key in DOWNSTREAM:
        st.session_state.pop(key, None)
    st.session_state[TABLE] = table


def ask_for_demo(choice_key: str) -> None:
    """The demo button's callback: note which demo (the value of the widget keyed choice_key) and nothing more.

    A click's run is abandoned as soon as the next click arrives (Streamlit's fast reruns start a new run at once,
    and the old one may no longer write session state), so reading the demo in that run, or in this callback, lost
    the click whenever another page was opened within a moment. This one write is made as the run starts, and
    whichever run next asks for the table (any page) reads the demo: see table()."""
    st.session_state[DEMO_ASKED] = st.session_state[choice_key]


def table() -> Table | None:
    """The current table; a demo asked for and not read yet is read now."""
    asked = st.session_state.get(DEMO_ASKED)
    if asked is not None:
        demo = demo_table(asked)
        _replace(make_table(demo.label, read_table(demo.read_bytes())))
        st.session_state.pop(DEMO_ASKED, None)  # after the table is in: a run cut short in between reads it again
    return st.session_state.get(TABLE)


def need_table() -> Table:
    """The current table, or a friendly pointer to the Data page and a stop."""
    current = table()
    if current is None:
        st.info("First bring a table: upload a CSV or pick a demo table on the Data page.")
        st.page_link("app_pages/data.py", label="Go to Data", icon=":material/upload_file:")
        st.stop()
    return current
