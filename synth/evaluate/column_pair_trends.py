"""Column pair trends: SDMetrics' CorrelationSimilarity and ContingencySimilarity for every pair, vectorised."""

from __future__ import annotations

import itertools
import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, scored_columns, sdmetrics_bins, shared_codes, squarable
from synth.evaluate.base import NOT_A_FIGURE, Metric, Result, Tables, finite_mean

CORRELATION_THRESHOLD = 0.5  # sdmetrics.reports.utils.DEFAULT_REAL_CORRELATION_THRESHOLD
ASSOCIATION_THRESHOLD = 0.3  # sdmetrics.reports.utils.DEFAULT_REAL_ASSOCIATION_THRESHOLD
_EDGE = 1e-9  # |real r| this close to the threshold is recomputed exactly as SDMetrics does
_BATCH_CELLS = 2_000_000  # contingency cells counted in one bincount call


def _correlations(values: np.ndarray, constant: np.ndarray) -> np.ndarray:
    """Pearson correlation matrix on pairwise complete rows; NaN for constant columns (SDMetrics raises there)."""
    with np.errstate(all="ignore"):
        if np.isnan(values).any():
            matrix = pd.DataFrame(values).corr(method="pearson").to_numpy()
        elif len(values) > 1:
            matrix = np.atleast_2d(np.corrcoef(values, rowvar=False))
        else:
            matrix = np.full((values.shape[1], values.shape[1]), np.nan)
    matrix[constant, :] = np.nan
    matrix[:, constant] = np.nan
    return matrix


def _pearson_like_scipy(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson r of the complete rows, computed the way SDMetrics does (scipy.stats.pearsonr). Used only where
    the fast matrix's r sits within rounding of the threshold, so the referee and we count the same pairs."""
    from scipy.stats import pearsonr  # here, not at the top: importing scipy.stats costs the fast path ~0.5 s

    complete = ~(np.isnan(x) | np.isnan(y))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(pearsonr(x[complete], y[complete])[0])


def _constant(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    return np.array([frame[c].nunique(dropna=True) == 1 for c in columns], dtype=bool)


def correlation_pairs(real: pd.DataFrame, synthetic: pd.DataFrame, columns: list[str], threshold: float) -> list[dict]:
    """CorrelationSimilarity of every pair of number/date columns: 1 - |real r - synthetic r| / 2.

    1 means the synthetic pair has the same Pearson correlation as the real pair, 0 the opposite one
    (r = 1 against r = -1). A pair counts towards the property when |real r| > threshold; with threshold 0
    every pair with a score counts, even one whose real r is exactly 0, as in SDMetrics' QualityReport."""
    if len(columns) < 2:
        return []
    constant = _constant(real, columns) | _constant(synthetic, columns)
    # a column near 1e300 divided by a power of two (its squares overflowed): a correlation is the same on it
    real_values, synthetic_values = squarable(
        np.column_stack([numeric_values(real[c]) for c in columns]),
        np.column_stack([numeric_values(synthetic[c]) for c in columns]),
    )
    real_r = _correlations(real_values, constant)
    synthetic_r = _correlations(synthetic_values, constant)
    first, second = np.triu_indices(len(columns), k=1)
    rows = []
    for i, j, r, s in zip(first, second, real_r[first, second], synthetic_r[first, second], strict=True):
        if threshold > 0 and abs(abs(r) - threshold) < _EDGE:
            r = _pearson_like_scipy(real_values[:, i], real_values[:, j])
        score = 1.0 - abs(r - s) / 2.0 if np.isfinite(r) and np.isfinite(s) else float("nan")
        counted = bool(np.isfinite(score) and (threshold <= 0 or abs(r) > threshold))
        rows.append(
            {
                "column_1": columns[i],
                "column_2": columns[j],
                "metric": "CorrelationSimilarity",
                "score": score,
                "real": float(r),
                "synthetic": float(s),
                "real_association": None,
                "counted": counted,
            }
        )
    return rows


def cramers_v(table: np.ndarray) -> float:
    """Cramér's V of a contingency table (no continuity correction, like scipy's association): 0 means the two
    columns are independent, 1 that one determines the other. NaN with fewer than two rows or columns."""
    table = np.asarray(table, dtype=float)
    first, second = np.nonzero(table)
    return _cramers_v(first, second, table[first, second])


def _cramers_v(first: np.ndarray, second: np.ndarray, counts: np.ndarray) -> float:
    """Cramér's V from the non-empty cells only: chi² = n (sum of O² / (row total x column total)) - n."""
    total = counts.sum()
    row_totals = np.bincount(first, weights=counts)
    column_totals = np.bincount(second, weights=counts)
    shape = min(np.count_nonzero(row_totals), np.count_nonzero(column_totals))
    if total == 0 or shape < 2:
        return float("nan")
    chi2 = total * float(np.sum(counts**2 / (row_totals[first] * column_totals[second]))) - total
    return float(np.sqrt(max(chi2, 0.0) / total / (shape - 1)))


def _codes(real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], columns: list[str]):
    """Per column: codes in both tables and their count. Categories share codes (missing is one more code);
    numbers and dates use SDMetrics' bins, computed on each table's own range. None where binning failed."""
    real_codes, synthetic_codes, sizes = {}, {}, {}
    for column in columns:
        if kinds[column] in CONTINUOUS:
            real_bins = sdmetrics_bins(numeric_values(real[column]))
            synthetic_bins = sdmetrics_bins(numeric_values(synthetic[column]))
            if real_bins is None or synthetic_bins is None:
                continue
            real_codes[column], synthetic_codes[column], sizes[column] = real_bins, synthetic_bins, 12
        else:
            (real_codes[column], synthetic_codes[column]), sizes[column], _ = shared_codes(
                real[column], synthetic[column]
            )
    return real_codes, synthetic_codes, sizes


def _joint_shares(codes: dict, first: str, partners: list[str], sizes: dict, rows: int) -> np.ndarray:
    """Joint shares of (first, partner) for several partners at once: one bincount over offset keys."""
    widths = np.array([sizes[first] * sizes[p] for p in partners])
    offsets = np.concatenate([[0], np.cumsum(widths)[:-1]])
    partner_sizes = np.array([sizes[p] for p in partners])
    keys = codes[first][:, None] * partner_sizes + np.column_stack([codes[p] for p in partners]) + offsets
    return np.bincount(keys.ravel(), minlength=int(widths.sum())) / max(rows, 1)


def _batches(first: str, partners: list[str], sizes: dict) -> list[list[str]]:
    batches, current, cells = [], [], 0
    for partner in partners:
        width = sizes[first] * sizes[partner]
        if current and cells + width > _BATCH_CELLS:
            batches.append(current)
            current, cells = [], 0
        current.append(partner)
        cells += width
    return batches + ([current] if current else [])


def _wide_pair(real_codes, synthetic_codes, first, partner) -> tuple[float, float]:
    """Score and real Cramér's V of one very wide pair (too many cells for a dense count): only occurring cells."""
    real_keys = real_codes[first] * (1 << 31) + real_codes[partner]
    synthetic_keys = synthetic_codes[first] * (1 << 31) + synthetic_codes[partner]
    cells, inverse = np.unique(np.concatenate([real_keys, synthetic_keys]), return_inverse=True)
    real_counts = np.bincount(inverse[: len(real_keys)], minlength=len(cells)).astype(float)
    synthetic_counts = np.bincount(inverse[len(real_keys) :], minlength=len(cells)).astype(float)
    variation = 0.5 * np.abs(real_counts / max(len(real_keys), 1) - synthetic_counts / max(len(synthetic_keys), 1))
    seen = real_counts > 0
    association = _cramers_v(cells[seen] >> 31, cells[seen] & ((1 << 31) - 1), real_counts[seen])
    return 1.0 - float(variation.sum()), association


def contingency_pairs(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], pairs: list[tuple], threshold: float
) -> list[dict]:
    """ContingencySimilarity of pairs with a category (numbers and dates binned as SDMetrics does):
    1 - total variation distance between the real and synthetic joint shares, missing values counted as a value.

    1 means every combination of the two columns is as frequent as in the real table, 0 that no combination
    is shared. With threshold > 0 a pair counts only when its real Cramér's V exceeds it (SDMetrics'
    real_association_threshold); with 0 every pair counts."""
    columns = list(dict.fromkeys(c for pair in pairs for c in pair))
    real_codes, synthetic_codes, sizes = _codes(real, synthetic, kinds, columns)
    partners_of: dict[str, list[str]] = {}
    for first, second in pairs:
        partners_of.setdefault(first, []).append(second)
    found = {}
    for first, partners in partners_of.items():
        usable = [p for p in partners if first in sizes and p in sizes]
        for batch in _batches(first, usable, sizes):
            if len(batch) == 1 and sizes[first] * sizes[batch[0]] > _BATCH_CELLS:
                found[(first, batch[0])] = _wide_pair(real_codes, synthetic_codes, first, batch[0])
                continue
            real_shares = _joint_shares(real_codes, first, batch, sizes, len(real))
            synthetic_shares = _joint_shares(synthetic_codes, first, batch, sizes, len(synthetic))
            widths = [sizes[first] * sizes[p] for p in batch]
            starts = np.concatenate([[0], np.cumsum(widths)[:-1]])
            variation = 0.5 * np.add.reduceat(np.abs(real_shares - synthetic_shares), starts)
            for partner, start, width, tv in zip(batch, starts, widths, variation, strict=True):
                table = real_shares[start : start + width].reshape(sizes[first], sizes[partner]) * len(real)
                found[(first, partner)] = (1.0 - float(tv), cramers_v(np.rint(table)))
    rows = []
    for first, second in pairs:
        score, association = found.get((first, second), (float("nan"), float("nan")))
        if not len(real) or not len(synthetic):
            score = float("nan")
        counted = bool(np.isfinite(score) and (threshold <= 0 or association > threshold))
        rows.append(
            {
                "column_1": first,
                "column_2": second,
                "metric": "ContingencySimilarity",
                "score": score,
                "real": None,
                "synthetic": None,
                "real_association": association,
                "counted": counted,
            }
        )
    return rows


def column_pair_trends(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str],
    correlation_threshold: float = CORRELATION_THRESHOLD,
    association_threshold: float = ASSOCIATION_THRESHOLD,
) -> list[dict]:
    """Every column pair in table order, scored as SDMetrics' ColumnPairTrends does; each row says whether it counts
    towards the property under the thresholds."""
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


@dataclass(frozen=True)
class ColumnPairTrendsResult(Result):
    column_pair_trends: float | None  # the mean score of the pairs that count; None when none counts
    pairs: list[dict] = field(default_factory=list, metadata=NOT_A_FIGURE)  # every pair, counted or not


def pair_trends_breakdown(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    correlation_threshold: float = CORRELATION_THRESHOLD,
    association_threshold: float = ASSOCIATION_THRESHOLD,
) -> ColumnPairTrendsResult:
    """Every pair of scored columns and the mean score of those that count under the thresholds."""
    columns = scored_columns(real, kinds)
    pairs = column_pair_trends(real, synthetic, kinds, columns, correlation_threshold, association_threshold)
    score = finite_mean([p["score"] for p in pairs if p["counted"]])
    return ColumnPairTrendsResult(None if math.isnan(score) else score, pairs)


class ColumnPairTrends(Metric):
    name = "column_pair_trends"
    label = "Column pair trends"
    description = "1: every strong real link between two columns is kept; 0: every one is reversed or lost."
    section = "quality"
    result = ColumnPairTrendsResult
    headline = "column_pair_trends"
    good, fair = 0.8, 0.6
    timing = "quality_s"
    part_of = "quality"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ColumnPairTrendsResult:
        return pair_trends_breakdown(tables.real, tables.synthetic, tables.kinds)
