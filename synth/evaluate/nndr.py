"""Nearest-neighbour distance ratio: does a synthetic row single out one real row?"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.distance import nearest_distances
from synth.encoding import scored_columns
from synth.evaluate.base import Cost, Metric, Result, Tables
from synth.evaluate.rows import MAX_ROWS, sample_rows


@dataclass(frozen=True)
class NndrResult(Result):
    nndr_median: float | None  # the median ratio
    nndr_share_below_half: float | None  # share of synthetic rows with a ratio under 0.5


def nearest_neighbour_ratio(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], max_rows: int | None = MAX_ROWS, seed: int = 0
) -> NndrResult:
    """Nearest-neighbour distance ratio: for each synthetic row, its distance to the closest real row divided by
    its distance to the second closest (0/0 counts as 1).

    Near 1: the synthetic row is no closer to one real person than to another (safe). Near 0: it singles out
    one real row. Returns the median ratio and the share of synthetic rows with a ratio under 0.5."""
    columns = scored_columns(real, kinds)
    real, synthetic = sample_rows(real[columns], max_rows, seed), sample_rows(synthetic[columns], max_rows, seed)
    if len(real) < 2 or not len(synthetic):
        return NndrResult(None, None)
    closest = nearest_distances(synthetic, real, kinds, neighbours=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(closest[:, 1] > 0, closest[:, 0] / closest[:, 1], 1.0)
    return NndrResult(float(np.median(ratio)), float(np.mean(ratio < 0.5)))


class Nndr(Metric):
    name = "nndr"
    label = "Nearest-neighbour distance ratio"
    description = (
        "Median near 1: synthetic rows are no closer to one real row than to the next; near 0: they single one out."
    )
    section = "privacy"
    result = NndrResult
    headline = "nndr_median"
    cost = Cost.SLOW
    extra = "dcr"
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> NndrResult:
        return nearest_neighbour_ratio(tables.real, tables.synthetic, tables.kinds, seed=tables.seed)
