"""Copies of learned rows next to copies of unseen real rows: memorising shows as the first clearly higher."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from synth.evaluate.base import FAIR, GOOD, MINIMIZE, Metric, Result, Tables
from synth.evaluate.exact_copies import exact_copy_rate


@dataclass(frozen=True)
class CopyRatesResult(Result):
    copies_of_training: float  # share of synthetic rows equal to a row the generator learned from
    copies_of_holdout: float  # share of synthetic rows equal to a real row it never saw
    fresh_sample_copies: float | None = None  # share of unseen real rows equal to a learned row: what chance gives


def copy_rates(training: pd.DataFrame, holdout: pd.DataFrame, synthetic: pd.DataFrame) -> CopyRatesResult:
    """Exact copies of training rows next to exact copies of holdout rows (real rows the generator never saw).

    Both are shares of synthetic rows, 0 to 1. A generator that does not memorise copies training rows no more
    often than holdout rows; copies_of_training well above copies_of_holdout suggests memorised people."""
    fresh = exact_copy_rate(training, holdout)  # tables with repeated rows: real rows repeat each other too
    return CopyRatesResult(exact_copy_rate(training, synthetic), exact_copy_rate(holdout, synthetic), fresh)


class CopyRates(Metric):
    name = "copy_rates"
    label = "Copies: learned rows vs unseen rows"
    description = "Copies of learned rows no more frequent than copies of unseen rows: no sign of memorising."
    section = "privacy"
    result = CopyRatesResult
    headline = "copies_of_training"
    goal = MINIMIZE
    good = 0.01  # how far copies of learned rows may exceed copies of unseen rows
    needs = ("holdout",)
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> CopyRatesResult:
        return copy_rates(tables.real, tables.holdout, tables.synthetic)

    @classmethod
    def grade(cls, result: CopyRatesResult) -> str:
        """good, or fair (a sign to check, as the verdict says): copies beyond a fresh sample's are ExactCopies' poor."""
        return GOOD if result.copies_of_training <= result.copies_of_holdout + cls.good else FAIR
