"""Benchmark summary: where issue 15's targets hold, by the size of the table learned from.

Run: python -m bench.dp_by_size --ours FILES --others FILES (comma-separated; writes bench/RESULTS-dp-by-size.md, or
--results, and prints it). The files are bench/dp.py's rows (one JSON object per run): ours are taken only from --ours (one run of
the code being judged), every other player (default generator, raw MST and AIM) only from --others. Each run counts
once per table, player, epsilon and seed. Buckets by training rows: under
150, 150 to 499, 500 and more. Figures: mean quality (SDMetrics-matched), the epsilon-10 gap to the default
generator on the same tables (default minus ours), mean DCR overfitting protection, and the share of runs that
copied more training rows than holdout rows (exact copies beyond natural duplicates).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean

RESULTS = Path(__file__).with_name("RESULTS-dp-by-size.md")
BUCKETS = ("under 150", "150 to 499", "500 and more")
EPSILONS = (1.0, 3.0, 10.0)


def bucket(rows: int) -> str:
    return BUCKETS[0] if rows < 150 else BUCKETS[1] if rows < 500 else BUCKETS[2]


def read(files: list[str], players: set[str] | None = None, but: set[str] = frozenset()) -> dict[tuple, dict]:
    """Each run once: (table, player, epsilon, seed) -> its row, for the players named (all but `but` without)."""
    runs = {}
    for file in files:
        for line in Path(file).read_text().splitlines():
            row = json.loads(line)
            if "table" in row and (players is None or row["player"] in players) and row["player"] not in but:
                runs[(row["table"], row["player"], row.get("epsilon"), row.get("seed", 0))] = row
    return runs


def _mean(values: list[float]) -> str:
    return f"{mean(values):.3f}" if values else "-"


def summary(runs: dict[tuple, dict]) -> str:
    done = [r for r in runs.values() if "failed" not in r and r.get("quality") is not None]
    size = {r["table"]: r["rows"] for r in runs.values()}
    tables = defaultdict(set)
    for table, rows in size.items():
        tables[bucket(rows)].add(table)
    by = defaultdict(list)
    for r in done:
        by[(r["player"], r.get("epsilon"), bucket(r["rows"]))].append(r)
    lines = [
        "| training rows | tables | player | eps | runs | mean quality | mean DCR | runs copying more training than "
        "holdout rows |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for part in BUCKETS:
        for player in ("ours", "ours-public", "default", "mst", "aim"):
            for epsilon in [None] if player == "default" else EPSILONS:
                found = by.get((player, epsilon, part), [])
                if not found:
                    continue
                more = sum(r["copies_of_training"] > r["copies_of_holdout"] for r in found)
                lines.append(
                    f"| {part} | {len(tables[part])} | {player} | {'-' if epsilon is None else f'{epsilon:g}'} | "
                    f"{len(found)} | {_mean([r['quality'] for r in found])} | "
                    f"{_mean([r['dcr'] for r in found if r.get('dcr') is not None])} | {more} |"
                )
    lines += ["", "| training rows | tables with both | default | ours at eps 10 | gap (default minus ours) |"]
    lines += ["|---|---|---|---|---|"]
    for part in (*BUCKETS, "all"):
        ours, default = defaultdict(list), defaultdict(list)
        for r in done:
            if part != "all" and bucket(r["rows"]) != part:
                continue
            if r["player"] == "ours" and r.get("epsilon") == 10.0:
                ours[r["table"]].append(r["quality"])
            elif r["player"] == "default":
                default[r["table"]].append(r["quality"])
        both = sorted(set(ours) & set(default))
        if both:
            a, b = mean(mean(default[t]) for t in both), mean(mean(ours[t]) for t in both)
            lines.append(f"| {part} | {len(both)} | {a:.3f} | {b:.3f} | {a - b:+.3f} |")
    lines += ["", *against_raw(done)]
    if any(r["player"] == "ours-public" for r in done):
        lines += ["", "With the category lists stated public (what raw smartnoise reads for free):", ""]
        lines += against_raw(done, "ours-public")
    return "\n".join(lines) + "\n"


def against_raw(done: list[dict], player: str = "ours") -> list[str]:
    """Ours (or `player`: ours with the lists public) beside raw smartnoise wherever raw ran, table by table: at least
    as good (yes), within 0.02 (one seed's spread, about), or no; counted by the size of the table."""
    ours = defaultdict(list)
    for r in done:
        if r["player"] == player:
            ours[(r["table"], r["epsilon"])].append(r["quality"])
    counts = defaultdict(lambda: defaultdict(int))
    rows = []
    for r in sorted(done, key=lambda r: (r["rows"], r["table"], r["player"], r.get("epsilon") or 0)):
        mine = ours.get((r["table"], r.get("epsilon")))
        if r["player"] not in ("mst", "aim") or not mine:
            continue
        gap = mean(mine) - r["quality"]
        said = "yes" if gap >= 0 else "within 0.02" if gap >= -0.02 else "no"
        counts[bucket(r["rows"])][said] += 1
        rows.append(
            f"| {r['table']} | {r['rows']} | {r['epsilon']:g} | {r['player']} | {r['quality']:.2f} | "
            f"{mean(mine):.2f} | {said} |"
        )
    head = [
        f"| table | training rows | eps | raw | raw quality | {player} | at least as good? |",
        "|---|---|---|---|---|---|---|",
    ]
    total = ["", "| training rows | yes | within 0.02 | no |", "|---|---|---|---|"]
    total += [f"| {b} | {counts[b]['yes']} | {counts[b]['within 0.02']} | {counts[b]['no']} |" for b in BUCKETS]
    return head + rows + total


def before_after(before: dict[tuple, dict], after: dict[tuple, dict]) -> list[str]:
    """Ours before and after a change, on the runs both have, by size and epsilon: mean quality, mean DCR, and the
    runs copying more training rows than holdout rows."""
    both = [k for k in after if k in before and "failed" not in after[k] and "failed" not in before[k]]
    lines = [
        "| training rows | eps | runs | quality before | after | DCR before | after | copying runs before | after |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for part in BUCKETS:
        for epsilon in EPSILONS:
            keys = [k for k in both if k[2] == epsilon and bucket(after[k]["rows"]) == part]
            if not keys:
                continue
            b, a = [before[k] for k in keys], [after[k] for k in keys]
            more = [sum(r["copies_of_training"] > r["copies_of_holdout"] for r in rows) for rows in (b, a)]
            lines.append(
                f"| {part} | {epsilon:g} | {len(keys)} | {_mean([r['quality'] for r in b])} | "
                f"{_mean([r['quality'] for r in a])} | {_mean([r['dcr'] for r in b])} | {_mean([r['dcr'] for r in a])} "
                f"| {more[0]} | {more[1]} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dp_by_size")
    parser.add_argument("--ours", required=True, help="files whose 'ours' rows are judged (comma-separated)")
    parser.add_argument("--others", required=True, help="files of the default generator and raw smartnoise")
    parser.add_argument("--head", default="", help="a file whose text goes above the tables (how they were run)")
    parser.add_argument("--before", default="", help="ours with the code before a change (files, comma-separated)")
    parser.add_argument("--tail", default="", help="a file whose text goes below the tables (what they show)")
    parser.add_argument("--title", default="dp_marginals by the size of the table learned from (issue 15's targets)")
    parser.add_argument("--results", default=str(RESULTS), help="the file written (bench/RESULTS-dp-by-size.md)")
    args = parser.parse_args(argv)
    ours = read(args.ours.split(","), players={"ours", "ours-public"})
    runs = ours | read(args.others.split(","), but={"ours", "ours-public"})
    text = f"# {args.title}\n\n"
    text += (Path(args.head).read_text() + "\n") if args.head else ""
    text += summary(runs)
    if args.before:
        text += "\n## Ours before and after the change\n\n"
        text += "\n".join(before_after(read(args.before.split(","), players={"ours"}), ours)) + "\n"
    text += ("\n" + Path(args.tail).read_text()) if args.tail else ""
    Path(args.results).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
