"""Association matrices for heat maps: how strongly each pair of columns is linked, in real and synthetic data."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, scored_columns, shared_codes, squarable
from synth.evaluate.column_pair_trends import cramers_v

MAX_ROWS = 50_000  # rows of each table the heat maps are drawn from


class Associations(NamedTuple):
    real: pd.DataFrame
    synthetic: pd.DataFrame
    difference: pd.DataFrame  # synthetic - real


def _correlation_ratio(codes: np.ndarray, size: int, values: np.ndarray) -> np.ndarray:
    """Correlation ratio (eta) of each number column in values against one category: 0 means the category says
    nothing about the number, 1 that it fixes it. Rows where the number is missing are left out."""
    from scipy import sparse

    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    onehot = sparse.csr_matrix((np.ones(len(codes)), (np.arange(len(codes)), codes)), shape=(len(codes), size))
    counts = onehot.T @ present.astype(float)
    sums = onehot.T @ filled
    totals, n = sums.sum(axis=0), counts.sum(axis=0)
    with np.errstate(all="ignore"):
        means = totals / n
        between = sums**2 / np.where(counts > 0, counts, np.nan)
        between = np.nansum(between, axis=0) - n * means**2
        within = (filled**2).sum(axis=0) - n * means**2
        eta = np.sqrt(np.clip(between / within, 0.0, 1.0))
    return np.where(within > 0, eta, np.nan)


def association_matrix(frame: pd.DataFrame, kinds: dict[str, str], method: str = "pearson") -> pd.DataFrame:
    """Square matrix of links between columns of one table.

    Two numbers/dates: Pearson or Spearman correlation, from -1 (opposite) through 0 (none) to 1 (together).
    Two categories: Cramér's V, 0 (independent) to 1 (one fixes the other). A number and a category: the
    correlation ratio eta, 0 to 1. Missing values are left out pairwise; NaN where a column is constant.
    """
    if method not in ("pearson", "spearman"):
        raise ValueError("method must be 'pearson' or 'spearman'")
    columns = scored_columns(frame, kinds)
    continuous = [c for c in columns if kinds[c] in CONTINUOUS]
    discrete = [c for c in columns if c not in continuous]
    matrix = pd.DataFrame(np.nan, index=columns, columns=columns)
    values = np.column_stack([numeric_values(frame[c]) for c in continuous]) if continuous else np.empty((0, 0))
    (values,) = squarable(values)  # a column near 1e300 divided by a power of two: r and eta are the same on it
    if continuous:
        with np.errstate(all="ignore"):
            matrix.loc[continuous, continuous] = pd.DataFrame(values, columns=continuous).corr(method=method).values
    codes = {}
    for column in discrete:
        (code,), size, _ = shared_codes(frame[column])
        codes[column] = (code, size)
    for i, first in enumerate(discrete):
        matrix.loc[first, first] = 1.0
        for second in discrete[i + 1 :]:
            (a, size_a), (b, size_b) = codes[first], codes[second]
            table = np.bincount(a * size_b + b, minlength=size_a * size_b).reshape(size_a, size_b)
            matrix.loc[first, second] = matrix.loc[second, first] = cramers_v(table)
        if continuous:
            eta = _correlation_ratio(*codes[first], values)
            matrix.loc[first, continuous] = eta
            matrix.loc[continuous, first] = eta
    return matrix.astype(float)


def association_matrices(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    method: str = "pearson",
    max_rows: int | None = MAX_ROWS,
) -> Associations:
    """The association matrices (see association_matrix) of both tables and their difference, synthetic minus
    real: 0 everywhere means every link between columns is kept; ±1 or more means a link is lost or invented.
    Longer tables are looked at through a seeded random sample of max_rows rows each (None: every row), as
    SDMetrics subsamples: on 300,000 rows the rank correlations took 10 s of CPU in the page's own thread."""
    if max_rows is not None:
        real, synthetic = (f.sample(max_rows, random_state=0) if len(f) > max_rows else f for f in (real, synthetic))
    real_matrix = association_matrix(real, kinds, method)
    synthetic_matrix = association_matrix(synthetic, kinds, method).reindex_like(real_matrix)
    return Associations(real_matrix, synthetic_matrix, synthetic_matrix - real_matrix)
