"""Dates written as text in a given strftime format, quickly: each distinct date once, ISO formats by numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd


def written_dates(dates: pd.Series, fmt: str) -> pd.Series:
    """dates.dt.strftime(fmt), missing as None; each distinct date is written once (a million rows of hourly
    times hold a few thousand)."""
    codes, uniques = pd.factorize(dates)
    text = _iso_text(uniques, fmt)
    text = np.asarray(pd.DatetimeIndex(uniques).strftime(fmt) if text is None else text, dtype=object)
    written = text[np.maximum(codes, 0)] if len(text) else np.full(len(codes), None, dtype=object)
    return pd.Series(np.where(codes >= 0, written, None), index=dates.index, dtype=object)


_ISO = {"%Y-%m-%d": ("D", "T", ""), "%Y-%m-%dT%H:%M:%S": ("s", "T", ""), "%Y-%m-%d %H:%M:%S": ("s", " ", "")}
_ISO["%Y-%m-%dT%H:%M:%SZ"] = ("s", "T", "Z")


def _iso_text(dates, fmt: str) -> np.ndarray | None:
    """strftime for the ISO formats numpy writes itself (a hundred times quicker), else None."""
    if fmt not in _ISO or getattr(dates, "tz", None) is not None or not len(dates):
        return None
    unit, separator, suffix = _ISO[fmt]
    text = np.datetime_as_string(np.asarray(dates, dtype="datetime64[ns]"), unit=unit)
    if separator != "T":
        text = np.char.replace(text, "T", separator)
    return np.char.add(text, suffix) if suffix else text
