"""How sequential trees see a column: its plan, its values in model form, and the predictors a tree splits on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth import date_ticks
from synth.encoding import huge_shift
from synth.generators.sequential_trees.leaf_draw import TREND, LeafDraw, label_scores
from synth.generators.sequential_trees.seasons import DAY, cycle_features, cycles_of, local_offset

NEAR_UNIQUE_SHARE = 0.5  # a category with more distinct values than this share of rows names rows: never a predictor
DISCRETE_MAX = 20  # numbers with at most this many distinct values are drawn as they are, never blurred
# ridge penalty of the linear trend, per training row, on standardised predictors: with many predictors and few rows
# an almost unpenalised fit follows noise, and new rows' trends then land far outside the real range
TREND_PENALTY = 0.1
# a number column reaching encoding.HUGE is learned in model form divided by a power of two (encoding.huge_shift):
# squares of values near 1e300 (spreads, blur widths) overflowed to infinity and the column came back as NaN and
# values past its real range; columns below it are learned as they are
WHOLE = 2.0**52  # floats this large are whole numbers: rounding them changes nothing


@dataclass
class Column:
    name: str
    role: str  # "number", "date" or "label"
    levels: np.ndarray | None = None
    decimals: int | None = None  # None: not rounded (drawn as real values)
    blur: bool = False
    predictor: bool = True
    tz: str | None = None
    cycles: tuple[str, ...] = ()  # dates: the cycles (year, week, day) given as predictors to the columns after
    offset: float = 0.0  # dates: seconds from UTC to their local clock, for the time of day
    missing: LeafDraw | None = None
    value: LeafDraw | None = None
    shift: int = 0  # numbers: model values are the real ones times 2**-shift (see encoding.HUGE)
    unit: str = "ns"  # dates: the unit made dates come back in (date_ticks.holding_unit: 9999-12-31 needs us)
    bounds: tuple[int, int] | None = None  # dates: the real extremes in that unit, made dates are clipped to


def _decimals(values: np.ndarray) -> int | None:
    """The decimal places every distinct value fits in (up to 6), or None: values with more are kept unrounded,
    since rounding them would change real values and could carry the maximum past its real value."""
    distinct = np.unique(values)
    for places in range(7):
        scaled = distinct * 10**places
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-9 * np.maximum(1.0, np.abs(scaled))):
            return places
    return None


def _date_places(ticks: np.ndarray, unit: str) -> int:
    """The finest step a date column's values are written at: -1 for whole days, else the places of a second they
    need (0 whole seconds, 3 milliseconds, 6 microseconds and finer), read from their exact counts of unit (seconds
    since 1970 as floats hold a microsecond only to a quarter of it)."""
    per_second = date_ticks.PER_SECOND[unit]
    if np.all(ticks % (int(DAY) * per_second) == 0):
        return -1
    for places in (0, 3):
        if np.all(ticks % max(per_second // 10**places, 1) == 0):
            return places
    return 6


def describe(name: str, series: pd.Series, kind: str) -> tuple[Column, np.ndarray]:
    """The column's plan and its values in model form: floats for numbers and dates, codes for labels."""
    if kind in ("integer", "decimal") or (
        kind not in ("datetime", "category", "boolean") and pd.api.types.is_numeric_dtype(series)
    ):
        values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        observed = values[~np.isnan(values)]
        distinct = len(np.unique(observed))
        shift = huge_shift(observed)
        if not shift:
            places = 0 if kind == "integer" else _decimals(observed)
            return Column(name, "number", decimals=places, blur=distinct > DISCRETE_MAX), values
        places = 0 if kind == "integer" else _decimals(observed[np.abs(observed) < WHOLE])
        column = Column(name, "number", decimals=places, blur=distinct > DISCRETE_MAX, shift=shift)
        return column, np.ldexp(values, -shift)
    if kind == "datetime" or pd.api.types.is_datetime64_any_dtype(series):
        dates = pd.to_datetime(series, errors="coerce")
        tz = str(dates.dt.tz) if dates.dt.tz is not None else None
        offset = local_offset(dates)
        if tz:
            dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
        values, unit = date_ticks.seconds(dates)
        seen = ~np.isnan(values)
        observed, counts = values[seen], date_ticks.ticks(dates, unit)[seen]
        distinct = len(np.unique(observed))
        places = _date_places(counts, unit)
        cycles = cycles_of(observed, whole_days=places < 0)
        blur = distinct > DISCRETE_MAX
        bounds = (int(counts.min()), int(counts.max())) if len(counts) and unit != "ns" else None
        plan = {"tz": tz, "cycles": cycles, "offset": offset, "unit": unit, "bounds": bounds}
        return Column(name, "date", decimals=places, blur=blur, **plan), values
    labels = series.astype(object).where(series.notna(), None)
    codes, levels = pd.factorize(labels, use_na_sentinel=False)
    observed = int(series.notna().sum())
    near_unique = observed >= 10 and series.nunique(dropna=True) > NEAR_UNIQUE_SHARE * observed
    return Column(name, "label", levels=np.asarray(levels, dtype=object), predictor=not near_unique), codes


def visit_order(columns: list[Column], model: dict[str, np.ndarray], dates_first: bool = True) -> list[Column]:
    """Dates first (every later column then sees the time of year, week and day: see seasons), few-valued columns
    next, numbers after, near-unique labels last (they predict nothing). Without dates_first, dates take their
    place by their count of values like numbers (a date visited last is drawn from the other columns, and none of
    them can follow the season)."""

    def key(column: Column) -> tuple[int, int, int]:
        values = model[column.name]
        distinct = len(np.unique(values[~np.isnan(values)])) if column.role != "label" else len(column.levels)
        return (0 if column.predictor else 1, 0 if dates_first and column.role == "date" else 1, distinct)

    return sorted(columns, key=key)


def predictors(
    target: LeafDraw,
    columns: dict[str, Column],
    model: dict[str, np.ndarray],
    rows: np.ndarray | None,
    fit: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray | None:
    """Predictor matrix for a target model. Category predictors become target-ordered scores, fitted once
    from fit = (rows, target values) so that pruning judges them on rows they did not see; a date brings its
    place in its cycles along (seasons.cycle_features), from the real dates while fitting, the made ones after."""
    if not target.inputs:
        return None
    parts = []
    for name in target.inputs:
        values = model[name] if rows is None else model[name][rows]
        column = columns[name]
        if column.role != "label":
            parts.append(values)
            if column.cycles:
                parts += cycle_features(values, column.cycles, column.offset)
            continue
        if name not in target.encodings:
            grow, fit_target = fit
            target.encodings[name] = label_scores(
                values[grow], len(column.levels), fit_target, target.classes, float(target.min_leaf)
            )
        parts.append(target.encodings[name][values])
    matrix = np.column_stack(parts).astype(float)
    if matrix.shape[1] < 2 or target.classes > 2:
        return matrix
    if TREND not in target.encodings:  # a linear trend over all predictors lets one split follow it
        grow, fit_target = fit
        seen = ~np.isnan(matrix[grow])
        means = np.where(seen, matrix[grow], 0.0).sum(axis=0) / np.maximum(seen.sum(axis=0), 1)
        centred = np.where(seen, matrix[grow], means) - means
        scales = np.sqrt((centred**2).sum(axis=0) / max(len(grow), 1))
        scales[scales == 0] = 1.0
        design = centred / scales
        level = float(fit_target.mean()) if len(grow) else 0.0
        gram = design.T @ design + TREND_PENALTY * max(len(grow), 1) * np.eye(design.shape[1])
        slopes = np.linalg.solve(gram, design.T @ (fit_target - level)) / scales
        target.encodings[TREND] = np.concatenate([means, slopes, [level]])
    weights = target.encodings[TREND]
    means, slopes, intercept = weights[: matrix.shape[1]], weights[matrix.shape[1] : -1], weights[-1]
    trend = (np.where(np.isnan(matrix), means, matrix) - means) @ slopes + intercept
    return np.column_stack([matrix, trend])
