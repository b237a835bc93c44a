"""Plain-language lines for the headline scores: a value, a traffic light and one sentence each."""

from __future__ import annotations

from dataclasses import dataclass

from synth.evaluate import Evaluation

GOOD, FAIR = 0.8, 0.6


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


def traffic_light(value: float | None) -> str:
    if value is None:
        return "grey"
    return "green" if value >= GOOD else "amber" if value >= FAIR else "red"


def _line(label: str, value: float | None, meaning: str, if_low: str, reference: float | None = None) -> ScoreLine:
    light = traffic_light(value)
    if value is None:
        return ScoreLine(label, None, light, "Not enough related columns to measure this.")
    verdict = {"green": "Good.", "amber": "Fair.", "red": "Poor."}[light]
    advice = "" if light == "green" else f" To improve it: {if_low}"
    compared = "" if reference is None else f" For comparison, a fresh real sample scores {reference:.2f}."
    if reference is not None and value > reference + 0.005:
        compared += (
            " Scoring above it does not mean better than real: that sample is smaller than the synthetic "
            "table, so its own score is lower by chance, and close copying of learned rows also scores high."
        )
    return ScoreLine(label, value, light, f"{verdict} {meaning}{compared}{advice}")


def quality_summary(evaluation: Evaluation) -> list[ScoreLine]:
    """Overall quality, column shapes and column pair trends, each from 0 (unlike) to 1 (same)."""
    quality, reference = evaluation.quality, getattr(evaluation, "reference", None)
    copy_rate = evaluation.privacy.get("exact_copy_rate", 0.0)
    return [
        _line(
            "Overall quality",
            quality.overall,
            "The average of the two scores below: 1 means the synthetic data is statistically like the real.",
            "try another generator, more training rounds, or fewer columns.",
            reference.overall if reference else None,
        ),
        _line(
            "Column shapes",
            quality.column_shapes,
            "How closely each column's spread of values matches the real one.",
            "look at the worst columns below; check their detected kind on the Columns page.",
            reference.column_shapes if reference else None,
        ),
        _line(
            "Column pair trends",
            quality.column_pair_trends,
            "How well links between columns (correlations, co-occurring categories) are kept.",
            "try a generator that learns relations between columns.",
            reference.column_pair_trends if reference else None,
        ),
        ScoreLine(
            "Exact copies of real rows",
            copy_rate,
            "green" if copy_rate <= 0.01 else "red",
            f"{copy_rate:.1%} of synthetic rows are identical to a real row. "
            + (
                "Low, as it should be."
                if copy_rate <= 0.01
                else "High: the generator may be memorising people. Try another generator before sharing."
            ),
            unit="percent",
        ),
    ]


def fidelity_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Figures that pairwise scores miss: can a model tell the tables apart, and are 3-column patterns kept?"""
    lines = []
    detection = evaluation.fidelity.get("detection")
    if detection:
        auc = detection["auc"]
        light = "green" if auc <= 0.65 else "amber" if auc <= 0.8 else "red"
        lines.append(
            ScoreLine(
                "Can a model tell them apart?",
                auc,
                light,
                f"A classifier trained to separate real from synthetic rows reaches an AUC of {auc:.2f}: 0.5 means it "
                "cannot tell them apart (best), 1.0 that it always can.",
            )
        )
    three_way = evaluation.fidelity.get("three_way")
    if three_way and three_way.get("score") is not None:
        lines.append(
            _line(
                "Three-column patterns",
                three_way["score"],
                "How well combinations of three columns at once are kept (1 - total variation distance).",
                "try a generator that learns relations between columns.",
            )
        )
    return lines


def privacy_lines(evaluation: Evaluation) -> list[ScoreLine]:
    """Privacy screening figures in plain words. They are proxies: none proves that data is anonymous."""
    figures, lines = evaluation.privacy, []
    if "copies_of_training" in figures:
        train, holdout = figures["copies_of_training"], figures["copies_of_holdout"]
        lines.append(
            ScoreLine(
                "Copies: learned rows vs unseen rows",
                train,
                "green" if train <= holdout + 0.01 else "red",
                f"{train:.1%} of synthetic rows equal a row the generator learned from, {holdout:.1%} equal a real row it "
                "never saw. Copying is suspect only when the first is clearly higher.",
                unit="percent",
            )
        )
    if "dcr_overfitting_protection" in figures:
        value = figures["dcr_overfitting_protection"]
        lines.append(
            ScoreLine(
                "Closer to learned rows than to unseen ones?",
                value,
                "green" if value >= 0.9 else "amber" if value >= 0.7 else "red",
                f"{figures['closer_to_training']:.0%} of synthetic rows lie closer to a learned row than to "
                "an unseen one (about half is ideal). Score 1 = no sign of memorising, 0 = strong sign (SDMetrics' "
                "DCROverfittingProtection).",
            )
        )
    if "dcr_baseline_protection" in figures:
        value = figures["dcr_baseline_protection"]
        lines.append(
            ScoreLine(
                "Distance to the closest real row",
                value,
                "grey",
                "How far synthetic rows lie from their closest real row, compared with random rows: 1 = as far as random "
                "data, 0 = on top of real rows (SDMetrics' DCRBaselineProtection). Faithful data is naturally closer "
                "than random data, so read this beside the two figures before it.",
            )
        )
    rare = figures.get("rare_combinations", 0)
    if rare:
        reproduced = figures["rare_combinations_reproduced"]
        lines.append(
            ScoreLine(
                "Rare combinations reproduced",
                figures["rare_combination_share"],
                "green" if reproduced == 0 else "amber",
                f"{reproduced} of {rare} category combinations seen fewer than 5 times in the real data reappear. Rare "
                "combinations can point at real people.",
                unit="percent",
            )
        )
    leaked = {c: n for c, n in figures.get("real_values_reappearing", {}).items() if n}
    if "real_values_reappearing" in figures:
        lines.append(
            ScoreLine(
                "Real identifiers or personal values",
                float(sum(leaked.values())),
                "red" if leaked else "green",
                "No real identifier or personal value appears in the synthetic table."
                if not leaked
                else f"Real values reappear in: {', '.join(leaked)}. Do not share this table.",
                unit="count",
            )
        )
    return lines
