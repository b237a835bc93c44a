"""What a Ray cluster costs per training job: the same jobs through the local runner and a one-machine Ray head.

python -m bench.ray_runner [--repeats 3] [--cpus 2]: starts its own Ray head (stopped at the end), runs a small
real job (the us_macro test table, 203 rows) with two generators through each runner, and writes
bench/RESULTS-ray-runner.md. "Overhead" is the job's wall time minus the time the pipeline itself measured
(fit, sample, evaluate): starting the process or task, moving the table and the result, and the report files.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import ray

from synth.downloads import generate_with_files
from synth.formats import read_table
from synth.generators import generator_class
from synth.pipeline import RunConfig
from synth.ray_runner import RayRunner
from synth.runners import LocalRunner

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "data" / "us_macro.csv"
GENERATORS = ("sequential_trees", "gaussian_copula")


def start_head(cpus: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [os.path.join(os.path.dirname(sys.executable), "ray"), "start", "--head", "--block"]
    command += ["--num-cpus", str(cpus), "--port", str(port), "--temp-dir", tempfile.mkdtemp(prefix="ray-bench-")]
    command += ["--include-dashboard", "false", "--disable-usage-stats"]
    head = subprocess.Popen(
        command,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    for line in head.stdout:
        if "Ray runtime started" in line:
            break
    threading.Thread(target=head.stdout.read, daemon=True).start()
    return head, f"127.0.0.1:{port}"


def timed(runner, name: str, table) -> tuple[float, float]:
    config = RunConfig(generator=name, seed=1)
    started = time.perf_counter()
    result, _ = runner.run(generate_with_files, (table, config), generator=generator_class(name))
    wall = time.perf_counter() - started
    return wall, wall - sum(result.record["timings"].values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cpus", type=int, default=2)
    args = parser.parse_args()
    table = read_table(TABLE.read_bytes(), file_name=TABLE.name).frame
    started = time.perf_counter()
    head, address = start_head(args.cpus)
    head_s = time.perf_counter() - started
    rows = []
    try:
        runners = {"local (child process)": LocalRunner(), "ray (one-machine head)": RayRunner(address)}
        for label, runner in runners.items():
            for name in GENERATORS:
                timed(runner, name, table)  # warm: the fork server's imports, Ray's first connection
                figures = [timed(runner, name, table) for _ in range(args.repeats)]
                wall = statistics.median(f[0] for f in figures)
                overhead = statistics.median(f[1] for f in figures)
                rows.append(f"| {label} | {name} | {wall:.1f} | {overhead:.1f} |")
                print(rows[-1], flush=True)
    finally:
        ray.shutdown()
        head.terminate()
        head.wait(timeout=60)
    load = os.getloadavg()[0]
    text = "\n".join(
        [
            "## Ray runner: cost per job",
            "",
            f"`python -m bench.ray_runner --repeats {args.repeats} --cpus {args.cpus}`: the us_macro test table "
            f"(203 rows, 14 columns), median of {args.repeats} runs after one warm-up, on this machine's own Ray "
            f"head ({args.cpus} CPUs; it took {head_s:.0f} s to start). Load average at the end: {load:.1f} on "
            f"{os.cpu_count()} cores (other work shared the machine).",
            "",
            "| runner | generator | job wall time (s) | rest: start, transfer, report files (s) |",
            "|---|---|---|---|",
            *rows,
            "",
            "Each Ray job starts a fresh worker process (max_calls=1, so the rows leave with it) and a small progress "
            "actor. On a machine this loaded the figures say little beyond: a Ray job costs seconds, not minutes, "
            "more than a child process; rerun on a quiet machine for a real comparison.",
        ]
    )
    (Path(__file__).parent / "RESULTS-ray-runner.md").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
