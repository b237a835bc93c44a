"""Exact copies: the share of synthetic rows identical to a real row in every column."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from synth.evaluate.base import MINIMIZE, Metric, Result, Tables
from synth.evaluate.rows import row_keys


def exact_copy_rate(real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
    """Share of synthetic rows identical to some real row in every column: 0 is best, 1 copies everything."""
    if synthetic.empty:
        return 0.0
    columns = list(real.columns)
    return float(row_keys(synthetic, columns).isin(set(row_keys(real, columns))).mean())


@dataclass(frozen=True)
class ExactCopiesResult(Result):
    exact_copy_rate: float


class ExactCopies(Metric):
    name = "exact_copies"
    label = "Exact copies of real rows"
    description = "0: no synthetic row equals a real row (best); 1: every synthetic row is a copy."
    section = "privacy"
    result = ExactCopiesResult
    headline = "exact_copy_rate"
    goal = MINIMIZE
    good = 0.01  # above it: poor, nothing in between
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ExactCopiesResult:
        return ExactCopiesResult(exact_copy_rate(tables.real, tables.synthetic))
