"""Doppel's entry point: page config, navigation over the pages, and the access gate before any page runs."""

import streamlit as st

import page_timing
import ui

st.set_page_config(page_title="Doppel: synthetic data", page_icon=":material/content_copy:", layout="wide")

pages = [
    st.Page("pages/data.py", title="Data", icon=":material/upload_file:", default=True),
    st.Page("pages/columns.py", title="Columns", icon=":material/view_column:"),
    st.Page("pages/generate.py", title="Generate", icon=":material/auto_awesome:"),
    st.Page("pages/compare.py", title="Compare", icon=":material/compare:"),
    st.Page("pages/download.py", title="Download", icon=":material/download:"),
]
# Navigation is declared on every run, even before sign-in, so a deep link can never fall back to running a file
# from pages/ directly; the chosen page only runs once the gate lets the session through. Each page then calls
# ui.require_password(), which draws the sidebar's session tools (Delete my data).
page = st.navigation(pages, position="sidebar" if ui.signed_in() else "hidden")
page_timing.start(page.title)
ui.gate()
try:
    page.run()
except Exception as error:  # a bug: one plain sentence in the page, the type and place in the server log
    ui.show_unexpected(error)
finally:
    page_timing.drawn()
