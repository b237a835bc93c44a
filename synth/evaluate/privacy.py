"""Privacy screening figures (proxies, never proof of anonymity): copies, distances to real rows, rare combinations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.distance import dcr, nearest_distances
from synth.encoding import DISCRETE, numeric_values, scored_columns

RARE_BELOW = 5
MAX_ROWS = 2000


def _row_keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """A hash of each row's values: numbers and dates as floats (3 and 3.0 alike), anything else as text."""
    parts = {}
    for position, column in enumerate(columns):
        series = frame[column]
        if (
            pd.api.types.is_numeric_dtype(series)
            and not pd.api.types.is_bool_dtype(series)
            or pd.api.types.is_datetime64_any_dtype(series)
        ):
            values = numeric_values(series)
            parts[position] = np.where(np.isnan(values), -1.2345e300, values)  # one stand-in for every missing
        else:
            parts[position] = series.astype(str).to_numpy()
    return pd.util.hash_pandas_object(pd.DataFrame(parts, index=range(len(frame))), index=False)


def exact_copy_rate(real: pd.DataFrame, synthetic: pd.DataFrame) -> float:
    """Share of synthetic rows identical to some real row in every column: 0 is best, 1 copies everything."""
    if synthetic.empty:
        return 0.0
    columns = list(real.columns)
    return float(_row_keys(synthetic, columns).isin(set(_row_keys(real, columns))).mean())


def copy_rates(training: pd.DataFrame, holdout: pd.DataFrame, synthetic: pd.DataFrame) -> dict:
    """Exact copies of training rows next to exact copies of holdout rows (real rows the generator never saw).

    Both are shares of synthetic rows, 0 to 1. A generator that does not memorise copies training rows no more
    often than holdout rows; copies_of_training well above copies_of_holdout suggests memorised people."""
    return {
        "copies_of_training": exact_copy_rate(training, synthetic),
        "copies_of_holdout": exact_copy_rate(holdout, synthetic),
    }


def _sample(frame: pd.DataFrame, rows: int | None, seed: int) -> pd.DataFrame:
    if rows is None or len(frame) <= rows:
        return frame
    return frame.sample(rows, random_state=seed)


def random_rows(real: pd.DataFrame, rows: int, seed: int = 0) -> pd.DataFrame:
    """Random rows inside the real ranges and categories, with the real missing shares: SDMetrics' baseline."""
    rng = np.random.default_rng(seed)
    out = {}
    for column in real.columns:
        series = real[column]
        present = series.dropna()
        if present.empty:
            out[column] = pd.Series([None] * rows, dtype=series.dtype)
            continue
        if pd.api.types.is_datetime64_any_dtype(series):
            span = (present.max() - present.min()).total_seconds()
            values = present.min() + pd.to_timedelta(rng.uniform(0, span, rows), unit="s")
        elif pd.api.types.is_numeric_dtype(series):
            values = rng.uniform(present.min(), present.max(), rows)
        else:
            values = rng.choice(present.unique(), size=rows)
        values = pd.Series(values)
        values[rng.random(rows) < series.isna().mean()] = None
        out[column] = values
    return pd.DataFrame(out)


def dcr_baseline_protection(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], max_rows: int | None = MAX_ROWS, seed: int = 0
) -> dict:
    """SDMetrics' DCRBaselineProtection: median distance to closest real record of synthetic rows, divided by
    that of random rows drawn inside the real ranges (capped at 1).

    1 means synthetic rows are as far from real people as random rows are (best); 0 that they sit on real
    rows. Rows are sampled (seeded) to max_rows per table, as SDMetrics' num_rows_subsample does."""
    columns = scored_columns(real, kinds)
    real, synthetic = _sample(real[columns], max_rows, seed), _sample(synthetic[columns], max_rows, seed)
    synthetic_median = float(np.nanmedian(dcr(synthetic, real, kinds)))
    random_median = float(np.nanmedian(dcr(random_rows(real, len(synthetic), seed), real, kinds)))
    score = min(synthetic_median / random_median, 1.0) if random_median > 0 else None
    return {"score": score, "median_dcr_synthetic": synthetic_median, "median_dcr_random": random_median}


def dcr_overfitting_protection(
    training: pd.DataFrame,
    holdout: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    max_rows: int | None = MAX_ROWS,
    seed: int = 0,
) -> dict:
    """SDMetrics' DCROverfittingProtection: min(1, 2 x share of synthetic rows NOT strictly closer to a training
    row than to a holdout row).

    1 means synthetic rows are no closer to the rows the generator learned from than to fresh real rows (half
    or fewer closer to training); 0 that every synthetic row hugs a training row. Aim for 0.9 or more."""
    columns = scored_columns(training, kinds)
    # Equal-sized real sets, so that "half closer to training" is the honest baseline even when the holdout is
    # smaller than the training rows (SDMetrics assumes comparable sizes and warns otherwise).
    size = min(len(training), len(holdout), max_rows or len(training))
    training, holdout = _sample(training[columns], size, seed), _sample(holdout[columns], size, seed)
    synthetic = _sample(synthetic[columns], max_rows, seed)
    closer = float(np.mean(dcr(synthetic, training, kinds) < dcr(synthetic, holdout, kinds)))
    return {"score": min((1.0 - closer) * 2, 1.0), "closer_to_training": closer, "closer_to_holdout": 1 - closer}


def nearest_neighbour_ratio(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], max_rows: int | None = MAX_ROWS, seed: int = 0
) -> dict:
    """Nearest-neighbour distance ratio: for each synthetic row, its distance to the closest real row divided by
    its distance to the second closest (0/0 counts as 1).

    Near 1: the synthetic row is no closer to one real person than to another (safe). Near 0: it singles out
    one real row. Returns the median ratio and the share of synthetic rows with a ratio under 0.5."""
    columns = scored_columns(real, kinds)
    real, synthetic = _sample(real[columns], max_rows, seed), _sample(synthetic[columns], max_rows, seed)
    if len(real) < 2 or not len(synthetic):
        return {"median": None, "share_below_half": None}
    closest = nearest_distances(synthetic, real, kinds, neighbours=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(closest[:, 1] > 0, closest[:, 0] / closest[:, 1], 1.0)
    return {"median": float(np.median(ratio)), "share_below_half": float(np.mean(ratio < 0.5))}


def rare_combination_copies(
    real: pd.DataFrame,
    synthetic: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str] | None = None,
    rare_below: int = RARE_BELOW,
) -> dict:
    """Copies of rare combinations: combinations of the given columns (default: every category and yes/no
    column, or every column when there are none) seen fewer than rare_below times in the real data, and how
    many of them the synthetic data reproduces.

    share_reproduced runs from 0 (no rare real combination reappears; best) to 1 (all of them do); rare
    combinations can single out people even when no full row is copied."""
    if columns is None:
        columns = [c for c in scored_columns(real, kinds) if kinds[c] in DISCRETE] or scored_columns(real, kinds)
    if not columns or real.empty:
        return {"columns": columns, "rare_combinations": 0, "reproduced": 0, "share_reproduced": None}
    real_keys, synthetic_keys = _row_keys(real, columns), _row_keys(synthetic, columns)
    counts = real_keys.value_counts()
    rare = set(counts[counts < rare_below].index)
    reproduced = len(rare & set(synthetic_keys))
    return {
        "columns": columns,
        "rare_combinations": len(rare),
        "reproduced": reproduced,
        "share_reproduced": reproduced / len(rare) if rare else None,
    }


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
