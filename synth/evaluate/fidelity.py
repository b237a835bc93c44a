"""Fast fidelity scores with SDMetrics QualityReport's definitions: column shapes and column pair trends, 0 to 1."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, scored_columns
from synth.evaluate.pairs import ASSOCIATION_THRESHOLD, CORRELATION_THRESHOLD, contingency_pairs, correlation_pairs
from synth.evaluate.shapes import column_shapes


@dataclass(frozen=True)
class QualityScores:
    """overall, column_shapes and column_pair_trends run from 0 (nothing alike) to 1 (same distributions)."""

    overall: float
    column_shapes: float
    column_pair_trends: float | None
    columns: dict[str, dict] = field(default_factory=dict)
    pairs: list[dict] = field(default_factory=list)


def _mean(values: list[float]) -> float:
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return float(np.mean(finite)) if finite else float("nan")


def column_pair_trends(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str],
    correlation_threshold: float = CORRELATION_THRESHOLD,
    association_threshold: float = ASSOCIATION_THRESHOLD,
) -> list[dict]:
    """Every column pair in table order, scored as SDMetrics' ColumnPairTrends does (see pairs.py); each row says
    whether it counts towards the property under the thresholds."""
    continuous = [c for c in columns if kinds[c] in CONTINUOUS]
    found = {
        (r["column_1"], r["column_2"]): r for r in correlation_pairs(real, synthetic, continuous, correlation_threshold)
    }
    mixed = [(a, b) for a, b in itertools.combinations(columns, 2) if (a, b) not in found]
    found.update(
        {
            (r["column_1"], r["column_2"]): r
            for r in contingency_pairs(real, synthetic, kinds, mixed, association_threshold)
        }
    )
    return [found[pair] for pair in itertools.combinations(columns, 2)]


def quality_scores(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    correlation_threshold: float = CORRELATION_THRESHOLD,
    association_threshold: float = ASSOCIATION_THRESHOLD,
) -> QualityScores:
    """SDMetrics QualityReport's scores for model-form frames (see schema.to_model_frame), without SDMetrics.

    column_shapes: mean KSComplement/TVComplement over columns; 1 = every column has the real distribution.
    column_pair_trends: mean CorrelationSimilarity/ContingencySimilarity over the pairs whose real correlation
    (|Pearson r|) exceeds correlation_threshold or whose real Cramér's V exceeds association_threshold, like
    sdmetrics.reports.QualityReport; pass 0 for both to count every pair. None when no pair counts.
    overall: the mean of the two (column shapes alone when no pair counts).
    """
    columns = scored_columns(real, kinds)
    shapes = column_shapes(real, synthetic, kinds, columns)
    pairs = column_pair_trends(real, synthetic, kinds, columns, correlation_threshold, association_threshold)
    shape_score = _mean([f["score"] for f in shapes.values()])
    trend_score = _mean([p["score"] for p in pairs if p["counted"]])
    overall = _mean([shape_score, trend_score])
    return QualityScores(
        overall=overall,
        column_shapes=shape_score,
        column_pair_trends=None if math.isnan(trend_score) else trend_score,
        columns=shapes,
        pairs=pairs,
    )
