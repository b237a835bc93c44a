"""The sidebar's session tools, drawn once by app.py after sign-in: who is signed in, Sign out, Delete my data."""

from __future__ import annotations

import streamlit as st

from ui import access, resume, session
from ui.display import plain

DELETE_POPOVER = "_delete_popover"


def _delete() -> None:
    session.delete_my_data()
    st.session_state[DELETE_POPOVER] = False


def session_tools() -> None:
    session.announce(access.signed_in_with())
    resume.bind_tab()  # after the gate: a reload of this tab picks up its work
    with st.sidebar:  # the navigation's own rule already separates these from the page links
        if access.company_sign_in():
            user = access.user()
            st.caption(f"Signed in as {plain(user.get('name') or user.get('email') or 'you')}")
            if st.button("Sign out", key="sign_out", icon=":material/logout:"):
                st.logout()
        # Asks first, so that one stray click cannot lose the work; the popover closes once the data is deleted.
        with st.popover("Delete my data", icon=":material/delete:", key=DELETE_POPOVER, on_change="rerun"):
            st.markdown(
                "Delete your table, settings, results and downloads from this session? A running job is stopped. "
                "Nothing of it stays on the server, and it cannot be undone."
            )
            st.button("Yes, delete everything", key="delete_data", type="primary", on_click=_delete)
        if resume.was_resumed():
            st.success("Picked up where you left off: your table, settings and results are back after the reload.")
        if resume.available():
            minutes = max(1, round(st.get_option("server.disconnectedSessionTTL") / 60))
            st.caption(
                f"Reloading this tab keeps your work. Once the tab is closed, the server forgets it within about "
                f"{minutes} minute{'s' if minutes > 1 else ''}; other tabs and browsers never see it."
            )
        if session.was_deleted():
            st.success("Your data was deleted: table, settings, results and downloads are gone from this session.")
