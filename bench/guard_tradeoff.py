"""Benchmark: the near-copy guard's strength (distance_from_real) against quality and DCR, ten seeds per table.

Run: python -m bench.guard_tradeoff (the development group of bench/unseen_tables.py, distances 0, 1, 2; writes
bench/RESULTS-guard-tradeoff.md), or --distances 0,0.5,1,1.5,2 --tables a,b --out FILE. Each distance runs the
default pipeline (bench.unseen.ours) with that option on the same ten seeded 50/50 splits; the referee is
bench/unseen_referee.py (SDMetrics' quality and DCROverfittingProtection). Means by table size, since on tables of
a few dozen rows any model mirrors its training rows and DCR stays low whatever the guard does.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import time
import warnings
from pathlib import Path

import numpy as np

from bench import unseen_report, unseen_tables
from bench.unseen import ours
from bench.unseen_seeds import SEEDS, interval, run_table

RESULTS = Path(__file__).with_name("RESULTS-guard-tradeoff.md")
BANDS = {"all": (0, math.inf), "under 100 rows": (0, 100), "100-199 rows": (100, 200), "200+ rows": (200, math.inf)}


def measure(names: list[str], distances: list[float], seeds: tuple[int, ...]) -> dict[float, list[dict]]:
    """For each distance, each table's per-seed figures (bench.unseen_seeds.run_table with ours alone)."""
    found = {}
    for distance in distances:
        player = {"ours": lambda train, seed, d=distance: ours(train, seed, {"distance_from_real": d})}
        found[distance] = []
        for name in names:
            found[distance].append(run_table(name, seeds, player))
            figures = found[distance][-1]["seeds"]
            print(f"distance {distance}: {name} quality {np.nanmean([s['ours']['quality'] for s in figures]):.3f}")
    return found


def _table_mean(row: dict, key: str) -> float:
    return float(np.nanmean([s["ours"][key] if "ours" in s else math.nan for s in row["seeds"]]))


def markdown(found: dict[float, list[dict]], command: str, seeds, wall_s: float, load) -> str:
    distances = list(found)
    lines = [
        "# The near-copy guard: strength vs quality vs DCR",
        "",
        f"Made by `{command}` on {time.strftime('%Y-%m-%d')} at commit {unseen_report._commit()}; "
        f"{len(seeds)} seeded 50/50 splits per table (the same for every distance); {wall_s / 60:.1f} minutes on 2 "
        f"shared cores (load average {load[0]:.1f} before, {load[1]:.1f} after). distance_from_real: a made row may "
        "not sit closer to a real row than that row's nearest real neighbour times this (0: off; 1: the default). "
        "Quality: SDMetrics QualityReport on the learnable columns; DCR: DCROverfittingProtection (target >= 0.9). "
        "Each cell: the mean over the tables of each table's mean over the seeds; the interval in the all-tables "
        "row is over the tables (95% t).",
        "",
        "| tables | count | " + " | ".join(f"quality at {d:g} | DCR at {d:g}" for d in distances) + " |",
        "|---" * (2 + 2 * len(distances)) + "|",
    ]
    rows = found[distances[0]]
    for band, (low, high) in BANDS.items():
        members = [i for i, r in enumerate(rows) if low <= r["rows"] < high]
        if not members:
            continue
        cells = [band, str(len(members))]
        for d in distances:
            for key in ("quality", "dcr"):
                values = [_table_mean(found[d][i], key) for i in members]
                mean, lo, hi = interval(values)
                cells.append(f"{mean:.3f}" + (f" [{lo:.3f}, {hi:.3f}]" if band == "all" and not math.isnan(lo) else ""))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "## Per table", ""]
    lines.append("| table | rows | " + " | ".join(f"quality at {d:g} | DCR at {d:g}" for d in distances) + " |")
    lines.append("|---" * (2 + 2 * len(distances)) + "|")
    for i, row in enumerate(rows):
        cells = [row["table"], f"{row['rows']:,}"]
        cells += [f"{_table_mean(found[d][i], key):.3f}" for d in distances for key in ("quality", "dcr")]
        lines.append("| " + " | ".join(cells) + " |")
    failures = [f"{r['table']} at {d:g}: {f}" for d, rs in found.items() for r in rs for f in r["failures"]]
    if failures:
        lines += ["", "Failures: " + "; ".join(failures)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.guard_tradeoff", description=__doc__.splitlines()[0])
    parser.add_argument("--tables", help="comma-separated table names (default: the development group)")
    parser.add_argument("--distances", default="0,1,2")
    parser.add_argument("--seeds", type=int, default=len(SEEDS))
    parser.add_argument("--out", type=Path, help="write here (the default run writes bench/RESULTS-guard-tradeoff.md)")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.tables.split(",")] if args.tables else list(unseen_tables.DEVELOPMENT)
    distances = [float(d) for d in args.distances.split(",")]
    seeds = tuple(range(args.seeds))
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    started, load_before = time.perf_counter(), unseen_report.load_average()
    found = measure(names, distances, seeds)
    command = " ".join(["python -m bench.guard_tradeoff", *(argv if argv is not None else sys.argv[1:])])
    text = markdown(found, command, seeds, time.perf_counter() - started, (load_before, unseen_report.load_average()))
    out = args.out or (RESULTS if not args.tables else None)
    return unseen_report.publish(text, out)


if __name__ == "__main__":
    sys.exit(main())
