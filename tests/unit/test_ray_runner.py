"""Training on a Ray cluster: the test run's own one-CPU head (tests/conftest.py) runs a job, a cancel, a failure
and a lost worker through the Ray runner, and the run record says the job ran there."""

import json
import os
import select
import signal
import socket
import sys
import threading

import pandas as pd
import pytest

from synth import ray_runner
from synth.child_process import ChildFailure
from synth.downloads import generate_with_files
from synth.errors import CancelledError, GeneratorError, InputError
from synth.generators import generator_class
from synth.jobs import JobRunner
from synth.pipeline import RunConfig
from synth.ray_runner import LOST, NO_RAY, UNREACHABLE, RayRunner, resources


def report_then_wait(path, progress):
    progress(0.5, "adding")
    with open(path) as handle:  # a named pipe: opens once the server has seen the report (the test writes to it)
        handle.read()
    return {"pid": os.getpid(), "threads": os.environ.get("OMP_NUM_THREADS")}


def refuse(progress):
    raise InputError("That column is empty.")


def crash(progress):
    raise KeyError("a value from the data")


def die(progress):
    os.kill(os.getpid(), signal.SIGKILL)


def forever(path, progress):
    with open(path, "w") as handle:
        handle.write(str(os.getpid()))
    progress(0.1, "still going")  # the runner hands on the last report at every poll: one is enough
    threading.Event().wait()  # until the task is cancelled


def _ended(pid: int, within_s: float = 30) -> bool:
    """The process is gone (or a zombie waiting for its parent to reap it) within the time given: waited on through
    a pidfd, which turns readable the moment the process ends."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([descriptor], [], [], within_s)
        return bool(readable)
    finally:
        os.close(descriptor)


def test_a_job_runs_as_a_task_with_its_progress_relayed(cluster, tmp_path):
    # Setup
    seen, marker = [], tmp_path / "seen"
    os.mkfifo(marker)

    def progress(fraction, message):
        if message == "adding" and (fraction, message) not in seen:  # the runner repeats the last report
            with open(marker, "w") as handle:  # lets the task end, now that its report has arrived
                handle.write("seen")
        seen.append((fraction, message))

    # Run
    result = RayRunner(cluster).run(report_then_wait, (str(marker),), progress=progress)

    # Assert: it ran in another process, on the CPU asked for, and its report reached the server
    assert result["pid"] != os.getpid() and result["threads"] == "1"
    assert (0.5, "adding") in seen and seen[0] == (0.0, ray_runner.WAITING)


def test_cancel_stops_the_task_and_its_worker(cluster, tmp_path):
    # Setup
    marker, calls = tmp_path / "pid", []

    def progress(fraction, message):
        calls.append(message)
        if message == "still going":
            raise CancelledError("Generation was cancelled.")

    # Run
    with pytest.raises(CancelledError):
        RayRunner(cluster).run(forever, (str(marker),), progress=progress)

    # Assert: the worker process that held the task is gone
    assert _ended(int(marker.read_text()))


def test_a_plain_error_comes_back_as_itself_and_a_bug_without_its_message(cluster, caplog):
    # Run
    with pytest.raises(InputError, match="That column is empty."):
        RayRunner(cluster).run(refuse)
    with pytest.raises(ChildFailure) as raised:
        RayRunner(cluster).run(crash)

    # Assert: the bug's type and place are logged, never its message (it may quote data)
    assert "KeyError" in str(raised.value) and "a value from the data" not in str(raised.value)
    assert "test_ray_runner.py" in caplog.text and "a value from the data" not in caplog.text


def test_a_killed_worker_is_one_plain_sentence_and_not_retried(cluster, tmp_path):
    with pytest.raises(GeneratorError) as raised:
        RayRunner(cluster).run(die)
    assert str(raised.value) == LOST


def test_the_job_pool_runs_ray_jobs_with_its_time_limit(cluster, tmp_path):
    # Setup
    pool = JobRunner(workers=1, time_limit_s=1)
    runner = RayRunner(cluster)

    # Run
    job = pool.submit("forever", lambda progress: runner.run(forever, (str(tmp_path / "pid"),), progress=progress))
    job.future.result(timeout=120)

    # Assert
    assert job.state == "cancelled" and "longer than the limit of 1 second" in job.error
    pool.shut_down()


def test_the_run_record_and_metrics_say_the_job_ran_on_the_cluster(cluster):
    # Setup
    table = pd.DataFrame({"size": [float(i % 17) for i in range(60)], "colour": ["red", "blue", "green"] * 20})
    config = RunConfig(generator="gaussian_copula", rows=30, seed=1, extras=())

    # Run
    result, files = RayRunner(cluster).run(
        generate_with_files, (table, config, {"size": "decimal", "colour": "category"})
    )

    # Assert
    metrics = json.loads(files["metrics"])
    assert result.record["runner"] == "ray" and result.record["runner_address"].endswith(cluster.split(":")[1])
    assert (
        metrics["record"]["runner"] == "ray" and metrics["record"]["runner_address"] == result.record["runner_address"]
    )
    assert len(result.synthetic) == 30


def gpu_ids(progress):
    import ray

    return ray.get_gpu_ids()


def test_a_gpu_generator_gets_the_clusters_gpu_and_others_do_not(cluster):
    # Run
    neural = RayRunner(cluster).run(gpu_ids, generator=generator_class("ctgan"))
    trees = RayRunner(cluster).run(gpu_ids, generator=generator_class("sequential_trees"))

    # Assert
    assert neural == [0] and trees == []


def test_resources_follow_the_generator_and_the_cluster():
    # Setup
    cpu_only = [{"Alive": True, "Resources": {"CPU": 8.0}}]
    with_gpu = [*cpu_only, {"Alive": True, "Resources": {"CPU": 4.0, "GPU": 1.0}}, {"Alive": False, "Resources": {}}]
    small = [{"Alive": True, "Resources": {"CPU": 1.0}}]

    # Run
    neural, trees = generator_class("ctgan"), generator_class("sequential_trees")

    # Assert: a GPU only for a generator that uses one, on a cluster that has one; never more CPUs than a machine has
    assert resources(with_gpu, neural) == {"num_cpus": 2, "num_gpus": 1}
    assert resources(cpu_only, neural) == {"num_cpus": 2, "num_gpus": 0}
    assert resources(with_gpu, trees) == {"num_cpus": 1, "num_gpus": 0}
    assert resources(small, neural) == {"num_cpus": 1, "num_gpus": 0}


def test_without_ray_installed_the_job_fails_in_one_plain_sentence(monkeypatch):
    # Setup
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError

    # Run
    with pytest.raises(GeneratorError) as raised:
        RayRunner("127.0.0.1:1").run(refuse)

    # Assert
    assert str(raised.value) == NO_RAY


def test_a_cluster_that_does_not_answer_is_one_plain_sentence_at_once(monkeypatch):
    # Setup: a port where nothing listens
    import ray

    monkeypatch.setattr(ray, "is_initialized", lambda: False)  # as on a server not yet connected
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    # Run
    with pytest.raises(GeneratorError) as raised:
        RayRunner(f"127.0.0.1:{port}").run(refuse)

    # Assert
    assert str(raised.value) == UNREACHABLE
