"""Column shapes: SDMetrics' KSComplement and TVComplement per column, plus the statistics behind them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, HUGE, NS_PER_DAY, numeric_values, scaled_column, scored_columns, shared_codes
from synth.evaluate.base import NOT_A_FIGURE, Metric, Result, Tables, finite_mean

KS_DECIMALS = 14  # SDMetrics rounds to sys.float_info.dig - 1 decimals before its KS test


def _rounded(values: np.ndarray) -> np.ndarray:
    """values rounded to KS_DECIMALS; values from HUGE on stay as they are (they are whole, and rounding multiplies
    them by 1e14: past 1.8e294 that overflowed to infinity and every such value tied)."""
    small = np.abs(values) < HUGE
    if small.all():
        return np.round(values, KS_DECIMALS)
    out = values.copy()
    out[small] = np.round(values[small], KS_DECIMALS)
    return out


def ks_statistic(real: np.ndarray, synthetic: np.ndarray) -> float:
    """Kolmogorov-Smirnov D: the largest gap between the two cumulative distributions (0 same, 1 disjoint).
    Missing values are left out; NaN when either side has no value."""
    real, synthetic = np.sort(_rounded(real[~np.isnan(real)])), np.sort(_rounded(synthetic[~np.isnan(synthetic)]))
    if not len(real) or not len(synthetic):
        return float("nan")
    points = np.concatenate([real, synthetic])
    real_cdf = np.searchsorted(real, points, side="right") / len(real)
    synthetic_cdf = np.searchsorted(synthetic, points, side="right") / len(synthetic)
    return float(np.max(np.abs(real_cdf - synthetic_cdf)))


def total_variation(real: pd.Series, synthetic: pd.Series) -> float:
    """Total variation distance between the category shares (0 same, 1 no category in common), missing values
    left out. Like SDMetrics, categories only the synthetic column has get a real count of 1e-6."""
    real, synthetic = real.dropna(), synthetic.dropna()
    if not len(real) or not len(synthetic):
        return float("nan")
    (real_codes, synthetic_codes), size, _ = shared_codes(real, synthetic)
    real_counts = np.bincount(real_codes, minlength=size)[:-1].astype(float)
    synthetic_counts = np.bincount(synthetic_codes, minlength=size)[:-1].astype(float)
    real_counts[(real_counts == 0) & (synthetic_counts > 0)] = 1e-6
    real_shares = real_counts / real_counts.sum()
    synthetic_shares = synthetic_counts / synthetic_counts.sum()
    return float(0.5 * np.abs(real_shares - synthetic_shares).sum())


def wasserstein(real: np.ndarray, synthetic: np.ndarray) -> float:
    """Earth mover's distance between two number columns, in the column's own unit (0 = same values); the same
    figure as scipy.stats.wasserstein_distance, without importing scipy.stats (a second of start-up)."""
    real, synthetic = np.sort(real[~np.isnan(real)]), np.sort(synthetic[~np.isnan(synthetic)])
    if not len(real) or not len(synthetic):
        return float("nan")
    points = np.sort(np.concatenate([real, synthetic]))  # the area between the two cumulative distributions
    real_cdf = np.searchsorted(real, points[:-1], side="right") / len(real)
    synthetic_cdf = np.searchsorted(synthetic, points[:-1], side="right") / len(synthetic)
    return float(np.sum(np.abs(real_cdf - synthetic_cdf) * np.diff(points)))


COMMON = 0.05  # a category value held by at least this share of the real rows has its share compared on its own
MOST_COMMON = 20  # the most such values a column's figures list


def common_shares(real: pd.Series, synthetic: pd.Series) -> list[dict]:
    """For each category value held by COMMON of the real rows or more (at most MOST_COMMON, missing values left
    out): its share of the present real values and of the present synthetic ones. Total variation spreads over every
    value, so on a column of a common value and many rare ones it moves little when the common value's share doubles
    (a real half holds other rare values than the other half): the verdict judges these shares too."""
    real_shares = real.dropna().astype(str).value_counts(normalize=True)
    made = synthetic.dropna().astype(str).value_counts(normalize=True)
    common = real_shares[real_shares >= COMMON].head(MOST_COMMON)
    return [
        {"value": value, "real": float(share), "synthetic": float(made.get(value, 0.0))}
        for value, share in common.items()
    ]


def _missing(series: pd.Series) -> float:
    return float(series.isna().mean()) if len(series) else 0.0


def column_shape(real: pd.Series, synthetic: pd.Series, kind: str) -> dict:
    """One column's shape figures.

    score: SDMetrics' KSComplement (numbers, dates) or TVComplement (categories, yes/no): 1 means the
    synthetic column has the same distribution as the real one, 0 that they do not overlap at all.
    statistic: the KS statistic or the total variation distance behind it (0 same, 1 disjoint).
    wasserstein: for numbers and dates, how far values must move on average to turn one distribution into the
    other, in the column's unit (days for dates); wasserstein_scaled divides it by the real standard deviation.
    missing_real / missing_synthetic: shares of empty cells.
    common_shares (categories, yes/no): the shares of the common real values (see common_shares), with
    present_real / present_synthetic, the numbers of present values they are shares of.
    """
    figures = {"missing_real": _missing(real), "missing_synthetic": _missing(synthetic)}
    if kind in CONTINUOUS:
        real_values, synthetic_values = numeric_values(real), numeric_values(synthetic)
        statistic = ks_statistic(real_values, synthetic_values)
        if kind == "datetime":
            real_values, synthetic_values = real_values / NS_PER_DAY, synthetic_values / NS_PER_DAY
        # values near 1e300: measured scaled, then scaled back
        (real_values, synthetic_values), shift = scaled_column(real_values, synthetic_values)
        distance = wasserstein(real_values, synthetic_values)
        spread = float(np.nanstd(real_values)) if np.isfinite(real_values).any() else float("nan")
        figures.update(
            {
                "metric": "KSComplement",
                "statistic": statistic,
                "wasserstein": float(np.ldexp(distance, shift)),
                "wasserstein_scaled": distance / spread if spread > 0 else float("nan"),
            }
        )
    else:
        statistic = total_variation(real, synthetic)
        figures.update({"metric": "TVComplement", "statistic": statistic})
        figures.update(
            {
                "common_shares": common_shares(real, synthetic),
                "present_real": int(real.notna().sum()),
                "present_synthetic": int(synthetic.notna().sum()),
            }
        )
    figures["score"] = 1.0 - statistic
    return figures


def column_shapes(real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], columns: list[str]) -> dict:
    """Shape figures of every column (see column_shape), keyed by column name, in table order."""
    return {column: column_shape(real[column], synthetic[column], kinds[column]) for column in columns}


@dataclass(frozen=True)
class ColumnShapesResult(Result):
    column_shapes: float  # the mean score over columns
    columns: dict[str, dict] = field(default_factory=dict, metadata=NOT_A_FIGURE)  # column_shape() of each column


def shapes_breakdown(real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str]) -> ColumnShapesResult:
    """Every scored column's shape figures and their mean score."""
    columns = column_shapes(real, synthetic, kinds, scored_columns(real, kinds))
    return ColumnShapesResult(finite_mean([f["score"] for f in columns.values()]), columns)


class ColumnShapes(Metric):
    name = "column_shapes"
    label = "Column shapes"
    description = "1: every column has the real distribution; 0: no column overlaps the real one."
    section = "quality"
    result = ColumnShapesResult
    headline = "column_shapes"
    good, fair = 0.8, 0.6
    timing = "quality_s"
    part_of = "quality"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ColumnShapesResult:
        return shapes_breakdown(tables.real, tables.synthetic, tables.kinds)
