"""CPU of one upload's parse and kind detection (what the Data page does with the bytes), and where it goes.

Run: python -m bench.upload_cpu [--profile]. CPU seconds (process time, not wall time: other work on the machine
adds little), the median of 9 runs after one warm-up, per step: read (synth.formats.read_upload), detect
(schema.detect_kinds) and profile (schema.profile), as ui.make_table calls them.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd
import vega_datasets

from synth import schema
from synth.formats import read_upload

DATA = Path(vega_datasets.__file__).parent / "_data"
RUNS = 9


def tables() -> dict[str, bytes]:
    rng = np.random.default_rng(0)
    wide = pd.DataFrame(
        {
            "when": pd.date_range("2020-01-01", periods=20_000, freq="h").strftime("%Y-%m-%d %H:%M"),
            "shop": rng.choice([f"shop {i}" for i in range(40)], 20_000),
            "amount": rng.gamma(2, 30, 20_000).round(2),
            "items": rng.integers(1, 12, 20_000),
            "member": rng.choice(["yes", "no"], 20_000),
        }
    )
    return {
        "airports.csv (3,376 x 7, the load benchmarks' table)": (DATA / "airports.csv").read_bytes(),
        "seattle-weather.csv (1,461 x 6)": (DATA / "seattle-weather.csv").read_bytes(),
        "sales made here (20,000 x 5)": wide.to_csv(index=False).encode(),
    }


def steps(data: bytes) -> dict[str, float]:
    """CPU seconds of each step, once."""
    started = time.process_time()
    loaded = read_upload(data, "table.csv")
    read = time.process_time()
    kinds = schema.detect_kinds(loaded.frame)
    detected = time.process_time()
    tuple(schema.profile(loaded.frame, kinds))
    done = time.process_time()
    return {"read": read - started, "detect": detected - read, "profile": done - detected, "total": done - started}


def measure(data: bytes) -> dict[str, float]:
    steps(data)  # warm-up: imports, caches of reference data (first names)
    runs = [steps(data) for _ in range(RUNS)]
    return {step: statistics.median(run[step] for run in runs) for step in runs[0]}


def hot_spots(data: bytes, count: int = 15) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        steps(data)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(count)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true", help="also print cProfile's hot spots on airports.csv")
    args = parser.parse_args()
    print("| table | read (ms) | detect kinds (ms) | profile (ms) | total CPU per upload (ms) |")
    print("|---|---|---|---|---|")
    for name, data in tables().items():
        figures = measure(data)
        cells = " | ".join(f"{figures[step] * 1000:.0f}" for step in ("read", "detect", "profile", "total"))
        print(f"| {name} | {cells} |", flush=True)
    if args.profile:
        print(hot_spots(next(iter(tables().values()))))


if __name__ == "__main__":
    main()
