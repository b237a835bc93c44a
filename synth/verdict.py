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
from dataclasses import dataclass, field

from synth.evaluate import Evaluation
from synth.evaluate.attack_risks import AttackRisks
from synth.evaluate.base import FAIR  # a metric grade; its "good" and "poor" are spelled as ours
from synth.evaluate.column_pair_trends import ColumnPairTrends
from synth.evaluate.column_shapes import ColumnShapes
from synth.evaluate.column_tails import NOMINAL_BEYOND, ColumnTails
from synth.evaluate.copy_rates import CopyRates
from synth.evaluate.dcr_overfitting import DcrOverfitting
from synth.evaluate.detection import Detection
from synth.evaluate.exact_copies import ExactCopies
from synth.evaluate.identifier_reuse import IdentifierReuse
from synth.evaluate.quality import Quality
from synth.evaluate.reappearing_values import ReappearingValues
from synth.evaluate.registry import METRICS

GOOD, CHECK, POOR = "good", "check", "poor"
WORDS = {GOOD: "Ready to share", CHECK: "Check first", POOR: "Not ready"}
SEVERITY = {GOOD: 0, CHECK: 1, POOR: 2}
LINK_FLOOR = 0.1  # a pair's score 0.1 below the fresh sample's: a correlation 0.2 further from the real one
MAX_REASONS = 2


@dataclass(frozen=True)
class Finding:
    grade: str  # CHECK or POOR
    reason: str
    excess: float  # the distance over its limit: orders the reasons, the largest first


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

    def line(self, section: str) -> str:
        """One plain line: 'Fidelity: Check first for sales.csv (...): reason; reason'."""
        grade, reasons = getattr(self, section), getattr(self, f"{section}_reasons")
        return f"{section.capitalize()}: {WORDS[grade]} for {self.subject}. " + " ".join(reasons)

    def as_json(self) -> dict:
        reasons = [f"Fidelity: {r}" for r in self.fidelity_reasons] + [f"Privacy: {r}" for r in self.privacy_reasons]
        found = {"fidelity": self.fidelity, "privacy": self.privacy, "reasons": reasons, "subject": self.subject}
        return {**found, "pending": list(self.pending)} if self.pending else found


def _judge(distance: float | None, reference: float | None, floor: float) -> tuple[str, float]:
    """good within max(floor, twice the reference), check beyond it, poor beyond twice that; and distance / limit."""
    if distance is None or math.isnan(distance):
        return GOOD, 0.0
    reference = reference if reference is not None and math.isfinite(reference) else 0.0
    limit = max(floor, ColumnTails.reference_factor * abs(reference))
    grade = GOOD if distance <= limit else POOR if distance > 2 * limit else CHECK
    return grade, distance / limit


def _fresh(value: float | None, unit: str = "{:.2f}", yardstick: str = "a fresh real sample") -> str:
    return "" if value is None else f" ({yardstick}: {unit.format(value)})"


HALVES = "half the real rows against the other half"


def _yardstick(evaluation: Evaluation):
    """The scores a fresh real sample gets and their words: the holdout's, else one real half against the other."""
    if evaluation.reference is not None:
        return evaluation.reference, "a fresh real sample"
    return evaluation.halves, HALVES


def _finding(grade: str, excess: float, reason: str) -> list[Finding]:
    return [] if grade == GOOD else [Finding(grade, reason, excess)]


def _shape(column: str, figures: dict, reference: dict | None, yardstick: str) -> list[Finding]:
    score, fresh = figures.get("score"), (reference or {}).get("score")
    if score is None or not math.isfinite(score):
        return []
    grade, excess = _judge(1 - score, None if fresh is None else 1 - fresh, 1 - ColumnShapes.good)
    return _finding(
        grade, excess, f"Column '{column}' has a shape score of {score:.2f}{_fresh(fresh, yardstick=yardstick)}."
    )


def _log_distance(ratio: float) -> float:
    return abs(math.log(ratio)) if ratio > 0 else math.inf


def _tails(column: str, tail, rows: tuple[int, int]) -> list[Finding]:
    real_rows, synthetic_rows = (max(n, 1) for n in rows)
    holdout = tail.holdout_beyond_tails is not None
    found = []
    grade, excess = _judge(
        tail.beyond_tails,
        tail.holdout_beyond_tails if holdout else NOMINAL_BEYOND,
        ColumnTails.beyond_floor if holdout else ColumnTails.good,
    )
    found += _finding(
        grade,
        excess,
        f"Column '{column}' has {tail.beyond_tails:.1%} of its values beyond the real 1%-99% range"
        f"{_fresh(tail.holdout_beyond_tails, '{:.1%}')}.",
    )
    if tail.mean_shift is not None:
        chance = math.sqrt(1 / real_rows + 1 / synthetic_rows)
        fresh = tail.holdout_mean_shift
        grade, excess = _judge(abs(tail.mean_shift), chance if fresh is None else fresh, ColumnTails.shift_floor)
        found += _finding(
            grade,
            excess,
            f"Column '{column}' has its average shifted by {tail.mean_shift:+.2f} standard deviations{_fresh(fresh)}.",
        )
    if tail.spread_ratio is not None:
        chance = math.sqrt(1 / (2 * real_rows) + 1 / (2 * synthetic_rows))
        fresh = tail.holdout_spread_ratio
        reference = chance if fresh is None else _log_distance(fresh)
        grade, excess = _judge(_log_distance(tail.spread_ratio), reference, ColumnTails.spread_floor)
        found += _finding(
            grade,
            excess,
            f"Column '{column}' spreads {tail.spread_ratio:.2f} times as wide as the real one"
            f"{_fresh(fresh, '{:.2f} times')}.",
        )
    if tail.repeats is not None:
        grade, excess = _judge(tail.repeats, tail.holdout_repeats, ColumnTails.repeats_floor)
        found += _finding(
            grade,
            excess,
            f"Column '{column}' holds nearly unique whole numbers in the real data, yet {tail.repeats:.0%} of its "
            f"values repeat another one{_fresh(tail.holdout_repeats, '{:.0%}')}.",
        )
    return found


def _links(evaluation: Evaluation) -> dict[tuple[str, str], Finding]:
    """Column pairs whose score falls further from the real data than a fresh sample's. Every pair is judged, not
    only those SDMetrics counts (real correlation above 0.5): a weak real link lost or a strong one invented shows
    here, and a fresh sample's own distance keeps sparse pairs from being flagged. Without a holdout, one half of
    the real rows against the other stands in for the fresh sample (pairs of a many-valued column score low even
    between two real samples: car names against engine size)."""
    reference, yardstick = _yardstick(evaluation)
    fresh = {(p["column_1"], p["column_2"]): p["score"] for p in reference.pairs} if reference else {}
    floor = LINK_FLOOR if evaluation.reference else 1 - ColumnPairTrends.good
    found = {}
    for pair in evaluation.quality.pairs:
        if not math.isfinite(pair["score"]):
            continue
        key = (pair["column_1"], pair["column_2"])
        fresh_score = fresh.get(key)
        grade, excess = _judge(1 - pair["score"], None if fresh_score is None else 1 - fresh_score, floor)
        if grade != GOOD:
            reason = f"The link between '{key[0]}' and '{key[1]}' scores {pair['score']:.2f}"
            reason += f"{_fresh(fresh_score, yardstick=yardstick)}."
            found[key] = Finding(grade, reason, excess)
    return found


def _worst(findings: list[Finding]) -> tuple[str, tuple[str, ...]]:
    ordered = sorted(findings, key=lambda f: (-SEVERITY[f.grade], -f.excess))
    grade = ordered[0].grade if ordered else GOOD
    return grade, tuple(dict.fromkeys(f.reason for f in ordered[:MAX_REASONS]))


def column_verdicts(evaluation: Evaluation) -> tuple[dict[str, ColumnVerdict], list[Finding]]:
    """Each column's verdict with its reasons, and every fidelity finding (pairs once each)."""
    tails = evaluation.results.get(ColumnTails.name)
    scores, yardstick = _yardstick(evaluation)
    reference = scores.columns if scores else {}
    links = _links(evaluation)
    verdicts, every = {}, list(links.values())
    for column, figures in evaluation.columns.items():
        found = _shape(column, figures, reference.get(column), yardstick)
        if tails and column in tails.columns:
            found += _tails(column, tails.columns[column], tails.rows)
        every += found
        found += [finding for pair, finding in links.items() if column in pair]
        verdicts[column] = ColumnVerdict(*_worst(found))
    return verdicts, every


def _table_fidelity(evaluation: Evaluation) -> list[Finding]:
    quality, (reference, yardstick) = evaluation.quality, _yardstick(evaluation)
    fresh = reference.overall if reference else None
    grade, excess = _judge(1 - quality.overall, None if fresh is None else 1 - fresh, 1 - Quality.good)
    found = _finding(grade, excess, f"Overall quality is {quality.overall:.2f}{_fresh(fresh, yardstick=yardstick)}.")
    detection = evaluation.results.get(Detection.name)
    if detection and detection.auc is not None and Detection.grade(detection) in (FAIR, POOR):
        reason = f"A classifier tells synthetic rows from real ones (AUC {detection.auc:.2f}; 0.5 = cannot)."
        found.append(Finding(CHECK, reason, 1.0))
    return found


def copy_finding(evaluation: Evaluation) -> Finding | None:
    """Exact copies of real rows beyond what a fresh real sample shows (tables with repeated rows repeat them too)
    by more than ExactCopies' declared share and three binomial standard errors; without a holdout, beyond that share.
    """
    copies, rates = evaluation.results.get(ExactCopies.name), evaluation.results.get(CopyRates.name)
    if copies is None:
        return None
    fresh = getattr(rates, "fresh_sample_copies", None)
    reference, tails = fresh or 0.0, evaluation.results.get(ColumnTails.name)
    rows = max(tails.rows[1], 1) if tails else 1
    limit = reference + max(ExactCopies.good, 3 * math.sqrt(reference * (1 - reference) / rows))
    if copies.exact_copy_rate <= limit:
        return None
    reason = f"{copies.exact_copy_rate:.1%} of synthetic rows are exact copies of real rows{_fresh(fresh, '{:.1%}')}."
    return Finding(POOR, reason, copies.exact_copy_rate / max(limit, 1e-9))


def _privacy(evaluation: Evaluation) -> list[Finding]:
    results, rates = evaluation.results, evaluation.results.get(CopyRates.name)
    found = [f for f in [copy_finding(evaluation)] if f]
    if rates is not None and CopyRates.grade(rates) == POOR:
        reason = (
            f"{rates.copies_of_training:.1%} of synthetic rows copy a learned row but only "
            f"{rates.copies_of_holdout:.1%} an unseen one: a sign of memorising."
        )
        found.append(Finding(CHECK, reason, 1.0))
    reuse = results.get(IdentifierReuse.name)
    for column, figures in (reuse.columns if reuse else {}).items():
        grade = IdentifierReuse.grade_value(figures.excess)
        if grade != "good":
            reason = (
                f"Column '{column}' reproduces real identifiers or rare values: {figures.reuse:.0%} of its values are "
                f"values of the learned rows (a fresh real sample: {figures.reference:.0%})."
            )
            found.append(Finding(POOR if grade == POOR else CHECK, reason, figures.excess / IdentifierReuse.good))
    reappearing = results.get(ReappearingValues.name)
    leaked = [c for c, n in (reappearing.real_values_reappearing if reappearing else {}).items() if n]
    if leaked:
        names = ", ".join(f"'{c}'" for c in leaked)
        found.append(Finding(POOR, f"Real identifiers or personal values reappear in {names}.", math.inf))
    overfitting = results.get(DcrOverfitting.name)
    if overfitting and DcrOverfitting.grade(overfitting) in (FAIR, POOR):
        reason = (
            f"{overfitting.closer_to_training:.0%} of synthetic rows lie closer to a learned row than to an unseen one."
        )
        found.append(Finding(POOR if DcrOverfitting.grade(overfitting) == POOR else CHECK, reason, 1.0))
    return found + attack_findings(results.get(AttackRisks.name))


ATTACK_WORDS = {
    "singling_out_univariate": "singling out one person by a rare value",
    "singling_out_multivariate": "singling out one person by a combination of values",
    "linkability": "linking two halves of a person's record",
    "inference": "guessing a person's value from the others",
}


def attack_findings(attacks) -> list[Finding]:
    """When the attacks were measured: each risk graded by its interval's lower end, so chance alone never flags."""
    found = []
    for name, risk in (attacks.risks() if attacks else {}).items():
        grade = AttackRisks.grade_value(risk.ci_low)
        if grade in (FAIR, POOR):
            column = f" (column '{attacks.worst_inference[0]}')" if name == "inference" else ""
            reason = (
                f"An attack by {ATTACK_WORDS.get(name, name)}{column} succeeds {risk.risk:.0%} more often on the "
                f"people it learned from than on people it never saw (at least {risk.ci_low:.0%})."
            )
            found.append(Finding(POOR if grade == POOR else CHECK, reason, risk.ci_low / AttackRisks.good))
    return found


def _subject(record: dict | None) -> str:
    record = record or {}
    table = record.get("table") or "this table"
    rows = record.get("rows")
    made = "made elsewhere" if record.get("generator") in (None, "external") else f"by {record['generator']}"
    return f"{table} ({rows:,} synthetic rows {made})" if rows is not None else f"{table} ({made})"


def decide(evaluation: Evaluation, record: dict | None = None) -> Verdict:
    """The verdict of a run: fidelity and privacy with the one or two reasons that decided each, and every column's."""
    columns, findings = column_verdicts(evaluation)
    fidelity, fidelity_reasons = _worst(findings + _table_fidelity(evaluation))
    privacy, privacy_reasons = _worst(_privacy(evaluation))
    if fidelity == GOOD:
        reference = evaluation.reference
        fresh = _fresh(reference.overall) if reference else ""
        fidelity_reasons = (
            f"Overall quality is {evaluation.quality.overall:.2f}{fresh}, and no column's shape, tails, average, "
            "spread or links drift beyond what a fresh real sample shows.",
        )
    if privacy == GOOD:
        privacy_reasons = (
            "No real rows are copied and no identifier or rare value reappears beyond what a fresh real sample "
            "shows. These are screening figures, not proof of anonymity.",
        )
    if guarantee := (record or {}).get("privacy_guarantee"):
        privacy_reasons = (
            f"A differential privacy guarantee holds at epsilon {guarantee['epsilon']:g} (delta "
            f"{guarantee['delta']:g}): the result would look almost the same whether or not any one person's row "
            "was in the table; the number of rows is treated as public.",
            *(r for r in privacy_reasons if not r.endswith("not proof of anonymity.")),
        )
    verdict = Verdict(fidelity, privacy, fidelity_reasons, privacy_reasons, _subject(record), columns)
    return _not_final(verdict, evaluation.pending)


PENDING_WORDS = {  # what a group of figures measured later tells, as a verdict's reason names it
    "detection": "whether a model can tell synthetic rows from real ones",
    "dcr": "how close synthetic rows lie to learned rows and to unseen ones",
}


def awaited(pending: tuple[str, ...]) -> dict[str, list[str]]:
    """What is still to be measured, in words, by the verdict section it feeds: {"privacy": ["how close ..."]}."""
    found: dict[str, list[str]] = {}
    for metric in METRICS:
        if metric.extra in pending and not metric.part_of:
            words = found.setdefault(metric.section, [])
            said = PENDING_WORDS.get(metric.extra, metric.label)
            if said not in words:
                words.append(said)
    return found


def _not_final(verdict: Verdict, pending: tuple[str, ...]) -> Verdict:
    """While figures a section reads are still being measured, that section is never "good": it says "check" and
    why, first (more figures can only add findings, so a "check" or "poor" found already stands)."""
    from dataclasses import replace

    waiting = {section: labels for section, labels in awaited(pending).items() if section in ("fidelity", "privacy")}
    if not waiting:
        return verdict
    changed = {}
    for section, labels in waiting.items():
        reason = f"Not final yet: {' and '.join(labels)} is still being measured."
        grade, reasons = getattr(verdict, section), getattr(verdict, f"{section}_reasons")
        # a good verdict's own sentence claims what is not known yet; a privacy guarantee still holds
        kept = tuple(r for r in reasons if grade != GOOD or r.startswith("A differential privacy guarantee"))
        changed.update({section: CHECK if grade == GOOD else grade, f"{section}_reasons": (reason, *kept)})
    return replace(verdict, **changed, pending=tuple(waiting))


def column_figures(evaluation: Evaluation, verdict: Verdict) -> dict[str, dict]:
    """Every column's figures for the metrics JSON and the tables people read: shape, the holdout's shape score,
    tails and moments, identifier reuse, and its verdict with reasons."""
    tails = evaluation.results.get(ColumnTails.name)
    reuse = evaluation.results.get(IdentifierReuse.name)
    reference = evaluation.reference.columns if evaluation.reference else {}
    out = {}
    for column, figures in evaluation.columns.items():
        merged = dict(figures)
        merged["holdout_score"] = reference.get(column, {}).get("score")
        if tails and column in tails.columns:
            merged.update(tails.columns[column].figures())
        if reuse and column in reuse.columns:
            found = reuse.columns[column]
            merged.update({"identifier_reuse": found.reuse, "holdout_identifier_reuse": found.holdout_reuse})
        judged = verdict.columns.get(column, ColumnVerdict(GOOD))
        merged.update({"verdict": judged.verdict, "verdict_reasons": list(judged.reasons)})
        out[column] = merged
    return out


def worst_first(columns: dict[str, dict]) -> list[str]:
    """Column names, the worst verdict first, then the lowest score."""

    def key(name: str):
        score = columns[name].get("score")
        return (-SEVERITY[columns[name].get("verdict", GOOD)], score if score is not None else math.inf)

    return sorted(columns, key=key)
