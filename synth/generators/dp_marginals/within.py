"""Where in its bin each drawn number lands: positions that follow the correlations the drawn bins already show.

The model releases bins; a value is then placed inside its bin. Placed independently per column, two columns that
move together (prices and volumes, a month's figures of one economy) lose the part of their correlation that lies
inside the bins: with eight bins a correlation of 0.95 came back near 0.8. Here the positions of one row are drawn
together, from a Gaussian copula whose correlations are those of the drawn bins' ranks. Each position is still even
within its bin, so every column's counts per bin are unchanged. This reads only the drawn codes (post-processing of
the released model: no privacy budget)."""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr
from scipy.stats import rankdata

SHRINK = 0.9  # the copula's correlations are the bins' times this: positions never move in lockstep


def positions(codes: np.ndarray, missing: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Positions in [0, 1) for rows x binned columns (`codes`: bin codes; `missing`: True where the value is
    missing, whose position is unused). Columns whose bins show no spread get independent positions."""
    rows, columns = codes.shape
    if columns < 2 or rows < 3:
        return rng.random((rows, columns))
    scores = np.zeros((rows, columns))
    for j in range(columns):
        present = ~missing[:, j]
        if present.sum() > 2:
            ranks = rankdata(codes[present, j]) / (present.sum() + 1)
            scores[present, j] = ranks - ranks.mean()
    spread = scores.std(axis=0)
    usable = spread > 0
    correlation = np.eye(columns)
    if usable.sum() >= 2:
        correlation[np.ix_(usable, usable)] = np.corrcoef(scores[:, usable], rowvar=False)
    correlation = SHRINK * correlation + (1 - SHRINK) * np.eye(columns)
    values, vectors = np.linalg.eigh(correlation)
    root = vectors * np.sqrt(np.clip(values, 0.0, None))
    normal = rng.standard_normal((rows, columns)) @ root.T
    return np.clip(ndtr(normal / np.sqrt(np.diag(correlation))), 0.0, np.nextafter(1.0, 0.0))
