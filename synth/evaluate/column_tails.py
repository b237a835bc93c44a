"""Tails and moments per number or date column: what KS and total variation miss, beside a fresh real sample."""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, scored_columns, squarable
from synth.evaluate.base import MINIMIZE, NOT_A_FIGURE, Metric, Result, Tables

LOW, HIGH = 0.01, 0.99  # the real quantiles that mark the tails
NOMINAL_BEYOND = LOW + 1 - HIGH  # the share a sample of the real distribution puts beyond them
NEAR_UNIQUE = 0.95  # a whole-number column with at least this share of distinct values: a key, a year, a count


@dataclass(frozen=True)
class ColumnTail:
    """One column's tails and moments against the learned rows (the holdout_ figures: the same for the real rows
    kept aside, what a fresh real sample scores; None without a holdout)."""

    beyond_tails: float  # share of values below the real 1% or above the real 99% quantile (about 2% is real-like)
    mean_shift: float  # (mean - real mean) / real standard deviation: 0 is real-like
    spread_ratio: float  # standard deviation / real standard deviation: 1 is real-like
    holdout_beyond_tails: float | None = None
    holdout_mean_shift: float | None = None
    holdout_spread_ratio: float | None = None
    # Near-unique whole-number columns only (None otherwise): the share of values that repeat another value, among
    # as many synthetic rows as the fresh real sample holds, beside the fresh sample's own (without a holdout, the
    # learned rows'). A column of distinct years or keys that comes back with repeats has lost what made it one.
    repeats: float | None = None
    holdout_repeats: float | None = None
    # Only where the synthetic column or the fresh sample takes a single value (a near-constant column, whose spread
    # ratio then says nothing finite): the share of rows holding the learned rows' most common value, synthetic,
    # learned and fresh sample (None without a holdout). Those shares are judged instead of the spread.
    common_share: float | None = None
    real_common_share: float | None = None
    holdout_common_share: float | None = None

    def figures(self) -> dict[str, float | None]:
        return asdict(self)


@dataclass(frozen=True)
class ColumnTailsResult(Result):
    beyond_tails: float  # the largest share beyond the real tails over number and date columns (0 without any)
    columns: dict[str, ColumnTail] = field(default_factory=dict, metadata=NOT_A_FIGURE)
    rows: tuple[int, int] = field(default=(0, 0), metadata=NOT_A_FIGURE)  # learned rows, synthetic rows


def _matrix(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    if not columns:
        return np.empty((len(frame), 0))
    return np.column_stack([numeric_values(frame[c]) for c in columns])


def _figures(low, high, mean, spread, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Share beyond [low, high], mean shift in real standard deviations and spread ratio, for every column at once."""
    present = ~np.isnan(values)
    counts = present.sum(axis=0)
    beyond = ((values < low) | (values > high)).sum(axis=0) / np.maximum(counts, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, np.nansum(values, axis=0) / np.maximum(counts, 1), np.nan)
        spreads = np.sqrt(np.nansum((values - means) ** 2, axis=0) / np.maximum(counts, 1))
        shift = np.where(spread > 0, (means - mean) / spread, np.nan)
        ratio = np.where(spread > 0, spreads / spread, np.nan)
    beyond = np.where(counts > 0, beyond, np.nan)
    return beyond, shift, ratio


def _repeats(values: np.ndarray) -> np.ndarray:
    """Per column of a rows x columns matrix: the share of present values equal to another one (NaN when none)."""
    ordered = np.sort(values, axis=0)  # NaN last, and never equal to anything
    present = (~np.isnan(values)).sum(axis=0)
    equal = (ordered[1:] == ordered[:-1]).sum(axis=0) if len(values) > 1 else np.zeros(values.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(present > 0, equal / np.maximum(present, 1), np.nan)


def repeat_shares(
    real: np.ndarray, synthetic: np.ndarray, integers: np.ndarray, holdout: np.ndarray | None = None
) -> dict[int, tuple[float, float]]:
    """By column position: (synthetic, fresh sample) repeat shares of the near-unique whole-number columns among
    `integers` (positions), both at the fresh sample's size (the synthetic rows drawn at random, seeded, when there
    are more): repeats grow with the number of rows. Without a holdout the learned rows are the fresh sample."""
    reference = holdout if holdout is not None and len(holdout) else real
    size = min(len(reference), len(synthetic))
    if size < 2 or not len(integers):
        return {}
    learned = real[:, integers]
    whole = np.all(np.isnan(learned) | (learned == np.round(learned)), axis=0)
    unique = 1 - _repeats(learned) >= NEAR_UNIQUE
    chosen = integers[whole & unique]
    if not len(chosen):
        return {}
    picked = np.random.default_rng(0).choice(len(synthetic), size, replace=False) if len(synthetic) > size else None
    made = synthetic[:, chosen] if picked is None else synthetic[picked][:, chosen]
    found, fresh = _repeats(made), _repeats(reference[:size, chosen])
    return {int(c): (_number(found[i]), _number(fresh[i])) for i, c in enumerate(chosen)}


def common_shares(real: np.ndarray, synthetic: np.ndarray, holdout: np.ndarray | None) -> tuple:
    """The shares of present values equal to the real column's most common one: synthetic, real, holdout."""
    present = real[~np.isnan(real)]
    values, counts = np.unique(present, return_counts=True)
    common = values[np.argmax(counts)]

    def share(column: np.ndarray | None) -> float | None:
        if column is None or not (~np.isnan(column)).any():
            return None
        return float(np.mean(column[~np.isnan(column)] == common))

    return share(synthetic), share(present), share(holdout)


def _number(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def column_tails(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], holdout: pd.DataFrame | None = None
) -> dict[str, ColumnTail]:
    """Every number and date column's tails and moments, vectorised: one quantile call for all columns."""
    columns = [c for c in scored_columns(real, kinds) if kinds[c] in CONTINUOUS]
    if not columns or not len(real):
        return {}
    matrix, made = _matrix(real, columns), _matrix(synthetic, columns)
    held = None if holdout is None or not len(holdout) else _matrix(holdout, columns)
    # a column near 1e300 is divided by a power of two for the quantiles and moments (its squares overflowed): the
    # share beyond the tails, the mean shift in standard deviations and the spread ratio are the same on scaled values
    scaled, scaled_made, scaled_held = squarable(matrix, made, held)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-empty column: NaN figures, left out below
        quantile = np.nanquantile if np.isnan(scaled).any() else np.quantile  # nanquantile is ten times slower
        low, high = quantile(scaled, [LOW, HIGH], axis=0)
        mean, spread = np.nanmean(scaled, axis=0), np.nanstd(scaled, axis=0)
    found = _figures(low, high, mean, spread, scaled_made)
    fresh = None if held is None else _figures(low, high, mean, spread, scaled_held)
    integers = np.array([i for i, c in enumerate(columns) if kinds[c] == "integer"], dtype=int)
    repeats = repeat_shares(matrix, made, integers, held)
    out = {}
    for position, column in enumerate(columns):
        beyond, shift, ratio = (_number(f[position]) for f in found)
        if beyond is None:
            continue
        reference = (None, None, None) if fresh is None else tuple(_number(f[position]) for f in fresh)
        shares = (None, None, None)
        if ratio == 0 or reference[2] == 0:
            shares = common_shares(matrix[:, position], made[:, position], None if held is None else held[:, position])
        out[column] = ColumnTail(beyond, shift, ratio, *reference, *repeats.get(position, (None, None)), *shares)
    return out


class ColumnTails(Metric):
    name = "column_tails"
    label = "Tails and averages"
    description = (
        "Per number or date column: the share of values beyond the real 1% and 99% quantiles (about 2% when "
        "real-like), the shift of the mean in standard deviations (0 when real-like) and the spread ratio (1)."
    )
    section = "fidelity"
    result = ColumnTailsResult
    headline = "beyond_tails"
    goal = MINIMIZE
    good, fair = 0.05, 0.1  # the largest share beyond the real tails: a real sample puts about 2% there
    timing = "quality_s"
    # How far a column may drift before its verdict leaves "good": beyond max(floor, twice what the reference shows)
    # (the holdout's figure, or without one what chance gives two samples of these sizes); twice that is "poor".
    beyond_floor = 0.03  # share beyond the real tails, with a holdout (without one: `good`)
    shift_floor = 0.15  # mean shift in real standard deviations
    spread_floor = math.log(1.25)  # |log(spread ratio)|: a quarter wider or narrower
    repeats_floor = 0.05  # share of a near-unique whole-number column's values repeating another one
    share_floor = 0.005  # share of the most common value, where a single-valued sample leaves no spread to judge
    reference_factor = 2.0

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ColumnTailsResult:
        columns = column_tails(tables.real, tables.synthetic, tables.kinds, tables.holdout)
        worst = max((tail.beyond_tails for tail in columns.values()), default=0.0)
        return ColumnTailsResult(worst, columns, (len(tables.real), len(tables.synthetic)))
