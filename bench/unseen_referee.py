"""The referee of bench/unseen.py: which columns count, and the figures of one synthetic table against the real one.

The referee decides each column's kind from the real values alone, never from Doppel's own detection, so that a
generator that misreads a column (a flag taken for phone numbers, a measure taken for an identifier) loses
points instead of leaving the column out of its own score.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from synth import schema
from synth.evaluate.dcr_overfitting import dcr_overfitting_protection
from synth.evaluate.quality import quality_scores

MOSTLY_DISTINCT = 0.5  # text columns with more distinct values than this share of their rows are not learnable
MIN_TEXT_ROWS = 20
TAIL_MIN_DISTINCT = 20  # number columns with at least this many distinct training values get the tails referee
TAIL_QUANTILES = (0.01, 0.99)
_ISO_DATE = r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?"


def referee_kinds(frame: pd.DataFrame, left_out: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The learnable columns with the kind the referee scores them as, and every other column with the reason.

    Left out: the columns labelled by hand (identifiers, personal data), columns with at most one value, and text
    columns whose values are mostly distinct (names, addresses, free text: a match there only comes from copying).
    Kinds: numbers (0/1 flags too: KS on two values is the same as TV), dates (datetime values or ISO text),
    categories (every other text or yes/no column)."""
    kinds, skipped = {}, {}
    for column in frame.columns:
        values = frame[column].dropna()
        if column in left_out:
            skipped[column] = left_out[column]
        elif values.nunique() <= 1:
            skipped[column] = "empty" if values.empty else "one value"
        elif pd.api.types.is_bool_dtype(values):
            kinds[column] = "category"
        elif pd.api.types.is_numeric_dtype(values):
            kinds[column] = "decimal"
        elif pd.api.types.is_datetime64_any_dtype(values):
            kinds[column] = "datetime"
        elif values.astype(str).str.fullmatch(_ISO_DATE).mean() >= 0.95:
            kinds[column] = "datetime"
        elif len(values) >= MIN_TEXT_ROWS and values.nunique() / len(values) > MOSTLY_DISTINCT:
            skipped[column] = "text, mostly distinct"
        else:
            kinds[column] = "category"
    return kinds, skipped


def model_form(frame: pd.DataFrame, kinds: dict[str, str]) -> pd.DataFrame:
    """The referee's form of any table: a column the generator left out comes back empty (it scores 0)."""
    present = frame.reindex(columns=list(kinds))
    return schema.to_model_frame(present.reset_index(drop=True), kinds)


def tails(real: pd.Series, synthetic: pd.Series) -> dict[str, float]:
    """share_beyond: the share of synthetic values below the real 1% or above the real 99% quantile (a fresh real
    sample: about 0.02); shift_sd: |mean(synthetic) - mean(real)| / sd(real). NaN where nothing is comparable."""
    real, synthetic = real.dropna().to_numpy(float), synthetic.dropna().to_numpy(float)
    if not len(real) or not len(synthetic):
        return {"share_beyond": math.nan, "shift_sd": math.nan}
    low, high = np.quantile(real, TAIL_QUANTILES)
    spread = float(np.std(real, ddof=1))
    return {
        "share_beyond": float(np.mean((synthetic < low) | (synthetic > high))),
        "shift_sd": abs(float(synthetic.mean()) - float(real.mean())) / spread if spread > 0 else math.nan,
    }


def tail_columns(training: pd.DataFrame, kinds: dict[str, str]) -> list[str]:
    return [c for c, k in kinds.items() if k in schema.NUMERIC_KINDS and training[c].nunique() >= TAIL_MIN_DISTINCT]


def judge(
    training: pd.DataFrame,
    holdout: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    seed: int,
    privacy: bool = True,
) -> dict:
    """Every figure of one synthetic table (any form) against the training half (model form).

    quality: SDMetrics QualityReport's overall score (column shapes and pair trends) on the learnable columns, a
    column with no comparable synthetic value scoring 0 instead of being skipped; shapes: each column's score;
    tails: tails() of each number column with enough distinct values; dcr: DCROverfittingProtection."""
    fake = model_form(synthetic, kinds)
    scores = quality_scores(training, fake, kinds)
    shapes = {c: scores.columns.get(c, {}).get("score", math.nan) for c in kinds}
    shapes = {c: 0.0 if math.isnan(s) and training[c].notna().any() else s for c, s in shapes.items()}
    column_shapes = float(np.nanmean(list(shapes.values())))
    parts = [column_shapes] + ([scores.column_pair_trends] if scores.column_pair_trends is not None else [])
    parts = [p for p in parts if not math.isnan(p)]
    out = {
        "quality": float(np.mean(parts)),
        "shapes": shapes,
        "tails": {c: tails(training[c], fake[c]) for c in tail_columns(training, kinds)},
    }
    if privacy:
        out["dcr"] = dcr_overfitting_protection(training, holdout, fake, kinds, seed=seed).dcr_overfitting_protection
    return out
