"""The referee: SDMetrics' own QualityReport and metadata (slow to import), to check our figures against."""

from __future__ import annotations

import math
import warnings

import pandas as pd

from synth.evaluate.quality import QualityScores
from synth.schema import SDV_SDTYPES


def _number(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _flag(value) -> bool:
    return False if pd.isna(value) else bool(value)


def sdmetrics_metadata(kinds: dict[str, str]) -> dict:
    """SDMetrics' single-table metadata for our column kinds."""
    return {"tables": {"table": {"columns": {c: {"sdtype": SDV_SDTYPES[k]} for c, k in kinds.items()}}}}


def sdmetrics_quality_scores(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    correlation_threshold: float | None = None,
    association_threshold: float | None = None,
) -> QualityScores:
    """Score model-form frames (see schema.to_model_frame) with SDMetrics' unified QualityReport itself.

    Thresholds left as None keep SDMetrics' defaults; 0 counts every pair. The referee of the tests and of
    bench/evaluate_speed.py; it imports SDMetrics (and PyTorch), which takes seconds.
    """
    from sdmetrics.reports import QualityReport

    columns = [c for c in real.columns if kinds.get(c) in SDV_SDTYPES]
    metadata = sdmetrics_metadata({c: kinds[c] for c in columns})
    report = QualityReport()
    if correlation_threshold is not None:
        report.real_correlation_threshold = correlation_threshold
    if association_threshold is not None:
        report.real_association_threshold = association_threshold
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report.generate({"table": real[columns]}, {"table": synthetic[columns]}, metadata, verbose=False)
    properties = dict(zip(report.get_properties()["Property"], report.get_properties()["Score"], strict=True))
    shapes = report.get_details("Column Shapes")
    per_column = {
        row["Column"]: {"metric": row["Metric"], "score": _number(row["Score"])} for _, row in shapes.iterrows()
    }
    pairs = []
    if len(columns) > 1:
        for _, row in report.get_details("Column Pair Trends").iterrows():
            pairs.append(
                {
                    "column_1": row["Column 1"],
                    "column_2": row["Column 2"],
                    "metric": row["Metric"],
                    "score": _number(row["Score"]),
                    "real": _number(row.get("Real Correlation")),
                    "synthetic": _number(row.get("Synthetic Correlation")),
                    "real_association": _number(row.get("Real Association")),
                    "counted": _flag(row.get("Meets Threshold?", True)),
                }
            )
    return QualityScores(
        overall=float(report.get_score()),
        column_shapes=float(properties["Column Shapes"]),
        column_pair_trends=_number(properties.get("Column Pair Trends")),
        columns=per_column,
        pairs=pairs,
    )
