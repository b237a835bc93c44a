"""The one rule that turns figures into a verdict (good / check / poor) for fidelity, privacy and each column.

Every drift is a distance from the real data (0 = like it), judged against what a fresh real sample shows (the
holdout's same figure): within max(floor, twice the reference) it is good, beyond it "check", beyond twice that
"poor". Without a holdout (tables under 500 rows) the tails, mean shift and spread are judged against what chance
gives two samples of these sizes, and shapes, links and overall quality against one half of the real rows scored on
the other (a column of many rare values scores low even between two real samples), never below fixed floors. The
floors come
from the metrics' declared thresholds. The app, the report and the CLI all read the verdict from here.
"""

from __future__ import annotations

import math

from synth.column_verdicts import column_figures, column_verdicts, table_fidelity, worst_first
from synth.evaluate import Evaluation
from synth.evaluate.exact_copies import ExactCopies
from synth.judging import CHECK, GOOD, POOR, SEVERITY, WORDS, ColumnVerdict, Finding, Verdict, beside_fresh, worst_of
from synth.pending_figures import PENDING_WORDS, awaited, not_final, unmeasured, unmeasured_line
from synth.privacy_findings import ATTACK_WORDS, attack_findings, copy_finding, privacy_findings

__all__ = [  # the verdict's public names, wherever they now live (the rule is split by responsibility)
    "ATTACK_WORDS",
    "CHECK",
    "GOOD",
    "PENDING_WORDS",
    "POOR",
    "SEVERITY",
    "WORDS",
    "ColumnVerdict",
    "Finding",
    "Verdict",
    "attack_findings",
    "awaited",
    "column_figures",
    "column_verdicts",
    "copy_finding",
    "decide",
    "protection_strength",
    "unmeasured_line",
    "worst_first",
]


def _subject(record: dict | None) -> str:
    record = record or {}
    table = record.get("table") or "this table"
    rows = record.get("rows")
    generator = record.get("generator_label") or record.get("generator")  # as the pages name it
    made = "made elsewhere" if record.get("generator") in (None, "external") else f"by {generator}"
    return f"{table} ({rows:,} synthetic rows {made})" if rows is not None else f"{table} ({made})"


YARDSTICKS = {True: "a fresh real sample", False: "one half of the real rows against the other"}


def _privacy_good(evaluation: Evaluation) -> str:
    """Why privacy is good, in the terms of the Privacy tab's cards: each figure is judged beside a fresh real
    sample, so this never says that nothing reappears while a card shows rare combinations reappearing by chance."""
    copies = evaluation.results.get(ExactCopies.name)
    copied = (
        "No real rows are copied" if copies is None or not copies.exact_copy_rate else "Copies of real rows stay low"
    )
    yardstick = "in a fresh real sample" if evaluation.reference else "chance explains"  # no holdout: none measured
    return f"{copied}, and no identifier, rare value or rare combination reappears more often than {yardstick}."


# How strong a stated epsilon is, in words, by the largest epsilon each phrase covers (the generator card agrees).
PROTECTION = (
    (1.0, "strong protection (epsilon 1 or less)"),
    (3.0, "moderate protection (epsilon above 1, up to 3)"),
    (math.inf, "weaker protection, though still bounded (epsilon above 3; 1 or less is strong)"),
)


def protection_strength(epsilon: float) -> str:
    """How strong a differential privacy guarantee at this epsilon is, in plain words (smaller is stronger)."""
    return next(words for most, words in PROTECTION if epsilon <= most)


def decide(evaluation: Evaluation, record: dict | None = None, *, measuring: bool = True) -> Verdict:
    """The verdict of a run: fidelity and privacy with the one or two reasons that decided each, and every column's.
    measuring=False: the figures the evaluation waits for (pending) are no longer on their way (the app's follow-up
    measurement failed or was stopped), and the verdict says they could not be measured."""
    columns, findings = column_verdicts(evaluation)
    fidelity, fidelity_reasons = worst_of(findings + table_fidelity(evaluation))
    privacy, privacy_reasons = worst_of(privacy_findings(evaluation))
    if fidelity == GOOD:
        reference = evaluation.reference
        fresh = beside_fresh(reference.overall) if reference else ""
        fidelity_reasons = (
            f"Overall quality is {evaluation.quality.overall:.2f}{fresh}, and no column's shape, tails, average, "
            f"spread or links drift beyond what {YARDSTICKS[reference is not None]} shows.",
        )
    if privacy == GOOD:
        privacy_reasons = (f"{_privacy_good(evaluation)} These are screening figures, not proof of anonymity.",)
    if guarantee := (record or {}).get("privacy_guarantee"):
        privacy_reasons = (
            f"A differential privacy guarantee holds at epsilon {guarantee['epsilon']:g} (delta "
            f"{guarantee['delta']:g}): {protection_strength(guarantee['epsilon'])}. The result would look almost "
            "the same whether or not any one person's row was in the table; the number of rows is treated as public.",
            *(r for r in privacy_reasons if not r.endswith("not proof of anonymity.")),
        )
    skipped = tuple(unmeasured(evaluation))
    verdict = Verdict(fidelity, privacy, fidelity_reasons, privacy_reasons, _subject(record), columns, (), skipped)
    return not_final(verdict, evaluation.pending, measuring)
