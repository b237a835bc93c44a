"""Singling-out attack (Anonymeter's method): queries that isolate one synthetic row, tried on real rows.

The attacker writes predicates from the synthetic rows that match exactly one synthetic row ("age >= 87 and
city == Lyon"): univariate ones from a single rare value or a column's extreme, multivariate ones from a synthetic
row's values in three random columns (>= or <= as the value lies above or below the median). A query succeeds
when it matches exactly one of the rows the generator learned from; the control attack tries the same queries on
real rows it never saw, and the baseline draws random queries. Queries are evaluated as numpy masks, in batches.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, shared_codes
from synth.evaluate.attack_stats import AttackRisk, attack_risk

EQ, NE, GT, LT, GE, LE, IS_NULL, NOT_NULL = range(8)
NUMBER_OPS, CATEGORY_OPS = np.array([EQ, NE, GT, LT, GE, LE]), np.array([EQ, NE])
BATCH = 1000  # queries drawn at once, as Anonymeter does
MAX_ATTEMPTS = 100_000  # Anonymeter allows ten million; past this a table yields too few queries anyway
CELLS = 4_000_000  # rows x queries per evaluation chunk: bounds memory on large tables
PROBE = 256  # rows a query is first tried on: two matches there and it cannot single out


class Encoded:
    """Synthetic, learned and control rows (duplicates dropped, as Anonymeter does) as float matrices on shared
    codes: numbers and dates as floats, categories as codes; NaN where missing."""

    def __init__(self, synthetic: pd.DataFrame, training: pd.DataFrame, control: pd.DataFrame, kinds, columns):
        frames = [f[columns].drop_duplicates().reset_index(drop=True) for f in (synthetic, training, control)]
        blocks = [[] for _ in frames]
        self.numeric = np.array([kinds[c] in CONTINUOUS for c in columns], dtype=bool)
        for column, numeric in zip(columns, self.numeric, strict=True):
            if numeric:
                for block, frame in zip(blocks, frames, strict=True):
                    block.append(numeric_values(frame[column]))
                continue
            codes, size, _ = shared_codes(*(frame[column] for frame in frames))
            for block, code in zip(blocks, codes, strict=True):
                block.append(np.where(code == size - 1, np.nan, code).astype(float))
        self.synthetic, self.training, self.control = (np.column_stack(b) for b in blocks)


_COMPARE = {
    EQ: lambda x, v: x == v,
    NE: lambda x, v: (x != v) & ~np.isnan(x),  # a missing value is not "different from v" in a database either
    GT: lambda x, v: x > v,
    LT: lambda x, v: x < v,
    GE: lambda x, v: x >= v,
    LE: lambda x, v: x <= v,
    IS_NULL: lambda x, v: np.isnan(x),
    NOT_NULL: lambda x, v: ~np.isnan(x),
}


def _matches(data: np.ndarray, cols: np.ndarray, ops: np.ndarray, values: np.ndarray) -> np.ndarray:
    """queries x rows: does each row meet every condition of each query (missing values meet none but IS_NULL).
    Each comparison runs only on the queries that use it, on column-contiguous values."""
    by_column = np.ascontiguousarray(data.T)
    met = np.ones((len(cols), len(data)), dtype=bool)
    for slot in range(cols.shape[1]):
        op = ops[:, slot]
        for code in np.unique(op):
            picked = np.flatnonzero(op == code)
            with np.errstate(invalid="ignore"):
                found = _COMPARE[int(code)](by_column[cols[picked, slot]], values[picked, slot][:, None])
            if len(picked) == len(op):
                met &= found
            else:
                met[picked] &= found
    return met


def counts(data: np.ndarray, cols: np.ndarray, ops: np.ndarray, values: np.ndarray) -> np.ndarray:
    """How many rows of data each query matches."""
    step = max(1, CELLS // max(len(data), 1))
    parts = [
        np.count_nonzero(_matches(data, cols[i : i + step], ops[i : i + step], values[i : i + step]), axis=1)
        for i in range(0, len(cols), step)
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=int)


def singles_out(data: np.ndarray, cols: np.ndarray, ops: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which queries match exactly one row of data. Most queries match many rows: those that already match two
    of the first PROBE rows are dropped before the costly count over every row (exact, as a count only grows)."""
    found = np.zeros(len(cols), dtype=bool)
    maybe = np.flatnonzero(counts(data[:PROBE], cols, ops, values) <= 1) if len(data) > PROBE else np.arange(len(cols))
    found[maybe] = counts(data, cols[maybe], ops[maybe], values[maybe]) == 1
    return found


class _Unique:
    """Queries that single out one synthetic row, each once (the same conditions in another order count once)."""

    def __init__(self, limit: int):
        self.limit, self.seen, self.rows = limit, set(), []

    def add(self, cols, ops, values, single) -> None:
        for i in np.flatnonzero(single):
            if len(self.rows) >= self.limit:
                return
            order = np.argsort(cols[i], kind="stable")
            key = tuple(zip(cols[i][order], ops[i][order], np.nan_to_num(values[i][order], nan=-0.5), strict=True))
            if key not in self.seen:
                self.seen.add(key)
                self.rows.append((cols[i], ops[i], values[i]))

    def arrays(self, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not self.rows:
            return np.zeros((0, width), int), np.zeros((0, width), int), np.zeros((0, width))
        return tuple(np.array(part) for part in zip(*self.rows, strict=True))


def univariate_queries(data: np.ndarray, numeric: np.ndarray, n_queries: int, rng) -> tuple:
    """Single-column queries from a lone missing value, a column's minimum or maximum, or a value seen once."""
    cols, ops, values = [], [], []
    for column in range(data.shape[1]):
        x = data[:, column]
        present = x[~np.isnan(x)]
        if np.isnan(x).sum() == 1:
            cols.append(column)
            ops.append(IS_NULL)
            values.append(np.nan)
        if numeric[column] and len(present):
            cols += [column, column]
            ops += [LE, GE]
            values += [present.min(), present.max()]
        seen, times = np.unique(present, return_counts=True)
        rare = seen[times == 1]
        cols += [column] * len(rare)
        ops += [EQ] * len(rare)
        values += list(rare)
    order = rng.permutation(len(cols))
    cols, ops, values = (np.asarray(a)[order].reshape(-1, 1) for a in (cols, ops, values))
    unique = _Unique(n_queries)
    cols, ops, values = cols.astype(int), ops.astype(int), values.astype(float)
    unique.add(cols, ops, values, singles_out(data, cols, ops, values))
    return unique.arrays(1)


def multivariate_queries(data: np.ndarray, numeric: np.ndarray, n_queries: int, n_cols: int, rng) -> tuple:
    """Queries from a random synthetic row's values in n_cols random columns: equal for categories, and for
    numbers >= when the value lies above the column's median, else <=; missing values ask for missing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        medians = np.nanmedian(data, axis=0)
    unique, attempts = _Unique(n_queries), 0
    while len(unique.rows) < n_queries and attempts < MAX_ATTEMPTS:
        rows = rng.integers(0, len(data), BATCH)
        cols = np.argsort(rng.random((BATCH, data.shape[1])), axis=1)[:, :n_cols]
        values = data[rows[:, None], cols]
        above = values > medians[cols]
        ops = np.where(numeric[cols], np.where(above, GE, LE), EQ)
        ops = np.where(np.isnan(values), IS_NULL, ops)
        unique.add(cols, ops, values, singles_out(data, cols, ops, values))
        attempts += BATCH
    return unique.arrays(n_cols)


def random_queries(data: np.ndarray, numeric: np.ndarray, n_queries: int, n_cols: int, rng) -> tuple:
    """The baseline: random columns, a random value seen in each, a random comparison (a missing value: "not
    missing"), as Anonymeter's random-guessing attacker."""
    distinct = [np.unique(data[:, c]) for c in range(data.shape[1])]  # NaN kept once at most
    distinct = [np.concatenate([d[~np.isnan(d)], [np.nan]]) if np.isnan(d).any() else d for d in distinct]
    cols = np.argsort(rng.random((n_queries, data.shape[1])), axis=1)[:, :n_cols]
    values = np.array([[distinct[c][rng.integers(len(distinct[c]))] for c in row] for row in cols]).reshape(cols.shape)
    ops = np.where(
        numeric[cols],
        rng.choice(NUMBER_OPS, cols.shape),
        rng.choice(CATEGORY_OPS, cols.shape),
    )
    return cols, np.where(np.isnan(values), NOT_NULL, ops), values


def _probability_integral(n, w):
    """Chance that a query of weight up to w singles out in n rows, integrated over the weight (Cohen & Nissim)."""
    return (1.0 - (n * w + 1.0) * (1.0 - w) ** n) / (n + 1.0)


def size_correction(control: np.ndarray, queries: tuple, learned_rows: int, rng) -> float:
    """Anonymeter's correction for a control set smaller or larger than the learned rows: fit how many queries
    single out against the number of rows on subsamples of the control set, and take the ratio at both sizes."""
    from scipy.optimize import curve_fit

    masks = _matches(control, *queries).T if len(queries[0]) else np.zeros((len(control), 0), dtype=bool)
    sizes, found = [], []
    for size in np.linspace(min(1000, len(control)), len(control), 10).astype(int):
        for _ in range(5):
            picked = rng.choice(len(control), size, replace=False)
            sizes.append(size)
            found.append(int((masks[picked].sum(axis=0) == 1).sum()))
    sizes = np.array(sizes, dtype=float)
    guess = 1.0 / sizes.max()

    def model(n, w, norm):
        return norm * _probability_integral(n, w)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = (guess, 1.0 / _probability_integral(sizes.max(), guess))
            (w, norm), _ = curve_fit(model, sizes, np.array(found, float), p0=start, bounds=(0, (1, np.inf)))
        corrected = model(learned_rows, w, norm) / model(len(control), w, norm)
    except (RuntimeError, ValueError, ZeroDivisionError):
        return 1.0
    return float(corrected) if np.isfinite(corrected) else 1.0


def singling_out_risk(
    encoded: Encoded, mode: str = "multivariate", n_attacks: int = 500, n_cols: int = 3, seed: int = 0
) -> AttackRisk | None:
    """The singling-out risk: share of queries made from synthetic rows that single out one learned row, beyond
    the share that single out one unseen row (None when the synthetic rows yield no query at all)."""
    rng = np.random.default_rng(seed)
    synthetic, numeric = encoded.synthetic, encoded.numeric
    if not len(synthetic):
        return None
    n_cols = min(n_cols, synthetic.shape[1])
    if mode == "univariate":
        queries, n_cols = univariate_queries(synthetic, numeric, n_attacks, rng), 1
    else:
        queries = multivariate_queries(synthetic, numeric, n_attacks, n_cols, rng)
    made = len(queries[0])
    if not made or not len(encoded.training) or not len(encoded.control):
        return None
    # Divided by the queries actually made, as Anonymeter's main branch does since it could make fewer.
    success = int(singles_out(encoded.training, *queries).sum())
    baseline = int(singles_out(encoded.training, *random_queries(synthetic, numeric, made, n_cols, rng)).sum())
    control = float(singles_out(encoded.control, *queries).sum())
    if len(encoded.control) != len(encoded.training):
        control *= size_correction(encoded.control, queries, len(encoded.training), rng)
    return attack_risk(made, success, made, baseline, made, min(control, made))
