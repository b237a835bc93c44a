"""Real identifiers and personal values (names, e-mails...) that reappear in the synthetic table."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from synth.evaluate.base import MINIMIZE, Metric, Result, Tables


def reappearing_values(real: pd.DataFrame, synthetic: pd.DataFrame, columns: list[str]) -> dict[str, int]:
    """For personal-data columns (names, e-mails, phone numbers...): how many distinct real values reappear in
    the synthetic column. 0 for every column is the requirement; anything else leaks real values."""
    found = {}
    for column in columns:
        if column not in synthetic.columns:
            found[column] = 0
            continue
        real_values = set(real[column].dropna().astype(str).str.strip())
        synthetic_values = set(synthetic[column].dropna().astype(str).str.strip())
        found[column] = len((real_values & synthetic_values) - {""})
    return found


@dataclass(frozen=True)
class ReappearingValuesResult(Result):
    real_values_reappearing: dict[str, int] = field(default_factory=dict)  # per personal column

    @property
    def total(self) -> int:
        return sum(self.real_values_reappearing.values())


class ReappearingValues(Metric):
    name = "reappearing_values"
    label = "Real identifiers or personal values"
    description = "0: no real identifier or personal value appears in the synthetic table (the requirement)."
    section = "privacy"
    result = ReappearingValuesResult
    headline = "total"
    goal = MINIMIZE
    max_value = math.inf  # a count
    good = 0  # any reappearing value: poor
    needs = ("personal",)
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ReappearingValuesResult:
        real, synthetic = tables.personal
        return ReappearingValuesResult(reappearing_values(real, synthetic, list(real.columns)))
