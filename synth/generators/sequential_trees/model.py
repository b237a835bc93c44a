"""Doppel's default generator: each column drawn from a decision tree over the columns made before it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.errors import GeneratorError
from synth.generators.base import Option, Progress
from synth.generators.sequential_trees.leaf_draw import TREND, LeafDraw, label_scores, ranks
from synth.generators.sequential_trees.near_copies import MAX_CHECKED_ROWS, NearCopyGuard

NEAR_UNIQUE_SHARE = 0.5  # a category with more distinct values than this share of rows names rows: never a predictor
DISCRETE_MAX = 20  # numbers with at most this many distinct values are drawn as they are, never blurred
RARE_COUNT = 3  # a whole real row seen fewer times than this is never output as it is
REDRAW_ROUNDS = 12
NUMBERS_ONLY_ROUNDS = 6  # of those, the first redraw only numbers and dates
SHARED_LEVEL = 2  # near-unique categories are drawn only from values at least this many real rows share
_DAY = 86_400.0


@dataclass
class _Column:
    name: str
    role: str  # "number", "date" or "label"
    levels: np.ndarray | None = None
    decimals: int | None = None  # None: not rounded (drawn as real values)
    blur: bool = False
    predictor: bool = True
    tz: str | None = None
    missing: LeafDraw | None = None
    value: LeafDraw | None = None


def automatic_leaf_size(rows: int) -> int:
    """At least 5 real rows behind every drawn value, more for long tables (privacy, and speed)."""
    return int(max(5, round(rows**0.5 / 4)))


def _decimals(values: np.ndarray) -> int:
    sample = values[:2000]
    for places in range(7):
        scaled = sample * 10**places
        if np.all(np.abs(scaled - np.round(scaled)) <= 1e-6 * np.maximum(1.0, np.abs(scaled))):
            return places
    return 7


def _describe(name: str, series: pd.Series, kind: str) -> tuple[_Column, np.ndarray]:
    """The column's plan and its values in model form: floats for numbers and dates, codes for labels."""
    if kind in ("integer", "decimal") or (
        kind not in ("datetime", "category", "boolean") and pd.api.types.is_numeric_dtype(series)
    ):
        values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        observed = values[~np.isnan(values)]
        distinct = len(np.unique(observed))
        places = 0 if kind == "integer" else _decimals(observed)
        return _Column(name, "number", decimals=places, blur=distinct > DISCRETE_MAX), values
    if kind == "datetime" or pd.api.types.is_datetime64_any_dtype(series):
        dates = pd.to_datetime(series, errors="coerce")
        tz = str(dates.dt.tz) if dates.dt.tz is not None else None
        if tz:
            dates = dates.dt.tz_convert("UTC").dt.tz_localize(None)
        values = ((dates - pd.Timestamp(0)) / pd.Timedelta(seconds=1)).to_numpy(dtype=float)
        observed = values[~np.isnan(values)]
        distinct = len(np.unique(observed))
        places = -1 if np.all(np.mod(observed, _DAY) == 0) else 0  # whole days, else whole seconds
        return _Column(name, "date", decimals=places, blur=distinct > DISCRETE_MAX, tz=tz), values
    labels = series.astype(object).where(series.notna(), None)
    codes, levels = pd.factorize(labels, use_na_sentinel=False)
    observed = int(series.notna().sum())
    near_unique = observed >= 10 and series.nunique(dropna=True) > NEAR_UNIQUE_SHARE * observed
    return _Column(name, "label", levels=np.asarray(levels, dtype=object), predictor=not near_unique), codes


def _visit_order(columns: list[_Column], model: dict[str, np.ndarray]) -> list[_Column]:
    """Few-valued columns first, numbers after, near-unique labels last (they predict nothing)."""

    def key(column: _Column) -> tuple[int, int]:
        values = model[column.name]
        distinct = len(np.unique(values[~np.isnan(values)])) if column.role != "label" else len(column.levels)
        return (0 if column.predictor else 1, distinct)

    return sorted(columns, key=key)


def _features(
    target: LeafDraw,
    columns: dict[str, _Column],
    model: dict[str, np.ndarray],
    rows: np.ndarray | None,
    fit: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray | None:
    """Predictor matrix for a target model. Category predictors become target-ordered scores, fitted once
    from fit = (rows, target values) so that pruning judges them on rows they did not see."""
    if not target.inputs:
        return None
    parts = []
    for name in target.inputs:
        values = model[name] if rows is None else model[name][rows]
        column = columns[name]
        if column.role != "label":
            parts.append(values)
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
        gram = design.T @ design + 1e-6 * max(len(grow), 1) * np.eye(design.shape[1])
        slopes = np.linalg.solve(gram, design.T @ (fit_target - level)) / scales
        target.encodings[TREND] = np.concatenate([means, slopes, [level]])
    weights = target.encodings[TREND]
    means, slopes, intercept = weights[: matrix.shape[1]], weights[matrix.shape[1] : -1], weights[-1]
    trend = (np.where(np.isnan(matrix), means, matrix) - means) @ slopes + intercept
    return np.column_stack([matrix, trend])


class SequentialTrees:
    """Columns in a visit order; the first from its (smoothed) marginal, each next one from a tree of the
    earlier ones, drawing a real value from the training rows in the same leaf (synthpop's CART method)."""

    def __init__(self, min_rows_per_leaf: int = 0, smoothing: float = 1.0, distance_from_real: float = 1.0) -> None:
        self.min_rows_per_leaf = int(min_rows_per_leaf)
        self.smoothing = float(smoothing)
        self._order: list[_Column] = []
        self._rare = np.empty(0, dtype=np.uint64)
        self._guard = NearCopyGuard(distance_from_real)

    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None:
        progress(0.0, "Looking at the columns")
        rows = len(data)
        if rows == 0 or data.shape[1] == 0:
            raise GeneratorError("The table has no rows or no columns to learn from.")
        leaf = max(3, self.min_rows_per_leaf) if self.min_rows_per_leaf else automatic_leaf_size(rows)
        model, columns = {}, {}
        for name in data.columns:
            columns[name], model[name] = _describe(name, data[name], kinds.get(name, ""))
        self._columns, self._order = columns, _visit_order(list(columns.values()), model)
        earlier: list[str] = []
        for step, column in enumerate(self._order):
            progress(step / len(self._order), f"Learning column {step + 1} of {len(self._order)}: {column.name}")
            self._fit_column(column, model, earlier, leaf, seed + step)
            if column.predictor:
                earlier.append(column.name)
        self._rare = self._rare_rows(model)
        if self._guard.distance > 0:
            progress(0.99, "Measuring how far real rows are from each other")
        rounded = {name: self._rounded(column, model[name]) for name, column in columns.items()}
        self._guard.fit(rounded, {name for name, column in columns.items() if column.role == "label"})
        progress(1.0, "Training finished")

    def column_inputs(self) -> dict[str, list[str]]:
        """For each column, the columns it was modelled from (empty: drawn from its own distribution)."""
        return {c.name: list((c.value or c.missing).inputs) for c in self._order}

    def _fit_column(self, column: _Column, model: dict, earlier: list[str], leaf: int, seed: int) -> None:
        values = model[column.name]
        inputs = list(earlier) if column.predictor else []
        rng = np.random.default_rng(seed)
        if column.role == "label" and not column.predictor:
            counts = np.bincount(values, minlength=len(column.levels))
            shared = values[counts[values] >= SHARED_LEVEL]  # a value only one row has would name that row
            column.value = LeafDraw(len(column.levels), leaf).fit(None, shared if len(shared) else values)
            return
        if column.role == "label":
            column.value = self._fitted(LeafDraw(len(column.levels), leaf), inputs, model, None, values, rng)
            return
        missing = np.isnan(values)
        if missing.all():
            column.missing = LeafDraw(2, leaf).fit(None, np.ones(len(values), dtype=np.int64))
            return
        if missing.any():
            column.missing = self._fitted(LeafDraw(2, leaf), inputs, model, None, missing.astype(np.int64), rng)
        observed = np.flatnonzero(~missing)
        column.value = self._fitted(
            LeafDraw(0, leaf), inputs, model, observed, values[observed], rng, self.smoothing if column.blur else 0.0
        )

    def _fitted(
        self,
        draw: LeafDraw,
        inputs: list[str],
        model: dict,
        rows: np.ndarray | None,
        target: np.ndarray,
        rng: np.random.Generator,
        bandwidth: float = 0.0,
    ) -> LeafDraw:
        """A leaf model grown on a random half of the rows and pruned on the other half."""
        draw.inputs = inputs
        grow = np.sort(rng.permutation(len(target))[: len(target) // 2])
        fit_target = target[grow] if draw.classes else ranks(target[grow])
        features = _features(draw, self._columns, model, rows, (grow, fit_target))
        return draw.fit(features, target, grow, bandwidth)

    def _rounded(self, column: _Column, values: np.ndarray) -> np.ndarray:
        if column.role == "label" or column.decimals is None:
            return values
        if column.role == "date":
            step = _DAY if column.decimals < 0 else 1.0
            return np.round(values / step) * step
        return np.round(values, column.decimals)

    def _keys(self, model: dict[str, np.ndarray]) -> np.ndarray:
        frame = pd.DataFrame({c.name: self._rounded(c, model[c.name]) for c in self._columns.values()})
        return pd.util.hash_pandas_object(frame, index=False).to_numpy()

    def _rare_rows(self, model: dict[str, np.ndarray]) -> np.ndarray:
        keys, counts = np.unique(self._keys(model), return_counts=True)
        return keys[counts < RARE_COUNT]

    def _unwanted(self, made: dict[str, np.ndarray]) -> np.ndarray:
        """Rows to draw again: exact copies of real rows that fewer than RARE_COUNT real rows share, and rows
        closer to a real row than that row's nearest real neighbour (see near_copies)."""
        return np.isin(self._keys(made), self._rare) | self._guard.too_close(made)

    def _draw(
        self, rows: int, rng: np.random.Generator, progress: Progress | None, fixed: dict[str, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """New rows, column by column. With fixed (earlier made rows), their labels and which of their numbers
        are missing stay as they are and only the numbers and dates are drawn again."""
        made: dict[str, np.ndarray] = {}
        for step, column in enumerate(self._order):
            if progress is not None:
                progress(step / len(self._order), f"Making column {step + 1} of {len(self._order)}: {column.name}")
            if column.role == "label":
                made[column.name] = (
                    fixed[column.name]
                    if fixed is not None
                    else column.value.draw(_features(column.value, self._columns, made, None), rows, rng)
                )
                continue
            values = np.full(rows, np.nan)
            keep = np.ones(rows, dtype=bool)
            if fixed is not None:
                keep = ~np.isnan(fixed[column.name])
            elif column.missing is not None:
                features = _features(column.missing, self._columns, made, None)
                keep = column.missing.draw(features, rows, rng) == 0
            if column.value is not None and keep.any():
                chosen = np.flatnonzero(keep)
                features = _features(column.value, self._columns, made, chosen)
                values[chosen] = column.value.draw(features, len(chosen), rng)
            made[column.name] = self._rounded(column, values)
        return made

    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame:
        if not self._order:
            raise GeneratorError("The generator has not been trained yet.")
        rng = np.random.default_rng(seed)
        made = self._draw(int(rows), rng, progress)
        copies = np.flatnonzero(self._unwanted(made))
        for attempt in range(REDRAW_ROUNDS):
            if not len(copies):
                break
            progress(0.99, f"Drawing again {len(copies):,} rows that came too close to a real row")
            # numbers first, keeping the row's categories and gaps: whole new rows would favour the kinds of rows
            # that are seldom close to a real one (rows with a missing value match other such rows exactly)
            fixed = {name: values[copies] for name, values in made.items()} if attempt < NUMBERS_ONLY_ROUNDS else None
            again = self._draw(len(copies), rng, None, fixed)
            for name in made:
                made[name][copies] = again[name]
            copies = copies[self._unwanted(again)]
        else:
            fine = np.setdiff1d(np.arange(rows), copies)
            if len(copies) and len(fine):
                donors = rng.choice(fine, size=len(copies))
                for name in made:
                    made[name][copies] = made[name][donors]
        progress(1.0, "Sampling finished")
        return self._frame(made, rows)

    def _frame(self, made: dict[str, np.ndarray], rows: int) -> pd.DataFrame:
        out = {}
        for name, column in self._columns.items():
            values = made[name]
            if column.role == "label":
                out[name] = pd.Series(column.levels[values] if rows else [], dtype=object)
            elif column.role == "date":
                missing = np.isnan(values)
                nanoseconds = np.round(np.where(missing, 0.0, values) * 1e9).astype(np.int64)
                dates = pd.Series(pd.to_datetime(nanoseconds)).where(~missing).dt.round("s")
                out[name] = dates.dt.tz_localize("UTC").dt.tz_convert(column.tz) if column.tz else dates
            else:
                out[name] = pd.Series(values, dtype=float)
        return pd.DataFrame(out)


MIN_LEAF = Option(
    "min_rows_per_leaf",
    "Minimum real rows behind each value",
    0,
    "Each value is drawn from a group of at least this many similar real rows. Larger groups protect "
    "privacy better but blur details. 0 chooses a size from the table's length; the least allowed is 3.",
    minimum=0,
    maximum=100_000,
)
DISTANCE_FROM_REAL = Option(
    "distance_from_real",
    "Distance kept from real rows",
    1.0,
    "No made row may sit closer to a real row than that real row's nearest real neighbour does, times this "
    "number; rows that do are drawn again. 1 is the usual amount; 0.5 allows closer rows (more faithful, less "
    "private); 0 turns the check off (exact copies of rare real rows are still drawn again). Learning from "
    f"more than {MAX_CHECKED_ROWS:,} rows skips this check: there every value comes from a large group of rows.",
    minimum=0.0,
    maximum=2.0,
)
SMOOTHING = Option(
    "smoothing",
    "Blurring of numbers",
    1.0,
    "How far numbers drawn from a group move away from the real values: 0 keeps real values, "
    "1 is the usual amount, 2 blurs twice as much.",
    minimum=0.0,
    maximum=5.0,
)
