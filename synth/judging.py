"""The verdict's one rule: a distance from the real data judged against what a fresh real sample shows."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from synth.evaluate.column_tails import ColumnTails

GOOD, CHECK, POOR = "good", "check", "poor"
WORDS = {GOOD: "Ready to share", CHECK: "Check first", POOR: "Not ready"}
SEVERITY = {GOOD: 0, CHECK: 1, POOR: 2}
MAX_REASONS = 2


@dataclass(frozen=True)
class Finding:
    grade: str  # CHECK or POOR
    reason: str
    excess: float  # the distance over its limit: orders the reasons, the largest first
    columns: tuple[str, ...] = ()  # the columns it is about (one, a pair, or those a private-run reason explains)


@dataclass(frozen=True)
class ColumnVerdict:
    verdict: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    fidelity: str
    privacy: str
    fidelity_reasons: tuple[str, ...]
    privacy_reasons: tuple[str, ...]
    subject: str  # the table, the rows and the generator, in words
    columns: dict[str, ColumnVerdict] = field(default_factory=dict)
    pending: tuple[str, ...] = ()  # sections ("fidelity", "privacy") whose figures are still being measured
    not_measured: tuple[str, ...] = ()  # sections judged without some of their figures (neither measured nor due)

    def line(self, section: str) -> str:
        """One plain line: 'Fidelity: Check first for sales.csv (...): reason; reason'."""
        grade, reasons = getattr(self, section), getattr(self, f"{section}_reasons")
        return f"{section.capitalize()}: {WORDS[grade]} for {self.subject}. " + " ".join(reasons)

    def as_json(self) -> dict:
        reasons = [f"Fidelity: {r}" for r in self.fidelity_reasons] + [f"Privacy: {r}" for r in self.privacy_reasons]
        found = {"fidelity": self.fidelity, "privacy": self.privacy, "reasons": reasons, "subject": self.subject}
        if self.pending:
            found["pending"] = list(self.pending)
        if self.not_measured:
            found["not_measured"] = list(self.not_measured)
        return found


def judge(distance: float | None, reference: float | None, floor: float) -> tuple[str, float]:
    """good within max(floor, twice the reference), check beyond it, poor beyond twice that; and distance / limit.
    A reference that is unknown or infinite (a single-valued fresh sample's log spread ratio) is no yardstick:
    the floor alone sets the limit, never no limit at all."""
    if distance is None or math.isnan(distance):
        return GOOD, 0.0
    reference = reference if reference is not None and math.isfinite(reference) else 0.0
    limit = max(floor, ColumnTails.reference_factor * abs(reference))
    grade = GOOD if distance <= limit else POOR if distance > 2 * limit else CHECK
    return grade, distance / limit


def cut(text: str, most: int = 40) -> str:
    """text as shown in a sentence: whole up to `most` characters, else cut with an ellipsis."""
    return text if len(text) <= most else text[: most - 1] + "…"


def beside_fresh(value: float | None, unit: str = "{:.2f}", yardstick: str = "a fresh real sample") -> str:
    known = value is not None and not (isinstance(value, float) and math.isnan(value))  # never "(...: nan)"
    return f" ({yardstick}: {unit.format(value)})" if known else ""


def findings_if(grade: str, excess: float, reason: str) -> list[Finding]:
    return [] if grade == GOOD else [Finding(grade, reason, excess)]


def worst_of(findings: list[Finding]) -> tuple[str, tuple[str, ...]]:
    ordered = sorted(findings, key=lambda f: (-SEVERITY[f.grade], -f.excess))
    grade = ordered[0].grade if ordered else GOOD
    return grade, tuple(dict.fromkeys(f.reason for f in ordered[:MAX_REASONS]))
