"""SDMetrics' DCRBaselineProtection: how far synthetic rows lie from real ones, compared with random rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth import date_ticks
from synth.distance import dcr
from synth.encoding import scaled_column, scored_columns
from synth.evaluate.base import Cost, Metric, Result, Tables
from synth.evaluate.rows import MAX_ROWS, sample_rows


@dataclass(frozen=True)
class DcrBaselineResult(Result):
    dcr_baseline_protection: float | None
    median_dcr_synthetic: float  # median distance of synthetic rows to their closest real row
    median_dcr_random: float  # the same for random rows inside the real ranges


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
            # drawn as seconds since 1970 and made in the dates' unit: a span past 292 years (1700-01-01 beside 2020,
            # or 9999-12-31) is more than a time span in nanoseconds holds, though each date fits
            seconds, unit = date_ticks.seconds(present)
            values = date_ticks.from_seconds(rng.uniform(seconds.min(), seconds.max(), rows), unit)
            if present.dt.tz is not None:
                values = values.dt.tz_localize("UTC").dt.tz_convert(present.dt.tz)
        elif pd.api.types.is_numeric_dtype(series):
            # drawn divided by a power of two, exactly scaled back: values near the float maximum overflow max - min
            (ends,), shift = scaled_column(np.array([present.min(), present.max()], dtype=float))
            values = np.ldexp(rng.uniform(ends[0], ends[1], rows), shift)
        else:
            values = rng.choice(present.unique(), size=rows)
        values = pd.Series(values)
        values[rng.random(rows) < series.isna().mean()] = None
        out[column] = values
    return pd.DataFrame(out)


def dcr_baseline_protection(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], max_rows: int | None = MAX_ROWS, seed: int = 0
) -> DcrBaselineResult:
    """SDMetrics' DCRBaselineProtection: median distance to closest real record of synthetic rows, divided by
    that of random rows drawn inside the real ranges (capped at 1).

    1 means synthetic rows are as far from real people as random rows are (best); 0 that they sit on real
    rows. Rows are sampled (seeded) to max_rows per table, as SDMetrics' num_rows_subsample does."""
    columns = scored_columns(real, kinds)
    real, synthetic = sample_rows(real[columns], max_rows, seed), sample_rows(synthetic[columns], max_rows, seed)
    synthetic_median = float(np.nanmedian(dcr(synthetic, real, kinds)))
    random_median = float(np.nanmedian(dcr(random_rows(real, len(synthetic), seed), real, kinds)))
    score = min(synthetic_median / random_median, 1.0) if random_median > 0 else None
    return DcrBaselineResult(score, synthetic_median, random_median)


class DcrBaseline(Metric):
    name = "dcr_baseline"
    label = "Distance to the closest real row"
    description = "1: synthetic rows lie as far from real rows as random rows do; 0: on top of real rows."
    section = "privacy"
    result = DcrBaselineResult
    headline = "dcr_baseline_protection"
    # no traffic light: faithful data is naturally closer than random data, so it is read beside other figures
    cost = Cost.SLOW
    extra = "dcr"
    timing = "privacy_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> DcrBaselineResult:
        return dcr_baseline_protection(tables.real, tables.synthetic, tables.kinds, seed=tables.seed)
