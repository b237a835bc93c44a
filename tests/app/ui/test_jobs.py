"""A job that breaks in its own process: one plain sentence on the page, nothing of the data, and the app goes on."""

from streamlit.testing.v1 import AppTest

import synth.downloads
from tests.app.helpers import MACRO, ROOT, TIMEOUT, go, upload


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
    shown = [e.replace("\\", "") for e in errors]  # as the browser shows it: Markdown escapes of data text removed
    assert len(shown) == 1 and shown[0].startswith("Something went wrong while generating.")
    assert "MARKER_SECRET" not in shown[0] + page_text.replace("\\", "") and "Traceback" not in page_text
    assert "MARKER_SECRET" not in caplog.text
    assert "result" in app.session_state and not app.error  # the second try works


def test_clearing_streamlit_caches_keeps_the_one_job_pool():
    # Setup
    import streamlit as st

    import ui

    pool = ui.job_runner()

    # Run: what a client's clear_cache message makes the server do
    st.cache_resource.clear()
    st.cache_data.clear()

    # Assert
    assert ui.job_runner() is pool
