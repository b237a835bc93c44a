"""Benchmark: every registered generator on the same real tables: time, peak memory, fidelity and privacy.

Each run is a fresh Python process (imports count) that fits one generator, with the options a user gets by
default, on the training half of a seeded 50/50 split and makes as many rows. SDMetrics scores them as in
bench.generators (quality, every pair counted, DCROverfittingProtection); exact copies of training rows are set
beside exact copies of holdout rows. Run: python -m bench.all_generators."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from bench import tables
from bench.generators import PEAK, prepare, score, split
from synth.evaluate.copy_rates import copy_rates
from synth.generators import GENERATORS

TABLES = ("tips", "seattle_weather")
SEED = 0
RESULTS = Path(__file__).with_name("RESULTS-all-generators.md")
_RUN = """
import pickle, sys, time
from synth import schema
from synth.generators import generator_class
train, kinds = pickle.load(open(sys.argv[1], "rb"))
chosen = generator_class(sys.argv[2])
options, _ = chosen.resolve_options({})
started = time.perf_counter()
generator = chosen(**options)
generator.fit(schema.to_model_frame(train, kinds), kinds, 0, lambda f, m: None)
made = generator.sample(len(train), 0, lambda f, m: None)
seconds = time.perf_counter() - started
pickle.dump((schema.from_model_frame(made, train, kinds), seconds, options), open(sys.argv[3], "wb"))
"""


def run_one(name: str, train, kinds: dict[str, str]) -> dict:
    """One generator in a fresh process: its rows, fit+sample seconds, whole-process seconds and peak memory."""
    with tempfile.TemporaryDirectory() as folder:
        given, made = Path(folder, "train.pkl"), Path(folder, "made.pkl")
        given.write_bytes(pickle.dumps((train, kinds)))
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _RUN + PEAK, str(given), name, str(made)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        process_s = time.perf_counter() - started
        if done.returncode:
            raise RuntimeError(f"{name}: {done.stderr[-2000:]}")
        synthetic, seconds, options = pickle.loads(made.read_bytes())
    peak = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "synthetic": synthetic,
        "fit_sample_s": seconds,
        "process_s": process_s,
        "peak_mb": peak["peak_mb"],
        "options": options,
    }


def measure() -> list[dict]:
    rows = []
    for table in TABLES:
        base, kinds = prepare(tables.load(table))
        train, holdout = split(base, SEED)
        for name in GENERATORS:
            run = run_one(name, train, kinds)
            synthetic = run.pop("synthetic")
            figures = score(train, holdout, synthetic, kinds)
            copies = copy_rates(train, holdout, synthetic[list(train.columns)])
            rows.append({"table": table, "rows": len(train), "generator": name, **run, **figures, **copies.figures()})
            print(
                f"  {table} {name}: "
                + json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in rows[-1].items()}),
                flush=True,
            )
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "# Every generator, side by side",
        "",
        f"Made by `python -m bench.all_generators` on {time.strftime('%Y-%m-%d')}, on 2 shared CPU cores, no GPU. "
        f"Each table is split 50/50 (seed {SEED}); each generator learns the training half with the options a "
        "user gets by default and makes as many rows, in a fresh Python process (peak memory and process "
        "seconds include imports). Quality and DCR as in RESULTS-generators.md (one split here, so small tables "
        "are noisy); copies: shares of made rows identical to a training row and to a holdout row (a generator "
        "that memorises copies training rows more often).",
        "",
        "| table | training rows | generator | options | fit+sample s | process s | peak MB | quality | "
        "all pairs | DCR | copies of training | copies of holdout |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        options = ", ".join(f"{k}={v}" for k, v in r["options"].items()) or "-"
        lines.append(
            f"| {r['table']} | {r['rows']:,} | {r['generator']} | {options} | {r['fit_sample_s']:.1f} | "
            f"{r['process_s']:.1f} | {r['peak_mb']:.0f} | {r['quality']:.3f} | "
            f"{r['quality_all_pairs']:.3f} | {r['dcr']:.3f} | {r['copies_of_training']:.1%} | "
            f"{r['copies_of_holdout']:.1%} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    warnings.simplefilter("ignore")
    np.random.seed(SEED)
    text = markdown(measure())
    RESULTS.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
