"""The metric contract: what a figure measures, which way is better, its range, traffic-light cut-offs and cost."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Any, ClassVar

import numpy as np
import pandas as pd

MAXIMIZE, MINIMIZE = "maximize", "minimize"
GOOD, FAIR, POOR = "good", "fair", "poor"
NOT_A_FIGURE = {"figure": False}  # field metadata: kept on the result, left out of the metrics JSON


class Cost(IntEnum):
    """What a metric costs, and so when it runs; every cost above ALWAYS is an optional figure (an "extra")."""

    ALWAYS = 0  # milliseconds: every evaluation
    QUICK = 1  # milliseconds too, but optional: on unless the caller picks the extras
    SLOW = 2  # imports scikit-learn (a second or so): on by default only after generating, where training dwarfs it
    TRAINING = 3  # trains a model: only when asked (--all, after generating in the app, or by naming a target)
    ON_DEMAND = 4  # seconds of attacks: only when asked by name (--all, or a button in the app), never by default


@dataclass(frozen=True)
class Tables:
    """What a metric may read: model-form frames with the same columns, plus the optional inputs some need."""

    real: pd.DataFrame  # the rows the generator learned from
    synthetic: pd.DataFrame
    kinds: dict[str, str]
    holdout: pd.DataFrame | None = None  # real rows kept aside before training
    target: str | None = None  # the column a usefulness model predicts
    seed: int = 0
    personal: tuple[pd.DataFrame, pd.DataFrame] | None = None  # real and synthetic personal columns, as shown


@dataclass(frozen=True)
class Result:
    """A metric's breakdown: each field is one figure, named as in the metrics JSON."""

    def figures(self) -> dict[str, Any]:
        """The figures for the metrics JSON, in field order (fields marked NOT_A_FIGURE left out)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.metadata.get("figure", True)}


class Metric:
    """One metric, declared on the class (like SDMetrics): the registry, the pipeline, the verdicts and the CLI read
    these declarations instead of keeping their own copies."""

    name: ClassVar[str]  # the registry key, also the key of its breakdown in Evaluation.results
    label: ClassVar[str]  # what people see
    description: ClassVar[str]  # what the best and the worst value mean
    section: ClassVar[str]  # where its figures go in the metrics JSON: quality, fidelity, privacy or utility
    result: ClassVar[type[Result]]
    headline: ClassVar[str]  # the result field (or property) that goal, range and thresholds describe
    goal: ClassVar[str] = MAXIMIZE
    min_value: ClassVar[float] = 0.0
    max_value: ClassVar[float] = 1.0
    good: ClassVar[float | None] = None  # at this value or better: good; None: no traffic light
    fair: ClassVar[float | None] = None  # at this value or better: fair, else poor; None: nothing between
    cost: ClassVar[Cost] = Cost.ALWAYS
    extra: ClassVar[str | None] = None  # the optional group it runs in (Evaluation.extras), for costs above ALWAYS
    needs: ClassVar[tuple[str, ...]] = ()  # Tables fields it cannot run without: holdout, target, personal
    timing: ClassVar[str] = ""  # the Evaluation.timings key its seconds count towards
    part_of: ClassVar[str | None] = None  # computed inside that metric's breakdown, never run on its own

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> Result:
        raise NotImplementedError

    @classmethod
    def can_run(cls, tables: Tables) -> bool:
        return all(getattr(tables, need) is not None for need in cls.needs)

    @classmethod
    def headline_value(cls, result: Result) -> float | None:
        return getattr(result, cls.headline)

    @classmethod
    def grade_value(cls, value: float | None) -> str | None:
        """good, fair or poor under the declared thresholds; None without a value or without thresholds."""
        if value is None or cls.good is None:
            return None

        def reaches(threshold: float) -> bool:
            return value >= threshold if cls.goal == MAXIMIZE else value <= threshold

        if reaches(cls.good):
            return GOOD
        return FAIR if cls.fair is not None and reaches(cls.fair) else POOR

    @classmethod
    def grade(cls, result: Result) -> str | None:
        """The grade of a breakdown: its headline under the thresholds (a metric may judge more than its headline)."""
        return cls.grade_value(cls.headline_value(result))


def finite_mean(values: list[float | None]) -> float:
    """The mean of the finite values; NaN when there is none."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    return float(np.mean(finite)) if finite else float("nan")
