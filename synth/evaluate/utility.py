"""Usefulness: does a model trained on synthetic rows predict real ones as well as a model trained on real rows?"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.encoding import (
    CONTINUOUS,
    DISCRETE,
    model_matrix,
    numeric_values,
    one_thread,
    scaled_column,
    scored_columns,
    shared_codes,
)
from synth.evaluate.base import Cost, Metric, Result, Tables

MAX_ROWS = 20_000
# gradient boosting keeps its gradients in float32 (past 3e38 they overflow) and R² takes squares: a target reaching
# TARGET_LARGE is divided by the power of two (encoding.scaled_column) that brings its largest size near 2**TARGET_TOP,
# where both are exact to a power of two; smaller targets are learned as they are
TARGET_TOP = 0
TARGET_LARGE = 1e30


PREDICTABLE = ("category", "boolean", "integer", "decimal")  # dates and identifiers are no natural thing to predict


def default_target(columns: list[str], kinds: dict[str, str]) -> str | None:
    """The column Usefulness offers to predict first: the first number, category or yes/no column (a date or an
    identifier is what one predicts from, not what one predicts), else the first column; None without columns."""
    return next((c for c in columns if kinds.get(c) in PREDICTABLE), columns[0] if columns else None)


@dataclass(frozen=True)
class UtilityResult(Result):
    target: str
    task: str  # "classification" or "regression"
    metric: str  # "macro F1" or "R²"
    real_score: float | None  # trained on real rows, tested on the holdout
    synthetic_score: float | None  # trained on synthetic rows, tested on the holdout
    ratio: float | None  # synthetic_score / real_score; None when the real score is not positive


def _target(frames: list[pd.DataFrame], kind: str, target: str) -> list[np.ndarray]:
    if kind in CONTINUOUS:
        return [numeric_values(f[target]) for f in frames]
    codes, size, _ = shared_codes(*(f[target] for f in frames))
    return [np.where(c == size - 1, np.nan, c).astype(float) for c in codes]


def _fit_score(model_class, x_train, y_train, x_test, y_test, classify: bool) -> float | None:
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.metrics import f1_score, r2_score

    if len(y_train) < 2 or len(y_test) < 2:
        return None
    if np.unique(y_train).size < 2:
        model = DummyClassifier() if classify else DummyRegressor()
    else:
        model = model_class
    model.fit(x_train, y_train)
    predicted = model.predict(x_test)
    if classify:
        return float(f1_score(y_test, predicted, average="macro"))
    return float(r2_score(y_test, predicted))


def utility_scores(
    training: pd.DataFrame,
    holdout: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    target: str,
    seed: int = 0,
    max_rows: int | None = MAX_ROWS,
) -> UtilityResult:
    """Train the same scikit-learn model (HistGradientBoosting: a classifier for categories and yes/no, a
    regressor for numbers and dates) once on synthetic rows and once on real training rows; test both on the
    real holdout rows, which neither has seen.

    task: "classification" (score = macro F1, 0 worst to 1 perfect) or "regression" (score = R², 1 perfect,
    0 no better than guessing the mean, negative worse). synthetic_score / real_score: the two scores.
    ratio: synthetic_score / real_score; 1 means the synthetic data is as useful as the real data for this
    target, 0 useless (None when the real score is not positive).
    """
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    kind = kinds[target]
    classify = kind in DISCRETE
    features = [c for c in scored_columns(training, kinds) if c != target]
    frames = [
        f.sample(max_rows, random_state=seed) if max_rows and len(f) > max_rows else f
        for f in (training, holdout, synthetic)
    ]
    ys = _target(frames, kind, target)
    if not classify:  # a target of 1e30 or more is learned divided by a power of two that brings it near 1
        ys, _ = scaled_column(*ys, top=TARGET_TOP, reaching=TARGET_LARGE)
    if features:
        xs, categorical = model_matrix(frames, kinds, features)
    else:
        xs, categorical = [np.zeros((len(f), 1)) for f in frames], [False]
    keep = [~np.isnan(y) for y in ys]
    xs, ys = [x[k] for x, k in zip(xs, keep, strict=True)], [y[k] for y, k in zip(ys, keep, strict=True)]
    options = {"max_iter": 50, "random_state": seed, "categorical_features": np.array(categorical, dtype=bool)}

    def model():
        return HistGradientBoostingClassifier(**options) if classify else HistGradientBoostingRegressor(**options)

    with one_thread():
        real_score = _fit_score(model(), xs[0], ys[0], xs[1], ys[1], classify)
        synthetic_score = _fit_score(model(), xs[2], ys[2], xs[1], ys[1], classify)
    ratio = synthetic_score / real_score if real_score and real_score > 0 and synthetic_score is not None else None
    return UtilityResult(
        target=target,
        task="classification" if classify else "regression",
        metric="macro F1" if classify else "R²",
        real_score=real_score,
        synthetic_score=synthetic_score,
        ratio=ratio,
    )


class Utility(Metric):
    name = "utility"
    label = "Usefulness"
    description = "Ratio 1: a model trained on synthetic rows predicts real ones as well as one trained on real rows."
    section = "utility"
    result = UtilityResult
    headline = "ratio"
    min_value, max_value = -math.inf, math.inf  # above 1 by chance; below 0 when the synthetic model is worse
    cost = Cost.TRAINING
    extra = "utility"  # asked for by naming a target
    needs = ("holdout", "target")
    timing = "utility_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> UtilityResult:
        return utility_scores(tables.real, tables.holdout, tables.synthetic, tables.kinds, tables.target, tables.seed)
