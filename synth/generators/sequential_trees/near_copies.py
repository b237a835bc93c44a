"""A privacy check for made rows: none may sit closer to a real row than that row's nearest real neighbour.

A fresh real row, drawn from the same population, is usually no closer to a given training row than the
training rows are to each other. A made row that is (a near-copy of one person's row) tells more about that
person than a fresh sample would, so it is drawn again. Distance is SDMetrics' DCR distance (numbers and dates
scaled by the real range, categories equal or not), the same one its DCROverfittingProtection measures. Made
values never leave the real range, so a search over a few candidates finds the exact nearest rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MOVES = 0.5 ** np.arange(12, 4, -1)  # push_away's moves by rank: 1/4096 ... 1/32 of the real values
MAX_CHECKED_ROWS = 10_000  # longer tables skip the check: leaves there hold 25+ rows, and the search would be slow


class NearCopyGuard:
    """Learns how far each real row is from its nearest real neighbour; flags made rows that come closer.

    distance scales the allowed gap: 1 (the default) is the neighbour's distance itself, 0.5 half of it,
    0 turns the check off.
    """

    def __init__(self, distance: float = 1.0) -> None:
        self.distance = float(distance)
        self._reference: pd.DataFrame | None = None
        self._kinds: dict[str, str] = {}
        self._allowed = np.empty(0)

    @property
    def gaps(self) -> np.ndarray:
        """For each real row, the distance to its nearest other real row (before scaling by distance)."""
        return self._allowed / self.distance if self.active else np.empty(0)

    @property
    def active(self) -> bool:
        return self._reference is not None

    def fit(self, model: dict[str, np.ndarray], labels: set[str]) -> NearCopyGuard:
        """model: each column's values in model form (numbers and dates as floats, labels as integer codes);
        labels: the columns holding codes, compared as equal or not."""
        rows = len(next(iter(model.values()))) if model else 0
        self._reference = None
        if self.distance <= 0 or rows < 2 or rows > MAX_CHECKED_ROWS:
            return self
        from synth.distance import nearest_rows

        self._kinds = {name: "category" if name in labels else "decimal" for name in model}
        self._reference = pd.DataFrame(model)
        closest, _ = nearest_rows(self._reference, self._reference, self._kinds, neighbours=2, candidates=3)
        # the second closest real row is the nearest other one (an exact twin gives 0: copies of it are allowed)
        self._allowed = self.distance * np.nan_to_num(closest[:, 1], nan=0.0)
        numbers = {n: np.asarray(v, dtype=float) for n, v in model.items() if n not in labels}
        self._bounds = {
            n: (np.nanmin(v), np.nanmax(v)) if (~np.isnan(v)).any() else (0.0, 0.0) for n, v in numbers.items()
        }
        self._spans = {n: high - low for n, (low, high) in self._bounds.items()}
        self._sorted = {n: np.sort(v[~np.isnan(v)]) for n, v in numbers.items()}
        return self

    def too_close(self, made: dict[str, np.ndarray]) -> np.ndarray:
        """True for each made row that sits closer to its nearest real row than that row's nearest real neighbour
        (times distance). Only the nearest is asked: asking every real row rejected more rows in dense regions,
        costing fidelity, for no better privacy in the benchmark."""
        rows = len(next(iter(made.values()))) if made else 0
        if self._reference is None or rows == 0:
            return np.zeros(rows, dtype=bool)
        return self._closest(made)[0]

    def _closest(self, made: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        from synth.distance import nearest_rows

        distances, nearest = nearest_rows(pd.DataFrame(made), self._reference, self._kinds, candidates=2)
        distances, nearest = distances[:, 0], nearest[:, 0]
        found = nearest >= 0
        nearest = np.where(found, nearest, 0)
        return found & (distances < self._allowed[nearest]), distances, nearest

    def push_away(
        self,
        made: dict[str, np.ndarray],
        rng: np.random.Generator,
        margin: float,
        steps: dict[str, float] | None = None,
    ) -> dict[str, np.ndarray]:
        """The made rows with every too-close row's numbers moved straight away from its nearest real row, just
        past that row's gap (times margin). Each number moves by the same share of the real values (in rank, from
        1/4096 doubling up to 1/32: the smallest share that is enough), away from the real value (a value equal to
        it in a random direction; one that would pass the first or last real value the other way instead). A row
        that needs a longer move (its gap is mostly a category it shares with the real row) stays as it is.
        A redraw would move the row anywhere, and rows drawn again pile up where real rows are sparse (they are
        seldom too close there): means and tails shift. A move by rank keeps each column's distribution (a move by
        a share of the range did not: a skewed column's range is its outliers', and a small share of it carried
        values across most of the real ones). Categories and missing values stay as they are. steps: the columns
        that may move, each with the unit it is rounded to afterwards (0: none), the move rounded away from the
        real value; None: every number moves, unrounded."""
        if self._reference is None:
            return made
        close, distances, nearest = self._closest(made)
        numbers = [n for n, kind in self._kinds.items() if kind != "category" and self._spans[n] > 0]
        numbers = [n for n in numbers if steps is None or n in steps]
        if not close.any() or not numbers:
            return made
        rows, real = np.flatnonzero(close), nearest[close]
        width, need = len(self._kinds), self._allowed[real] * margin
        plans, still = {}, distances[close] * width  # still: the distance the moving columns leave as it is
        for name in numbers:
            mine, theirs = made[name][rows], self._reference[name].to_numpy()[real]
            usable = ~np.isnan(mine) & ~np.isnan(theirs)
            grid = np.linspace(0.0, 1.0, len(self._sorted[name]))
            at, base = _rank(mine, self._sorted[name], grid, rng), _rank(theirs, self._sorted[name], grid)
            side = np.sign(at - base)
            side = np.where(side == 0, rng.choice([-1.0, 1.0], len(rows)), side)
            plans[name] = (usable, grid, at, side, theirs)
            still = still - np.where(usable, np.minimum(np.abs(mine - theirs) / self._spans[name], 1.0), 0.0)
        chosen = {name: made[name][rows].copy() for name in numbers}
        done = np.zeros(len(rows), dtype=bool)
        for share in MOVES:
            trial, total = {}, still.copy()
            for name, (usable, grid, at, side, theirs) in plans.items():
                # a move past the first or last real value goes the other way from the made value: mirrored about
                # the real row's rank instead, a made value far from it in rank (the other end of a spike) landed
                # past the last real value and was clipped onto the extreme (zeros of a count became its maximum)
                rank = at + side * share
                rank = np.where((rank < 0) | (rank > 1), at - side * share, rank)
                value = np.interp(np.clip(rank, 0.0, 1.0), grid, self._sorted[name])
                unit = (steps or {}).get(name)
                if unit:  # rounded away from the real value, so that rounding keeps the distance
                    apart = np.ceil(np.abs(value - theirs) / unit - 1e-9) * unit
                    value = np.clip(theirs + np.sign(value - theirs) * apart, *self._bounds[name])
                trial[name] = np.where(usable, value, made[name][rows])
                total += np.where(usable, np.minimum(np.abs(trial[name] - theirs) / self._spans[name], 1.0), 0.0)
            take = ~done & (total / width >= need)
            for name in numbers:
                chosen[name][take] = trial[name][take]
            done |= take
        moved = dict(made)
        for name in numbers:
            moved[name] = made[name].copy()
            moved[name][rows] = chosen[name]
        return moved


def _rank(
    values: np.ndarray, ordered: np.ndarray, grid: np.ndarray, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Each value's place (0..1) among the sorted real values. A value several real rows hold takes a random place
    within their run (with rng; else its middle), as a randomised probability integral transform does, so a short
    move by rank keeps the column's distribution: np.interp put it at the run's end, and half of the moves then left
    a spike (the zeros of a rain column: 57% of real days, under 50% of made ones on the Seattle demo)."""
    low, high = np.searchsorted(ordered, values, side="left"), np.searchsorted(ordered, values, side="right")
    within = rng.random(len(values)) if rng is not None else 0.5
    place = (low + within * np.maximum(high - low - 1, 0)) / max(len(ordered) - 1, 1)
    return np.where(high - low > 1, place, np.interp(values, ordered, grid))
