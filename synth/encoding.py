"""Shared encodings of model-form columns: numbers and dates as floats, categories as shared integer codes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth import date_ticks

CONTINUOUS = ("integer", "decimal", "datetime")
DISCRETE = ("category", "boolean")
LEARNED = CONTINUOUS + DISCRETE
NS_PER_DAY = 86_400 * 10**9
# a number column reaching this size is divided by a power of two (exact both ways) wherever squares of its values are
# taken: squares of values near 1e300 overflow to infinity; below it, columns are used as they are
HUGE = 1e100
SCALED_TOP = 256  # such a column's largest value is brought near 2**SCALED_TOP: its squares, summed, stay finite


def huge_shift(*values: np.ndarray | None, top: int = SCALED_TOP, reaching: float = HUGE) -> int:
    """The power of two that brings these values' largest (finite) size near 2**top: 0 when it is below `reaching`."""
    size = max((float(np.max(np.abs(v[np.isfinite(v)]), initial=0.0)) for v in values if v is not None), default=0.0)
    return 0 if size < reaching else int(np.frexp(size)[1]) - top


def scaled_column(
    *values: np.ndarray | None, top: int = SCALED_TOP, reaching: float = HUGE
) -> tuple[list[np.ndarray | None], int]:
    """One column's values (from one table or several; None passes through) divided by 2**huge_shift, and that shift:
    its range (max - min) and squares stay finite even for values near the float maximum, and each figure taken on
    them is exact to scale back with np.ldexp(figure, shift). Values below `reaching` (HUGE) are returned as they
    are (shift 0)."""
    shift = huge_shift(*values, top=top, reaching=reaching)
    if not shift:
        return list(values), 0
    return [None if v is None else np.ldexp(v, -shift) for v in values], shift


def squarable(*matrices: np.ndarray | None) -> list[np.ndarray | None]:
    """The matrices (rows x the same columns; None passes through) with each column that reaches HUGE divided by one
    power of two, the same in every matrix: shares, correlations and ratios of spreads come out as they would on
    the real values, without overflow. Matrices with no such column are returned as they are."""
    present = [m for m in matrices if m is not None]
    if not present or not present[0].shape[1]:
        return list(matrices)
    shifts = np.array([huge_shift(*(m[:, i] for m in present)) for i in range(present[0].shape[1])])
    if not shifts.any():
        return list(matrices)
    return [None if m is None else np.ldexp(m, -shifts) for m in matrices]


def one_thread():
    """Run scikit-learn/BLAS on one thread: on a busy shared machine OpenMP threads spin and slow everyone down."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def scored_columns(real: pd.DataFrame, kinds: dict[str, str]) -> list[str]:
    """The columns of learned kinds, in table order: the ones every figure looks at."""
    return [c for c in real.columns if kinds.get(c) in LEARNED]


def numeric_values(series: pd.Series) -> np.ndarray:
    """Floats for a number or date column (dates as nanoseconds since 1970, counted in their own unit: 9999-12-31
    does not fit in int64 nanoseconds), NaN where missing."""
    if pd.api.types.is_datetime64_any_dtype(series):
        unit = date_ticks.holding_unit(series)
        values = date_ticks.ticks(series, unit).astype(float) * (10**9 // date_ticks.PER_SECOND[unit])
        values[series.isna().to_numpy()] = np.nan
        return values
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def shared_codes(*columns: pd.Series) -> tuple[list[np.ndarray], int, np.ndarray]:
    """Integer codes for the values of several columns on one shared scale; missing values get the last code.

    Codes follow the sorted values, not which column showed a value first: a model must not learn from the code
    whether a row came from the real or the synthetic table. Returns the codes of each column, the number of
    codes (missing included) and the distinct values.
    """
    lengths = [len(c) for c in columns]
    joined = pd.concat([c.reset_index(drop=True) for c in columns], ignore_index=True)
    try:
        codes, uniques = pd.factorize(joined, sort=True, use_na_sentinel=True)
    except TypeError:  # values that cannot be ordered (text mixed with numbers): as text
        codes, uniques = pd.factorize(joined.map(lambda v: v if pd.isna(v) else str(v)), sort=True)
    missing = len(uniques)
    codes = np.where(codes < 0, missing, codes).astype(np.int64)
    return list(np.split(codes, np.cumsum(lengths)[:-1])), missing + 1, np.asarray(uniques, dtype=object)


def sdmetrics_bins(values: np.ndarray) -> np.ndarray | None:
    """SDMetrics' discretisation of a number column for mixed pairs: ten equal-width bins over this table's own
    range, np.digitize codes 0..11 (the maximum and missing values both land in 11). None when it fails. Values near
    the float maximum are binned divided by a power of two (the same bins: their range overflowed)."""
    (values,), _ = scaled_column(values)
    finite = values[~np.isnan(values)]
    try:
        edges = np.histogram_bin_edges(finite)
    except ValueError:
        return None
    return np.digitize(values, edges).astype(np.int64)


def model_matrix(frames: list[pd.DataFrame], kinds: dict[str, str], columns: list[str]) -> tuple[list, list[bool]]:
    """Feature matrices for scikit-learn: floats for numbers/dates (a column reaching HUGE divided by a power of two,
    the same in every frame), shared ordinal codes for categories (NaN where missing). Returns one matrix per frame
    and which columns are categorical."""
    blocks = [[] for _ in frames]
    categorical = []
    for column in columns:
        if kinds[column] in CONTINUOUS:
            # values near the float maximum divided by a power of two: scikit-learn's bin midpoints (a + b) / 2 overflowed
            values, _ = scaled_column(*(numeric_values(frame[column]) for frame in frames))
            for block, value in zip(blocks, values, strict=True):
                block.append(value)
            categorical.append(False)
        else:
            codes, size, _ = shared_codes(*(frame[column] for frame in frames))
            for block, code in zip(blocks, codes, strict=True):
                block.append(np.where(code == size - 1, np.nan, code).astype(float))
            categorical.append(size - 1 <= 250)
    matrices = [np.column_stack(b) if b else np.empty((len(f), 0)) for b, f in zip(blocks, frames, strict=True)]
    return matrices, categorical
