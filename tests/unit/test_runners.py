"""Where training runs: the local runner is a child process, and the run record says where a job ran."""

import os

import pandas as pd

from synth.pipeline import RunConfig, generate
from synth.runners import LOCAL, LocalRunner, ran_on, running_on, where_text


def pid(progress):
    progress(0.5, "working")
    return os.getpid()


def test_the_local_runner_runs_in_a_child_process_with_progress():
    # Setup
    seen = []

    # Run
    child = LocalRunner().run(pid, progress=lambda fraction, message: seen.append(message))

    # Assert
    assert child != os.getpid() and "working" in seen
    assert LocalRunner.record == {"runner": "local"}


def test_unmarked_code_runs_locally_and_a_mark_is_undone():
    # Setup
    place = {"runner": "ray", "runner_address": "10.0.0.5:6379"}

    # Run
    before = ran_on()
    undo = running_on(place)
    inside = ran_on()
    undo()

    # Assert
    assert before == dict(LOCAL) and inside == place and ran_on() == {"runner": "local"}


def test_the_run_record_says_where_the_job_ran():
    # Setup
    table = pd.DataFrame({"size": [float(i % 7) for i in range(30)], "colour": ["red", "blue", "green"] * 10})
    config = RunConfig(generator="gaussian_copula", rows=10, seed=1, extras=())
    kinds = {"size": "decimal", "colour": "category"}

    # Run
    here = generate(table, config, kinds).record
    undo = running_on({"runner": "ray", "runner_address": "10.0.0.5:6379"})
    try:
        there = generate(table, config, kinds).record
    finally:
        undo()

    # Assert
    assert here["runner"] == "local" and "runner_address" not in here
    assert there["runner"] == "ray" and there["runner_address"] == "10.0.0.5:6379"


def test_the_report_names_the_place_in_words():
    assert where_text({"runner": "local"}) == "this server (a child process)"
    assert where_text({}) == "this server (a child process)"  # records made before runners were named
    assert where_text({"runner": "ray", "runner_address": "10.0.0.5:6379"}) == "a Ray cluster at 10.0.0.5:6379"
