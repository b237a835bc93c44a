"""The private look at where a number or date column lies: noisy counts of a fixed grid, coarse to fine."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from statistics import NormalDist

import numpy as np

LEVELS = (64, 16, 4, 1)  # grid bins merged into one at each look, coarsest first; each look spends an equal share
FALSE_RANGE = 1e-3  # chance that noise alone makes an empty bin of a look stand out
COVER = 0.9  # a look's window grows (within the coarser look's) until its noisy count holds this share of rows
UNCLEAR_COVER = 1.1  # ... or, in a look where no bin stands out, passes the rows by this much: its noise is large
MISSING_DEVIATIONS = 2.0  # the first look's whole noisy count this far below the rows: values are missing
NARROW = 2  # a window of this many grid bins or fewer is zoomed into: its values may fill a small part of it
FOLD_DEVIATIONS = 10.0  # the first look's noisy count of values other than zero must clear this many deviations of
# one bin's noise for those values to be searched apart from the zeros (else the finer looks' bins chase noise)
ZOOM_BINS = 256  # the zoom cuts such a window into this many even bins (carshare's latitudes fill 2 of 39.8..63.1)
ZOOM_ALLOWANCE = 1.0  # a zoom reads its bins from each end, each count less this many noise deviations...
ZOOM_DEVIATIONS = 5.0  # ... summed until the sum clears this many: rows have begun where that run began
ZOOM_SPIKE_DEVIATIONS = NormalDist().inv_cdf(1.0 - 1.0 / (300 * ZOOM_BINS))  # one bin of noise alone: 1 in 300 zooms
ZOOM_MARGIN = 0.25  # the zoomed range is widened by this share of its width on each side (thin tails past the cut)
ZOOM_MOST = 0.25  # ... and kept only where it is at most this share of the window (else the window stays)
ZOOM_TAIL_DEVIATIONS = 2.0  # ... and not kept where the noisy count past either end clears this many deviations of it


def merged(counts: np.ndarray, factor: int) -> np.ndarray:
    """The grid's counts summed over runs of `factor` bins (the last run may be shorter)."""
    padded = np.concatenate([counts, np.zeros((-len(counts)) % factor)])
    return padded.reshape(-1, factor).sum(axis=1)


@dataclass(frozen=True)
class Spread:
    """Where a column's values lie, as released: the range, and the last look's noisy counts of the grid bins
    inside it (their edges), which show where in the range the values crowd."""

    low: float
    high: float
    edges: np.ndarray  # grid edges from low to high
    counts: np.ndarray  # the last look's noisy count of each grid bin between them
    deviation: float  # the noise deviation of each of those counts
    zoomed: bool = False  # the last look was a zoom into a narrow window (it spent one more look's share of rho)
    zeros: float = math.nan  # the looks' mean noisy count of exact zeros, where they were counted apart
    zeros_deviation: float = math.nan  # its noise deviation
    marks: tuple[tuple[float, float], ...] = ()  # each marker counted apart and the looks' mean noisy count of it
    marks_deviation: float = math.nan  # the noise deviation of each of those counts

    @property
    def zeros_stand_out(self) -> bool:
        """Whether the exact zeros' noisy count is one noise alone makes with chance at most FALSE_RANGE."""
        return bool(self.zeros >= self.zeros_deviation * NormalDist().inv_cdf(1.0 - FALSE_RANGE))

    @property
    def marks_standing_out(self) -> tuple[float, ...]:
        """The markers whose noisy count noise alone makes, for any of them, with chance at most FALSE_RANGE (a date
        column without markers gets a code for one about 1 time in 1,000)."""
        bar = self.marks_deviation * _bar(len(self.marks))
        return tuple(value for value, count in self.marks if count >= bar)


def _bar(cells: int) -> float:
    """Noise deviations that noise alone passes in any of `cells` counts with chance at most FALSE_RANGE."""
    return NormalDist().inv_cdf(1.0 - FALSE_RANGE / max(cells, 1))


def noisy_spread(
    counts: np.ndarray,
    edges: np.ndarray,
    rho: float,
    noise,
    rows: int | None = None,
    values: np.ndarray | None = None,
    zeros: float | None = None,
    marks: dict[float, float] | None = None,
) -> Spread:
    """The span of a fixed grid where the values lie, found coarse to fine: each look counts the grid's bins merged
    by LEVELS[i] with Gaussian noise (L2 sensitivity 1, rho / len(LEVELS)-zCDP; the looks compose to rho) and keeps,
    inside the previous look's window, the bins that stand clearly above the noise, grown by their fuller
    neighbour until the window's noisy count holds COVER of the rows (a public number). In a look where no bin
    stands out, the window grows from its fullest bin until its noisy count passes UNCLEAR_COVER of the rows, so a
    small table gets a coarse but right range instead of one chased by noise (without the row count, such a look
    ends the search). Where the first look (the whole grid) counts clearly fewer values than rows, values are
    missing: the present ones, as that look counted them, take the row count's place (it could never be covered).
    Where the window ends NARROW grid bins wide or fewer (latitudes 45.45 to 45.57 in the half-decade 39.8 to 63.1;
    years in 1585 to 2512) and the `values` are given, a zoom look follows (zoomed), at one more look's share of
    rho: the caller pays it from what is left (zoom_cost). Never fails. The last look's noisy counts inside the
    range come back with it (post-processing: no budget).
    Where `zeros` is given, the exact zeros are left out of `counts` and counted apart, as one more bin of every look
    (a row is still in one bin of a look: no more budget): the search then covers the other values, and the looks'
    mean noisy zero count comes back (Spread.zeros). A rain column of 57% dry days had its range found as [0, 0.63)
    against a wettest day of 55.9: the zeros' grid bin [0, 0.001) stood far out of a run of empty ones. Where the
    first look's noisy count of the other values is under FOLD_DEVIATIONS deviations (a column of 98% zeros), the
    zeros' noisy counts are added back to their grid bin in every look and searched with the rest, as before: a
    search over a handful of values follows the noise anywhere on the grid (a window at 1e11).
    Where `marks` is given (a date column: each of domain.DATE_MARKERS, a fixed public list, with its count of rows
    holding exactly it, those rows left out of `counts`), each marker is one more bin of every look, as the zeros
    are, and the looks' mean noisy count of each comes back (Spread.marks): a column whose 45% of rows hold
    9999-12-31 had them clipped into the grid's last year bin, and its range found as [2101, 2262). Privacy: in each
    look a row is in at most one bin (a grid bin of its value, or the one value counted apart that it equals: the
    zeros, markers are distinct dates; a missing value in none), so adding or removing a row changes one count by
    one, L2 sensitivity 1, whatever the list: each look stays rho / len(LEVELS)-zCDP and no further budget is spent.
    Everything after (what stands out, the window, the codes) reads the noisy counts only. A marker's first noisy
    count is counted as present and taken off the rows to cover only where it stands out: in a date column without
    markers, six counts of noise, each taken as at least zero as the zeros' is, would take a few deviations off
    them, and in the test for missing values would widen its bar from 2 deviations x sqrt(4) to x sqrt(10), so a
    third of a column missing went unseen on small tables. Unlike the zeros, a
    marker is never added back to its grid bin where the other values are few: that bin is the grid's clipped end
    (2101 to 2262), so at epsilon 1 on 400 rows, 55% of them closed, the range ran from 2019 to 2262."""
    sigma = math.sqrt(len(LEVELS) / (2.0 * rho))
    low, high = 0, len(counts)  # the window, in grid bins: [low, high)
    finest = None  # the look at single grid bins: its noisy counts and the grid bin they start at
    zero_looks = []  # each look's noisy count of exact zeros, where counted apart
    zero_bin, folded = int(np.searchsorted(edges, 0.0, side="right")) - 1, False
    mark_values = sorted(marks or {})
    mark_looks, loud, marked = [], np.zeros(len(mark_values), bool), 0.0  # each look's noisy marker counts, and
    # which stand out in the first look
    for depth, factor in enumerate(LEVELS):
        first, last = low // factor, -(-high // factor)
        noisy = merged(counts, factor)[first:last] + noise.gaussian(sigma, last - first)
        if zeros is not None:
            zero_looks.append(float(zeros + noise.gaussian(sigma, 1)[0]))
            folded = folded or (depth == 0 and noisy.sum() < FOLD_DEVIATIONS * sigma)
            if folded and first <= zero_bin // factor < last:  # too few other values to search: zeros count in
                noisy[zero_bin // factor - first] += zero_looks[-1]  # their grid bin, as when not counted apart
        if mark_values:
            mark_looks.append(np.array([marks[v] for v in mark_values]) + noise.gaussian(sigma, len(mark_values)))
            loud = mark_looks[0] >= sigma * _bar(len(mark_values))
            marked = float(mark_looks[0][loud].sum())  # the markers that stand out, as the first look counted them
        if depth == 0 and rows:
            present = noisy.sum() + (0.0 if folded else sum(zero_looks)) + marked
            cells = len(noisy) + len(zero_looks) + int(loud.sum())  # quiet markers: noise, which would widen the bar
            if present < rows - MISSING_DEVIATIONS * sigma * math.sqrt(cells):
                rows = max(float(present), 1.0)  # values clearly missing: cover the present ones, as first counted
            if zero_looks and not folded:
                rows = max(rows - max(zero_looks[0], 0.0), 1.0)  # the values other than zeros
            if loud.any():
                rows = max(rows - marked, 1.0)  # ... and other than markers
        kept = _kept(noisy, sigma, rows, depth == 0)
        if kept is None:
            break
        low, high = max(low, (first + kept[0]) * factor), min(high, (first + kept[1]) * factor)
        finest = (noisy, first) if factor == 1 else finest
    inside = np.full(high - low, np.nan) if finest is None else finest[0][low - finest[1] : high - finest[1]]
    spread = Spread(float(edges[low]), float(edges[high]), np.asarray(edges[low : high + 1], float), inside, sigma)
    if zero_looks:
        spread = replace(spread, zeros=float(np.mean(zero_looks)), zeros_deviation=sigma / math.sqrt(len(zero_looks)))
    if mark_looks:
        means = np.mean(mark_looks, axis=0)
        found = tuple((float(v), float(c)) for v, c in zip(mark_values, means, strict=True))
        spread = replace(spread, marks=found, marks_deviation=sigma / math.sqrt(len(mark_looks)))
    if values is not None and zeros is not None:
        values = np.where(values == 0.0, np.nan, values)  # counted apart
    if values is not None and mark_values:
        values = np.where(np.isin(values, mark_values), np.nan, values)
    return _zoomed(values, spread, noise) if values is not None and high - low <= NARROW else spread


def zoom_cost(rho: float) -> float:
    """The rho a zoom spends beyond the `rho` of a column's looks: one look's share."""
    return rho / len(LEVELS)


def _zoomed(values: np.ndarray, spread: Spread, noise) -> Spread:
    """A zoom into a narrow window: the present values inside it counted in ZOOM_BINS even bins with Gaussian noise
    of the looks' deviation (L2 sensitivity 1: a row is counted once). From each end, the counts summed inward
    show where the rows begin (_start: a change point, as CUSUM finds it).
    The range between, widened by ZOOM_MARGIN of its width on each side, is kept where it is at most ZOOM_MOST of
    the window and the noisy count past neither end clears ZOOM_TAIL_DEVIATIONS deviations; else the window stays (its
    values fill much of it, or thin tails run past the rows found: cutting there would pile them up at the edges).
    Its noisy counts come back either way, to place the bins (post-processing)."""
    edges = np.linspace(spread.low, spread.high, ZOOM_BINS + 1)
    present = values[np.isfinite(values)]
    where = np.searchsorted(edges, present[(present >= spread.low) & (present < spread.high)], side="right") - 1
    noisy = np.bincount(where, minlength=ZOOM_BINS).astype(float) + noise.gaussian(spread.deviation, ZOOM_BINS)
    start, end = _start(noisy, spread.deviation), _start(noisy[::-1], spread.deviation)
    a, b = start or 0, ZOOM_BINS - (end or 0)
    margin = math.ceil(ZOOM_MARGIN * (b - a))
    a, b = max(a - margin, 0), min(b + margin, ZOOM_BINS)
    if start is None or end is None or b - a > ZOOM_BINS * ZOOM_MOST:
        return replace(spread, edges=edges, counts=noisy, zoomed=True)
    if any(
        len(tail) and tail.sum() >= ZOOM_TAIL_DEVIATIONS * spread.deviation * math.sqrt(len(tail))
        for tail in (noisy[:a], noisy[b:])
    ):
        return replace(spread, edges=edges, counts=noisy, zoomed=True)
    return replace(
        spread, low=float(edges[a]), high=float(edges[b]), edges=edges[a : b + 1], counts=noisy[a:b], zoomed=True
    )


def _start(noisy: np.ndarray, sigma: float) -> int | None:
    """Where the rows start, reading the bins from the first: a one-sided CUSUM (Page 1954) of the noisy counts less
    ZOOM_ALLOWANCE deviations each, which restarts wherever it falls to zero; the rows start where the run that
    first clears ZOOM_DEVIATIONS deviations began. A single bin that clears ZOOM_SPIKE_DEVIATIONS on its own starts
    the rows too where it comes first: a column of a few values (years 1931 and 1932 in one bin) is a spike, which
    the CUSUM only sees from 6 deviations. None where neither does (256 bins of noise alone: 1 in 160, measured; a
    false start only widens the span past the rows, or is vetoed by the rows past it)."""
    running, begin = 0.0, 0
    spike = np.flatnonzero(np.asarray(noisy) >= ZOOM_SPIKE_DEVIATIONS * sigma)
    first_spike = int(spike[0]) if len(spike) else None
    for at, count in enumerate(noisy):
        if at == first_spike:  # where a run in progress began, else at the spike
            return begin if running > 0.0 else at
        running += count - ZOOM_ALLOWANCE * sigma
        if running <= 0.0:
            running, begin = 0.0, at + 1
        elif running >= ZOOM_DEVIATIONS * sigma:
            return begin
    return None


def _kept(noisy: np.ndarray, sigma: float, rows: float | None, first_look: bool) -> tuple[int, int] | None:
    """One look's window [a, b) in its bins: those that stand clearly above the noise, grown by their fuller
    neighbour until the window holds COVER of the rows (UNCLEAR_COVER from the fullest bin where none stands out);
    None where none stands out and neither the row count nor a first look can guide it."""
    clear = np.flatnonzero(noisy >= sigma * NormalDist().inv_cdf(1.0 - FALSE_RANGE / len(noisy)))
    cover = COVER
    if not len(clear) and (first_look or rows):
        clear, cover = np.array([int(np.argmax(noisy))]), UNCLEAR_COVER
    elif not len(clear):
        return None
    a, b = int(clear.min()), int(clear.max()) + 1
    while rows and noisy[a:b].sum() < cover * rows and (a > 0 or b < len(noisy)):
        left = noisy[a - 1] if a > 0 else -np.inf
        right = noisy[b] if b < len(noisy) else -np.inf
        a, b = (a - 1, b) if left >= right else (a, b + 1)
    return a, b
