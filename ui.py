"""The only shared Streamlit helpers: session keys, plain error display, the job progress bridge, the gate."""

from __future__ import annotations

import hmac
import importlib.util
import logging
import os
import queue
import re
import threading
import time
import traceback
import uuid
import weakref
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import page_timing
from synth import schema
from synth.io import LoadedTable
from synth.jobs import Job, JobRunner

TABLE, KINDS, COLUMNS, PERSONAL, JOB, RESULT, DOWNLOADS, USEFULNESS, MATRICES = (
    "table",
    "kinds",
    "columns",
    "personal_data",
    "job",
    "result",
    "downloads",
    "usefulness",
    "matrices",
)
DOWNSTREAM = (KINDS, COLUMNS, JOB, RESULT, DOWNLOADS, USEFULNESS, MATRICES)
SESSION, SIGNED_IN, FAILURES, DELETED = "_session", "_signed_in", "_failures", "_deleted"
COMPARE_TAB = "_compare_tab"  # the Compare tab last open, shown again on coming back
UPLOAD_ROUND = "_upload_round"  # bumped by Delete my data: a new uploader, so the browser forgets the file too
KEPT_ON_DELETE = (SESSION, SIGNED_IN, FAILURES, UPLOAD_ROUND)  # who the session is, never what it holds
LIGHTS = {"green": ":green[●]", "amber": ":orange[●]", "red": ":red[●]", "grey": ":gray[●]"}
POLL_S = 0.25
log = logging.getLogger("synth.sessions")


def _use_app_navigation_only() -> None:
    """Streamlit runs files in pages/ directly (bypassing app.py) until st.navigation has been called once in the
    process; flipping its flag as soon as any page or app.py imports this module routes later runs via app.py."""
    try:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
    except (ImportError, AttributeError):
        pass


_use_app_navigation_only()


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
    """Wrap a freshly read table with its detected column kinds and profile, computed once."""
    detected = schema.detect_kinds(loaded.frame)
    return Table(name, loaded, detected, tuple(schema.profile(loaded.frame, detected)))


@st.cache_resource
def job_runner() -> JobRunner:
    """One bounded worker pool for the whole server; it holds jobs, never a session's data after they end."""
    return JobRunner(owner=_job_owner)


def _job_owner() -> str:
    """Who a job is for, as the log shows it: the session's random tag (the sign-in line names the person)."""
    session = st.session_state.get(SESSION)
    return f"session {session.tag}" if session is not None else "session ?"


class _Session:
    """Kept in session state only. When Streamlit drops a session (tab closed, then the reconnect window of
    server.disconnectedSessionTTL over), the session state is garbage-collected and this object's finalizer
    reports the end, so that session's jobs are cancelled and its uploaded files and downloads freed."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex[:8]
        self.announced = False


def start_session() -> None:
    """Called by the gate on every run: the first run of a session arranges what happens when it ends."""
    if SESSION in st.session_state:
        return
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    session = _Session()
    st.session_state[SESSION] = session
    ctx = get_script_run_ctx()
    finalizer = weakref.finalize(session, _ended_sessions().put, (_job_owner(), ctx.session_id if ctx else None))
    finalizer.atexit = False


@st.cache_resource
def _ended_sessions() -> queue.SimpleQueue:
    """Sessions that ended, handled off the collector's thread: a finalizer may run while a lock is held, and
    SimpleQueue.put is safe there, whereas cancelling jobs or freeing files takes locks."""
    ended: queue.SimpleQueue = queue.SimpleQueue()
    runner = job_runner()

    def reap() -> None:
        while True:
            owner, session_id = ended.get()
            try:
                runner.cancel_owned(owner)
                if session_id:
                    _free_streamlit_files(session_id, downloads=True)
                log.info("%s ended; its jobs were cancelled and its files freed", owner)
            except Exception as error:  # never let one session's clean-up stop the others'
                log.error("cleaning up after %s failed with %s", owner, type(error).__name__)

    threading.Thread(target=reap, name="session-reaper", daemon=True).start()
    return ended


def _free_streamlit_files(session_id: str, downloads: bool = False) -> None:
    """Drop a session's uploaded files (and download files) from Streamlit's in-memory stores.

    Streamlit does this when it shuts a session down, but a disconnected session that simply expires from its
    reconnect store is dropped without that shutdown, and its files would stay in memory for good."""
    from streamlit import runtime

    if not runtime.exists():
        return
    instance = runtime.get_instance()
    instance.uploaded_file_mgr.remove_session_files(session_id)
    if downloads:
        instance.media_file_mgr.clear_session_refs(session_id)
        instance.media_file_mgr.remove_orphaned_files()


def delete_my_data() -> None:
    """Cancel the session's job and forget everything it holds: table, kinds, settings, result, downloads, upload."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    cancel_job()
    job_runner().cancel_owned(_job_owner())
    for key in list(st.session_state.keys()):
        if key not in KEPT_ON_DELETE:
            del st.session_state[key]
    ctx = get_script_run_ctx()
    if ctx is not None:
        _free_streamlit_files(ctx.session_id)  # or the uploader would hand the same file back on the next run
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.session_state[DELETED] = True


def upload_key() -> str:
    """The uploader's widget key; it changes after Delete my data, so the page shows an empty uploader."""
    round_ = st.session_state.get(UPLOAD_ROUND, 0)
    return "upload" if not round_ else f"upload_{round_}"


def session_tools() -> None:
    """The sidebar's session controls, shown once signed in: who is signed in, and Delete my data."""
    session = st.session_state.get(SESSION)
    if session is not None and not session.announced:
        session.announced = True
        who = (
            _user().get("email") or "a company account"
            if _oidc_configured()
            else ("the shared password" if _password() else "no sign-in (none configured)")
        )
        log.info("session %s opened with %s", session.tag, who)
    with st.sidebar:  # the navigation's own rule already separates these from the page links
        if _oidc_configured():
            st.caption(f"Signed in as {plain(_user().get('name') or _user().get('email') or 'you')}")
            if st.button("Sign out", key="sign_out", icon=":material/logout:"):
                st.logout()
        st.button(
            "Delete my data",
            key="delete_data",
            on_click=delete_my_data,
            icon=":material/delete:",
            help="Stops your running job and forgets your table, settings, results and downloads. "
            "Nothing of it stays on the server.",
        )
        if st.session_state.pop(DELETED, False):
            st.success("Your data was deleted: table, settings, results and downloads are gone from this session.")


def configure_logging() -> None:
    """Job and session logs (who, what, how long; never data values) go to the server's standard error."""
    logger = logging.getLogger("synth")
    if any(getattr(handler, "doppel", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler()
    handler.doppel = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(os.environ.get("SYNTH_LOG_LEVEL", "INFO").upper())


def plain(text: object) -> str:
    """Text safe to pass to st.markdown: Markdown and HTML characters shown as they are."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", str(text))


def keep(*keys: str) -> None:
    """Keep these widgets' values when the user visits another page and comes back."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def set_table(table: Table) -> None:
    """A new table: forget everything that was derived from the previous one."""
    cancel_job()
    for key in DOWNSTREAM:
        st.session_state.pop(key, None)
    st.session_state[TABLE] = table


def table() -> Table | None:
    return st.session_state.get(TABLE)


def need_table() -> Table:
    """The current table, or a friendly pointer to the Data page and a stop."""
    current = table()
    if current is None:
        st.info("First bring a table: upload a CSV or pick a demo table on the Data page.")
        st.page_link("pages/data.py", label="Go to Data", icon=":material/upload_file:")
        st.stop()
    return current


def need_result():
    current = st.session_state.get(RESULT)
    if current is None:
        st.info("No synthetic data yet. Generate some first.")
        st.page_link("pages/generate.py", label="Go to Generate", icon=":material/auto_awesome:")
        st.stop()
    return current


def cancel_job() -> None:
    job: Job | None = st.session_state.get(JOB)
    if job is not None and not job.finished:
        job.cancel()


def watch(job: Job) -> None:
    """Show live progress until the job ends, then rerun; leaving the page stops the watching, not the job."""
    page_timing.drawn()  # from here on the run waits for training: not page work
    runner = job_runner()
    bar = st.progress(job.fraction, text=job.message)
    while not job.finished:
        position = runner.queue_position(job)
        text = f"Waiting for a free worker: number {position} in the queue" if position else job.message
        bar.progress(min(job.fraction, 1.0), text=f"{text} ({job.fraction:.0%})")
        time.sleep(POLL_S)
    bar.empty()
    # Draw the page again now that the job has ended: widgets drawn while it ran (such as a disabled
    # Generate button) would otherwise stay as they were until the next click.
    st.rerun()


def _password() -> str | None:
    return os.environ.get("SYNTH_PASSWORD") or _secret("SYNTH_PASSWORD")


def _oidc_configured() -> bool:
    """An [auth] section in secrets means company sign-in (OIDC) through st.login, instead of the password."""
    return bool(_secret("auth"))


def _user():
    return st.user if _oidc_configured() else {}


def signed_in() -> bool:
    if _oidc_configured():
        return bool(st.user.get("is_logged_in"))
    return not _password() or bool(st.session_state.get(SIGNED_IN))


def gate() -> None:
    """Nothing shows before sign-in: company sign-in when [auth] is in secrets, else SYNTH_PASSWORD when set.

    Also starts the session's bookkeeping (job log, clean-up when the session ends). app.py calls this."""
    configure_logging()
    start_session()
    if signed_in():
        return
    st.title("Doppel")
    if _oidc_configured():
        _company_sign_in()
    else:
        _password_form()
    st.stop()


def show_unexpected(error: Exception) -> None:
    """One plain sentence for an unexpected failure; the log gets its type and place, never its message."""
    reference = uuid.uuid4().hex[:8]
    where = traceback.extract_tb(error.__traceback__)[-1]
    log.error(
        "page error %s: %s at %s:%s", reference, type(error).__name__, os.path.basename(where.filename), where.lineno
    )
    st.error(
        f"Something went wrong on this page. Your data is still here: try again, or go back a step. "
        f"If it keeps happening, tell the team (reference {reference})."
    )


def require_password() -> None:
    """The gate, then the sidebar's session tools. Every page calls this first: Streamlit may run a page file
    directly (a fresh server's first deep link, and every AppTest rerun), so the page, not app.py, draws them."""
    gate()
    session_tools()


def _authlib_installed() -> bool:
    return importlib.util.find_spec("authlib") is not None


def _company_sign_in() -> None:
    if not _authlib_installed():
        st.error(
            "Company sign-in is configured, but this server lacks the Authlib package it needs. "
            "Ask the administrator to install it (pip install Authlib)."
        )
        return
    st.write("Sign in with your company account to use Doppel.")
    auth = _secret("auth")
    providers = [name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value]
    for provider in providers if "client_id" not in auth else [None]:
        label = f"Sign in with {provider}" if provider else "Sign in"
        if st.button(label, key=f"login_{provider or 'default'}", type="primary"):
            st.login(provider)


def _password_form() -> None:
    expected = _password()
    with st.form("sign_in"):
        given = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        if hmac.compare_digest(given.encode(), str(expected).encode()):
            st.session_state[SIGNED_IN] = True
            st.rerun()
        failures = st.session_state.get(FAILURES, 0) + 1
        st.session_state[FAILURES] = failures
        time.sleep(min(2**failures * 0.25, 8))  # slow down guessing
        st.error("That password is not right.")


def _secret(name: str) -> str | None:
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file is the usual case, and st.secrets then raises
        return None
