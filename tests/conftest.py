"""Shared fixtures: small seeded tables."""

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]

# CI and `make test` replay the same examples every run, so a red build always names a reproducible case.
# SYNTH_HYPOTHESIS=explore draws fresh random examples each run to hunt for new ones.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("SYNTH_HYPOTHESIS", "repeatable"))


@pytest.fixture
def small_table() -> pd.DataFrame:
    """200 seeded rows: two linked numbers, a whole number, a category, a date and a yes/no column."""
    rng = np.random.default_rng(0)
    size = 200
    base = rng.normal(50, 10, size)
    return pd.DataFrame(
        {
            "height": base.round(1),
            "weight": (base * 1.5 + rng.normal(0, 3, size)).round(1),
            "visits": rng.poisson(3, size),
            "city": rng.choice(["Lyon", "Paris", "Nice"], size, p=[0.5, 0.3, 0.2]),
            "joined": pd.date_range("2020-01-01", periods=size, freq="D").strftime("%Y-%m-%d"),
            "member": rng.choice(["yes", "no"], size),
        }
    )


@pytest.fixture(scope="session")
def cluster(tmp_path_factory):
    """The address of a Ray head of the test run's own (its workers import synth and the tests), started when a
    test first asks for it and stopped at the end of the run: one head for the whole session. It declares one CPU
    and one GPU; Ray only counts the GPU (hands its id to the task that asked), so no real one is needed. Token
    authentication is off for it, head and clients alike: Ray turns it on by itself for whoever finds a token in
    ~/.ray/auth_token, and one left there by another Ray session made every connection fail (InvalidAuthToken)."""
    import ray

    before = os.environ.get("RAY_AUTH_MODE")
    os.environ["RAY_AUTH_MODE"] = "disabled"  # this run's own head: read by the head below and by every client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [os.path.join(os.path.dirname(sys.executable), "ray"), "start", "--head", "--block"]
    command += [
        "--num-cpus",
        "1",
        "--num-gpus",
        "1",
        "--port",
        str(port),
        "--temp-dir",
        str(tmp_path_factory.mktemp("ray")),
    ]
    command += ["--include-dashboard", "false", "--disable-usage-stats"]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "RAY_USAGE_STATS_ENABLED": "0"}
    head = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in head.stdout:  # ray start says so once the head is up; it blocks after that
            if "Ray runtime started" in line:
                break
        else:
            pytest.fail("the Ray head did not start")
        threading.Thread(target=head.stdout.read, daemon=True).start()  # its later lines never fill the pipe
        yield f"127.0.0.1:{port}"
    finally:
        ray.shutdown()
        if before is None:
            os.environ.pop("RAY_AUTH_MODE", None)
        else:
            os.environ["RAY_AUTH_MODE"] = before
        head.terminate()  # --block: the head stops the processes it started
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            head.kill()
            head.wait()
