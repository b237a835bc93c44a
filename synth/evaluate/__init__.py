"""Fidelity, privacy and usefulness of a synthetic table against the real one: every registered metric that applies."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.evaluate.base import Cost, Result, Tables
from synth.evaluate.quality import Quality, QualityScores
from synth.evaluate.registry import ALL_EXTRAS, BY_NAME, EXTRAS, METRICS, extras_up_to

HALF_ROWS = 10_000  # beyond this the halves' own noise is far below any floor the verdict uses
MIN_HALF_ROWS = 10

__all__ = ["ALL_EXTRAS", "EXTRAS", "Cost", "Evaluation", "default_extras", "evaluate", "extras_up_to"]


def default_extras(holdout: pd.DataFrame | None) -> tuple[str, ...]:
    """Quick extras (three-way figures, milliseconds) always. Slow ones (DCR figures) when a holdout is given, as
    after generating, where training dwarfs the second scikit-learn takes to import; not when two files are
    compared, which must stay fast. Those that train a model only when asked."""
    return extras_up_to(Cost.SLOW if holdout is not None else Cost.QUICK)


@dataclass(frozen=True)
class Evaluation:
    results: dict[str, Result]  # each metric's breakdown, by metric name, in registry order
    columns: dict[str, dict] = field(default_factory=dict)
    reference: QualityScores | None = None  # the same scores for the real holdout: what a fresh real sample gets
    halves: QualityScores | None = None  # without a holdout: the scores of one half of the real rows against the other
    extras: tuple[str, ...] = ()  # the optional figures that ran
    timings: dict[str, float] = field(default_factory=dict)  # seconds per group of figures

    @property
    def quality(self) -> QualityScores:
        return self.results[Quality.name]

    def _section(self, section: str) -> dict[str, Result]:
        return {name: result for name, result in self.results.items() if BY_NAME[name].section == section}

    @property
    def fidelity(self) -> dict[str, dict]:
        """Detection and three-way figures, by metric name."""
        return {name: result.figures() for name, result in self._section("fidelity").items()}

    @property
    def privacy(self) -> dict:
        """Every privacy figure, flat, as in the metrics JSON."""
        return {key: value for result in self._section("privacy").values() for key, value in result.figures().items()}

    @property
    def utility(self) -> dict:
        return next((result.figures() for result in self._section("utility").values()), {})


def evaluate(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    holdout: pd.DataFrame | None = None,
    target: str | None = None,
    extras: tuple[str, ...] | None = None,
    seed: int = 0,
    personal: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> Evaluation:
    """All figures for model-form frames with the same columns.

    real is the data the generator learned from; holdout (optional) real rows kept aside before training, which
    enables the reference scores, copies of holdout rows and DCROverfittingProtection; with a target column too,
    usefulness. extras picks the optional figures from EXTRAS (None: default_extras). personal (optional): the
    real and synthetic personal and identifier columns as shown, checked for real values that reappear. Sampled
    figures are seeded.
    """
    asked = set(default_extras(holdout) if extras is None else extras)
    if target is not None:
        asked.add("utility")  # naming a target asks for usefulness
    tables = Tables(real, synthetic, kinds, holdout, target, seed, personal)
    results, timings, ran, reference, halves = {}, {}, [], None, None
    for metric in METRICS:
        if metric.part_of or (metric.cost > Cost.ALWAYS and metric.extra not in asked) or not metric.can_run(tables):
            continue
        started = time.perf_counter()
        results[metric.name] = metric.compute_breakdown(tables)
        if metric is Quality and holdout is not None and len(holdout):
            reference = Quality.compute_breakdown(Tables(real, holdout, kinds))
        elif metric is Quality and holdout is None:
            halves = _halves(real, kinds, seed)
        timings[metric.timing] = timings.get(metric.timing, 0.0) + time.perf_counter() - started
        if metric.extra and metric.cost > Cost.ALWAYS and metric.extra not in ran:
            ran.append(metric.extra)
    columns = {c: {"kind": kinds[c], **figures} for c, figures in results[Quality.name].columns.items()}
    return Evaluation(results, columns, reference, halves, tuple(ran), timings)


def _halves(real: pd.DataFrame, kinds: dict[str, str], seed: int) -> QualityScores | None:
    """Without a holdout, what chance alone does to each figure: one seeded random half of the real rows scored
    against the other (at most HALF_ROWS each). A link between a many-valued column and another scores low even
    between two real samples; this is the yardstick the verdict uses for it."""
    size = min(len(real) // 2, HALF_ROWS)
    if size < MIN_HALF_ROWS:
        return None
    order = np.random.default_rng(seed).permutation(len(real))
    first, second = (real.iloc[order[i * size : (i + 1) * size]].reset_index(drop=True) for i in (0, 1))
    return Quality.compute_breakdown(Tables(first, second, kinds))
