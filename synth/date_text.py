"""Dates written as text in a given strftime format, quickly: each distinct date once, ISO formats by numpy.

Times written with a UTC offset ('2024-03-01T08:00:00+01:00', as pandas and databases export them) have a format
that ends in the offset: the one offset itself where every time has it (read and written as wall-clock times in it),
or '%z' / '%:z' where they have several (daylight saving time: read as UTC, written in UTC as +0000 / +00:00).
Fractions of a second written with fewer than six digits ('08:00:00.123', as JavaScript writes them) have '%3f' in
place of '%f', so they are written with as many (strftime's '%f' writes six)."""

from __future__ import annotations

import itertools
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
_FRACTION = re.compile(r"%([1-5])f")  # a fraction of a second written with this many digits
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


def written_form(fmt: str, sample: pd.Series) -> str:
    """fmt as sample (stripped text, which fmt reads) writes it: '%f' as '%Nf' where every fraction of a second has
    the same N digits, 1 to 5; and a month, day or hour without its leading zero ('1/5/2024 3:04 PM', as Excel
    writes them in the US) as '%-m', '%-d', '%-H' or '%-I' where that writes more of sample back as it was."""
    if "%f" in fmt:
        digits = sample.str.extract(r":\d\d[.,](\d+)", expand=False).str.len().dropna().unique()
        fmt = fmt.replace("%f", f"%{int(digits[0])}f") if len(digits) == 1 and 1 <= digits[0] <= 5 else fmt
    unpadded = [token for token in ("%m", "%d", "%H", "%I") if token in fmt]
    if not unpadded or sample.str.fullmatch(r"(\D*\d\d)+\D*").all():  # every number two digits or more
        return fmt
    dates = parsed_dates(sample, fmt)
    read = dates.notna()
    best, kept = fmt, -1
    for choice in itertools.product((False, True), repeat=len(unpadded)):
        candidate = fmt
        for token, bare in zip(unpadded, choice):
            candidate = candidate.replace(token, token[0] + "-" + token[1]) if bare else candidate
        same = int((written_dates(dates[read], candidate) == sample[read]).sum())
        best, kept = (candidate, same) if same > kept else (best, kept)
    return best


def strftime_form(fmt: str) -> str:
    """fmt as strftime reads it: '%Nf' as '%f' (six digits), several offsets (%z, %:z) as UTC."""
    return _FRACTION.sub("%f", fmt.replace("%:z", "+00:00").replace("%z", "+0000"))


def parsed_dates(text: pd.Series, fmt: str) -> pd.Series:
    """Text dates in format fmt as naive datetimes, unparsable ones missing. Times with an offset are read as the
    same instants in the format's one offset (a time written with another is moved to it), or in UTC (%z)."""
    fmt = _FRACTION.sub("%f", fmt).replace("%-", "%")  # strptime reads numbers with or without a leading zero
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


def written_dates(dates: pd.Series, fmt: str) -> pd.Series:
    """dates.dt.strftime(fmt), missing as None; each distinct date is written once (a million rows of hourly
    times hold a few thousand)."""
    codes, uniques = pd.factorize(dates)
    fraction = _FRACTION.search(fmt)
    if fraction:  # six digits written after a mark, then cut to the column's own number of them
        fmt = fmt[: fraction.start()] + "\ue000" + fmt[fraction.start() :]
    text = _iso_text(uniques, strftime_form(fmt))
    text = np.asarray(pd.DatetimeIndex(uniques).strftime(strftime_form(fmt)) if text is None else text, dtype=object)
    if fraction and len(text):
        text = pd.Series(text).str.replace(f"\ue000(\\d{{{fraction.group(1)}}})\\d*", r"\1", regex=True).to_numpy()
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
