"""Plain-language lines for the headline scores: a value, a traffic light and one sentence each."""

from __future__ import annotations

from dataclasses import dataclass

from synth.column_verdicts import yardstick_of
from synth.evaluate import Evaluation
from synth.evaluate.base import Metric
from synth.evaluate.column_pair_trends import ColumnPairTrends
from synth.evaluate.column_shapes import ColumnShapes
from synth.evaluate.copy_rates import CopyRates
from synth.evaluate.dcr_baseline import DcrBaseline
from synth.evaluate.dcr_overfitting import DcrOverfitting
from synth.evaluate.detection import Detection
from synth.evaluate.exact_copies import ExactCopies
from synth.evaluate.identifier_reuse import IdentifierReuse
from synth.evaluate.quality import Quality
from synth.evaluate.rare_combinations import RareCombinations
from synth.evaluate.reappearing_values import ReappearingValues
from synth.evaluate.three_way import ThreeWay
from synth.judging import GOOD, judge
from synth.verdict import copy_finding


def two_places(value: float | None) -> float | None:
    """A figure as the pages show it: two decimal places, and + 0.0 so that -0.001 reads 0.00, not -0.00."""
    return None if value is None else round(value, 2) + 0.0


LIGHTS = {"good": "green", "fair": "amber", "poor": "red", None: "grey"}


@dataclass(frozen=True)
class ScoreLine:
    label: str
    value: float | None
    light: str  # "green", "amber", "red" or "grey"
    sentence: str
    unit: str = "score"  # "score" (0..1, two decimals), "percent" or "count"

    @property
    def shown(self) -> str:
        """The value as a person reads it."""
        if self.value is None:
            return "n/a"
        return {"percent": f"{self.value:.1%}", "count": f"{int(self.value):,}"}.get(self.unit, f"{self.value:.2f}")


def traffic_light(value: float | None, metric: type[Metric] = Quality) -> str:
    """The light of a value under a metric's declared thresholds (grey without a value or thresholds)."""
    return LIGHTS[metric.grade_value(value)]


def _line(
    metric: type[Metric],
    value: float | None,
    meaning: str,
    if_low: str,
    reference: float | None = None,
    yardstick: str = "a fresh real sample",
) -> ScoreLine:
    """A headline score's line. Below its metric's own mark but within what real rows score against real rows on
    this table (the verdict's rule, so a small table's "Ready to share" beside a red card): said so, instead of advice
    to improve what the table itself limits."""
    light = traffic_light(value, metric)
    if value is None:
        return ScoreLine(metric.label, None, light, "Not enough related columns to measure this.")
    verdict = {"green": "Good.", "amber": "Fair.", "red": "Poor."}[light]
    advice = "" if light == "green" else f" To improve it: {if_low}"
    if light != "green" and reference is not None and judge(1 - value, 1 - reference, 1 - metric.good)[0] == GOOD:
        advice = (
            " Real rows scored against other real rows of this table land near this too, so this figure alone does "
            "not lower the verdict."
        )
    compared = "" if reference is None else f" For comparison, {yardstick} scores {reference:.2f}."
    if reference is not None and value > reference + 0.005:
        compared += (
            " Scoring above it does not mean better than real: that sample is smaller than the synthetic "
            "table, so its own score is lower by chance, and close copying of learned rows also scores high."
        )
    return ScoreLine(metric.label, value, light, f"{verdict} {meaning}{compared}{advice}")


def quality_summary(evaluation: Evaluation) -> list[ScoreLine]:
    """Overall quality, column shapes and column pair trends, each from 0 (unlike) to 1 (same)."""
    quality, (reference, yardstick) = evaluation.quality, yardstick_of(evaluation)
    return [
        _line(
            Quality,
            quality.overall,
            "The average of the two scores below: 1 means the synthetic data is statistically like the real.",
            "try another generator, more training rounds, or fewer columns.",
            reference.overall if reference else None,
            yardstick,
        ),
        _line(
            ColumnShapes,
            quality.column_shapes,
            "How closely each column's spread of values matches the real one.",
            "look at the worst columns below; check their detected kind on the Columns page.",
            reference.column_shapes if reference else None,
            yardstick,
        ),
        _line(
            ColumnPairTrends,
            quality.column_pair_trends,
            "How well links between columns (correlations, co-occurring categories) are kept.",
            "try a generator that learns relations between columns.",
            reference.column_pair_trends if reference else None,
            yardstick,
        ),
        exact_copy_line(evaluation),
    ]


def exact_copy_line(evaluation: Evaluation) -> ScoreLine:
    """Exact copies of real rows, judged by the verdict's rule beside a fresh real sample (Summary and Privacy)."""
    copies = evaluation.results.get(ExactCopies.name)
    copy_rate = copies.exact_copy_rate if copies else 0.0
    fresh = getattr(evaluation.results.get(CopyRates.name), "fresh_sample_copies", None)
    copy_light = "red" if copy_finding(evaluation) else "green"
    return ScoreLine(
        ExactCopies.label,
        copy_rate,
        copy_light,
        f"{copy_rate:.1%} of synthetic rows are identical to a real row"
        + ("" if fresh is None else f" (a fresh real sample: {fresh:.1%})")
        + ". "
        + (
            "Low, as it should be."
            if copy_light == "green"
            else "High: the generator may be memorising people. Try another generator before sharing."
        ),
        unit="percent",
    )


def fidelity_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Figures that pairwise scores miss: can a model tell the tables apart, and are 3-column patterns kept?"""
    lines, results = [], evaluation.results
    detection = results.get(Detection.name)
    if detection and detection.auc is not None:
        auc = detection.auc
        lines.append(
            ScoreLine(
                Detection.label,
                auc,
                LIGHTS[Detection.grade(detection)],
                f"A classifier trained to separate real from synthetic rows reaches an AUC of {auc:.2f}: 0.5 means it "
                "cannot tell them apart (best), 1.0 that it always can"
                + ("; below 0.5 it is guessing too (a small table makes it swing)." if auc < 0.5 else "."),
            )
        )
    three_way = results.get(ThreeWay.name)
    if three_way and three_way.score is not None:
        lines.append(
            _line(
                ThreeWay,
                three_way.score,
                "How well combinations of three columns at once are kept: 1 means every combination of values is as "
                "common as in the real data, 0 that the two tables share no combination.",
                "try a generator that learns relations between columns.",
            )
        )
    return lines


def privacy_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Privacy screening figures in plain words. They are proxies: none proves that data is anonymous."""
    results, lines = evaluation.results, []
    copies = results.get(CopyRates.name)
    if copies:
        train, holdout = copies.copies_of_training, copies.copies_of_holdout
        lines.append(
            ScoreLine(
                CopyRates.label,
                train,
                LIGHTS[CopyRates.grade(copies)],
                f"{train:.1%} of synthetic rows equal a row the generator learned from, {holdout:.1%} equal a real row it "
                "never saw. Copying is suspect only when the first is clearly higher.",
                unit="percent",
            )
        )
    overfitting = results.get(DcrOverfitting.name)
    if overfitting:
        lines.append(
            ScoreLine(
                DcrOverfitting.label,
                overfitting.dcr_overfitting_protection,
                LIGHTS[DcrOverfitting.grade(overfitting)],
                f"{overfitting.closer_to_training:.0%} of synthetic rows lie closer to a learned row than to "
                "an unseen one (about half is ideal). Score 1 = no sign of memorising, 0 = strong sign (SDMetrics' "
                "DCROverfittingProtection).",
            )
        )
    baseline = results.get(DcrBaseline.name)
    if baseline:
        lines.append(
            ScoreLine(
                DcrBaseline.label,
                baseline.dcr_baseline_protection,
                LIGHTS[DcrBaseline.grade(baseline)],
                "How far synthetic rows lie from their closest real row, compared with random rows: 1 = as far as random "
                "data, 0 = on top of real rows (SDMetrics' DCRBaselineProtection). Faithful data is naturally closer "
                "than random data, so read this beside the two figures before it.",
            )
        )
    rare = results.get(RareCombinations.name)
    if rare and rare.rare_combinations:
        lines.append(
            ScoreLine(
                RareCombinations.label,
                rare.rare_combination_share,
                LIGHTS[RareCombinations.grade(rare)],
                rare_combination_sentence(rare),
                unit="percent",
            )
        )
    reuse = results.get(IdentifierReuse.name)
    if reuse and reuse.worst:
        lines.append(identifier_reuse_line(reuse))
    reappearing = results.get(ReappearingValues.name)
    if reappearing:
        leaked = [c for c, n in reappearing.real_values_reappearing.items() if n]
        lines.append(
            ScoreLine(
                ReappearingValues.label,
                float(reappearing.total),
                LIGHTS[ReappearingValues.grade(reappearing)],
                "No real identifier or personal value appears in the synthetic table."
                if not leaked
                else f"Real values reappear in: {', '.join(leaked)}. Do not share this table.",
                unit="count",
            )
        )
    return lines


def identifier_reuse_line(reuse) -> ScoreLine:
    """The near-unique column that reuses the most real values beyond a fresh real sample: the figure the verdict
    names a column for, so that a verdict reason about it has a card to read beside it."""
    column, figures = reuse.worst
    light = LIGHTS[IdentifierReuse.grade(reuse)]
    said = (
        f"In '{column}', a column of near-unique values, {figures.reuse:.0%} of synthetic values are values of the "
        f"learned rows (a fresh real sample: {figures.reference:.0%})."
    )
    advice = (
        f" At most {IdentifierReuse.good * 100:.0f} points above it: no sign that real identifiers are reproduced."
        if light == "green"
        else " More than that: real identifiers or rare values may be reproduced; check this column before sharing."
    )
    return ScoreLine(IdentifierReuse.label, figures.reuse, light, said + advice, unit="percent")


def rare_combination_sentence(rare) -> str:
    """What the share means beside chance: a combination seen twice in a small table turns up in most fresh
    samples of it too, so only a share clearly above a fresh real sample's points at real people."""
    fresh = rare.rare_combination_fresh_share
    said = (
        f"{rare.rare_combinations_reproduced} of {rare.rare_combinations} {rare.combined} seen fewer than 5 "
        f"times in the real data reappear; a fresh real sample of {rare.synthetic_rows:,} rows would hold about "
        f"{fresh:.0%} of them by chance."
    )
    if RareCombinations.grade(rare) == "good":
        return f"{said} No more than chance: this is what faithful data shows, not a sign of copying."
    return f"{said} More than chance: rare combinations can point at real people; check them before sharing."


_ATTACK_WORDS = {
    "singling_out_univariate": (
        "Singling out (one column)",
        "How often a rare value or an extreme seen in the synthetic rows picks out exactly one real person it "
        "learned from",
    ),
    "singling_out_multivariate": (
        "Singling out (three columns)",
        "How often a combination of three values seen in a synthetic row picks out exactly one real person it "
        "learned from",
    ),
    "linkability": (
        "Linkability",
        "How often the closest synthetic row joins two halves of a learned person's record (columns split in "
        "two, as two separate files about the same people would be)",
    ),
    "inference": (
        "Attribute inference",
        "How often someone who knows every column of a learned person but one guesses the last one from the "
        "closest synthetic row",
    ),
}


def attack_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Anonymeter's three attack risks, each as a percentage with its 95% interval and what it means; empty
    when they were not measured (they are measured on demand)."""
    from synth.evaluate.attack_risks import AttackRisks

    attacks = evaluation.results.get(AttackRisks.name)
    if attacks is None:
        return []
    lines = []
    for name, risk in attacks.risks().items():
        label, meaning = _ATTACK_WORDS[name]
        if name == "inference":
            meaning += f" (easiest column to guess: '{attacks.worst_inference[0]}')"
        trust = (
            ""
            if risk.beats_baseline
            else " Here the attack did no better than random guessing, so the figure says little."
        )
        lines.append(
            ScoreLine(
                label,
                risk.risk,
                LIGHTS[AttackRisks.grade_value(risk.ci_low)],  # as the verdict: by the interval's lower end
                f"Risk {risk.risk:.1%} (95% interval {risk.ci_low:.1%} to {risk.ci_high:.1%}). {meaning}, beyond "
                f"how often the same attack works on real people it never saw ({risk.attack_rate:.1%} against "
                f"{risk.control_rate:.1%}; random guessing {risk.baseline_rate:.1%}; {risk.n_attacks} attacks).{trust}",
                unit="percent",
            )
        )
    return lines


LATER_CARDS = (Detection, DcrOverfitting, DcrBaseline)  # figures measured after the result is shown that have a card


def waiting_labels(evaluation: Evaluation, section: str, holdout: bool) -> list[str]:
    """The cards a section will show once its figures still being measured are in (Compare keeps their places)."""
    return [
        metric.label
        for metric in LATER_CARDS
        if metric.section == section
        and metric.extra in evaluation.pending
        and (holdout or "holdout" not in metric.needs)
    ]
