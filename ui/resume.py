"""A reload of the same browser tab picks up the session's work, for as long as the server keeps the session.

A reload opens a new Streamlit session; the old one waits, disconnected, for server.disconnectedSessionTTL. The tab
carries a random token in its URL (?tab=...), and serve.py gives the browser a random HttpOnly cookie that scripts
cannot read and other sites cannot send. A new session takes over a disconnected one only when both match, and only
after the sign-in gate: a copied URL opens nothing in another browser, and a cookie alone names no tab. The work
moves from one session to the other; it is never kept anywhere else.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

import streamlit as st

from ui import session
from ui.keys import DEMO_ASKED, DOWNSTREAM, HISTORY, SESSION, TABLE

log = logging.getLogger("synth.sessions")

BROWSER_COOKIE = "doppel_browser"
TAB = "tab"
# The work, never who is signed in (the gate decides that afresh); a demo asked for and not read yet is work too: the
# click's own run is stopped by the take-over, so without it the reloaded tab lost the demo.
CARRIED = (TABLE, DEMO_ASKED, *DOWNSTREAM, HISTORY)
RESUMED = "_resumed"


def browser_cookie_header(secure: bool) -> str:
    """The Set-Cookie header for a browser that has none: random, HttpOnly, SameSite=Strict, gone with the browser."""
    value = secrets.token_urlsafe(24)
    return f"{BROWSER_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")


def _browser() -> str | None:
    """A digest of this browser's cookie, or None without one (no serve.py: then a reload starts afresh)."""
    try:
        value = st.context.cookies.get(BROWSER_COOKIE)
    except Exception:  # no request behind this run (a test's stand-in runtime)
        return None
    return hashlib.sha256(value.encode()).hexdigest() if isinstance(value, str) and value else None


def available() -> bool:
    return _browser() is not None


def bind_tab() -> None:
    """Give this session a tab token and keep it in the URL (a page change clears the URL's query)."""
    own = st.session_state.get(SESSION)
    browser = _browser()
    if own is None or browser is None:
        return
    if getattr(own, "tab", None) is None:
        asked = st.query_params.get(TAB)
        own.tab, own.browser = secrets.token_urlsafe(16), browser
        if asked:
            _take_over(asked, browser)
            own = st.session_state[SESSION]
    if st.query_params.get(TAB) != own.tab:
        st.query_params[TAB] = own.tab


def _take_over(tab: str, browser: str) -> None:
    """Move the work of this browser's disconnected session for this tab into this session."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    manager = getattr(runtime.get_instance(), "_session_mgr", None) if runtime.exists() else None
    ctx = get_script_run_ctx()
    if manager is None or ctx is None:
        return
    for info in manager.list_sessions():
        old_id = info.session.id
        if old_id == ctx.session_id or manager.is_active_session(old_id):
            continue  # a tab still open (a duplicated tab) keeps its own work
        state = info.session.session_state
        try:
            old = state[SESSION]
        except KeyError:
            continue
        if not (
            getattr(old, "tab", None)
            and secrets.compare_digest(old.tab, tab)
            and secrets.compare_digest(old.browser, browser)
        ):
            continue
        info.session.request_script_stop()
        for key in CARRIED:
            try:
                st.session_state[key] = state[key]
            except KeyError:
                continue
        session.adopt(old, ctx.session_id, old_id)
        for key in (*CARRIED, SESSION):
            try:
                del state[key]
            except KeyError:
                continue
        st.session_state[RESUMED] = True
        log.info("session %s resumed after a reload", old.tag)
        return


def was_resumed() -> bool:
    """True once, on the first run after a reload picked the work up."""
    return st.session_state.pop(RESUMED, False)
