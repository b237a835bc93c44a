"""The private look at where a number or date column lies: noisy counts of a fixed grid, coarse to fine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

LEVELS = (64, 16, 4, 1)  # grid bins merged into one at each look, coarsest first; each look spends an equal share
FALSE_RANGE = 1e-3  # chance that noise alone makes an empty bin of a look stand out
COVER = 0.9  # a look's window grows (within the coarser look's) until its noisy count holds this share of rows
UNCLEAR_COVER = 1.1  # ... or, in a look where no bin stands out, passes the rows by this much: its noise is large
MISSING_DEVIATIONS = 2.0  # the first look's whole noisy count this far below the rows: values are missing


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


def noisy_spread(counts: np.ndarray, edges: np.ndarray, rho: float, noise, rows: int | None = None) -> Spread:
    """The span of a fixed grid where the values lie, found coarse to fine: each look counts the grid's bins merged
    by LEVELS[i] with Gaussian noise (L2 sensitivity 1, rho / len(LEVELS)-zCDP; the looks compose to rho) and keeps,
    inside the previous look's window, the bins that stand clearly above the noise, grown by their fuller
    neighbour until the window's noisy count holds COVER of the rows (a public number). In a look where no bin
    stands out, the window grows from its fullest bin until its noisy count passes UNCLEAR_COVER of the rows, so a
    small table gets a coarse but right range instead of one chased by noise (without the row count, such a look
    ends the search). Where the first look (the whole grid) counts clearly fewer values than rows, values are
    missing: the present ones, as that look counted them, take the row count's place (it could never be covered).
    Never fails. The last look's noisy counts inside the range come back with it (post-processing: no budget)."""
    sigma = math.sqrt(len(LEVELS) / (2.0 * rho))
    low, high = 0, len(counts)  # the window, in grid bins: [low, high)
    finest = None  # the look at single grid bins: its noisy counts and the grid bin they start at
    for depth, factor in enumerate(LEVELS):
        first, last = low // factor, -(-high // factor)
        noisy = merged(counts, factor)[first:last] + noise.gaussian(sigma, last - first)
        if depth == 0 and rows and noisy.sum() < rows - MISSING_DEVIATIONS * sigma * math.sqrt(len(noisy)):
            rows = max(float(noisy.sum()), 1.0)  # values clearly missing: cover the present ones, as first counted
        kept = _kept(noisy, sigma, rows, depth == 0)
        if kept is None:
            break
        low, high = max(low, (first + kept[0]) * factor), min(high, (first + kept[1]) * factor)
        finest = (noisy, first) if factor == 1 else finest
    inside = np.full(high - low, np.nan) if finest is None else finest[0][low - finest[1] : high - finest[1]]
    return Spread(float(edges[low]), float(edges[high]), np.asarray(edges[low : high + 1], float), inside, sigma)


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
