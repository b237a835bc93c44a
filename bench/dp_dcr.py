"""Benchmark: is dp_marginals' DCR overfitting protection a leak or the metric's noise on tiny tables?

Run: python -m bench.dp_dcr [--tables a,b] [--seeds 5] [--jsonl rows.jsonl] (prints the tables of
bench/RESULTS-dp-dcr.md, whose reading is written by hand). Each table is split three
ways per seed (A: training, B: holdout, C: fresh); every player is judged against (A, B) by the referee's
DCROverfittingProtection. References on the same splits: dp_marginals trained on C (never saw A or B: the metric's
own spread for this output), the real rows of C themselves, and stock SDV GaussianCopula trained on A.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bench import unseen_tables
from bench.dp import ours
from bench.unseen import stock
from bench.unseen_referee import model_form, referee_kinds
from synth.distance import dcr
from synth.encoding import scored_columns
from synth.evaluate.dcr_overfitting import dcr_overfitting_protection
from synth.evaluate.rows import sample_rows

TABLES = ("vega_iowa_electricity", "plotly_experiment", "sm_ccard", "sk_wine", "sm_star98", "sdm_student_placements")
PLAYERS = ("dp eps 1 on A", "dp eps 10 on A", "dp eps 1 on C", "real C", "GaussianCopula on A")


def three_way(frame: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    order = np.random.default_rng(seed).permutation(len(frame))
    third = len(frame) // 3
    parts = order[:third], order[third : 2 * third], order[2 * third : 3 * third]
    return tuple(frame.iloc[p].reset_index(drop=True) for p in parts)


def figures(train: pd.DataFrame, holdout: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict, seed: int) -> dict:
    """The headline, and the share of synthetic rows strictly closer to A, strictly closer to B, and tied."""
    train, holdout, fake = (model_form(f, kinds) for f in (train, holdout, synthetic))
    headline = dcr_overfitting_protection(train, holdout, fake, kinds, seed=seed).dcr_overfitting_protection
    columns = scored_columns(train, kinds)
    size = min(len(train), len(holdout))
    a, b = sample_rows(train[columns], size, seed), sample_rows(holdout[columns], size, seed)
    to_a, to_b = dcr(fake[columns], a, kinds), dcr(fake[columns], b, kinds)
    return {
        "dcr": headline,
        "closer_a": float(np.mean(to_a < to_b)),
        "closer_b": float(np.mean(to_b < to_a)),
        "tied": float(np.mean(to_a == to_b)),
    }


def run(table: str, seed: int) -> list[dict]:
    frame = unseen_tables.load(table)
    kinds, _ = referee_kinds(frame, unseen_tables.TABLES[table][3])
    a, b, c = three_way(frame, seed)
    makers = {
        "dp eps 1 on A": lambda: ours(a, seed, 1.0),
        "dp eps 10 on A": lambda: ours(a, seed, 10.0),
        "dp eps 1 on C": lambda: ours(c, seed, 1.0),
        "real C": lambda: c,
        "GaussianCopula on A": lambda: stock(a[list(kinds)], seed)[0],
    }
    rows = []
    for player, make in makers.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            synthetic = make()
        rows.append({"table": table, "seed": seed, "player": player, **figures(a, b, synthetic, kinds, seed)})
    return rows


def write(rows: list[dict]) -> str:
    frame = pd.DataFrame(rows)
    out = ["| table | " + " | ".join(PLAYERS) + " |", "|---" * (len(PLAYERS) + 1) + "|"]
    for table, group in frame.groupby("table", sort=False):
        cells = []
        for player in PLAYERS:
            values = group[group.player == player]["dcr"]
            cells.append(f"{values.mean():.2f} ({values.min():.2f}-{values.max():.2f})")
        out.append(f"| {table} | " + " | ".join(cells) + " |")
    means = [f"**{frame[frame.player == p]['dcr'].mean():.2f}**" for p in PLAYERS]
    out.append("| **mean** | " + " | ".join(means) + " |")
    out += ["", "| player | closer to A (trained) | closer to B (unseen) | tied |", "|---|---|---|---|"]
    for player in PLAYERS:
        part = frame[frame.player == player]
        out.append(f"| {player} | {part.closer_a.mean():.1%} | {part.closer_b.mean():.1%} | {part.tied.mean():.1%} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dp_dcr")
    parser.add_argument("--tables", default=",".join(TABLES))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--jsonl", default="")
    args = parser.parse_args(argv)
    rows = []
    for table in args.tables.split(","):
        for seed in range(args.seeds):
            for row in run(table, seed):
                rows.append(row)
                print(json.dumps(row), flush=True)
    if args.jsonl:
        Path(args.jsonl).write_text("".join(json.dumps(r) + "\n" for r in rows))
    print(write(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
