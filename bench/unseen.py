"""Benchmark: the default pipeline on real tables it was never tuned on, against stock GaussianCopula and the ceiling.

Run: python -m bench.unseen (every table but a group not yet run, 3 seeds; writes bench/RESULTS-unseen.md), or for
iterating python -m bench.unseen --group development --quick, python -m bench.unseen --tables sm_ccard,sm_heart (these
print the tables and write a file only when --out is given). The tables: bench/unseen_tables.py; the referee:
bench/unseen_referee.py; the report: bench/unseen_report.py.
"""

from __future__ import annotations

import argparse
import io
import logging
import math
import signal
import sys
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

from bench import unseen_report, unseen_tables
from bench.unseen_referee import judge, model_form, referee_kinds
from synth.formats import read_table
from synth.pipeline import RunConfig, generate

SEEDS = (0, 1, 2)
HALF_ROWS_CAP = 5_000  # bigger tables are sampled down (seeded) to twice this before the 50/50 split
RUN_LIMIT_S = 300  # one generator on one split; past it the run counts as failed
RESULTS = Path(__file__).with_name("RESULTS-unseen.md")
PLAYERS = ("ours", "stock")


@contextmanager
def time_limit(seconds: int):
    def stop(signum, frame):
        raise TimeoutError(f"no result within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def split(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    order = np.random.default_rng(seed).permutation(len(frame))
    half = len(frame) // 2
    return frame.iloc[order[:half]].reset_index(drop=True), frame.iloc[order[half:]].reset_index(drop=True)


def ours(train: pd.DataFrame, seed: int, options: dict | None = None) -> tuple[pd.DataFrame, float, dict[str, str]]:
    """The default pipeline as a new user runs it: the CSV read by Doppel's reader, default generator and options;
    no holdout (the bench keeps its own) and no optional figures (options: the generator's, for trade-off runs). Seconds: fit and sample, as the pipeline times them.
    Also the columns it did not learn, with the kind it gave them."""
    table = read_table(train.to_csv(index=False).encode("utf-8"), file_name="table.csv").frame
    result = generate(table, RunConfig(seed=seed, holdout=0.0, extras=(), options=dict(options or {})))
    timings, learned = result.record["timings"], set(result.record["learned_columns"])
    unlearned = {c: k for c, k in result.kinds.items() if c not in learned}
    return result.synthetic, timings["fit_s"] + timings["sample_s"], unlearned


def stock(train: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, float, dict[str, str]]:
    """Stock SDV: metadata detected afresh from the whole training half, GaussianCopula with default settings."""
    from sdv.metadata import Metadata
    from sdv.single_table import GaussianCopulaSynthesizer

    started = time.perf_counter()
    metadata = Metadata.detect_from_dataframes({"t": train})
    synthesizer = GaussianCopulaSynthesizer(metadata)
    synthesizer.fit({"t": train})
    synthesizer._set_random_state(seed)
    synthetic = synthesizer.sample(len(train))["t"]
    return synthetic, time.perf_counter() - started, {}


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:160] if text else ''}"


def _mean(values) -> float:
    values = [v for v in values if v is not None and not math.isnan(v)]
    return float(np.mean(values)) if values else math.nan


def _merge(runs: list[dict], kinds: dict[str, str]) -> dict:
    """One player's figures over the seeds that worked: means of the table figures, of each column's shape and tails."""
    if not runs:
        return {}
    # A column gets the tails referee on the splits whose training half holds enough distinct values.
    tail_columns = [c for c in kinds if any(c in r["tails"] for r in runs)]
    merged = {
        "quality": _mean(r["quality"] for r in runs),
        "shapes": {c: _mean(r["shapes"][c] for r in runs) for c in kinds},
        "tails": {
            c: {key: _mean(r["tails"][c][key] for r in runs if c in r["tails"]) for key in ("share_beyond", "shift_sd")}
            for c in tail_columns
        },
    }
    for key in ("dcr", "seconds"):
        if key in runs[0]:
            merged[key] = _mean(r[key] for r in runs)
    return merged


def real_table(name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table as loaded, and as the bench splits it: written to CSV and read back (what anyone reading the CSV
    gets), sampled down (seeded) to 2 x HALF_ROWS_CAP rows when longer."""
    loaded = unseen_tables.load(name)
    real = pd.read_csv(io.StringIO(loaded.to_csv(index=False)))
    if len(real) > 2 * HALF_ROWS_CAP:
        real = real.sample(2 * HALF_ROWS_CAP, random_state=0).reset_index(drop=True)
    return loaded, real


def run_table(name: str, seeds: tuple[int, ...] = SEEDS, runners: dict | None = None) -> dict:
    """Every figure of one table. A player that fails on a split is reported with the reason; nothing stops."""
    runners = runners or {"ours": ours, "stock": stock}
    started = time.perf_counter()
    loader, description, _, left_out = unseen_tables.TABLES[name]
    try:
        loaded, real = real_table(name)
    except Exception as error:  # noqa: BLE001 - a table that cannot load is reported, the bench goes on
        return {"table": name, "error": f"could not load: {_reason(error)}"}
    capped = len(real) < len(loaded)
    kinds, skipped = referee_kinds(real, left_out)
    row = {
        "table": name,
        "description": description,
        "rows": len(loaded),
        "columns": len(loaded.columns),
        "capped": capped,
        "covers": unseen_tables.covers(name, loaded),
        "kinds": kinds,
        "skipped": skipped,
        "failures": {player: [] for player in runners},
        "unlearned": {player: {} for player in runners},  # learnable columns the player did not learn, and as what
    }
    if not kinds:
        return {**row, "error": "no learnable column"}
    runs = {player: [] for player in ("ceiling", *runners)}
    for seed in seeds:
        train, holdout = split(real, seed)
        train_model, holdout_model = model_form(train, kinds), model_form(holdout, kinds)
        runs["ceiling"].append(judge(train_model, holdout_model, holdout, kinds, seed, privacy=False))
        for player, make in runners.items():
            try:
                with time_limit(RUN_LIMIT_S), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    synthetic, seconds, unlearned = make(train, seed)
                    figures = judge(train_model, holdout_model, synthetic, kinds, seed)
                runs[player].append({**figures, "seconds": seconds})
                row["unlearned"][player].update({c: k for c, k in unlearned.items() if c in kinds})
            except Exception as error:  # noqa: BLE001 - reported per table, the bench goes on
                row["failures"][player].append(f"seed {seed}: {_reason(error)}")
    row.update({player: _merge(found, kinds) for player, found in runs.items()})
    row["wall_s"] = time.perf_counter() - started
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.unseen", description=__doc__.splitlines()[0])
    parser.add_argument("--tables", help="comma-separated table names (see bench/unseen_tables.py)")
    parser.add_argument("--group", choices=tuple(unseen_tables.GROUPS), help="only this group's tables")
    parser.add_argument("--quick", action="store_true", help="one seed (0) instead of three")
    parser.add_argument("--out", type=Path, help="write the results here (a full run writes bench/RESULTS-unseen.md)")
    args = parser.parse_args(argv)
    first = [n for n in unseen_tables.TABLES if n not in unseen_tables.LATER]
    wrong = [n for n in first if unseen_tables.held_out_by_hash(n) != (n in unseen_tables.HELD_OUT)]
    wrong += [n for n, entry in unseen_tables.TABLES.items() if not set(entry[2]) <= set(unseen_tables.COVERS)]
    if wrong:
        raise SystemExit(f"bench/unseen_tables.py breaks its own rules (groups by hash, covers) at: {', '.join(wrong)}")
    every = [n for n in unseen_tables.TABLES if n not in unseen_tables.NOT_YET_RUN]  # a group not yet run: by name only
    names = list(unseen_tables.TABLES) if args.group else every
    if args.tables:
        names = [n.strip() for n in args.tables.split(",") if n.strip()]
        unknown = [n for n in names if n not in unseen_tables.TABLES]
        if unknown:
            raise SystemExit(f"Unknown tables: {', '.join(unknown)}. Known: {', '.join(unseen_tables.TABLES)}")
    if args.group:
        names = [n for n in names if n in unseen_tables.GROUPS[args.group]]
    seeds = SEEDS[:1] if args.quick else SEEDS
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    started, load_before = time.perf_counter(), unseen_report.load_average()
    rows = []
    for name in names:
        try:
            rows.append(run_table(name, seeds))
        except Exception as error:  # noqa: BLE001 - one table's bug never stops the bench
            rows.append({"table": name, "error": f"bench error: {_reason(error)}"})
        print(unseen_report.progress_line(rows[-1]), flush=True)
    text = unseen_report.markdown(
        rows,
        seeds=seeds,
        command=" ".join(["python -m bench.unseen", *(argv if argv is not None else sys.argv[1:])]),
        wall_s=time.perf_counter() - started,
        load=(load_before, unseen_report.load_average()),
        half_rows_cap=HALF_ROWS_CAP,
        run_limit_s=RUN_LIMIT_S,
    )
    out = args.out or (RESULTS if names == every and seeds == SEEDS else None)
    return unseen_report.publish(text, out)


if __name__ == "__main__":
    sys.exit(main())
