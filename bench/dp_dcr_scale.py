"""Benchmark: is a DCR overfitting protection under 0.95 on a large table a sign of memorising, or of the metric's scale?

SDMetrics' DCROverfittingProtection (matched by synth.evaluate.dcr_overfitting, the referee of bench/dp.py) measures
each synthetic row's distance to the training rows and to the holdout rows, each column's difference divided by
the range of that column in the set measured against. Where the holdout's range of a column is narrower than the
training rows' (one long tail fell into training), every distance to the holdout is stretched, and synthetic rows
read as "closer to training" whatever made them. This bench scores the same synthetic rows both ways: with each
set's own ranges (SDMetrics) and with one common range per column (training and holdout together), by the same
formula otherwise. The control is the private generator at epsilon 1: the run with the least room to follow its
training rows, so a figure no better there than at epsilon 10 is not the generator following them.

Run: python -m bench.dp_dcr_scale [--group unseen5] [--tables a,b] [--out rows.jsonl] (writes
bench/RESULTS-dp-dcr-scale.md); --rows a.jsonl,b.jsonl writes it from earlier runs' rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bench import dp
from bench.unseen import split
from bench.unseen_referee import judge, model_form, referee_kinds

RESULTS = Path(__file__).with_name("RESULTS-dp-dcr-scale.md")
PLAYERS = (("ours", 1.0), ("ours", 10.0), ("default", None))
MAX_SYNTHETIC = 2_000


def _numbers(frame: pd.DataFrame, column: str, kind: str) -> np.ndarray:
    if kind == "datetime":
        dates = pd.to_datetime(frame[column], errors="coerce")
        return np.where(dates.isna(), np.nan, dates.astype("int64") / 1e9)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(float)


def _nearest(synthetic: pd.DataFrame, reference: pd.DataFrame, kinds: dict, ranges: dict) -> np.ndarray:
    """Each synthetic row's distance to its closest reference row: the mean over columns of |a - b| / range (capped
    at 1; both missing 0, one missing 1) for numbers and dates, 0 or 1 for categories (SDMetrics' calculate_dcr)."""
    total = np.zeros((len(synthetic), len(reference)))
    for column, kind in kinds.items():
        if kind in ("decimal", "datetime"):
            a, b = _numbers(synthetic, column, kind)[:, None], _numbers(reference, column, kind)[None, :]
            gap, span = np.abs(a - b), ranges[column]
            part = np.minimum(gap / span, 1.0) if span > 0 else (gap > 0).astype(float)
            part = np.where(np.isnan(a) & np.isnan(b), 0.0, np.where(np.isnan(gap), 1.0, part))
        else:
            part = (
                synthetic[column].astype(str).to_numpy()[:, None] != reference[column].astype(str).to_numpy()
            ).astype(float)
        total += part
    return (total / len(kinds)).min(axis=1)


def _ranges(frames: list[pd.DataFrame], kinds: dict) -> dict:
    return {
        c: float(np.nanmax(v) - np.nanmin(v)) if np.isfinite(v).any() else 0.0
        for c, k in kinds.items()
        if k in ("decimal", "datetime")
        for v in [np.concatenate([_numbers(f, c, k) for f in frames])]
    }


def scores(training: pd.DataFrame, holdout: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict) -> dict:
    """The protection figure (min(1, 2 x share not strictly closer to training)) with each set's own ranges and with
    common ones, on equal-sized real sets."""
    size = min(len(training), len(holdout))
    training, holdout = (f.sample(size, random_state=0).reset_index(drop=True) for f in (training, holdout))
    synthetic = synthetic.sample(min(len(synthetic), MAX_SYNTHETIC), random_state=0).reset_index(drop=True)
    own = np.mean(
        _nearest(synthetic, training, kinds, _ranges([training], kinds))
        < _nearest(synthetic, holdout, kinds, _ranges([holdout], kinds))
    )
    common_ranges = _ranges([training, holdout], kinds)
    common = np.mean(
        _nearest(synthetic, training, kinds, common_ranges) < _nearest(synthetic, holdout, kinds, common_ranges)
    )
    return {"own_ranges": min(1.0, 2 * (1 - own)), "common_range": min(1.0, 2 * (1 - common))}


def run_table(name: str) -> list[dict]:
    frame, left_out = dp.load(name)
    if len(frame) > 2 * dp.HALF_ROWS_CAP:
        frame = frame.sample(2 * dp.HALF_ROWS_CAP, random_state=dp.SPLIT_SEED).reset_index(drop=True)
    kinds, _ = referee_kinds(frame, left_out)
    train, holdout = split(frame, dp.SPLIT_SEED)
    real_train, real_holdout = model_form(train, kinds), model_form(holdout, kinds)
    rows = []
    for player, epsilon in PLAYERS:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            synthetic = dp.ours(train[list(kinds)], 0, epsilon)
        fake = model_form(synthetic, kinds)
        referee = judge(real_train, real_holdout, synthetic, kinds, 0)["dcr"]
        row = {"table": name, "rows": len(train), "player": player, "epsilon": epsilon, "referee": referee}
        rows.append(row | scores(real_train, real_holdout, fake, kinds))
        print(json.dumps(rows[-1]), flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| table | training rows | player | eps | referee (SDMetrics-matched) | own ranges (this bench) | common range |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        eps = "-" if r["epsilon"] is None else f"{r['epsilon']:g}"
        lines.append(
            f"| {r['table']} | {r['rows']} | {r['player']} | {eps} | {r['referee']:.2f} | {r['own_ranges']:.2f} | "
            f"{r['common_range']:.2f} |"
        )
    for player, epsilon in PLAYERS:
        mine = [r for r in rows if r["player"] == player and r["epsilon"] == epsilon]
        if mine:
            eps = "-" if epsilon is None else f"{epsilon:g}"
            means = [np.mean([r[k] for r in mine]) for k in ("referee", "own_ranges", "common_range")]
            lines.append(f"| **mean** | | {player} | {eps} | {means[0]:.3f} | {means[1]:.3f} | {means[2]:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dp_dcr_scale")
    parser.add_argument("--group", default="unseen5", choices=tuple(dp.GROUPS))
    parser.add_argument("--tables", default="", help="these tables instead of the group's (comma-separated)")
    parser.add_argument("--out", default="", help="also append the raw rows here (JSON lines)")
    parser.add_argument("--rows", default="", help="write the table from these earlier raw rows (comma-separated)")
    parser.add_argument("--head", default="", help="a file whose text goes above the table (how it was run)")
    parser.add_argument("--tail", default="", help="a file whose text goes below the table (what it shows)")
    args = parser.parse_args(argv)
    if args.rows:
        rows = [json.loads(line) for file in args.rows.split(",") for line in Path(file).read_text().splitlines()]
    else:
        names = args.tables.split(",") if args.tables else dp.GROUPS[args.group]
        rows = [row for name in names for row in run_table(name)]
    if args.out:
        with open(args.out, "a") as sink:
            sink.writelines(json.dumps(r) + "\n" for r in rows)
    text = "# DCR overfitting protection: each set's own ranges (SDMetrics) or one common range\n\n"
    text += (Path(args.head).read_text() + "\n") if args.head else ""
    text += table(rows) + (("\n" + Path(args.tail).read_text()) if args.tail else "")
    RESULTS.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
