"""Identifiers and rare values, learned or not: near-unique columns whose real values reappear in the synthetic table."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import scored_columns
from synth.evaluate.base import MINIMIZE, NOT_A_FIGURE, Metric, Result, Tables

NEAR_UNIQUE, MIN_DISTINCT = 0.9, 20  # a column whose real values are at least 90% distinct, 20 of them or more
CHECKED_KINDS = ("integer", "decimal", "category")  # dates are a grid: a daily table holds every day of its range


@dataclass(frozen=True)
class ColumnReuse:
    """One near-unique column: how many synthetic values are values of the learned rows, beside a fresh sample."""

    distinct_share: float  # distinct real values / real values: 1 when every real row has its own value
    reuse: float  # share of synthetic values (missing left out) that are values of the learned rows
    holdout_reuse: float | None = None  # the same share for real rows kept aside; None without a holdout

    @property
    def reference(self) -> float:
        """What a fresh real sample shows: the holdout's share, or without one the table's own repeat share."""
        return 1.0 - self.distinct_share if self.holdout_reuse is None else self.holdout_reuse

    @property
    def excess(self) -> float:
        return max(0.0, self.reuse - self.reference)

    def figures(self) -> dict[str, float | None]:
        return asdict(self)


@dataclass(frozen=True)
class IdentifierReuseResult(Result):
    identifier_reuse: float  # the largest excess of reuse over what a fresh real sample shows (0: none)
    columns: dict[str, ColumnReuse] = field(default_factory=dict, metadata=NOT_A_FIGURE)

    @property
    def worst(self) -> tuple[str, ColumnReuse] | None:
        return max(self.columns.items(), key=lambda item: item[1].excess, default=None)


def _as_keys(series: pd.Series) -> pd.Series:
    values = series.dropna()
    if pd.api.types.is_numeric_dtype(values):
        return values.astype(float)
    return values.astype(str).str.strip()


def _share_in(values: pd.Series, known: pd.Index) -> float | None:
    return float(values.isin(known).mean()) if len(values) else None


def identifier_reuse(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    holdout: pd.DataFrame | None = None,
    near_unique: float = NEAR_UNIQUE,
) -> dict[str, ColumnReuse]:
    """For every near-unique number or category column (at least `near_unique` of its real values distinct): the
    share of synthetic values that are real values of the learned rows, and the same share for the holdout.

    A fresh real sample rarely repeats a near-unique value; a synthetic column that does, clearly more often,
    reproduces real identifiers or rare values (a learned customer number copied through, for instance)."""
    found = {}
    for column in scored_columns(real, kinds):
        if kinds[column] not in CHECKED_KINDS or column not in synthetic.columns:
            continue
        values = _as_keys(real[column])
        known = pd.Index(values.unique())
        if len(known) < MIN_DISTINCT or len(known) < near_unique * len(values):
            continue
        reuse = _share_in(_as_keys(synthetic[column]), known)
        if reuse is None:
            continue
        fresh = (
            None if holdout is None or column not in holdout.columns else _share_in(_as_keys(holdout[column]), known)
        )
        found[column] = ColumnReuse(len(known) / len(values), reuse, fresh)
    return found


class IdentifierReuse(Metric):
    name = "identifier_reuse"
    label = "Real identifiers or rare values reused"
    description = (
        "0: near-unique columns (identifiers, rare values) reuse real values no more often than a fresh real sample; "
        "1: every synthetic value of such a column is a real one that a fresh sample would not repeat."
    )
    section = "privacy"
    result = IdentifierReuseResult
    headline = "identifier_reuse"
    goal = MINIMIZE
    good, fair = 0.1, 0.25  # the excess share: above 0.25, real identifiers are reproduced (poor)
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> IdentifierReuseResult:
        columns = identifier_reuse(tables.real, tables.synthetic, tables.kinds, tables.holdout)
        worst = max((c.excess for c in columns.values()), default=0.0)
        return IdentifierReuseResult(float(np.clip(worst, 0.0, 1.0)) if math.isfinite(worst) else 0.0, columns)
