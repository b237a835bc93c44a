"""Doppel's default generator: each column drawn from a decision tree over the columns made before it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth import date_ticks
from synth.errors import GeneratorError
from synth.generators.base import Capability, Generator, OptionInfo, Progress
from synth.generators.sequential_trees.columns import DAY, WHOLE, Column, describe, predictors, visit_order
from synth.generators.sequential_trees.leaf_draw import LeafDraw, member, ranks
from synth.generators.sequential_trees.near_copies import MAX_CHECKED_ROWS, NearCopyGuard
from synth.generators.sequential_trees.seasons import noise_period
from synth.generators.sequential_trees.small_tables import SmallTableCopula

RARE_COUNT = 3  # a whole real row seen fewer times than this is never output as it is
REDRAW_ROUNDS = 12
PUSH_ROUNDS = 4  # rows too close to a real row are first moved just past its gap (this many tries), then drawn again
PUSH_MARGIN = 1.05
NUMBERS_ONLY_ROUNDS = 6  # of those, the first redraw only numbers and dates
SHARED_LEVEL = 2  # near-unique categories are drawn only from values at least this many real rows share
SCORES = "\x00copula scores"  # the small-table path's normal scores, carried along with the made columns
DATE_STEPS = {-1: "s", 0: "s", 3: "ms", 6: "us"}  # a date column's places of a second: what made times round to
SMALL_TABLE_ROWS = 200  # fewer training rows: a Gaussian copula (small_tables); trees there have too few rows to split


AUTOMATIC_LEAF = "automatic (at least 5)"  # what 0 means, as forms and reports say it


def automatic_leaf_size(rows: int) -> int:
    """At least 5 real rows behind every drawn value, more for long tables (privacy, and speed)."""
    return int(max(5, round(rows**0.5 / 4)))


class SequentialTrees(Generator):
    """Columns in a visit order; the first from its (smoothed) marginal, each next one from a tree of the
    earlier ones, drawing a real value from the training rows in the same leaf (synthpop's CART method).
    Below SMALL_TABLE_ROWS training rows, whole rows come from a Gaussian copula instead (small_tables)."""

    name = "sequential_trees"
    label = "Sequential trees (Doppel, recommended)"
    description = (
        "Makes each column from the ones before it with decision trees, drawing values from "
        "groups of similar real rows; on small tables (under 200 rows) it links all columns at once "
        "with a Gaussian copula instead. Fast, faithful, and careful not to copy anyone."
    )
    speed = "Very fast: seconds even for tens of thousands of rows; no neural network."
    fidelity = (
        "High: keeps each column's shape and most links between columns, including non-linear ones and "
        "the seasons of a date column (time of year, weekday, time of day)."
    )
    privacy = (
        "Good: no made row sits closer to a real row than that row's nearest real neighbour; "
        "values come from groups of at least 5 similar real rows and numbers are blurred (under 200 rows: "
        "each value from its own column, many-valued numbers between real values); rare whole "
        "rows are never output; name-like columns never predict others. On a few hundred rows, "
        "still check the privacy figures."
    )
    when_to_use = (
        "The default for any table. Try another generator only if a figure on the Compare page disappoints you."
    )
    capabilities = Capability.KEEPS_REAL_ROWS
    startup_s = 0.3  # bench/RESULTS-estimates.md
    seconds_per_column = 0.04
    seconds_per_cell = 0.0
    seconds_per_cell_pair = 2.3e-6  # each column's tree looks at every earlier column: rows x columns squared
    option_info = {
        "min_rows_per_leaf": OptionInfo(
            "Minimum real rows behind each value",
            "Each value is drawn from a group of at least this many similar real rows. Larger groups protect "
            "privacy better but blur details. 0 chooses a size from the table's length (at least 5, more on long "
            "tables); the least allowed otherwise is 3.",
            minimum=0,
            maximum=100_000,
            value_words=((0, AUTOMATIC_LEAF),),
        ),
        "smoothing": OptionInfo(
            "Blurring of numbers",
            "How far numbers drawn from a group move away from the real values: 0 keeps real values, "
            "1 is the usual amount, 2 blurs twice as much.",
            minimum=0.0,
            maximum=5.0,
        ),
        "distance_from_real": OptionInfo(
            "Distance kept from real rows",
            "No made row may sit closer to a real row than that real row's nearest real neighbour does, times "
            "this number; rows that do are drawn again. 1 is the usual amount; 0.5 allows closer rows (more "
            "faithful, less private); 0 turns the check off (exact copies of rare real rows are still drawn "
            f"again). Learning from more than {MAX_CHECKED_ROWS:,} rows skips this check: there every value comes "
            "from a large group of rows.",
            minimum=0.0,
            maximum=2.0,
        ),
    }

    @classmethod
    def estimate_seconds(cls, rows: int, columns: int, options: dict) -> float:
        """Trees grow with the rows and with the columns each one looks at."""
        return super().estimate_seconds(rows, columns, options) + rows * columns**2 * cls.seconds_per_cell_pair

    def __init__(self, min_rows_per_leaf: int = 0, smoothing: float = 1.0, distance_from_real: float = 1.0) -> None:
        self.min_rows_per_leaf = int(min_rows_per_leaf)
        self.smoothing = float(smoothing)
        self.distance_from_real = float(distance_from_real)
        self._order: list[Column] = []
        self._rare = np.empty(0, dtype=np.uint64)
        self._guard = NearCopyGuard(self.distance_from_real)
        self._copula: SmallTableCopula | None = None

    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None:
        progress(0.0, "Looking at the columns")
        rows = len(data)
        if rows == 0 or data.shape[1] == 0:
            raise GeneratorError("The table has no rows or no columns to learn from.")
        leaf = max(3, self.min_rows_per_leaf) if self.min_rows_per_leaf else automatic_leaf_size(rows)
        model, columns = {}, {}
        for name in data.columns:
            columns[name], model[name] = describe(name, data[name], kinds.get(name, ""))
        # the small-table copula links every column at once: the order does not matter there, and keeping it
        # keeps those tables' draws as they were
        order = visit_order(list(columns.values()), model, dates_first=rows >= SMALL_TABLE_ROWS)
        self._columns, self._order = columns, order
        self._copula = None
        if rows < SMALL_TABLE_ROWS:
            progress(0.5, "Measuring how the columns move together")
            self._copula = SmallTableCopula().fit(self._order, model, self.smoothing > 0, SHARED_LEVEL)
        earlier: list[str] = []
        for step, column in enumerate([] if self._copula else self._order):
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
        if self._copula is not None:
            linked = self._copula.linked
            return {c.name: [n for n in linked if n != c.name] if c.name in linked else [] for c in self._order}
        return {c.name: list((c.value or c.missing).inputs) for c in self._order}

    def _fit_column(self, column: Column, model: dict, earlier: list[str], leaf: int, seed: int) -> None:
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
        draw = LeafDraw(0, leaf)
        draw.period = noise_period(column.cycles)
        draw.wide_range = bool(column.shift)
        draw.spikes_apart = column.role == "date"
        column.value = self._fitted(
            draw, inputs, model, observed, values[observed], rng, self.smoothing if column.blur else 0.0
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
        features = predictors(draw, self._columns, model, rows, (grow, fit_target))
        return draw.fit(features, target, grow, bandwidth)

    def _rounded(self, column: Column, values: np.ndarray) -> np.ndarray:
        if column.role == "label" or column.decimals is None:
            return values
        if column.role == "date":
            step = self._step(column)
            return np.round(values / step) * step
        if column.shift:  # rounded in real units; values past WHOLE are whole already (and rounding could overflow)
            real = np.ldexp(values, column.shift)
            small = np.abs(real) < WHOLE
            real[small] = np.round(real[small], column.decimals)
            return np.ldexp(real, -column.shift)
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
        made = {name: values for name, values in made.items() if name != SCORES}
        return member(self._keys(made), self._rare) | self._guard.too_close(made)

    def _draw(
        self, rows: int, rng: np.random.Generator, progress: Progress | None, fixed: dict[str, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """New rows, column by column. With fixed (earlier made rows), their labels, dates and which of their
        numbers are missing stay as they are and only the numbers are drawn again (the labels were drawn from the
        dates' seasons)."""
        if self._copula is not None:  # whole rows at once; a redraw moves a step from the row's earlier scores
            if fixed is None:
                made, scores = self._copula.draw(rows, rng)
            else:
                gaps = np.column_stack(
                    [
                        np.isnan(fixed[m.name]) if not m.label else np.zeros(rows, dtype=bool)
                        for m in self._copula.marginals
                    ]
                )
                made, scores = self._copula.draw(rows, rng, fixed[SCORES], gaps)
            return {SCORES: scores} | {name: self._rounded(self._columns[name], v) for name, v in made.items()}
        made: dict[str, np.ndarray] = {}
        for step, column in enumerate(self._order):
            if progress is not None:
                progress(step / len(self._order), f"Making column {step + 1} of {len(self._order)}: {column.name}")
            if column.role == "label" or (fixed is not None and column.role == "date"):
                made[column.name] = (
                    fixed[column.name]
                    if fixed is not None
                    else column.value.draw(predictors(column.value, self._columns, made, None), rows, rng)
                )
                continue
            values = np.full(rows, np.nan)
            keep = np.ones(rows, dtype=bool)
            if fixed is not None:
                keep = ~np.isnan(fixed[column.name])
            elif column.missing is not None:
                features = predictors(column.missing, self._columns, made, None)
                keep = column.missing.draw(features, rows, rng) == 0
            if column.value is not None and keep.any():
                chosen = np.flatnonzero(keep)
                features = predictors(column.value, self._columns, made, chosen)
                values[chosen] = column.value.draw(features, len(chosen), rng)
            made[column.name] = self._rounded(column, values)
        return made

    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame:
        if not self._order:
            raise GeneratorError("The generator has not been trained yet.")
        rng = np.random.default_rng(seed)
        made = self._draw(int(rows), rng, progress)
        made, unwanted = self._pushed(made, rng, self._unwanted(made))
        copies = np.flatnonzero(unwanted)
        for attempt in range(REDRAW_ROUNDS):
            if not len(copies):
                break
            progress(0.99, f"Drawing again {len(copies):,} rows that came too close to a real row")
            # numbers first, keeping the row's categories and gaps: whole new rows would favour the kinds of rows
            # that are seldom close to a real one (rows with a missing value match other such rows exactly)
            numbers_only = attempt < NUMBERS_ONLY_ROUNDS or self._copula is not None
            fixed = {name: values[copies] for name, values in made.items()} if numbers_only else None
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

    def _pushed(
        self, made: dict[str, np.ndarray], rng: np.random.Generator, unwanted: np.ndarray
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Made rows too close to a real row moved just past its gap (NearCopyGuard.push_away), a few rounds (a move
        can bring a row near another real row), and which rows are still unwanted (see _unwanted): those are drawn
        again. Only the unwanted rows are searched again. Only blurred columns move (the others keep real values),
        and not on the small-table path: there gaps are wide, a move that long breaks the links between columns,
        and a redraw moves a row within the copula instead."""
        # a date with a weekday or a time of day moves by whole weeks or days, from its real row: it stays on real times;
        # a column learned scaled (encoding.HUGE) moves unrounded, then is rounded: a gap near 1e300 over its step
        # overflowed
        steps = {
            name: noise_period(c.cycles) or (None if c.shift else self._step(c)) or 0.0
            for name, c in self._columns.items()
            # a date column holding dates past 2262 or before 1677 (sentinels such as 9999-12-31: see date_ticks) does
            # not move: a move by rank near its last ordinary date crossed the gap and made dates in 5000
            if c.blur and c.role != "label" and c.unit == "ns"
        }
        if not self._guard.active or self._copula is not None or self.smoothing <= 0 or not steps:
            return made, unwanted
        plain = {name: values.copy() for name, values in made.items() if name != SCORES}
        unwanted, rows = unwanted.copy(), np.flatnonzero(unwanted)
        for _ in range(PUSH_ROUNDS):
            if not len(rows):
                break
            part = {name: values[rows] for name, values in plain.items()}
            moved = self._guard.push_away(part, rng, PUSH_MARGIN, steps)
            for name in (name for name in steps if self._columns[name].shift):
                moved[name] = self._rounded(self._columns[name], moved[name])
            for name in (name for name in steps if self._columns[name].role == "date"):
                moved[name] = self._kept_apart(self._columns[name].value, part[name], moved[name])
            for name in plain:
                plain[name][rows] = moved[name]
            unwanted[rows] = still = self._unwanted(moved)
            rows = rows[still]
        return made | plain, unwanted

    @staticmethod
    def _kept_apart(draw: LeafDraw | None, before: np.ndarray, moved: np.ndarray) -> np.ndarray:
        """A date column's values moved away from real rows: a date that is a spike (a month end of a snapshot table,
        a 1900-01-01 placeholder: LeafDraw.spikes) stays as it was (moved, it became a time no row has), and the others stay among the dates no
        spike holds (moved by rank, a date next to a far placeholder crossed the gap to it)."""
        if draw is None or not len(draw.spikes):
            return moved
        if draw.ordinary is not None:
            moved = np.clip(moved, *draw.ordinary)
        return np.where(member(before, draw.spikes), before, moved)

    def _step(self, column: Column) -> float | None:
        if column.decimals is None:
            return None
        if column.role == "date":
            return DAY if column.decimals < 0 else 10.0**-column.decimals
        step = 10.0**-column.decimals
        return float(np.ldexp(step, -column.shift)) if column.shift else step

    def _frame(self, made: dict[str, np.ndarray], rows: int) -> pd.DataFrame:
        out = {}
        for name, column in self._columns.items():
            values = made[name]
            if column.role == "label":
                out[name] = pd.Series(column.levels[values] if rows else [], dtype=object)
            elif column.role == "date":
                dates = date_ticks.from_seconds(values, column.unit, column.bounds)
                dates = dates.dt.round(DATE_STEPS[column.decimals])
                out[name] = dates.dt.tz_localize("UTC").dt.tz_convert(column.tz) if column.tz else dates
            else:
                out[name] = pd.Series(np.ldexp(values, column.shift) if column.shift else values, dtype=float)
        return pd.DataFrame(out)
