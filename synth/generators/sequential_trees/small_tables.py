"""Small tables: a Gaussian copula on normal scores, each column drawn back through its own real values.

With a few dozen rows a tree has too few rows to split, so every column would be drawn on its own and the links
between columns lost. Here every column becomes normal scores of its ranks (missing values and categories are
ranked groups like any repeated value), the scores' correlation is measured, and new rows are correlated normal
draws mapped back through each column's real values: the step quantile for categories and few-valued numbers
(real values only); for many-valued numbers, the linear interpolation between the Harrell-Davis quantiles (each a
beta-weighted mean of neighbouring real values), so values stay inside the real range without crowding around the
training values (a fresh real sample does not crowd there either). Numbers with 20 values or fewer count as
many-valued when those values are mostly distinct: on a tiny table, real values only would copy every number from
some training row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from synth.generators.sequential_trees.columns import Column
from synth.generators.sequential_trees.leaf_draw import FAR_SECONDS

MOSTLY_DISTINCT = 0.5  # numbers with more distinct values than this share of their rows get values between real ones
# a date that at least this many rows and this share of them hold (9999-12-31 marking open rows) is drawn exactly, and
# the values between real ones are spread over the other dates only: across the gap to it they made dates in 5000
SPIKE_ROWS, SPIKE_SHARE = 5, 0.1
TAIL_SHARE = 0.02  # smoothed_quantiles keeps this share of the real values at each end as they are
NEAR_STEP = 0.8  # a redrawn row's new scores: this much of its old ones plus fresh noise (the rest of the variance)


@dataclass
class _Marginal:
    """One column's observed values in copula order: groups (values or categories) with their cumulative shares."""

    name: str
    groups: np.ndarray  # model-form value of each group, in order
    bounds: np.ndarray  # cumulative share at the end of each group (the last is 1)
    observed: np.ndarray  # sorted observed values, for the interpolated quantile; empty when drawn as groups
    label: bool
    spikes: np.ndarray | None = None  # dates drawn as groups: True for a group that is a spike (see SPIKE_ROWS)

    def interpolated(self, u: np.ndarray) -> np.ndarray:
        """Values spread over the real ones like numpy's linear quantile; a share falling on a spike gives the spike
        itself, the others are spread over the values no spike holds (their shares closed up)."""
        if self.spikes is None or not self.spikes.any():
            return np.interp(u, np.linspace(0.0, 1.0, len(self.observed)), self.observed)
        group = np.minimum(np.searchsorted(self.bounds, u, side="right"), len(self.groups) - 1)
        mass = np.diff(np.r_[0.0, self.bounds]) * self.spikes
        below = np.r_[0.0, np.cumsum(mass)][group]  # the spikes' share before the group u falls in
        rest = np.clip((u - below) / max(1.0 - mass.sum(), 1e-12), 0.0, 1.0)
        spread = np.interp(rest, np.linspace(0.0, 1.0, len(self.observed)), self.observed)
        return np.where(self.spikes[group], self.groups[group], spread)


def _marginal(column: Column, values: np.ndarray, interpolate: bool, shared: int) -> tuple[_Marginal, np.ndarray]:
    """The column's marginal and each real row's position (0..1, its group's mid-rank; NaN where missing).
    A label column that is no predictor (near-unique: names) is drawn only from values at least `shared` rows
    share, when there are any: a value one row has would name that row."""
    label = column.role == "label"
    present = np.ones(len(values), dtype=bool) if label else ~np.isnan(values)
    distinct, slot, counts = np.unique(values[present], return_inverse=True, return_counts=True)
    if label:
        order = np.argsort(-counts, kind="stable")  # the most frequent first, as RDT's UniformEncoder does
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        distinct, counts, slot = distinct[order], counts[order], rank[slot]
    bounds = np.cumsum(counts) / max(counts.sum(), 1)
    middles = bounds - counts / (2 * max(counts.sum(), 1))
    positions = np.full(len(values), np.nan)
    positions[present] = middles[slot]
    groups, observed, spikes = distinct.astype(float), np.empty(0), None
    if label and not column.predictor and (counts >= shared).any():
        keep = counts >= shared
        groups, bounds = groups[keep], np.cumsum(counts[keep]) / counts[keep].sum()
    elif interpolate and len(distinct) > 1:
        plain = values[present]
        if column.role == "date":
            far = (np.abs(distinct) >= FAR_SECONDS) & (counts >= 2)  # 9999-12-31 however few rows hold it
            spikes = ((counts >= SPIKE_ROWS) & (counts >= SPIKE_SHARE * counts.sum())) | far
            if spikes.all():
                spikes = None
            elif spikes.any():
                plain = plain[~spikes[slot]]
        # Harrell-Davis weighs every value: in a column learned scaled (encoding.HUGE) one value near 1e300 outweighed
        # all the ordinary ones, and every smoothed quantile became the same value; there the real values are used
        observed = np.sort(plain) if column.shift else smoothed_quantiles(plain)
    return _Marginal(column.name, groups, bounds, observed, label, spikes), positions


def smoothed_quantiles(values: np.ndarray) -> np.ndarray:
    """The sorted values with the inner ones replaced by Harrell-Davis quantiles at the same shares (as
    scipy.stats.mstats.hdquantiles computes them, vectorised: each a beta-weighted mean of the sorted values), so
    the drawn values no longer crowd around each training value (the sorted values themselves give every gap
    between two neighbouring training values the same share of the made values, the narrowest ones too). The
    outer TAIL_SHARE of the values on each side stay real values, one more than that at least: smoothing there
    would spread the made values past the real 1% and 99% quantiles (issue 11's tails referee)."""
    from scipy.special import betainc

    ordered = np.sort(values)
    n = len(ordered)
    kept = int(np.ceil(TAIL_SHARE * (n - 1))) + 1  # real values kept at each end
    if n <= 2 * kept:
        return ordered
    shares = np.linspace(0.0, 1.0, n)[kept:-kept, None]
    weights = np.diff(betainc((n + 1) * shares, (n + 1) * (1 - shares), np.arange(n + 1) / n), axis=1)
    smoothed = ordered.copy()
    smoothed[kept:-kept] = np.clip(weights @ ordered, ordered[kept - 1], ordered[-kept])
    return np.maximum.accumulate(smoothed)


def _mostly_distinct(column: Column, values: np.ndarray) -> bool:
    """A number or date column whose values are mostly distinct is continuous, however few rows it has: drawn as
    real values only, every made value would be one of the training rows' (20 distinct values on a 20-row table
    are no few-valued column)."""
    if column.role == "label":
        return False
    observed = values[~np.isnan(values)]
    distinct = len(np.unique(observed))
    return distinct > 2 and distinct > MOSTLY_DISTINCT * len(observed)


def _nearest_correlation(matrix: np.ndarray) -> np.ndarray:
    """A valid correlation matrix near one measured on pairwise complete rows (which may not be one)."""
    matrix = (matrix + matrix.T) / 2
    values, vectors = np.linalg.eigh(matrix)
    fixed = vectors @ np.diag(np.maximum(values, 1e-9)) @ vectors.T
    scale = np.sqrt(np.diag(fixed))
    return fixed / np.outer(scale, scale)


class SmallTableCopula:
    """Fits the copula on model-form columns; draws new rows in model form (numbers unrounded)."""

    def fit(
        self, columns: list[Column], model: dict[str, np.ndarray], interpolate: bool = True, shared: int = 2
    ) -> SmallTableCopula:
        """interpolate: many-valued numbers (column.blur, or mostly distinct values) get new values between the
        real ones, else real values only; columns that are no predictor are drawn on their own (no link to any other
        column). Correlations are measured on the rows where both columns have a value; which values are missing is drawn as whole
        real rows' patterns."""
        import pandas as pd
        from scipy.special import ndtri  # already loaded with the near-copy check's k-d tree

        self.marginals, positions = [], []
        for column in columns:
            spread = interpolate and (column.blur or _mostly_distinct(column, model[column.name]))
            marginal, position = _marginal(column, model[column.name], spread, shared)
            self.marginals.append(marginal)
            positions.append(position)
        scores = pd.DataFrame(ndtri(np.column_stack(positions)))
        correlation = np.nan_to_num(scores.corr(min_periods=3).to_numpy(), nan=0.0)
        linked = np.array([c.predictor for c in columns]) & (scores.std().fillna(0.0).to_numpy() > 0)
        self.linked = [c.name for c, link in zip(columns, linked, strict=True) if link]
        correlation[~linked, :] = 0.0
        correlation[:, ~linked] = 0.0
        np.fill_diagonal(correlation, 1.0)
        self.correlation = _nearest_correlation(correlation)
        self.missing = np.column_stack([np.isnan(p) for p in positions])
        return self

    def draw(
        self, rows: int, rng: np.random.Generator, near: np.ndarray | None = None, gaps: np.ndarray | None = None
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """New rows in model form and their normal scores. With near (earlier rows' scores), each row moves only
        a step from where it was (a move that keeps the copula's distribution): a row drawn again for coming too
        close to a real row stays in its region, so redraws do not drain the regions where real rows are sparse.
        gaps (rows x columns, True where missing) keeps earlier rows' missing values where they were."""
        from scipy.special import ndtr

        scores = rng.multivariate_normal(np.zeros(len(self.marginals)), self.correlation, size=rows, method="eigh")
        if near is not None:
            scores = NEAR_STEP * near + np.sqrt(1.0 - NEAR_STEP**2) * scores
        shares = ndtr(scores)
        missing = self.missing[rng.integers(0, len(self.missing), rows)] if gaps is None else gaps
        made = {}
        for j, marginal in enumerate(self.marginals):
            u = shares[:, j]
            if marginal.label:
                group = np.minimum(np.searchsorted(marginal.bounds, u, side="right"), len(marginal.groups) - 1)
                made[marginal.name] = marginal.groups[group].astype(np.int64)
                continue
            if not len(marginal.groups):  # never observed: stays empty
                values = np.full(rows, np.nan)
            elif len(marginal.observed):
                values = marginal.interpolated(u)
            else:
                values = marginal.groups[
                    np.minimum(np.searchsorted(marginal.bounds, u, side="right"), len(marginal.groups) - 1)
                ]
            made[marginal.name] = np.where(missing[:, j], np.nan, values)
        return made, scores
