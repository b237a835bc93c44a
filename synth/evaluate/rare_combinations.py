"""Rare combinations: category (else value) combinations seen fewer than 5 times in the real data that reappear."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import DISCRETE, scored_columns
from synth.evaluate.base import FAIR, GOOD, MINIMIZE, NOT_A_FIGURE, Metric, Result, Tables
from synth.evaluate.rows import row_keys

RARE_BELOW = 5


@dataclass(frozen=True)
class RareCombinationsResult(Result):
    rare_combinations: int  # combinations seen fewer than rare_below times in the real data
    rare_combinations_reproduced: int  # how many of them the synthetic data has
    rare_combination_share: float | None  # reproduced / rare; None when there is no rare combination
    # the share a fresh real sample as large as the synthetic table holds on average: what chance alone gives
    rare_combination_fresh_share: float | None = None
    columns: list[str] = field(default_factory=list, metadata=NOT_A_FIGURE)  # the columns combined
    chance_spread: float = field(default=0.0, metadata=NOT_A_FIGURE)  # the standard deviation of that share
    synthetic_rows: int = field(default=0, metadata=NOT_A_FIGURE)
    # what was combined, in words: "category combinations", or "value combinations" where a combined column is no
    # category (a table without any combines all its columns)
    combined: str = field(default="category combinations", metadata=NOT_A_FIGURE)

    @property
    def chance_limit(self) -> float | None:
        """The share beyond which more rare combinations reappear than chance explains (None: nothing to judge)."""
        if self.rare_combination_fresh_share is None:
            return None
        return self.rare_combination_fresh_share + max(RareCombinations.good, 3 * self.chance_spread)


def _fresh_sample_share(counts: pd.Series, rare_below: int, real_rows: int, synthetic_rows: int) -> tuple[float, float]:
    """The chance that a fresh sample of m rows, drawn like the n real ones, holds each rare combination, averaged,
    and the standard deviation of the share it gives. A combination seen k times has the Good-Turing frequency
    (k + 1) N(k+1) / (N(k) n), N(k) the number of combinations seen k times: a combination seen once is usually
    rarer than 1/n (most of a table's many singletons are never seen again), so plain k/n would expect far too
    many back. N(k+1) counts as at least 1 (a small table's counts are sparse), and it never exceeds k/n."""
    seen = counts.value_counts()
    good_turing = {k: min(k, (k + 1) * max(seen.get(k + 1, 0), 1) / seen[k]) for k in seen.index if k < rare_below}
    adjusted = counts[counts < rare_below].map(good_turing).to_numpy(dtype=float)
    chances = 1.0 - (1.0 - adjusted / real_rows) ** synthetic_rows
    return float(chances.mean()), float(math.sqrt((chances * (1 - chances)).sum()) / len(chances))


def rare_combination_copies(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str] | None = None,
    rare_below: int = RARE_BELOW,
) -> RareCombinationsResult:
    """Copies of rare combinations: combinations of the given columns (default: every category and yes/no
    column, or every column when there are none) seen fewer than rare_below times in the real data, how many of
    them the synthetic data reproduces, and how many a fresh real sample of as many rows would hold by chance.

    The share runs from 0 (no rare real combination reappears; best) to 1 (all of them do); rare
    combinations can single out people even when no full row is copied. But a combination seen twice in 58 rows
    turns up in most fresh samples of 58 rows too: only a share clearly above the fresh sample's is a sign."""
    if columns is None:
        columns = [c for c in scored_columns(real, kinds) if kinds[c] in DISCRETE] or scored_columns(real, kinds)
    combined = "category combinations" if all(kinds[c] in DISCRETE for c in columns) else "value combinations"
    if not columns or real.empty:
        return RareCombinationsResult(0, 0, None, None, columns, combined=combined)
    real_keys, synthetic_keys = row_keys(real, columns), row_keys(synthetic, columns)
    counts = real_keys.value_counts()
    rare_counts = counts[counts < rare_below]
    if rare_counts.empty:
        return RareCombinationsResult(0, 0, None, None, columns, synthetic_rows=len(synthetic), combined=combined)
    reproduced = len(set(rare_counts.index) & set(synthetic_keys))
    fresh, spread = _fresh_sample_share(counts, rare_below, len(real), len(synthetic))
    share = reproduced / len(rare_counts)
    return RareCombinationsResult(len(rare_counts), reproduced, share, fresh, columns, spread, len(synthetic), combined)


class RareCombinations(Metric):
    name = "rare_combinations"
    label = "Rare combinations reproduced"
    description = "0: no rare real combination reappears (best); 1: every one does."
    section = "privacy"
    result = RareCombinationsResult
    headline = "rare_combination_share"
    goal = MINIMIZE
    good = 0.05  # how far the share may exceed a fresh real sample's (or three of its standard deviations)
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> RareCombinationsResult:
        return rare_combination_copies(tables.real, tables.synthetic, tables.kinds)

    @classmethod
    def grade(cls, result: RareCombinationsResult) -> str | None:
        """good within what a fresh real sample of as many rows shows, else fair: never poor, since a rare
        combination can reappear by chance (copies of whole rows are judged by the exact-copy figures)."""
        limit = result.chance_limit
        if result.rare_combination_share is None or limit is None:
            return None
        return GOOD if result.rare_combination_share <= limit + np.finfo(float).eps else FAIR
