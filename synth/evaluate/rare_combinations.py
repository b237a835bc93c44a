"""Rare combinations: category combinations seen fewer than 5 times in the real data that reappear."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from synth.encoding import DISCRETE, scored_columns
from synth.evaluate.base import MINIMIZE, NOT_A_FIGURE, Metric, Result, Tables
from synth.evaluate.rows import row_keys

RARE_BELOW = 5


@dataclass(frozen=True)
class RareCombinationsResult(Result):
    rare_combinations: int  # combinations seen fewer than rare_below times in the real data
    rare_combinations_reproduced: int  # how many of them the synthetic data has
    rare_combination_share: float | None  # reproduced / rare; None when there is no rare combination
    columns: list[str] = field(default_factory=list, metadata=NOT_A_FIGURE)  # the columns combined


def rare_combination_copies(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str] | None = None,
    rare_below: int = RARE_BELOW,
) -> RareCombinationsResult:
    """Copies of rare combinations: combinations of the given columns (default: every category and yes/no
    column, or every column when there are none) seen fewer than rare_below times in the real data, and how
    many of them the synthetic data reproduces.

    The share runs from 0 (no rare real combination reappears; best) to 1 (all of them do); rare
    combinations can single out people even when no full row is copied."""
    if columns is None:
        columns = [c for c in scored_columns(real, kinds) if kinds[c] in DISCRETE] or scored_columns(real, kinds)
    if not columns or real.empty:
        return RareCombinationsResult(0, 0, None, columns)
    real_keys, synthetic_keys = row_keys(real, columns), row_keys(synthetic, columns)
    counts = real_keys.value_counts()
    rare = set(counts[counts < rare_below].index)
    reproduced = len(rare & set(synthetic_keys))
    return RareCombinationsResult(len(rare), reproduced, reproduced / len(rare) if rare else None, columns)


class RareCombinations(Metric):
    name = "rare_combinations"
    label = "Rare combinations reproduced"
    description = "0: no rare real combination reappears (best); 1: every one does."
    section = "privacy"
    result = RareCombinationsResult
    headline = "rare_combination_share"
    goal = MINIMIZE
    good, fair = 0.0, 1.0  # never poor: a rare combination can reappear by chance
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> RareCombinationsResult:
        return rare_combination_copies(tables.real, tables.synthetic, tables.kinds)
