"""Dates as seconds since 1970 and back, in a unit that holds them: nanoseconds end in 2262, and data warehouses
mark open rows with 9999-12-31 (also 2999-12-31, 3000-01-01, 0001-01-01), which a column in s, ms or us holds."""

from __future__ import annotations

import numpy as np
import pandas as pd

PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


def holding_unit(dates: pd.Series) -> str:
    """The unit to work in: nanoseconds when every date fits in them (what pandas makes by default, so columns
    within 1677..2262 are handled as before), else the column's own coarser unit."""
    unit = dates.dt.unit
    if unit == "ns":
        return unit
    try:
        dates.dt.as_unit("ns")
    except (pd.errors.OutOfBoundsDatetime, OverflowError):
        return unit
    return "ns"


def ticks(dates: pd.Series, unit: str) -> np.ndarray:
    """The dates (naive or UTC) as whole counts of unit since 1970; missing dates count 0 (mask them apart)."""
    naive = dates.dt.tz_convert("UTC").dt.tz_localize(None) if dates.dt.tz is not None else dates
    return naive.dt.as_unit(unit).to_numpy().astype(f"datetime64[{unit}]").view("int64").copy()


def seconds(dates: pd.Series) -> tuple[np.ndarray, str]:
    """Seconds since 1970 as floats (NaN where missing) and the unit that holds the dates (holding_unit)."""
    unit = holding_unit(dates)
    values = ticks(dates, unit) / PER_SECOND[unit]
    values[dates.isna().to_numpy()] = np.nan
    return values, unit


def from_seconds(values: np.ndarray, unit: str = "ns", bounds: tuple[int, int] | None = None) -> pd.Series:
    """Naive dates in unit from seconds since 1970 (NaN: missing), whole counts of it clipped to bounds (ticks of
    the real extremes: a float near 9999-12-31 holds only tens of microseconds and could round past it)."""
    values = np.asarray(values, dtype=float)
    missing = np.isnan(values)
    scaled = np.clip(np.where(missing, 0.0, values) * PER_SECOND[unit], -9.2e18, 9.2e18)  # int64 holds them
    counts = np.round(scaled).astype(np.int64)
    if bounds is not None:  # in whole counts: as a float, 9999-12-31 23:59:59.999999 rounds up past the year 10000
        counts = np.clip(counts, *bounds)
    dates = pd.Series(counts.view(f"datetime64[{unit}]"))
    return dates.where(~missing)


def iso_text(dates: pd.Series) -> pd.Series:
    """Naive dates as ISO text with four-digit years ('0001-01-01', '0001-01-01 08:30:00'), missing as None: pandas
    writes a year before 1000 in a column of s, ms or us unpadded ('1-01-01'), which nothing reads back as a date."""
    present = dates.dropna()
    if (present == present.dt.normalize()).all():
        unit = "D"
    elif (present.dt.microsecond == 0).all():
        unit = "s"
    else:
        unit = "ms" if (present.dt.microsecond % 1000 == 0).all() else "us"
    text = pd.Series(np.datetime_as_string(dates.to_numpy(), unit=unit), index=dates.index)
    return text.str.replace("T", " ", regex=False).where(dates.notna(), None)


def written_before_1000(dates: pd.Series) -> bool:
    """Whether a date column holds a year before 1000 (only a column of s, ms or us can)."""
    return dates.dt.unit != "ns" and dates.dt.tz is None and bool((dates.dropna().dt.year < 1000).any())
