"""Fidelity findings, column by column and pair by pair, and the figures each column's verdict comes with."""

from __future__ import annotations

import math
from dataclasses import replace

from synth.evaluate import Evaluation
from synth.evaluate.base import FAIR  # a metric grade; its "good" and "poor" are spelled as ours
from synth.evaluate.column_pair_trends import ColumnPairTrends
from synth.evaluate.column_shapes import ColumnShapes
from synth.evaluate.column_tails import NOMINAL_BEYOND, ColumnTails
from synth.evaluate.detection import Detection
from synth.evaluate.identifier_reuse import IdentifierReuse
from synth.evaluate.quality import Quality
from synth.judging import (
    CHECK,
    GOOD,
    POOR,
    SEVERITY,
    ColumnVerdict,
    Finding,
    Verdict,
    beside_fresh,
    cut,
    findings_if,
    judge,
    worst_of,
)

LINK_FLOOR = 0.1  # a pair's score 0.1 below the fresh sample's: a correlation 0.2 further from the real one
COMMON_FLOOR = 0.05  # a common category value's share 5 points off the real one
COMMON_CHANCE = 1.5  # ... and off by more than twice this many binomial deviations of two samples of these sizes


HALVES = "half the real rows against the other half"


def yardstick_of(evaluation: Evaluation):
    """The scores a fresh real sample gets and their words: the holdout's, else one real half against the other."""
    if evaluation.reference is not None:
        return evaluation.reference, "a fresh real sample"
    return evaluation.halves, HALVES


def _shape(column: str, figures: dict, reference: dict | None, yardstick: str) -> list[Finding]:
    score, fresh = figures.get("score"), (reference or {}).get("score")
    if score is None or not math.isfinite(score):
        return []
    grade, excess = judge(1 - score, None if fresh is None else 1 - fresh, 1 - ColumnShapes.good)
    return findings_if(
        grade, excess, f"Column '{column}' has a shape score of {score:.2f}{beside_fresh(fresh, yardstick=yardstick)}."
    )


def _common_shares(column: str, figures: dict, reference: dict | None, yardstick: str) -> list[Finding]:
    """A category or yes/no column whose common real value (see column_shapes.common_shares) takes another share of
    the synthetic rows: beside the fresh sample's own shift for that value, and never closer than COMMON_CHANCE
    binomial deviations of two samples of these sizes (a single fresh sample's shift may be near zero by chance).
    Only the furthest value is said."""
    fresh = {s["value"]: abs(s["synthetic"] - s["real"]) for s in (reference or {}).get("common_shares", ())}
    shown = {s["value"]: s["synthetic"] for s in (reference or {}).get("common_shares", ())}
    rows = (max(figures.get("present_real", 1), 1), max(figures.get("present_synthetic", 1), 1))
    found = []
    for share in figures.get("common_shares", ()):
        real, made, value = share["real"], share["synthetic"], share["value"]
        chance = math.sqrt(real * (1 - real) * (1 / rows[0] + 1 / rows[1]))
        grade, excess = judge(abs(made - real), max(fresh.get(value, 0.0), COMMON_CHANCE * chance), COMMON_FLOOR)
        found += findings_if(
            grade,
            excess,
            f"Column '{column}' has '{cut(value)}' in {made:.1%} of synthetic rows, against {real:.1%} of real rows"
            f"{beside_fresh(shown.get(value), '{:.1%}', yardstick)}.",
        )
    return sorted(found, key=lambda finding: -finding.excess)[:1]


def _log_distance(ratio: float) -> float:
    return abs(math.log(ratio)) if ratio > 0 else math.inf


def tail_findings(column: str, tail, rows: tuple[int, int], *, range_only: bool = False) -> list[Finding]:
    """A number or date column's tails, average and spread beside a fresh sample (or chance), and the repeats of its
    nearly unique whole numbers; range_only: only what a wrong range shows (tails, average, spread)."""
    real_rows, synthetic_rows = (max(n, 1) for n in rows)
    holdout = tail.holdout_beyond_tails is not None
    found = []
    grade, excess = judge(
        tail.beyond_tails,
        tail.holdout_beyond_tails if holdout else NOMINAL_BEYOND,
        ColumnTails.beyond_floor if holdout else ColumnTails.good,
    )
    found += findings_if(
        grade,
        excess,
        f"Column '{column}' has {tail.beyond_tails:.1%} of its values beyond the real 1%-99% range"
        f"{beside_fresh(tail.holdout_beyond_tails, '{:.1%}')}.",
    )
    if tail.mean_shift is not None:
        chance = math.sqrt(1 / real_rows + 1 / synthetic_rows)
        fresh = tail.holdout_mean_shift
        grade, excess = judge(abs(tail.mean_shift), chance if fresh is None else fresh, ColumnTails.shift_floor)
        found += findings_if(
            grade,
            excess,
            f"Column '{column}' has its average shifted by {tail.mean_shift:+.2f} standard deviations{beside_fresh(fresh)}.",
        )
    if tail.real_common_share is not None:
        found += [] if range_only else _common_value(column, tail, (real_rows, synthetic_rows))
    elif tail.spread_ratio is not None:
        chance = math.sqrt(1 / (2 * real_rows) + 1 / (2 * synthetic_rows))
        fresh = tail.holdout_spread_ratio
        reference = chance if fresh is None else _log_distance(fresh)
        grade, excess = judge(_log_distance(tail.spread_ratio), reference, ColumnTails.spread_floor)
        found += findings_if(
            grade,
            excess,
            (
                f"Column '{column}' takes a single value in the synthetic data, while the real one varies"
                if tail.spread_ratio == 0
                else f"Column '{column}' spreads {tail.spread_ratio:.2f} times as wide as the real one"
            )
            + f"{beside_fresh(fresh, '{:.2f} times')}.",
        )
    if tail.repeats is not None and not range_only:
        grade, excess = judge(tail.repeats, tail.holdout_repeats, ColumnTails.repeats_floor)
        found += findings_if(
            grade,
            excess,
            f"Column '{column}' holds nearly unique whole numbers in the real data, yet {tail.repeats:.0%} of its "
            f"values repeat another one"
            f"{beside_fresh(tail.holdout_repeats, '{:.0%}', 'a fresh real sample' if holdout else 'the real rows')}.",
        )
    return found


def _common_value(column: str, tail, rows: tuple[int, int]) -> list[Finding]:
    """A near-constant column where one sample takes a single value: its spread ratio is 0 or infinitely far, so the
    share of its most common real value is judged instead, beside the fresh sample's (without a holdout, beside
    what chance gives two samples of these sizes: a real half often holds none of a value a few rows have)."""
    real, made, fresh = tail.real_common_share, tail.common_share, tail.holdout_common_share
    if made is None:
        return []
    chance = math.sqrt(real * (1 - real) * (1 / rows[0] + 1 / rows[1]))
    reference = chance if fresh is None else abs(fresh - real)
    grade, excess = judge(abs(made - real), reference, ColumnTails.share_floor)
    said = (
        f"Column '{column}' takes a single value in the synthetic data, while the real one varies: its most common "
        f"real value is in {made:.1%} of synthetic rows"
        if tail.spread_ratio == 0
        else f"Column '{column}' has its most common real value in {made:.1%} of synthetic rows"
    )
    return findings_if(grade, excess, f"{said}, against {real:.1%} of real rows{beside_fresh(fresh, '{:.1%}')}.")


def _links(evaluation: Evaluation) -> dict[tuple[str, str], Finding]:
    """Column pairs whose score falls further from the real data than a fresh sample's. Every pair is judged, not
    only those SDMetrics counts (real correlation above 0.5): a weak real link lost or a strong one invented shows
    here, and a fresh sample's own distance keeps sparse pairs from being flagged. Without a holdout, one half of
    the real rows against the other stands in for the fresh sample (pairs of a many-valued column score low even
    between two real samples: car names against engine size). A pair with a column empty in the real rows is
    not judged (it named 'the link between rate_marriage and notes' for a shifted rate_marriage)."""
    reference, yardstick = yardstick_of(evaluation)
    fresh = {(p["column_1"], p["column_2"]): p["score"] for p in reference.pairs} if reference else {}
    floor = LINK_FLOOR if evaluation.reference else 1 - ColumnPairTrends.good
    empty = {c for c, shape in evaluation.quality.columns.items() if shape.get("missing_real") == 1.0}
    found = {}
    for pair in evaluation.quality.pairs:
        if not math.isfinite(pair["score"]) or {pair["column_1"], pair["column_2"]} & empty:
            continue  # a pair with an empty column has no link: its score only repeats the other column's shape
        key = (pair["column_1"], pair["column_2"])
        fresh_score = fresh.get(key)
        grade, excess = judge(1 - pair["score"], None if fresh_score is None else 1 - fresh_score, floor)
        if grade != GOOD:
            reason = f"The link between '{key[0]}' and '{key[1]}' scores {pair['score']:.2f}"
            reason += f"{beside_fresh(fresh_score, yardstick=yardstick)}."
            found[key] = Finding(grade, reason, excess, key)
    return found


def column_verdicts(evaluation: Evaluation) -> tuple[dict[str, ColumnVerdict], list[Finding]]:
    """Each column's verdict with its reasons, and every fidelity finding (pairs once each)."""
    tails = evaluation.results.get(ColumnTails.name)
    scores, yardstick = yardstick_of(evaluation)
    reference = scores.columns if scores else {}
    links = _links(evaluation)
    verdicts, every = {}, list(links.values())
    for column, figures in evaluation.columns.items():
        found = _shape(column, figures, reference.get(column), yardstick)
        found += _common_shares(column, figures, reference.get(column), yardstick)
        if tails and column in tails.columns:
            found += tail_findings(column, tails.columns[column], tails.rows)
        found = [replace(finding, columns=(column,)) for finding in found]
        every += found
        found += [finding for pair, finding in links.items() if column in pair]
        verdicts[column] = ColumnVerdict(*worst_of(found))
    return verdicts, every


def table_fidelity(evaluation: Evaluation) -> list[Finding]:
    quality, (reference, yardstick) = evaluation.quality, yardstick_of(evaluation)
    fresh = reference.overall if reference else None
    grade, excess = judge(1 - quality.overall, None if fresh is None else 1 - fresh, 1 - Quality.good)
    found = findings_if(
        grade, excess, f"Overall quality is {quality.overall:.2f}{beside_fresh(fresh, yardstick=yardstick)}."
    )
    detection = evaluation.results.get(Detection.name)
    if detection and detection.auc is not None and Detection.grade(detection) in (FAIR, POOR):
        reason = f"A classifier tells synthetic rows from real ones (AUC {detection.auc:.2f}; 0.5 = cannot)."
        found.append(Finding(CHECK, reason, 1.0))
    return found


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
