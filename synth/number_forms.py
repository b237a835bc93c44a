"""How a number column is written, and read back: its decimal places (synthetic numbers are rounded to them), its
durations read as seconds, and its one-line summary."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.durations import duration_form, seconds
from synth.encoding import scaled_column

MAX_PLACES = 10  # decimals written with more places are measurements at full precision: never rounded


def numbers_in_form(series: pd.Series, form: str | None) -> pd.Series:
    """A number column as floats, its written form known (preparation.written_forms, read once per run): time spans,
    and text in a duration form ('[h]:mm:ss'), as seconds; anything else as plain numbers."""
    if pd.api.types.is_timedelta64_dtype(series):
        return (series / pd.Timedelta(seconds=1)).astype(float)
    if form and not pd.api.types.is_numeric_dtype(series):
        return seconds(series)
    return pd.to_numeric(series, errors="coerce").astype(float)


def model_numbers(series: pd.Series) -> pd.Series:
    """A number column as floats, its form read from its values (duration_form). Where no run's forms are known (a
    synthetic table made elsewhere, scored by python -m synth evaluate), a few durations, too few to tell their form
    yet written in one, are read as seconds too, as long as no value is a plain number."""
    form = duration_form(series)
    numbers = numbers_in_form(series, form)
    if form or pd.api.types.is_numeric_dtype(series) or pd.api.types.is_timedelta64_dtype(series):
        return numbers
    if numbers.notna().any():  # made durations hold no plain number
        return numbers
    unread = series[numbers.isna() & series.notna()]
    return numbers.fillna(seconds(series)) if seconds(unread.head(50)).notna().any() else numbers


def decimal_places(series: pd.Series) -> int | None:
    """The most decimal places the real values are written with ('8.25' has 2), or None beyond MAX_PLACES: such
    values are measured at full precision and are never rounded."""
    values = pd.to_numeric(series, errors="coerce").dropna().unique().astype(float)
    values = values[np.isfinite(values)]
    if len(values) > 20_000:  # distinct values are what count; a sample of them, with the extremes
        values = np.concatenate([np.random.default_rng(0).choice(values, 20_000), [values.min(), values.max()]])
    if not len(values):
        return None
    places = max(len(np.format_float_positional(v, trim="-").partition(".")[2]) for v in values)
    return places if places <= MAX_PLACES else None


def rounded_like(numbers: pd.Series, source: pd.Series) -> pd.Series:
    """Numbers rounded to the real column's places; a value inside the real range before rounding stays inside."""
    places = decimal_places(source)
    if places is None:
        return numbers
    rounded = numbers.round(places)
    real = pd.to_numeric(source, errors="coerce")
    low, high = real.min(), real.max()
    rounded = rounded.mask((numbers <= high) & (rounded > high), high)
    return rounded.mask((numbers >= low) & (rounded < low), low)


def number_summary(values: pd.Series, places: int | None) -> str:
    """Ends as written; the mean to one place more than the values have (4 significant digits for measurements);
    thousands separators from 10,000 on, so years read 1970, not 1,970."""
    sep = "," if values.abs().max() >= 10_000 else ""
    # values near the float maximum are averaged divided by a power of two (their sum overflowed)
    (scaled,), shift = scaled_column(values.to_numpy(dtype=float))
    mean = float(np.ldexp(np.mean(scaled), shift)) if shift else float(values.mean())
    if places is None or abs(mean) >= 1e15:  # past that, .15g writes the ends with an exponent: so is the mean
        shown = f"{mean:{sep}.4g}"
    else:  # + 0.0: a mean that rounds to zero from below reads 0.00, not -0.00
        shown = f"{round(mean, min(places + 1, 4)) + 0.0:{sep}.{min(places + 1, 4)}f}"
    return f"from {values.min():{sep}.15g} to {values.max():{sep}.15g}, mean {shown}"
