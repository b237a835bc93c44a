"""The worker pool runs jobs off the caller's thread, reports progress, cancels and turns failures into sentences."""

import gc
import logging
import os
import threading
import weakref
from concurrent.futures import wait

import pytest

from synth.errors import InputError
from synth.jobs import JobRunner


@pytest.fixture
def runner():
    return JobRunner(workers=1, time_limit_s=60)


def test_job_runs_and_returns_its_result(runner):
    # Run
    job = runner.submit("sum", lambda progress: (progress(0.5, "half"), 42)[1])
    job.future.result(timeout=10)

    # Assert
    assert job.state == "done" and job.result == 42 and job.fraction == 0.5


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="per-thread priority is a Linux feature")
def test_jobs_run_at_a_lower_priority_than_the_pages(runner):
    # Setup
    def own_priority(progress):
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    # Run
    job = runner.submit("priority", own_priority)
    job.future.result(timeout=10)

    # Assert: the job's thread yields; the thread that serves pages keeps its priority
    assert job.result >= runner.niceness == 10
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 10


def test_cancel_stops_a_running_job_at_its_next_progress_report(runner):
    # Setup
    started, release = threading.Event(), threading.Event()

    def work(progress):
        started.set()
        release.wait(10)
        progress(0.9, "still going")
        return "finished"

    # Run
    job = runner.submit("slow", work)
    started.wait(10)
    job.cancel()
    release.set()
    job.future.result(timeout=10)

    # Assert
    assert job.state == "cancelled" and job.result is None and "cancelled" in job.error


def test_jobs_beyond_the_pool_wait_with_a_queue_position(runner):
    # Setup
    release = threading.Event()
    first = runner.submit("first", lambda progress: release.wait(10))

    # Run
    second = runner.submit("second", lambda progress: "ok")
    position = runner.queue_position(second)
    release.set()
    first.future.result(timeout=10)
    second.future.result(timeout=10)

    # Assert
    assert position == 1 and runner.queue_position(second) == 0 and second.result == "ok"


def test_plain_errors_pass_through_and_bugs_become_one_sentence_without_values(runner, caplog):
    # Run
    plain = runner.submit("plain", lambda progress: (_ for _ in ()).throw(InputError("Bad column.")))
    bug = runner.submit("bug", lambda progress: {}["secret-value"])
    plain.future.result(timeout=10)
    bug.future.result(timeout=10)

    # Assert
    assert plain.state == "failed" and plain.error == "Bad column."
    assert bug.state == "failed" and "went wrong" in bug.error and "secret-value" not in bug.error
    assert "secret-value" not in caplog.text


def test_time_limit_stops_a_job(runner):
    # Setup
    quick_limit = JobRunner(workers=1, time_limit_s=0.000001)

    # Run
    job = quick_limit.submit("late", lambda progress: progress(0.5, "late"))
    job.future.result(timeout=10)

    # Assert
    assert job.state == "cancelled" and "limit" in job.error


class Payload:
    """Stands for a session's table: only weak references to it are kept by the test."""


def test_a_finished_job_leaves_nothing_of_its_data_in_the_pool(runner):
    # Setup
    payload = Payload()
    alive = weakref.ref(payload)

    # Run
    job = runner.submit("hold", lambda progress, data=payload: Payload())
    del payload
    job.future.result(timeout=10)
    result = weakref.ref(job.result)
    del job
    gc.collect()

    # Assert: neither the work's data nor the result outlives the caller's Job
    assert alive() is None and result() is None


def test_a_job_cancelled_in_the_queue_gives_up_its_place_and_its_data(runner):
    # Setup
    release = threading.Event()
    first = runner.submit("first", lambda progress: release.wait(10))
    payload = Payload()
    alive = weakref.ref(payload)
    second = runner.submit("second", lambda progress, data=payload: "ran")
    third = runner.submit("third", lambda progress: "ok")
    del payload

    # Run
    second.cancel()
    gc.collect()
    position = runner.queue_position(third)
    release.set()
    first.future.result(timeout=10)
    third.future.result(timeout=10)

    # Assert
    assert second.state == "cancelled" and second.result is None and alive() is None
    assert position == 1 and third.result == "ok" and runner.unfinished() == []


def test_cancel_owned_stops_one_sessions_jobs_only():
    # Setup
    owners = iter(["session-a", "session-b"])
    runner = JobRunner(workers=2, time_limit_s=60, owner=lambda: next(owners))
    release = threading.Event()

    def work(progress):
        release.wait(10)
        progress(0.5, "after the wait")
        return "finished"

    mine, theirs = runner.submit("mine", work), runner.submit("theirs", work)

    # Run
    cancelled = runner.cancel_owned("session-a")
    release.set()
    wait([mine.future, theirs.future], timeout=10)  # mine may be cancelled before a worker picks it up

    # Assert
    assert cancelled == 1 and mine.state == "cancelled" and theirs.state == "done"
    assert mine.owner == "session-a" and runner.unfinished() == []


def test_the_log_says_who_what_and_how_long_without_values(runner, caplog):
    # Setup
    caplog.set_level(logging.INFO, logger="synth")
    owned = JobRunner(workers=1, time_limit_s=60, owner=lambda: "session 1234")

    # Run
    job = owned.submit("Gaussian copula", lambda progress: {"MARKER_VALUE": 1}["MARKER_VALUE"])
    job.future.result(timeout=10)

    # Assert
    lines = [record.getMessage() for record in caplog.records if record.name == "synth.jobs"]
    assert any("submitted by session 1234" in line for line in lines)
    assert any(f"job {job.id} (Gaussian copula) of session 1234 done after" in line for line in lines)
    assert "MARKER_VALUE" not in caplog.text


def test_time_left_follows_the_estimate_at_first_then_the_progress():
    # Setup
    from synth.jobs import Job

    job = Job(label="tvae", time_limit_s=60, expected_s=30.0)
    queued = job.seconds_left(now=100.0)
    job.state, job.started_at = "running", 100.0

    # Run
    at_start = job.seconds_left(now=110.0)
    job.fraction = 0.8  # 20 s in, 80% done: progress says 5 s more, the estimate 10
    late = job.seconds_left(now=120.0)
    job.fraction = 0.99  # long past the estimate, nearly done
    over = job.seconds_left(now=500.0)
    job.state = "done"

    # Assert
    assert queued is None and job.seconds_left(now=130.0) is None
    assert at_start == pytest.approx(20.0)
    assert late == pytest.approx(0.8 * 5 + 0.2 * 10)
    assert over == 1.0  # never a negative or zero time while it still runs


def test_without_an_estimate_time_left_comes_from_progress_only():
    # Setup
    from synth.jobs import Job

    job = Job(label="x", time_limit_s=60, state="running", started_at=0.0)

    # Run
    early = job.seconds_left(now=5.0)
    job.fraction = 0.5
    half = job.seconds_left(now=10.0)

    # Assert
    assert early is None and half == pytest.approx(10.0)


def test_submit_keeps_the_expected_time_on_the_job(runner):
    # Run
    job = runner.submit("sum", lambda progress: 1, expected_s=12.5)
    job.future.result(timeout=10)

    # Assert
    assert job.expected_s == 12.5
