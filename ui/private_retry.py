"""Compare's offer after a private run that named no value of some category columns: the same settings again with
the category lists stated public, one click away on Generate (the person says the lists are not secret)."""

from __future__ import annotations

import streamlit as st

SETTINGS = "settings"


def unnamed_columns(result) -> list[str]:
    """The category columns the private run came back with as 'Other' in every row, where its lists were private."""
    guarantee = result.record.get("privacy_guarantee") or {}
    private = (result.record.get("options") or {}).get("category_lists", "private") == "private"
    return list(guarantee.get("no_value_named", ())) if private else []


def offer_public_lists(result) -> None:
    """A button that sets the run's generator and options again with category_lists public and opens Generate."""
    columns = unnamed_columns(result)
    if not columns:
        return
    if st.button(
        "Make it again with the category lists public",
        key="retry_public_lists",
        icon=":material/replay:",
        help=f"Only if the lists of values of {', '.join(columns)} are not secret (countries, product names): they "
        "are then kept whole, outside the privacy budget. Generate opens with the same settings, ready to run.",
    ):
        settings = st.session_state.setdefault(SETTINGS, {"options": {}})
        settings["generator"] = result.record["generator"]
        settings["options"] = {**(result.record.get("options") or {}), "category_lists": "public"}
        for key in [k for k in st.session_state if str(k).startswith("option_") or k == "generator_widget"]:
            st.session_state.pop(key, None)  # the widgets start from these settings, not from their last values
        st.switch_page("app_pages/generate.py")
