"""Compare's offer after a private run that named no value of some category columns: the same run again with the
category lists stated public, one click away on Generate (the person says the lists are not secret)."""

from __future__ import annotations

import json

import streamlit as st

from synth.errors import SynthError
from synth.settings import read_settings
from synth.verdict import unnamed_columns
from ui.display import plain
from ui.keys import DOWNLOADS
from ui.settings_file import apply_settings


def offer_public_lists(result, table) -> None:
    """A button that puts back every setting of the run (its settings download, as a settings file would), with
    category_lists public, and opens Generate."""
    guarantee = result.record.get("privacy_guarantee") or {}
    private = (result.record.get("options") or {}).get("category_lists", "private") == "private"
    columns = unnamed_columns(guarantee, result.evaluation) if private else []
    settings = (st.session_state.get(DOWNLOADS) or {}).get("settings")
    if not columns or table is None or not settings:
        return
    if st.button(
        "Make it again with the category lists public",
        key="retry_public_lists",
        icon=":material/replay:",
        help=f"Only if the lists of values of {', '.join(columns)} are not secret (countries, product names): they "
        "are then kept whole, outside the privacy budget. Generate opens with this run's settings, ready to run.",
    ):
        found = json.loads(settings)
        found["options"] = {**(found.get("options") or {}), "category_lists": "public"}
        try:
            loaded = read_settings(json.dumps(found).encode("utf-8"), table.frame, table.name)
        except SynthError as error:  # the table changed since the run: say so, change nothing
            st.warning(plain(f"This run's settings no longer fit the table: {error}"))
            return
        apply_settings(loaded, table)
        st.switch_page("app_pages/generate.py")
