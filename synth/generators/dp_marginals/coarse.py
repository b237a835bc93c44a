"""Pairs measured on coarser bins where the table is too small for its fine ones.

MST measures each chosen pair of columns over every combination of their codes. On a small table with many columns
that is mostly noise: 189 rows spread over 8 x 8 bins is three rows a cell, against a noise deviation of eight, and
two series that move together (a correlation of 0.99) came back with a correlation of -0.6. Here a pair of
number or date columns is measured over runs of neighbouring bins instead, as few as keep a cell of an even spread
MIN_CELL_DEVIATIONS noise deviations above zero; the one-column counts stay on the fine bins, and the model fills
each coarse cell from them. Which bins are joined is decided from the released one-column counts and public
figures (rows, noise): post-processing, no budget. The noise of a pair is the same as before (one row still
changes one count by one)."""

from __future__ import annotations

import numpy as np

MIN_CELL_DEVIATIONS = 3.0  # a coarse cell of an even spread should hold this many noise deviations
FEWEST_GROUPS = 3  # an ordered column keeps at least this many runs of bins in a pair


class Coarsened:
    """A linear query for mbi: the fine counts of a pair summed into coarse cells (a 0/1 matrix)."""

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix

    def __call__(self, factor):
        return self.matrix @ factor.datavector()


def runs(noisy: np.ndarray, ordered: int, count: int) -> np.ndarray:
    """A group per code: the first `ordered` codes (bins, in order) in `count` runs of neighbours holding about equal
    shares of the noisy counts; each later code (missing, the catch-all) a group of its own."""
    if count >= ordered:
        head = np.arange(ordered)
    else:
        mass = np.clip(np.asarray(noisy[:ordered], dtype=float), 0.0, None) + 1e-9
        middle = (np.cumsum(mass) - mass / 2) / mass.sum()
        head = np.minimum((middle * count).astype(int), count - 1)
        head = np.unique(head, return_inverse=True)[1]  # no empty run
    tail = head.max(initial=-1) + 1 + np.arange(len(noisy) - ordered)
    return np.concatenate([head, tail]).astype(np.int64)


def group_counts(sizes: tuple[int, int], ordered: tuple[int, int], rows: int, sigma: float) -> tuple[int, int]:
    """How many runs each column of a pair keeps: the ordered bins of the larger shrink first, until a cell of an
    even spread holds MIN_CELL_DEVIATIONS noise deviations or both are at FEWEST_GROUPS (or cannot shrink)."""
    counts = list(ordered)
    extra = [size - kept for size, kept in zip(sizes, ordered, strict=True)]
    cells = max(rows / (MIN_CELL_DEVIATIONS * sigma), 1.0)
    while (counts[0] + extra[0]) * (counts[1] + extra[1]) > cells:
        shrinkable = [i for i in (0, 1) if counts[i] > FEWEST_GROUPS]
        if not shrinkable:
            break
        i = max(shrinkable, key=lambda k: counts[k])
        counts[i] -= 1
    return counts[0], counts[1]


def pair_matrix(first: np.ndarray, second: np.ndarray) -> np.ndarray | None:
    """The 0/1 matrix summing a pair's fine counts (row-major, first column major) into its coarse cells; None
    where nothing is joined."""
    groups = (first.max() + 1, second.max() + 1)
    if groups == (len(first), len(second)):
        return None
    cell = (first[:, None] * groups[1] + second[None, :]).ravel()
    matrix = np.zeros((groups[0] * groups[1], len(first) * len(second)))
    matrix[cell, np.arange(cell.size)] = 1.0
    return matrix
