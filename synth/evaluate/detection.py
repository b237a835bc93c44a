"""Can a model tell them apart? A classifier trained to separate real from synthetic rows, scored by ROC AUC."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.encoding import model_matrix, one_thread, scored_columns
from synth.evaluate.base import MINIMIZE, Cost, Metric, Result, Tables

MAX_ROWS = 2000
FOLDS = 3


@dataclass(frozen=True)
class DetectionResult(Result):
    auc: float | None  # 0.5: cannot tell real from synthetic (best); 1.0: always can
    score: float | None  # 1 - 2 x (auc - 0.5): 1 indistinguishable, 0 always told apart
    rows: int  # rows per table the classifier saw


def row_groups(real: pd.DataFrame, synthetic: pd.DataFrame) -> np.ndarray:
    """A group per distinct row over both tables, so identical rows share a fold: otherwise a copied row is learned
    as "synthetic" and its real twin tested. The tables are joined before their rows are written as text, so a
    value reads alike in both (1 and 1.0 as 1.0); dates in microseconds first, as 9999-12-31 does not fit in
    nanoseconds beside a column that holds none."""
    dated = [
        table.assign(**{c: table[c].dt.as_unit("us") for c in table if pd.api.types.is_datetime64_any_dtype(table[c])})
        for table in (real, synthetic)
    ]
    return pd.util.hash_pandas_object(pd.concat(dated).astype(str), index=False).to_numpy()


def detection_auc(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    max_rows: int | None = MAX_ROWS,
    folds: int = FOLDS,
    seed: int = 0,
) -> DetectionResult:
    """Cross-validated ROC AUC of a gradient-boosted classifier (scikit-learn's HistGradientBoosting, numbers
    and dates as values, categories as categories) separating real rows from synthetic rows.

    auc: 0.5 means the model cannot tell them apart (best); 1.0 that it always can. score: 1 - 2 x (auc - 0.5),
    so 1 = indistinguishable and 0 = always told apart, like SDMetrics' detection metrics. Each table is
    sampled (seeded) to at most max_rows rows, so both classes weigh the same; identical rows stay in one fold.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_score

    columns = scored_columns(real, kinds)
    rows = min(len(real), len(synthetic), max_rows or max(len(real), len(synthetic)))
    if not columns or rows < folds * 2:
        return DetectionResult(None, None, rows)
    real = real[columns].sample(rows, random_state=seed) if len(real) > rows else real[columns]
    synthetic = synthetic[columns].sample(rows, random_state=seed) if len(synthetic) > rows else synthetic[columns]
    (real_x, synthetic_x), categorical = model_matrix([real, synthetic], kinds, columns)
    features = np.vstack([real_x, synthetic_x])
    labels = np.r_[np.zeros(len(real_x)), np.ones(len(synthetic_x))]
    model = HistGradientBoostingClassifier(
        max_iter=60,
        learning_rate=0.1,
        max_leaf_nodes=15,
        early_stopping=False,
        categorical_features=np.array(categorical, dtype=bool),
        random_state=seed,
    )
    groups = row_groups(real, synthetic)
    splits = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    with one_thread():
        auc = float(np.mean(cross_val_score(model, features, labels, groups=groups, cv=splits, scoring="roc_auc")))
    return DetectionResult(auc, max(0.0, 1.0 - 2.0 * (max(auc, 0.5) - 0.5)), rows)


class Detection(Metric):
    name = "detection"
    label = "Can a model tell them apart?"
    description = "AUC 0.5: a classifier cannot tell synthetic rows from real ones (best); 1.0: it always can."
    section = "fidelity"
    result = DetectionResult
    headline = "auc"
    goal = MINIMIZE
    min_value, max_value = 0.5, 1.0  # below 0.5 is chance
    good, fair = 0.65, 0.8
    cost = Cost.TRAINING
    extra = "detection"
    timing = "detection_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> DetectionResult:
        return detection_auc(tables.real, tables.synthetic, tables.kinds, seed=tables.seed)
