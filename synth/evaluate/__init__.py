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

__all__ = [
    "ALL_EXTRAS",
    "EXTRAS",
    "Cost",
    "Evaluation",
    "default_extras",
    "evaluate",
    "extras_up_to",
    "measure_pending",
    "with_results",
]


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
    pending: tuple[str, ...] = ()  # optional groups left to measure later (measure_pending): nothing final yet

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
    later: tuple[str, ...] = (),
) -> Evaluation:
    """All figures for model-form frames with the same columns.

    real is the data the generator learned from; holdout (optional) real rows kept aside before training, which
    enables the reference scores, copies of holdout rows and DCROverfittingProtection; with a target column too,
    usefulness. extras picks the optional figures from EXTRAS (None: default_extras). personal (optional): the
    real and synthetic personal and identifier columns as shown, checked for real values that reappear. later:
    groups of extras left out now and named in Evaluation.pending (those that can run), for measure_pending to
    add once the result is shown (the app). Sampled figures are seeded.
    """
    asked = set(default_extras(holdout) if extras is None else extras)
    if target is not None:
        asked.add("utility")  # naming a target asks for usefulness
    tables = Tables(real, synthetic, kinds, holdout, target, seed, personal)
    chosen = [
        metric
        for metric in METRICS
        if not metric.part_of and (metric.cost == Cost.ALWAYS or metric.extra in asked) and metric.can_run(tables)
    ]
    pending = tuple(dict.fromkeys(m.extra for m in chosen if m.cost > Cost.ALWAYS and m.extra in later))
    results, timings, reference = _measure([m for m in chosen if m.extra not in pending], tables)
    columns = {c: {"kind": kinds[c], **figures} for c, figures in results[Quality.name].columns.items()}
    halves = _halves(real, kinds, seed) if holdout is None else None
    return Evaluation(results, columns, reference, halves, _groups(results), timings, pending)


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


def _measure(metrics: list, tables: Tables, progress=None) -> tuple[dict[str, Result], dict[str, float], object]:
    """Each metric's breakdown, the seconds per timing group, and the holdout's quality (when Quality ran)."""
    results, timings, reference = {}, {}, None
    for done, metric in enumerate(metrics):
        if progress is not None:
            progress(done / len(metrics), f"Measuring: {metric.label}")
        started = time.perf_counter()
        results[metric.name] = metric.compute_breakdown(tables)
        if metric is Quality and tables.holdout is not None and len(tables.holdout):
            reference = Quality.compute_breakdown(Tables(tables.real, tables.holdout, tables.kinds))
        timings[metric.timing] = timings.get(metric.timing, 0.0) + time.perf_counter() - started
    return results, timings, reference


def _groups(results: dict[str, Result]) -> tuple[str, ...]:
    """The optional groups these breakdowns belong to, in registry order."""
    names = [m.extra for m in METRICS if m.name in results and m.cost > Cost.ALWAYS and m.extra]
    return tuple(dict.fromkeys(names))


def measure_pending(
    evaluation: Evaluation,
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    holdout: pd.DataFrame | None = None,
    seed: int = 0,
    progress=None,
) -> tuple[dict[str, Result], dict[str, float]]:
    """The breakdowns of the groups evaluate() left for later, on the same frames, and their seconds; with_results
    adds them. progress(fraction, message), if given, hears of each metric as it starts."""
    tables = Tables(real, synthetic, kinds, holdout, None, seed)
    metrics = [m for m in METRICS if m.extra in evaluation.pending and not m.part_of and m.can_run(tables)]
    results, timings, _ = _measure(metrics, tables, progress)
    return results, timings


def with_results(
    evaluation: Evaluation, results: dict[str, Result], timings: dict[str, float] | None = None
) -> Evaluation:
    """The evaluation with more breakdowns (measured later or on demand): registry order kept, their groups counted
    as run and no longer pending, their seconds added."""
    from dataclasses import replace

    merged = {**evaluation.results, **results}
    ordered = {m.name: merged[m.name] for m in METRICS if m.name in merged}
    added = {**evaluation.timings}
    for key, seconds in (timings or {}).items():
        added[key] = added.get(key, 0.0) + seconds
    ran = _groups(ordered)
    pending = tuple(group for group in evaluation.pending if group not in ran)
    return replace(evaluation, results=ordered, extras=ran, timings=added, pending=pending)
