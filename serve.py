"""How the server starts (streamlit run serve.py): app.py behind Doppel's gate on Streamlit's HTTP routes, and
running jobs cancelled as soon as the server is asked to stop (SIGTERM), not left to run to their time limit."""

from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware

from ui import gatekeeper, sign_in_page
from ui.jobs import shut_down_jobs


@asynccontextmanager
async def lifespan(_app):
    try:
        yield
    finally:
        shut_down_jobs()


gatekeeper.installed = True
app = st.App("app.py", routes=sign_in_page.routes(), middleware=[Middleware(gatekeeper.Gatekeeper)], lifespan=lifespan)
