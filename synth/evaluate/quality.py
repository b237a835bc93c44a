"""Overall quality with SDMetrics QualityReport's definitions: the mean of column shapes and column pair trends."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from synth.evaluate.base import NOT_A_FIGURE, Metric, Result, Tables, finite_mean
from synth.evaluate.column_pair_trends import ASSOCIATION_THRESHOLD, CORRELATION_THRESHOLD, pair_trends_breakdown
from synth.evaluate.column_shapes import shapes_breakdown


@dataclass(frozen=True)
class QualityScores(Result):
    """overall, column_shapes and column_pair_trends run from 0 (nothing alike) to 1 (same distributions)."""

    overall: float
    column_shapes: float
    column_pair_trends: float | None
    columns: dict[str, dict] = field(default_factory=dict, metadata=NOT_A_FIGURE)
    pairs: list[dict] = field(default_factory=list, metadata=NOT_A_FIGURE)


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
    shapes = shapes_breakdown(real, synthetic, kinds)
    trends = pair_trends_breakdown(real, synthetic, kinds, correlation_threshold, association_threshold)
    return QualityScores(
        overall=finite_mean([shapes.column_shapes, trends.column_pair_trends]),
        column_shapes=shapes.column_shapes,
        column_pair_trends=trends.column_pair_trends,
        columns=shapes.columns,
        pairs=trends.pairs,
    )


class Quality(Metric):
    name = "quality"
    label = "Overall quality"
    description = "1: the synthetic data is statistically like the real (column shapes and pair trends); 0: unlike."
    section = "quality"
    result = QualityScores
    headline = "overall"
    good, fair = 0.8, 0.6
    timing = "quality_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> QualityScores:
        return quality_scores(tables.real, tables.synthetic, tables.kinds)
