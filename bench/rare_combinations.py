"""Rare combinations beside chance: on real tables, the default generator's share against a fresh sample's.

Writes bench/RESULTS-rare-combinations.md. For each table of bench/tables.py (and plotly's election, the table
of the walk that found the contradiction), the default generator learns the table (seed 0) and the rare-combination
figure is read three ways: the card's light before this change (amber whenever one reappears), its light now
(amber only beyond a fresh real sample of as many rows), and the privacy verdict. Where the table keeps real rows
aside, the same figure for those unseen rows standing in for synthetic ones is shown as a check on the expectation.
"""

from __future__ import annotations

import platform
from datetime import datetime
from pathlib import Path

import pandas as pd

from bench.processes import load_average
from bench.tables import TABLES, load
from synth.evaluate.rare_combinations import RareCombinations, rare_combination_copies
from synth.pipeline import RunConfig, generate
from synth.verdict import WORDS, decide

OUT = Path(__file__).with_name("RESULTS-rare-combinations.md")
SKIPPED = ("randhie",)  # over 10,000 rows: minutes of training on a shared machine, for no different figure


def _tables() -> dict[str, pd.DataFrame]:
    import plotly.data

    found = {name: load(name) for name in TABLES if name not in SKIPPED}
    return {"election": plotly.data.election(), **found}


def _row(name: str, frame: pd.DataFrame) -> str:
    result = generate(frame, RunConfig(table_name=f"{name}.csv", seed=0))
    rare = result.evaluation.results.get(RareCombinations.name)
    verdict = decide(result.evaluation, result.record)
    said = WORDS[verdict.privacy] + ("" if verdict.privacy == "good" else f": {verdict.privacy_reasons[0]}")
    if rare is None or not rare.rare_combinations:
        return f"| {name} | {len(frame):,} | 0 | - | - | - | - | - | {said} |"
    before = "green" if rare.rare_combination_share == 0 else "amber"
    now = {"good": "green", "fair": "amber"}[RareCombinations.grade(rare)]
    unseen = "-"
    if result.holdout_model is not None:
        fresh = rare_combination_copies(result.training_model, result.holdout_model, result.kinds, rare.columns)
        unseen = f"{fresh.rare_combination_share:.0%} of {len(result.holdout_model):,} rows (expected {fresh.rare_combination_fresh_share:.0%})"
    return (
        f"| {name} | {len(frame):,} | {rare.rare_combinations:,} | {rare.rare_combination_share:.0%} | "
        f"{rare.rare_combination_fresh_share:.0%} | {unseen} | {before} | {now} | {said} |"
    )


def main() -> None:
    started = datetime.now()
    rows = [_row(name, frame) for name, frame in _tables().items()]
    text = [
        "# Rare combinations beside chance",
        "",
        f"Run {started:%Y-%m-%d %H:%M} on {platform.node()}, `python -m bench.rare_combinations` (load average "
        f"{load_average():.1f}; no timings here). Default generator, seed 0, every table of `bench/tables.py` but "
        f"{', '.join(SKIPPED)}, and plotly's election. Rare: a combination of the category columns seen fewer than 5 "
        "times in the learned rows. Fresh sample: the share a fresh real sample as large as the synthetic table holds "
        "on average (1 - (1 - p)^m per combination, p its Good-Turing frequency). Unseen rows: the real rows kept aside (500 rows or more) read "
        "as if synthetic, with the expectation for their number. Light before: amber whenever one reappears; now: "
        "amber beyond the fresh sample's share by 5 points or 3 standard deviations.",
        "",
        "| table | rows | rare | reproduced | fresh sample | unseen rows | light before | light now | privacy verdict (first reason unless good) |",
        "|:--|--:|--:|--:|--:|:--|:--|:--|:--|",
        *rows,
        "",
    ]
    OUT.write_text("\n".join(text))
    print("\n".join(text))


if __name__ == "__main__":
    main()
