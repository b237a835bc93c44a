"""Benchmark: does the common-share check (synth/column_verdicts.py) fire on real runs of the default generator?

Every table of bench/unseen_tables.py with a category or yes/no column, the default generator at seed 0 as the app
runs it (rows kept aside from 500 rows on, else half the real rows against the other half as the yardstick). For
each, the common-share findings alone and the fidelity verdict as a whole. A finding here is either a real fault
of the run or a false alarm: each is listed to be read. Run: python -m bench.common_shares.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from bench.unseen_tables import TABLES, load
from synth import schema
from synth.column_verdicts import _common_shares, yardstick_of
from synth.pipeline import RunConfig, generate
from synth.verdict import decide

RESULTS = Path(__file__).with_name("RESULTS-common-shares.md")


def measure() -> list[tuple]:
    rows = []
    for name in TABLES:
        try:
            table = load(name)
        except Exception:  # a table whose package is missing here
            continue
        if not any(k in ("category", "boolean") for k in schema.detect_kinds(table).values()):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = generate(table, RunConfig(seed=0))
        evaluation = result.evaluation
        reference, yardstick = yardstick_of(evaluation)
        found = [
            finding
            for column, figures in evaluation.columns.items()
            for finding in _common_shares(
                column, figures, (reference.columns if reference else {}).get(column), yardstick
            )
        ]
        verdict = decide(evaluation, result.record).fidelity
        rows.append((name, len(table), "holdout" if evaluation.reference else "halves", verdict, found))
        print(name, verdict, [f.reason for f in found], flush=True)
    return rows


def report(rows: list[tuple]) -> str:
    fired = [r for r in rows if r[4]]
    lines = [
        "# Common category shares: does the check fire on real runs?",
        "",
        f"Made by `python -m bench.common_shares`: {len(rows)} tables of `bench/unseen_tables.py` with a category or "
        f"yes/no column, the default generator at seed 0. The check fired on {len(fired)}.",
        "",
        "| table | rows | yardstick | fidelity verdict | common-share findings |",
        "|---|---|---|---|---|",
    ]
    for name, size, yardstick, verdict, found in rows:
        said = "; ".join(f"{f.grade}: {f.reason}" for f in found) or "none"
        lines.append(f"| {name} | {size:,} | {yardstick} | {verdict} | {said} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    RESULTS.write_text(report(measure()), encoding="utf-8")
    print(f"wrote {RESULTS}")
