"""A session's own data: Delete my data, clean-up when a session ends, a job that breaks, company sign-in."""

import gc
import threading
from concurrent.futures import wait

import pytest
from streamlit.testing.v1 import AppTest

import synth.downloads
import ui
from tests.app.helpers import MACRO, ROOT, TIMEOUT, generated, go, upload

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


def broken_generation(*args, **kwargs):
    """Module level, so the training process can import it by name like the real work."""
    raise RuntimeError("could not convert 'MARKER_SECRET_1959' in column realgdp")


def test_a_job_that_breaks_shows_one_plain_sentence_and_the_app_goes_on(monkeypatch, caplog):
    # Setup: training fails, in its own process, with an error whose message quotes a cell value
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")
    app.radio(key="generator_widget").set_value("gaussian_copula").run()

    # Run
    with monkeypatch.context() as patch:
        patch.setattr(synth.downloads, "generate_with_files", broken_generation)
        app.button(key="generate").click().run()  # submits, then reruns and watches the job to its end
    errors = [e.value for e in app.error]
    page_text = " ".join(str(element.value) for element in app.main if hasattr(element, "value"))
    app.button(key="generate").click().run()
    app.run()

    # Assert
    assert not app.exception
    assert len(errors) == 1 and errors[0].startswith("Something went wrong while generating.")
    assert "MARKER_SECRET" not in errors[0] + page_text and "Traceback" not in page_text
    assert "MARKER_SECRET" not in caplog.text
    assert "result" in app.session_state and not app.error  # the second try works


COMPANY_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "doppel",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}


def _company_app(user: dict, auth: dict = COMPANY_AUTH) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.secrets["auth"] = auth
    app.user = user
    return app.run()


@pytest.fixture
def authlib_present():
    assert ui._authlib_installed()  # pinned in requirements.txt: company sign-in works on a fresh install


def test_company_sign_in_comes_before_any_page(authlib_present):
    # Run
    app = _company_app({"is_logged_in": False})
    app.switch_page("pages/data.py").run()

    # Assert
    assert [t.value for t in app.title] == ["Doppel"]
    assert [b.label for b in app.button] == ["Sign in"]
    assert len(app.file_uploader) == 0 and len(app.get("text_input")) == 0  # not the password form either


def test_company_sign_in_offers_each_named_provider(authlib_present):
    # Setup
    named = {
        "redirect_uri": COMPANY_AUTH["redirect_uri"],
        "cookie_secret": "x",
        "okta": {k: COMPANY_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
    }

    # Run
    app = _company_app({"is_logged_in": False}, named)

    # Assert
    assert [b.label for b in app.button] == ["Sign in with okta"]


def test_company_sign_in_without_authlib_stays_closed(monkeypatch):
    # Setup
    monkeypatch.setattr(ui, "_authlib_installed", lambda: False)

    # Run
    app = _company_app({"is_logged_in": False})

    # Assert
    assert "lacks the Authlib package" in app.error[0].value
    assert len(app.button) == 0 and len(app.file_uploader) == 0


def test_a_signed_in_company_user_gets_the_app_and_the_password_is_not_asked(monkeypatch):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "ignored when company sign-in is configured")

    # Run
    app = _company_app({"is_logged_in": True, "email": "ann@example.com", "name": "Ann Analyst"})

    # Assert
    assert app.title[0].value == "1. Your data"
    assert any("Signed in as Ann Analyst" in c.value for c in app.sidebar.caption)
