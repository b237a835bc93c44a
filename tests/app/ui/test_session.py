"""A session's own data: Delete my data, and clean-up when a session ends."""

import gc
import threading
from concurrent.futures import wait

from streamlit.testing.v1 import AppTest

import ui
from tests.app.helpers import MACRO, TIMEOUT, generated, go, upload

SESSION_DATA = ("table", "kinds", "columns", "job", "result", "downloads", "settings")


def test_delete_my_data_forgets_the_table_the_result_and_the_downloads():
    # Setup
    app = generated()
    go(app, "download")
    assert "downloads" in app.session_state

    # Run
    app.sidebar.button(key="delete_data").click().run()
    message = [s.value for s in app.sidebar.success]
    go(app, "data")

    # Assert
    assert message == ["Your data was deleted: table, settings, results and downloads are gone from this session."]
    assert not [key for key in SESSION_DATA if key in app.session_state]
    assert [uploader.key for uploader in app.file_uploader] == ["upload_1"]  # a new, empty uploader
    assert app.file_uploader(key="upload_1").value is None  # the uploaded file is gone too
    assert any("No table yet" in info.value for info in app.info)
    app.file_uploader(key="upload_1").set_value(("again.csv", MACRO.read_bytes(), "text/csv")).run()
    assert "table" in app.session_state  # and a new upload works


def test_delete_my_data_cancels_the_running_job(app):
    # Setup: a job that is still running when the button is pressed
    upload(app, "us_macro.csv", MACRO.read_bytes())
    release = threading.Event()
    job = ui.job_runner().submit("waits", lambda progress: (release.wait(60), progress(1.0, "after the wait")))
    app.session_state["job"] = job

    # Run
    app.sidebar.button(key="delete_data").click().run()
    asked = job.cancel_requested
    release.set()
    wait([job.future], timeout=60)  # it may have been cancelled before a worker picked it up, or while running

    # Assert
    assert asked and job.state == "cancelled"
    assert "job" not in app.session_state and "table" not in app.session_state


def _session_with_a_job_that_waits():
    import threading

    import streamlit as st

    import ui

    ui.start_session()
    if "job" not in st.session_state:
        release = threading.Event()
        st.session_state["release"] = release
        st.session_state["job"] = ui.job_runner().submit(
            "waits", lambda progress: (release.wait(60), progress(1.0, "after the wait"))
        )


def test_a_session_that_ends_has_its_job_cancelled():
    # Setup
    app = AppTest.from_function(_session_with_a_job_that_waits, default_timeout=TIMEOUT).run()
    job, release = app.session_state["job"], app.session_state["release"]
    owner = job.owner

    # Run: Streamlit drops the session; its state is collected
    del app
    gc.collect()
    asked = job.wait_for_cancel(timeout=60)
    release.set()
    wait([job.future], timeout=60)

    # Assert
    assert owner.startswith("session ") and asked
    assert job.state == "cancelled" and job.result is None
    assert ui.job_runner().unfinished(owner) == []


def test_freeing_a_sessions_files_deletes_its_download_files_at_once_and_not_anothers(monkeypatch):
    from streamlit import runtime
    from streamlit.runtime import media_file_manager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from ui import session as ui_session

    # Setup: Streamlit's own media store; "mine" holds a CSV and a report, "theirs" the same CSV and its own report
    storage = MemoryMediaFileStorage("/media")
    files = media_file_manager.MediaFileManager(storage)
    owner = {"id": "mine"}
    monkeypatch.setattr(media_file_manager, "_get_session_id", lambda: owner["id"])

    class Instance:
        media_file_mgr = files

        class uploaded_file_mgr:
            @staticmethod
            def remove_session_files(session_id):
                pass

    monkeypatch.setattr(runtime, "exists", lambda: True)
    monkeypatch.setattr(runtime, "get_instance", lambda: Instance)
    csv = files.add(b"a,b\n1,2\n", "text/csv", "csv", "synthetic.csv", is_for_static_download=True)
    mine = files.add(b"<html>mine</html>", "text/html", "report", "report.html", is_for_static_download=True)
    owner["id"] = "theirs"
    shared = files.add(b"a,b\n1,2\n", "text/csv", "csv", "synthetic.csv", is_for_static_download=True)
    theirs = files.add(b"<html>theirs</html>", "text/html", "report", "report.html", is_for_static_download=True)

    # Run
    ui_session._free_streamlit_files("mine", downloads=True)

    # Assert: my report cannot be fetched any more, now, not at the end of a run; what the other session holds stays
    assert shared == csv
    stored = lambda url: url.split("/")[-1].split(".")[0] in storage._files_by_id  # noqa: E731
    assert not stored(mine)
    assert stored(csv) and stored(theirs)
