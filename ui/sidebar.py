"""The sidebar's session tools, drawn once by app.py after sign-in: who is signed in, Sign out, Delete my data."""

from __future__ import annotations

import streamlit as st

from ui import access, session
from ui.display import plain


def session_tools() -> None:
    session.announce(access.signed_in_with())
    with st.sidebar:  # the navigation's own rule already separates these from the page links
        if access.company_sign_in():
            user = access.user()
            st.caption(f"Signed in as {plain(user.get('name') or user.get('email') or 'you')}")
            if st.button("Sign out", key="sign_out", icon=":material/logout:"):
                st.logout()
        st.button(
            "Delete my data",
            key="delete_data",
            on_click=session.delete_my_data,
            icon=":material/delete:",
            help="Stops your running job and forgets your table, settings, results and downloads. "
            "Nothing of it stays on the server.",
        )
        if session.was_deleted():
            st.success("Your data was deleted: table, settings, results and downloads are gone from this session.")
