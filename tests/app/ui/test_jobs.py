"""Jobs seen from the pages: a result reaches whichever page is open, a broken job is one plain sentence."""

from dataclasses import dataclass
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import synth.downloads
from synth.downloads import generate_with_files
from synth.jobs import Job
from synth.pipeline import RunConfig
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


@dataclass(eq=False)
class EndsWhileWatched(Job):
    """A running job that ends the third time a page looks at it: a job ending while its owner has Compare or
    Download open, without a thread or a sleep in the test."""

    looks: int = 0
    payload: Any = None

    @property
    def finished(self) -> bool:
        self.looks += 1
        if self.looks > 2 and self.state == "running":
            self._finish("done", result=self.payload)
        return super().finished


@pytest.fixture(scope="module")
def made():
    """A run's result and files, as a generation job hands them back."""
    frame = pd.DataFrame({"team": ["north", "south", "east"] * 10, "amount": [float(i % 7) for i in range(30)]})
    return generate_with_files(frame, RunConfig(generator="gaussian_copula", rows=30, table_name="teams.csv"))


def finished_job(payload) -> Job:
    job = Job(label="Gaussian copula", time_limit_s=60)
    job._finish("done", result=payload)
    return job


@pytest.mark.parametrize("page", ["compare", "download"])
def test_a_job_that_ended_on_another_page_is_picked_up_there(made, page):
    # Setup: the job ended while its owner was away from Generate (the page that used to take its result)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    app.session_state["job"] = finished_job(made)

    # Run
    go(app, page)

    # Assert: and the page names the result it shows
    assert "No synthetic data yet" not in " ".join(i.value for i in app.info)
    assert app.session_state["result"] is made[0] and "job" not in app.session_state
    label = made[0].record["generator_label"]
    captions = [c.value.replace("\\", "") for c in app.caption]  # as shown: Markdown's escapes drawn as text
    named = [c for c in captions if c.startswith("teams.csv: 30 synthetic rows")]
    assert len(named) == 1 and label in named[0] and "made at" in named[0]


@pytest.mark.parametrize("page", ["compare", "download"])
def test_a_job_that_ends_while_the_page_is_open_shows_up_on_its_own(made, page):
    # Setup: the job still runs when its owner opens the page
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    job = EndsWhileWatched(label="Gaussian copula", time_limit_s=60, state="running", payload=made)
    app.session_state["job"] = job

    # Run: one page run, no click: the page watches the job, then draws itself again
    go(app, page)

    # Assert
    assert job.looks > 2 and app.session_state["result"] is made[0]
    assert not [i.value for i in app.info if "No synthetic data yet" in i.value or "being made" in i.value]


def test_a_job_that_failed_on_another_page_says_why_there():
    # Setup
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    job = Job(label="Gaussian copula", time_limit_s=60)
    job._finish("failed", "The server ran out of memory on this table. Try fewer rows or columns.")
    app.session_state["job"] = job

    # Run
    go(app, "compare")

    # Assert
    assert [e.value.replace("\\", "") for e in app.error] == [job.error]  # as shown: Markdown's escapes drawn as text


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


def test_training_goes_to_a_ray_cluster_only_when_an_address_is_set(monkeypatch):
    # Setup
    import ui.jobs
    from synth.ray_runner import RayRunner
    from synth.runners import LocalRunner

    monkeypatch.delenv("SYNTH_RAY_ADDRESS", raising=False)
    secrets = {}
    monkeypatch.setattr(ui.jobs, "secret", secrets.get)

    def chosen():
        monkeypatch.setattr(ui.jobs, "_training", None)  # read again, as a restarted server would
        return ui.jobs.training_runner()

    # Run
    nothing_set = chosen()
    monkeypatch.setenv("SYNTH_RAY_ADDRESS", " 10.0.0.5:6379 ")
    from_environment = chosen()
    monkeypatch.delenv("SYNTH_RAY_ADDRESS")
    secrets["SYNTH_RAY_ADDRESS"] = "head.internal:6379"
    from_secrets = chosen()

    # Assert
    assert isinstance(nothing_set, LocalRunner)
    assert isinstance(from_environment, RayRunner) and from_environment.address == "10.0.0.5:6379"
    assert isinstance(from_secrets, RayRunner) and from_secrets.address == "head.internal:6379"


def test_the_generate_page_trains_on_the_ray_cluster_and_the_files_say_so(cluster, monkeypatch):
    # Setup: the server configured with the test run's own Ray head
    import json

    import ui.jobs
    from tests.app.helpers import generated, go

    monkeypatch.setenv("SYNTH_RAY_ADDRESS", cluster)
    monkeypatch.setattr(ui.jobs, "_training", None)

    # Run
    app = generated()
    go(app, "download")
    app.run()  # the rerun after the report's own job has ended

    # Assert
    record = app.session_state["result"].record
    metrics = json.loads(app.session_state["downloads"]["metrics"])
    assert record["runner"] == "ray" and metrics["record"]["runner"] == "ray"
    assert "a Ray cluster at" in app.session_state["downloads"]["report"].decode("utf-8")
    assert not app.error
