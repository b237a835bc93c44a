"""Dates written as text in a given strftime format, quickly: each distinct date once, ISO formats by numpy.

Times written with a UTC offset ('2024-03-01T08:00:00+01:00', as pandas and databases export them) have a format
that ends in the offset: the one offset itself where every time has it (read and written as wall-clock times in it),
or '%z' / '%:z' where they have several (daylight saving time: read as UTC, written in UTC as +0000 / +00:00)."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

# The forms a time with an offset is written in; the offset follows each.
OFFSET_BASES = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
)
_OFFSET_TEXT = re.compile(r"([+-])(\d\d):?(\d\d)$")
_OFFSET_END = re.compile(r"(%:?z|[+-]\d\d:?\d\d)$")


def offset_format(sample: pd.Series) -> str | None:
    """The format of text times that end in a UTC offset, if nearly all of sample (stripped text) are such."""
    written = sample.str.extract(r"([+-]\d\d:?\d\d)$", expand=False)
    if written.notna().mean() < 0.98:
        return None
    for base in OFFSET_BASES:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(sample, format=base + "%z", errors="coerce", utc=True)
        if parsed.notna().mean() >= 0.98:
            seen = written[parsed.notna()].unique()
            if len(seen) == 1:
                return base + seen[0]  # one offset: wall-clock times, written with it as they were
            return base + ("%:z" if written.str.contains(":").mean() >= 0.5 else "%z")
    return None


def parsed_dates(text: pd.Series, fmt: str) -> pd.Series:
    """Text dates in format fmt as naive datetimes, unparsable ones missing. Times with an offset are read as the
    same instants in the format's one offset (a time written with another is moved to it), or in UTC (%z)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        end = _OFFSET_END.search(fmt)
        if end is None:
            return pd.to_datetime(text, format=fmt, errors="coerce")
        instants = pd.to_datetime(text, format=fmt[: end.start()] + "%z", errors="coerce", utc=True)
    if not isinstance(instants, pd.Series):
        instants = pd.Series(instants, index=getattr(text, "index", None))
    return (instants + pd.Timedelta(minutes=_offset_minutes(end.group(1)))).dt.tz_localize(None)


def _offset_minutes(written: str) -> int:
    found = _OFFSET_TEXT.match(written)
    if found is None:  # %z or %:z: several offsets, read as UTC
        return 0
    sign, hours, minutes = found.groups()
    return (1 if sign == "+" else -1) * (60 * int(hours) + int(minutes))


def _writable(fmt: str) -> str:
    """fmt for naive times: several offsets (%z, %:z) were read as UTC, so UTC is written."""
    return fmt.replace("%:z", "+00:00").replace("%z", "+0000")


def written_dates(dates: pd.Series, fmt: str) -> pd.Series:
    """dates.dt.strftime(fmt), missing as None; each distinct date is written once (a million rows of hourly
    times hold a few thousand)."""
    codes, uniques = pd.factorize(dates)
    fmt = _writable(fmt)
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
