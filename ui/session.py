"""A session's lifecycle: its start, what happens when it ends, Delete my data, and widget values it keeps."""

from __future__ import annotations

import logging
import os
import queue
import threading
import uuid
import weakref

import streamlit as st

from ui import gatekeeper
from ui.jobs import cancel_job, job_owner, job_runner
from ui.keys import DELETED, KEPT_ON_DELETE, SESSION, UPLOAD_ROUND

log = logging.getLogger("synth.sessions")


class _Session:
    """Kept in session state only. When Streamlit drops a session (tab closed, then the reconnect window of
    server.disconnectedSessionTTL over), the session state is garbage-collected and this object's finalizer
    reports the end, so that session's jobs are cancelled and its uploaded files and downloads freed."""

    def __init__(self) -> None:
        self.tag = uuid.uuid4().hex[:8]
        self.announced = False
        self.finalizer: weakref.finalize | None = None
        self.tab: str | None = None  # ui.resume: the browser tab's token and the browser's cookie digest
        self.browser: str | None = None


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


def start_session() -> None:
    """Called by app.py on every run: the first run of a session arranges what happens when it ends."""
    if SESSION in st.session_state:
        return
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    session = _Session()
    st.session_state[SESSION] = session
    ctx = get_script_run_ctx()
    _watch_end(session, job_owner(), ctx.session_id if ctx else None)


def _watch_end(session: _Session, owner: str, session_id: str | None) -> None:
    session.finalizer = weakref.finalize(session, _ended_sessions().put, (owner, session_id))
    session.finalizer.atexit = False
    if session_id is not None:
        with _ended_lock:
            _live[session_id] = owner


def adopt(old: _Session, session_id: str, old_id: str) -> None:
    """This session (session_id) takes over a disconnected one's identity and jobs after a reload (ui.resume): its
    own fresh identity is dropped quietly, the old session's end is no longer watched (nothing of it is left) and
    its files in Streamlit's stores are freed now; this session's end cancels the jobs and frees its files."""
    fresh = st.session_state.get(SESSION)
    if fresh is not None and fresh.finalizer is not None:
        fresh.finalizer.detach()
    if old.finalizer is not None:
        old.finalizer.detach()
    with _ended_lock:
        _live.pop(old_id, None)
    old.tab, old.browser = (fresh.tab, fresh.browser) if fresh is not None else (old.tab, old.browser)
    _watch_end(old, f"session {old.tag}", session_id)
    gatekeeper.forget(old_id)
    _free_streamlit_files(old_id, downloads=True)
    st.session_state[SESSION] = old


def announce(who: str) -> None:
    """Log, once per session, that it was opened and how it got in."""
    session = st.session_state.get(SESSION)
    if session is not None and not session.announced:
        session.announced = True
        log.info("session %s opened with %s", session.tag, who)


SWEEP_S = 5.0  # how often the reaper asks Streamlit which sessions it still holds
_ended: queue.SimpleQueue | None = None
_ended_lock = threading.Lock()
_live: dict[str, str] = {}  # session id -> job owner, for every session started and not yet cleaned up


def _ended_sessions() -> queue.SimpleQueue:
    """Sessions that ended, handled off the collector's thread: a finalizer may run while a lock is held, and
    SimpleQueue.put is safe there, whereas cancelling jobs or freeing files takes locks. One queue and one reaper
    for the server, held by this module rather than a Streamlit cache that a client's clear_cache could empty."""
    global _ended
    with _ended_lock:
        if _ended is None:
            _ended = _start_reaper()
        return _ended


def _start_reaper() -> queue.SimpleQueue:
    ended: queue.SimpleQueue = queue.SimpleQueue()
    runner = job_runner()

    def reap() -> None:
        while True:
            try:
                gone = [ended.get(timeout=SWEEP_S)]
            except queue.Empty:  # nothing collected lately: ask Streamlit, so a closed tab's files go on time
                try:
                    gone = _gone_sessions()
                except Exception as error:  # the reaper must outlive any surprise in Streamlit's internals
                    log.error("looking for ended sessions failed with %s", type(error).__name__)
                    gone = []
            for owner, session_id in gone:
                _clean_up(runner, owner, session_id)

    threading.Thread(target=reap, name="session-reaper", daemon=True).start()
    return ended


def _gone_sessions() -> list[tuple[str, str]]:
    """Sessions this server started that Streamlit no longer holds (closed, or past their reconnect window)."""
    from streamlit import runtime

    manager = getattr(runtime.get_instance(), "_session_mgr", None) if runtime.exists() else None
    if manager is None or not hasattr(manager, "get_session_info"):  # a test's stand-in runtime
        return []
    with _ended_lock:
        gone = [(owner, session_id) for session_id, owner in _live.items() if not manager.get_session_info(session_id)]
        for _, session_id in gone:
            del _live[session_id]
    return gone


def _clean_up(runner, owner: str, session_id: str | None) -> None:
    try:
        runner.cancel_owned(owner)
        if session_id:
            gatekeeper.forget(session_id)
            _free_streamlit_files(session_id, downloads=True)
            with _ended_lock:
                _live.pop(session_id, None)
        log.info("%s ended; its jobs were cancelled and its files freed", owner)
    except Exception as error:  # never let one session's clean-up stop the others'
        log.error("cleaning up after %s failed with %s", owner, type(error).__name__)


def _free_streamlit_files(session_id: str, downloads: bool = False) -> None:
    """Drop a session's uploaded files (and download files) from Streamlit's in-memory stores, at once: Streamlit's
    own sweep only marks a download file the first time and deletes it at the end of the run (Streamlit 1.67's
    MediaFileManager internals, pinned), so Delete my data's links still answered for a moment.

    Streamlit does this when it shuts a session down, but a disconnected session that simply expires from its
    reconnect store is dropped without that shutdown, and its files would stay in memory for good."""
    from streamlit import runtime

    if not runtime.exists():
        return
    instance = runtime.get_instance()
    instance.uploaded_file_mgr.remove_session_files(session_id)
    if downloads:
        files = instance.media_file_mgr
        with files._lock:
            held = set(files._files_by_session_and_coord.get(session_id, {}).values())
        files.clear_session_refs(session_id)
        files.remove_orphaned_files()
        with files._lock:  # a download file is only marked on its first sweep (deleted at the run's end): go now
            for file_id in held & files._get_inactive_file_ids():  # unless another session holds the same file
                files._delete_file(file_id)


def delete_my_data() -> None:
    """Cancel the session's job and forget everything it holds: table, kinds, settings, result, downloads, upload."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    cancel_job()
    job_runner().cancel_owned(job_owner())
    for key in list(st.session_state.keys()):
        if key not in KEPT_ON_DELETE:
            del st.session_state[key]
    ctx = get_script_run_ctx()
    if ctx is not None:
        # The upload (or the uploader would hand the same file back on the next run) and the download files, whose
        # media URLs would otherwise still serve the synthetic table and the report.
        _free_streamlit_files(ctx.session_id, downloads=True)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1
    st.session_state[DELETED] = True


def was_deleted() -> bool:
    """True once, on the run right after Delete my data, so its confirmation shows once."""
    return st.session_state.pop(DELETED, False)


def upload_key() -> str:
    """The uploader's widget key; it changes after Delete my data, so the page shows an empty uploader."""
    round_ = st.session_state.get(UPLOAD_ROUND, 0)
    return "upload" if not round_ else f"upload_{round_}"


def keep(*keys: str) -> None:
    """Keep these widgets' values when the user visits another page and comes back."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
