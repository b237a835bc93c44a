"""A session's last few runs: one summary per run from its metrics, listed, and any two set side by side."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from synth.judging import cut
from synth.score_lines import two_places
from synth.verdict import WORDS

BEING_MEASURED = "Still being measured"
NOT_MEASURED = "Not measured"  # its last figures failed or were stopped: the verdict was never made final
KEEP_RUNS = 5  # runs a session keeps (each holds its downloads: the synthetic table and the report)
SETTING_WORDS = {
    "rows": "Rows",
    "seed": "Seed",
    "personal_data": "Personal data",
    "locale": "Language of the fakes",
    "where": "Only rows with",
    "rebalance": "Rebalance",
    "rules": "Rules",
}
CHOSEN = ("rows", "seed", "personal_data", "locale", "where", "rebalance", "rules")  # besides the options


@dataclass(frozen=True)
class RunSummary:
    """What a person needs to tell runs apart and weigh them: table, generator, settings, verdicts, headline scores."""

    number: int
    table: str
    generator: str
    settings: str
    fidelity: str
    privacy: str
    figures: dict[str, float]
    seconds: float
    made: str


def summarise(number: int, metrics: bytes | dict[str, Any], made: str) -> RunSummary:
    """One run's summary from its metrics JSON (the file Download offers, so every run reads the same)."""
    figures = json.loads(metrics) if isinstance(metrics, bytes | str) else metrics
    record, quality, privacy = figures.get("record", {}), figures.get("quality", {}), figures.get("privacy", {})
    chosen = {k: record[k] for k in CHOSEN if record.get(k) not in (None, {}, [])}
    headline = {
        "Overall quality": quality.get("overall"),
        "Column shapes": quality.get("column_shapes"),
        "Column pair trends": quality.get("column_pair_trends"),
        "Exact copies of real rows": privacy.get("exact_copy_rate"),
        "Identifier values reused": privacy.get("identifier_reuse"),
    }
    timings = figures.get("timings", {})
    options = _options_in_words(figures.get("generator"), record.get("options", {}))
    return RunSummary(
        number=number,
        table=record.get("table") or "Your table",
        generator=record.get("generator_label") or figures.get("generator", "?"),
        settings=", ".join(
            [f"{label}: {_short(value)}" for label, value in options]
            + [f"{SETTING_WORDS.get(key, key)}: {_short(value)}" for key, value in chosen.items()]
        ),
        fidelity=_verdict_words(figures.get("verdict", {}), "fidelity"),
        privacy=_verdict_words(figures.get("verdict", {}), "privacy"),
        figures={name: float(value) for name, value in headline.items() if isinstance(value, int | float)},
        seconds=sum(timings.get(k, 0.0) for k in ("fit_s", "sample_s", "evaluate_s")),
        made=made,
    )


def _options_in_words(generator: str | None, options: dict[str, Any]) -> list[tuple[str, str]]:
    """The generator's options as its widgets name them, each value in words (0 rows behind each value: automatic)."""
    from synth.generators import GENERATORS

    spec = GENERATORS.get(generator) if generator else None
    return spec.options_in_words(options) if spec else list(options.items())


def _verdict_words(verdict: dict, section: str) -> str:
    """The verdict as the pages say it; a section whose figures are still being measured says so, not a grade."""
    if section in verdict.get("pending", ()):
        return BEING_MEASURED
    return WORDS.get(verdict.get(section), "?")


def settled(summary: RunSummary) -> RunSummary:
    """The summary of a run whose last figures are no longer being measured (the measurement failed, was cancelled,
    or a newer run replaced it): 'Still being measured' would never change, so it says 'Not measured'."""
    words = {BEING_MEASURED: NOT_MEASURED}
    return replace(
        summary,
        fidelity=words.get(summary.fidelity, summary.fidelity),
        privacy=words.get(summary.privacy, summary.privacy),
    )


def not_measured(summary: RunSummary) -> bool:
    return NOT_MEASURED in (summary.fidelity, summary.privacy)


def _short(value: Any) -> str:
    """A setting in words, cut at 40 characters: fixed values as column = value, shares as percentages, lists
    one after the other (the listing read {"religious": {"Fairly": 0.1, ...}})."""
    text = _in_words(value)
    return cut(text)


def _in_words(value: Any) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {', '.join(f'{v} {s:.0%}' for v, s in inner.items())}"
            if isinstance(inner, dict)
            else f"{key} = {inner}"
            for key, inner in value.items()
        )
    if isinstance(value, list | tuple):
        return "; ".join(map(_in_words, value))
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def remember(runs: list, run, keep: int = KEEP_RUNS) -> list:
    """The runs with this one added, the oldest dropped beyond `keep`."""
    return [*runs, run][-keep:]


def listing(summaries: list[RunSummary]) -> pd.DataFrame:
    """One row per run, newest first."""
    rows = [
        {
            "Run": f"Run {s.number}",
            "Made at": s.made,
            "Table": s.table,
            "Generator": s.generator,
            "Fidelity": s.fidelity,
            "Privacy": s.privacy,
            "Overall quality": two_places(s.figures.get("Overall quality")),
            "Time (s)": round(s.seconds, 1),
            "Settings": s.settings,
        }
        for s in reversed(summaries)
    ]
    return pd.DataFrame(rows)


def side_by_side(first: RunSummary, second: RunSummary) -> pd.DataFrame:
    """Two runs' verdicts, headline figures and settings in two columns, one row per item."""
    items = ["Table", "Generator", "Fidelity", "Privacy", *dict.fromkeys([*first.figures, *second.figures])]
    items += ["Time (s)", "Settings"]

    def column(s: RunSummary) -> list[str]:
        plain = {
            "Table": s.table,
            "Generator": s.generator,
            "Fidelity": s.fidelity,
            "Privacy": s.privacy,
            "Time (s)": f"{s.seconds:.1f}",
            "Settings": s.settings,
        }
        return [plain[i] if i in plain else (f"{s.figures[i]:.2f}" if i in s.figures else "–") for i in items]

    return pd.DataFrame(
        {
            "": items,
            f"Run {first.number} ({first.made})": column(first),
            f"Run {second.number} ({second.made})": column(second),
        }
    )
