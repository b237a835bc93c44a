"""Benchmark: how far is the default generator's DCR overfitting protection from what real unseen rows score?

Run: python -m bench.dcr_ceiling (the development group of bench/unseen_tables.py, 5 seeds; writes
bench/RESULTS-dcr-ceiling.md), python -m bench.dcr_ceiling --group held-out,fresh (once, at the end; writes
bench/RESULTS-dcr-ceiling-final.md), --group fresh3 (once, by the lead; writes bench/RESULTS-dcr-ceiling-fresh3.md),
or for iterating --tables a,b --players ours,real --reuse rows.jsonl --out FILE.
The results pages end with a reading written by hand.
Each seed splits the table three ways (bench/dp_dcr.py's three_way: A training, B holdout, C real unseen rows, a
third each, after bench/unseen.py's cap and CSV round trip). Every player is judged against (A, B) by
synth.evaluate.dcr_overfitting (SDMetrics-matched, bench/dp_dcr.py's figures): ours (the default pipeline, trained
on A), stock SDV GaussianCopula (trained on A), and the real rows of C themselves: the ceiling, what a generator that
draws fresh rows from the population itself would score. The metric is min(1, 2 x (1 - share strictly closer to
A)); the uncapped share is reported too, since the cap is what keeps the ceiling's mean below 1 on small tables.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from bench import unseen_report, unseen_tables
from bench.dp_dcr import figures, three_way
from bench.unseen import ours, real_table, stock, time_limit
from bench.unseen_referee import referee_kinds
from bench.unseen_seeds import interval

SEEDS = tuple(range(5))
RUN_LIMIT_S = 300
PLAYERS = {"ours": "ours on A", "stock": "GaussianCopula on A", "real": "real C (ceiling)"}
BANDS = {"under 100": (0, 100), "100-199": (100, 200), "200+": (200, math.inf)}
HERE = Path(__file__).parent


def make(player: str, train: pd.DataFrame, unseen: pd.DataFrame, kinds: dict, seed: int) -> pd.DataFrame:
    if player == "ours":
        return ours(train, seed)[0]
    if player == "stock":
        return stock(train[list(kinds)], seed)[0]
    return unseen


def run_table(name: str, seeds: tuple[int, ...], players: list[str]) -> list[dict]:
    """One row per seed and player: the DCR figures of bench/dp_dcr.py, or the failure's reason."""
    _, real = real_table(name)
    kinds, _ = referee_kinds(real, unseen_tables.TABLES[name][3])
    rows = []
    for seed in seeds:
        a, b, c = three_way(real, seed)
        for player in players:
            row = {"table": name, "seed": seed, "training_rows": len(a), "player": player}
            try:
                with time_limit(RUN_LIMIT_S), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    row.update(figures(a, b, make(player, a, c, kinds, seed), kinds, seed))
            except Exception as error:  # noqa: BLE001 - reported, the bench goes on
                row["failure"] = f"{type(error).__name__}: {str(error)[:120]}"
            rows.append(row)
    return rows


def band_of(training_rows: int) -> str:
    return next(band for band, (low, high) in BANDS.items() if low <= training_rows < high)


def per_table(rows: list[dict]) -> pd.DataFrame:
    """Each table's mean over the seeds that worked, per player: dcr and closer_a (one column each, player-prefixed)."""
    frame = pd.DataFrame([r for r in rows if "failure" not in r])
    wide = frame.pivot_table(index="table", columns="player", values=["dcr", "closer_a"], aggfunc="mean")
    wide.columns = [f"{player} {key}" for key, player in wide.columns]
    sizes = frame.groupby("table")["training_rows"].first()
    wide.insert(0, "training_rows", sizes)
    order = list(dict.fromkeys(r["table"] for r in rows))
    return wide.reindex([t for t in order if t in wide.index])


def _cell(values: pd.Series, with_interval: bool = False, sign: str = "") -> str:
    mean, low, high = interval(values.dropna())
    if math.isnan(mean):
        return "-"
    text = f"{mean:{sign}.3f}"
    return text + (f" [{low:{sign}.3f}, {high:{sign}.3f}]" if with_interval and not math.isnan(low) else "")


def summary_lines(table: pd.DataFrame, players: list[str]) -> list[str]:
    """Means over the tables of each table's seed mean, by training-size band; ours minus the ceiling paired by table."""
    have = [p for p in players if f"{p} dcr" in table]
    paired = "ours dcr" in table and "real dcr" in table
    head = ["training rows (A)", "tables"] + [f"DCR {PLAYERS[p]}" for p in have]
    head += ["ours - ceiling"] * paired + [f"closer to A: {PLAYERS[p]}" for p in have]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    bands = {"all": table} | {b: table[table.training_rows.map(band_of) == b] for b in BANDS}
    for band, part in bands.items():
        if part.empty:
            continue
        whole = band == "all"
        cells = [band, str(len(part))] + [_cell(part[f"{p} dcr"], whole) for p in have]
        cells += [_cell(part["ours dcr"] - part["real dcr"], whole, "+")] if paired else []
        cells += [_cell(part[f"{p} closer_a"]) for p in have]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def table_lines(table: pd.DataFrame, rows: list[dict], players: list[str]) -> list[str]:
    have = [p for p in players if f"{p} dcr" in table]
    paired = "ours dcr" in table and "real dcr" in table
    head = ["table", "training rows (A)"] + [f"DCR {PLAYERS[p]}" for p in have] + ["ours - ceiling"] * paired
    head += [f"closer to A: {PLAYERS[p]}" for p in have]
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    spread = pd.DataFrame([r for r in rows if "failure" not in r]).groupby(["table", "player"])["dcr"]
    low, high = spread.min(), spread.max()
    for name, row in table.iterrows():
        cells = [name, f"{int(row.training_rows):,}"]
        for p in have:
            done = (name, p) in low.index
            cells.append(f"{row[f'{p} dcr']:.3f} ({low[name, p]:.2f}-{high[name, p]:.2f})" if done else "failed")
        cells += [_signed(row["ours dcr"] - row["real dcr"])] if paired else []
        cells += ["-" if math.isnan(row[f"{p} closer_a"]) else f"{row[f'{p} closer_a']:.1%}" for p in have]
        lines.append("| " + " | ".join(cells) + " |")
    failures = [f"{r['table']} seed {r['seed']} {r['player']}: {r['failure']}" for r in rows if "failure" in r]
    return lines + ([""] + ["Failures: " + "; ".join(failures)] if failures else [])


def _signed(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:+.3f}"


def markdown(groups: dict[str, list[dict]], players: list[str], command: str, seeds, wall_s: float | None, load) -> str:
    timing = "rows read from an earlier run's --jsonl (its time and load are not in the rows)"
    if wall_s is not None:
        timing = f"{wall_s / 60:.1f} minutes on 2 shared cores (load average {load[0]:.1f} before, {load[1]:.1f} after)"
    lines = [
        "# DCR overfitting protection against its ceiling: real unseen rows",
        "",
        f"Made by `{command}` on {time.strftime('%Y-%m-%d')} at commit {unseen_report._commit()}; seeds "
        f"{', '.join(map(str, seeds))}; {timing}. Each seed splits the table three ways (A training, B holdout, C real "
        "unseen rows, a third each; tables over 10,000 rows sampled to 10,000 first, as bench/unseen.py does). "
        "Every player is judged against (A, B) by `synth.evaluate.dcr_overfitting` (SDMetrics' "
        "DCROverfittingProtection, min(1, 2 x (1 - share of rows strictly closer to A than to B)); target >= 0.9). "
        "Ours: the default pipeline trained on A; stock: SDV GaussianCopula, default settings, trained on A; "
        "real C: the real rows of C scored as if synthetic, the ceiling any generator can hope for. Cells: the "
        "mean over the tables of each table's mean over the seeds; in the all-tables row, a 95% t interval over "
        "the tables. 'closer to A': the uncapped share of rows strictly closer to A (real C: about 50% by "
        "symmetry; the cap at 1 is why its DCR mean stays below 1 when that share scatters on small tables).",
        "",
    ]
    for group, rows in groups.items():
        if not rows:
            continue
        table = per_table(rows)
        lines += [f"## Summary: {group} ({len(table)} tables)", "", *summary_lines(table, players), ""]
    for group, rows in groups.items():
        if rows:
            table = per_table(rows)
            lines += [f"## Per table: {group} (mean over seeds, lowest-highest)", ""]
            lines += [*table_lines(table, rows, players), ""]
    return "\n".join(lines)


def _page(groups: list[str]) -> str:
    """A whole-group run's page: the development group's, the held-out and fresh groups' final one (their one run),
    or one of its own for each group added later (fresh2, fresh3), so that its one run overwrites no other page."""
    if groups == ["development"]:
        return "RESULTS-dcr-ceiling.md"
    if set(groups) <= {"held-out", "fresh"}:
        return "RESULTS-dcr-ceiling-final.md"
    return f"RESULTS-dcr-ceiling-{'-'.join(groups)}.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dcr_ceiling", description=__doc__.splitlines()[0])
    known = ", ".join(unseen_tables.GROUPS)
    parser.add_argument("--group", default="development", help=f"comma-separated, of: {known}")
    parser.add_argument("--tables", help="comma-separated table names instead of whole groups")
    parser.add_argument("--players", default=",".join(PLAYERS), help="any of ours, stock, real")
    parser.add_argument("--seeds", type=int, default=len(SEEDS))
    parser.add_argument("--reuse", type=Path, help="an earlier run's --jsonl: rows of players not run now are kept")
    parser.add_argument("--jsonl", type=Path, help="write every row here")
    parser.add_argument("--from-jsonl", type=Path, help="run nothing: write the page from an earlier run's --jsonl")
    parser.add_argument("--out", type=Path, help="write the page here (whole-group runs write bench/RESULTS-dcr-*)")
    args = parser.parse_args(argv)
    wanted = [g.strip() for g in args.group.split(",")]
    players = [p.strip() for p in args.players.split(",")]
    if unknown := [g for g in wanted if g not in unseen_tables.GROUPS] + [p for p in players if p not in PLAYERS]:
        raise SystemExit(f"Unknown group or player: {', '.join(unknown)}")
    names = {g: list(unseen_tables.GROUPS[g]) for g in wanted}
    if args.tables:
        chosen = [n.strip() for n in args.tables.split(",")]
        names = {g: [n for n in chosen if n in unseen_tables.GROUPS[g]] for g in unseen_tables.GROUPS}
    seeds = tuple(range(args.seeds))
    source = args.from_jsonl or args.reuse
    earlier = [json.loads(line) for line in source.read_text().splitlines()] if source else []
    if args.from_jsonl:
        names, players = {g: [] for g in wanted}, []
    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    started, load_before = time.perf_counter(), unseen_report.load_average()
    groups = {}
    for group, members in names.items():
        groups[group] = []
        for name in members:
            found = run_table(name, seeds, players)
            kept = [r for r in earlier if r["table"] == name and r["player"] not in players and r["seed"] in seeds]
            groups[group] += kept + found
            for row in found:
                print(json.dumps(row), flush=True)
    if args.from_jsonl:
        groups = {g: [r for r in earlier if r["table"] in unseen_tables.GROUPS[g]] for g in wanted}
        seeds = tuple(sorted({r["seed"] for r in earlier}))
    rows = [r for group in groups.values() for r in group]
    if args.jsonl:
        args.jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
    shown = [p for p in PLAYERS if p in players or any(r["player"] == p for r in rows)]
    command = " ".join(["python -m bench.dcr_ceiling", *(argv if argv is not None else sys.argv[1:])])
    load = (load_before, unseen_report.load_average())
    wall_s = None if args.from_jsonl else time.perf_counter() - started
    text = markdown(groups, shown, command, seeds, wall_s, load)
    out = args.out
    if out is None and not args.tables and seeds == SEEDS:
        out = HERE / _page(wanted)
    return unseen_report.publish(text, out)


if __name__ == "__main__":
    sys.exit(main())
