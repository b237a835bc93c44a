"""The whole default pipeline as a user runs it (python -m synth generate) against the stock SDV way, 50,000 rows."""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import tables
from bench.generators import _TIMED_STOCK, PEAK, SEED

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("RESULTS-pipeline.md")
ROWS = 50_000


def fastest(command: list[str], repeats: int = 2) -> float:
    """Wall seconds of a fresh process (imports included), the fastest of repeats: other work only adds time."""
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        if done.returncode:
            raise RuntimeError(done.stderr[-2000:])
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        tables.enlarged(tables.load("randhie"), ROWS, SEED).to_csv(path, index=False)
        ours = [
            sys.executable,
            "-m",
            "synth",
            "generate",
            str(path),
            "--out",
            f"{folder}/o.csv",
            "--metrics",
            f"{folder}/m.json",
        ]
        default = fastest(ours)
        timings = json.loads(Path(f"{folder}/m.json").read_text())["timings"]
        everything = fastest(ours + ["--all"])
        stock = fastest([sys.executable, "-c", _TIMED_STOCK + PEAK, str(path), f"{folder}/s.csv", "report"])
    rows = [
        (
            "`python -m synth generate` (read, kinds, 20% holdout, sequential trees fit + sample, our quality "
            "report, three-way and copy figures, write CSV + metrics)",
            default,
        ),
        (
            "the same with `--all` (adds distance to closest record, NNDR, the real-vs-synthetic classifier and the attack-based risks)",
            everything,
        ),
        ("stock: read, SDV metadata detection, GaussianCopula fit + sample, write CSV, SDMetrics QualityReport", stock),
    ]
    lines = [
        "# Whole pipeline: `python -m synth generate` vs the stock SDV way",
        "",
        f"`python -m bench.pipeline_speed`: {ROWS:,} rows x 10 columns (statsmodels' randhie resampled with 1% noise), "
        f"each a fresh process (imports count), fastest of 2. Load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after.",
        "",
        "| run | seconds | stock / this |",
        "|---|---|---|",
        *[f"| {name} | {seconds:.1f} | {stock / seconds:.1f}x |" for name, seconds in rows],
        "",
        "Inside the default run: " + ", ".join(f"{k.removesuffix('_s')} {v:.2f} s" for k, v in timings.items()) + ".",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
