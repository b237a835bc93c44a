"""A bake-off's jobs: Cancel stops every one of them, running or still queued, and each says it was cancelled."""

import threading
from concurrent import futures

from synth.jobs import JobRunner
from ui.bakeoff import BakeOff


def test_cancel_stops_the_running_and_the_queued_generators():
    # Setup: one worker, so one generator runs (held until the test lets it report) and the other waits its turn
    runner = JobRunner(workers=1, time_limit_s=600)
    started, release = threading.Event(), threading.Event()

    def training(progress):
        started.set()
        release.wait()
        progress(0.5, "Training")  # the first report after Cancel stops the work
        return "never"

    jobs = {name: runner.submit(name, training) for name in ("sequential_trees", "gaussian_copula")}
    bakeoff = BakeOff("paint.csv", tuple(jobs), dict(jobs))
    started.wait()

    # Run
    running_before = bakeoff.running
    bakeoff.cancel()
    release.set()
    futures.wait([jobs["sequential_trees"].future])  # the queued one ends at Cancel: it never started

    # Assert
    assert running_before and not bakeoff.running
    assert [job.state for job in jobs.values()] == ["cancelled", "cancelled"]
    assert all("cancelled" in job.error.lower() for job in jobs.values())
    runner.shut_down()
