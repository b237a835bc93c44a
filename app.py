"""Doppel's entry point: page config, the access gate, and navigation over app_pages/ (nothing else)."""

import streamlit as st

import ui
from ui import timing

st.set_page_config(page_title="Doppel: synthetic data", page_icon=ui.PAGE_ICON, layout="wide")
ui.configure_logging()
ui.start_session()

pages = [
    st.Page("app_pages/data.py", title="Data", icon=":material/upload_file:", default=True),
    st.Page("app_pages/columns.py", title="Columns", icon=":material/view_column:"),
    st.Page("app_pages/generate.py", title="Generate", icon=":material/auto_awesome:"),
    st.Page("app_pages/bakeoff.py", title="Bake-off", icon=":material/leaderboard:"),
    st.Page("app_pages/compare.py", title="Compare", icon=":material/compare:"),
    st.Page("app_pages/download.py", title="Download", icon=":material/download:"),
]
# Streamlit never runs a file from app_pages/ by itself (only a pages/ directory is auto-discovered), so every
# request, deep links included, comes through here: the chosen page runs only once the gate lets the session in.
page = st.navigation(pages, position="sidebar" if ui.signed_in() else "hidden")
timing.start(page.title)
ui.gate()
try:
    ui.session_tools()
    page.run()
except Exception as error:  # a bug: one plain sentence in the page, the type and place in the server log
    ui.show_unexpected(error)
finally:
    timing.drawn()
