"""How the server starts (streamlit run serve.py): app.py behind Doppel's gate on Streamlit's HTTP routes."""

import streamlit as st
from starlette.middleware import Middleware

from ui import gatekeeper

gatekeeper.installed = True
app = st.App("app.py", middleware=[Middleware(gatekeeper.Gatekeeper)])
