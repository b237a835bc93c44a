"""Fidelity, privacy and usefulness of a synthetic table against the real one."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pandas as pd

from synth.evaluate import privacy
from synth.evaluate.fidelity import QualityScores, quality_scores

EXTRAS = ("three_way", "dcr", "detection")


def default_extras(holdout: pd.DataFrame | None) -> tuple[str, ...]:
    """Three-way figures always (milliseconds). DCR figures when a holdout is given, as after generating, where
    training dwarfs the second scikit-learn takes to import; not when two files are compared, which must stay
    fast. Detection only when asked: it trains a model."""
    return ("three_way", "dcr") if holdout is not None else ("three_way",)


@dataclass(frozen=True)
class Evaluation:
    quality: QualityScores
    privacy: dict = field(default_factory=dict)
    utility: dict = field(default_factory=dict)
    columns: dict[str, dict] = field(default_factory=dict)
    reference: QualityScores | None = None  # the same scores for the real holdout: what a fresh real sample gets
    fidelity: dict = field(default_factory=dict)  # detection and three-way figures
    extras: tuple[str, ...] = ()  # the optional figures that ran
    timings: dict[str, float] = field(default_factory=dict)  # seconds per group of figures


def _privacy(real, synthetic, kinds, holdout, run_dcr: bool, seed: int) -> dict:
    found = {"exact_copy_rate": privacy.exact_copy_rate(real, synthetic)}
    rare = privacy.rare_combination_copies(real, synthetic, kinds)
    found.update(
        {
            "rare_combinations": rare["rare_combinations"],
            "rare_combinations_reproduced": rare["reproduced"],
            "rare_combination_share": rare["share_reproduced"],
        }
    )
    if holdout is not None:
        found.update(privacy.copy_rates(real, holdout, synthetic))
    if run_dcr:
        baseline = privacy.dcr_baseline_protection(real, synthetic, kinds, seed=seed)
        ratio = privacy.nearest_neighbour_ratio(real, synthetic, kinds, seed=seed)
        found.update(
            {
                "dcr_baseline_protection": baseline["score"],
                "median_dcr_synthetic": baseline["median_dcr_synthetic"],
                "median_dcr_random": baseline["median_dcr_random"],
                "nndr_median": ratio["median"],
                "nndr_share_below_half": ratio["share_below_half"],
            }
        )
        if holdout is not None:
            overfitting = privacy.dcr_overfitting_protection(real, holdout, synthetic, kinds, seed=seed)
            found.update(
                {
                    "dcr_overfitting_protection": overfitting["score"],
                    "closer_to_training": overfitting["closer_to_training"],
                }
            )
    return found


def evaluate(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    holdout: pd.DataFrame | None = None,
    target: str | None = None,
    extras: tuple[str, ...] | None = None,
    seed: int = 0,
) -> Evaluation:
    """All figures for model-form frames with the same columns.

    real is the data the generator learned from; holdout (optional) real rows kept aside before training, which
    enables the reference scores, copies of holdout rows and DCROverfittingProtection; with a target column too,
    usefulness. extras picks the optional figures from EXTRAS (None: default_extras). Sampled figures are seeded.
    """
    extras = default_extras(holdout) if extras is None else tuple(extras)
    timings, ran = {}, []
    started = time.perf_counter()
    quality = quality_scores(real, synthetic, kinds)
    reference = quality_scores(real, holdout, kinds) if holdout is not None and len(holdout) else None
    timings["quality_s"] = time.perf_counter() - started
    columns = {c: {"kind": kinds[c], **figures} for c, figures in quality.columns.items()}

    fidelity = {}
    if "three_way" in extras:
        from synth.evaluate.triples import three_way_similarity

        started = time.perf_counter()
        fidelity["three_way"] = three_way_similarity(real, synthetic, kinds, seed=seed)
        timings["three_way_s"] = time.perf_counter() - started
        ran.append("three_way")
    if "detection" in extras:
        from synth.evaluate.detection import detection_auc

        started = time.perf_counter()
        fidelity["detection"] = detection_auc(real, synthetic, kinds, seed=seed)
        timings["detection_s"] = time.perf_counter() - started
        ran.append("detection")

    started = time.perf_counter()
    privacy_figures = _privacy(real, synthetic, kinds, holdout, "dcr" in extras, seed)
    timings["privacy_s"] = time.perf_counter() - started
    if "dcr" in extras:
        ran.append("dcr")

    utility = {}
    if target is not None and holdout is not None:
        from synth.evaluate.utility import utility_scores

        started = time.perf_counter()
        utility = utility_scores(real, holdout, synthetic, kinds, target, seed=seed)
        timings["utility_s"] = time.perf_counter() - started
        ran.append("utility")
    return Evaluation(
        quality=quality,
        privacy=privacy_figures,
        utility=utility,
        columns=columns,
        reference=reference,
        fidelity=fidelity,
        extras=tuple(ran),
        timings=timings,
    )
