"""Dates written as text in a given strftime format, quickly: each distinct date once, ISO formats by numpy.

Times written with a UTC offset ('2024-03-01T08:00:00+01:00', as pandas and databases export them) have a format
that ends in an offset written out: every such time is read as the instant it names, in UTC (so two columns, or two
rows, written with different offsets compare on one clock), and written back with that offset: the column's own,
or where its times have several (summer time) the commonest of them (the same instants, in one offset).
Fractions of a second written with fewer than six digits ('08:00:00.123', as JavaScript writes them) have '%3f' in
place of '%f', so they are written with as many (strftime's '%f' writes six)."""

from __future__ import annotations

import itertools
import re
import warnings
from datetime import datetime

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
# A time's UTC offset as written after its time of day (a date's '-31' is none): Z, +01, +0100 or +01:00
_OFFSET = r"\d:\d\d(?::\d\d)?(?:[.,]\d+)?\s?(Z|[+-]\d\d(?::?\d\d)?)$"
_OFFSET_END = re.compile(r"[+-](\d\d):?(\d\d)?$")  # a format's offset, written out
_FRACTION = re.compile(r"%([1-5])f")  # a fraction of a second written with this many digits
_FAR_YEAR = r"(?<!\d)(?:0\d{3}|1[0-5]\d\d|16[0-6]\d|167[0-7]|226[2-9]|22[7-9]\d|2[3-9]\d\d|[3-9]\d{3})(?!\d)"


def offset_format(sample: pd.Series) -> str | None:
    """The format of text times that end in a UTC offset, if nearly all of sample (stripped text) are such: the
    OFFSET_BASES form that reads most of them, then their one offset, or the commonest where they have several."""
    written = sample.str.extract(_OFFSET, expand=False)
    if written.notna().mean() < 0.98 or written.eq("Z").all() or instants(sample).notna().mean() < 0.98:
        return None  # ('Z' alone: the ISO forms with a Z read those)
    bare = sample.str.replace(r"\s?(Z|[+-]\d\d(?::?\d\d)?)$", "", regex=True)  # each ends in a time and offset
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        read = [int(pd.to_datetime(bare, format=base, errors="coerce").notna().sum()) for base in OFFSET_BASES]
    base = OFFSET_BASES[int(np.argmax(read))]
    common = written.mode()[0]  # several offsets (summer time): written in the commonest (the same instants)
    return base + ("+00:00" if common == "Z" else common)


def several_offsets(text: pd.Series) -> bool:
    """Whether text times are written with more than one UTC offset (written back in the commonest)."""
    return text.dropna().astype(str).str.strip().str.extract(_OFFSET, expand=False).nunique() > 1


def instants(text: pd.Series) -> pd.Series:
    """ISO 8601 times (with or without a fraction or an offset) as naive UTC times; others missing."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = pd.to_datetime(text, format="ISO8601", utc=True, errors="coerce")
    if not isinstance(found, pd.Series):
        found = pd.Series(found, index=getattr(text, "index", None))
    return found.dt.tz_localize(None)


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
    """fmt as strftime reads it: '%Nf' as '%f' (six digits)."""
    return _FRACTION.sub("%f", fmt)


def parsed_dates(text: pd.Series, fmt: str) -> pd.Series:
    """Text dates in format fmt as naive datetimes, unparsable ones missing. Where fmt ends in an offset, every
    time with one (in ISO 8601) is read as the instant it names, in UTC, whatever its own offset. Dates that
    nanoseconds cannot hold (the 9999-12-31 of open rows, 0001-01-01) are read too: the column is then in
    microseconds (far_dates)."""
    if _OFFSET_END.search(fmt):
        return instants(text)
    fmt = _FRACTION.sub("%f", fmt).replace("%-", "%")  # strptime reads numbers with or without a leading zero
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dates = pd.to_datetime(text, format=fmt, errors="coerce")
    return far_dates(text, dates, fmt)


def far_dates(text: pd.Series, dates: pd.Series, fmt: str) -> pd.Series:
    """dates (as pandas read text in fmt), with those it left missing because their year is outside 1677..2262 read
    by Python's strptime, in microseconds, where they mark a year's first or last day, as the markers of open or
    missing rows do (9999-12-31, 3000-01-01, 0001-01-01, Oracle's 4712-12-31): a typo such as 0219-03-04 stays
    unread, as before (read, it made a column of ordinary dates one of far dates); dates as they are where there are
    none (the usual case: one regular expression over the few values left unread)."""
    unread = text[dates.isna() & text.notna()]
    if unread.empty or "%Y" not in fmt:
        return dates
    far = unread[unread.astype(str).str.contains(_FAR_YEAR, regex=True)]
    if far.empty:
        return dates
    found = {}
    for value in far.unique():
        try:
            date = datetime.strptime(str(value).strip(), fmt)
        except ValueError:
            continue
        if (date.month, date.day) in ((1, 1), (12, 31)):
            found[value] = date
    if not found:
        return dates
    far = far[far.isin(list(found))]
    out = dates.astype("datetime64[us]")
    out[far.index] = far.map(found).astype("datetime64[us]")
    return out


def _offset_minutes(fmt: str) -> int:
    """The offset a format ends in, in minutes east of UTC (0 where it ends in none)."""
    found = _OFFSET_END.search(fmt)
    if found is None:
        return 0
    hours, minutes = found.group(1), found.group(2) or "0"
    return (-1 if found.group(0).startswith("-") else 1) * (60 * int(hours) + int(minutes))


def written_dates(dates: pd.Series, fmt: str) -> pd.Series:
    """dates.dt.strftime(fmt), missing as None; each distinct date is written once (a million rows of hourly
    times hold a few thousand)."""
    if _offset_minutes(fmt):  # UTC times, written in the column's offset
        dates = dates + pd.Timedelta(minutes=_offset_minutes(fmt))
    codes, uniques = pd.factorize(dates)
    fraction = _FRACTION.search(fmt)
    if fraction:  # six digits written after a mark, then cut to the column's own number of them
        fmt = fmt[: fraction.start()] + "\ue000" + fmt[fraction.start() :]
    text = _iso_text(uniques, strftime_form(fmt))
    text = np.asarray(_strftime(pd.DatetimeIndex(uniques), strftime_form(fmt)) if text is None else text, dtype=object)
    if fraction and len(text):
        text = pd.Series(text).str.replace(f"\ue000(\\d{{{fraction.group(1)}}})\\d*", r"\1", regex=True).to_numpy()
    written = text[np.maximum(codes, 0)] if len(text) else np.full(len(codes), None, dtype=object)
    return pd.Series(np.where(codes >= 0, written, None), index=dates.index, dtype=object)


def _strftime(dates: pd.DatetimeIndex, fmt: str) -> np.ndarray:
    """dates.strftime(fmt), with years before 1000 written in four digits ('01/01/0001': strftime writes '1')."""
    if "%Y" not in fmt or not len(dates) or not (dates.year < 1000).any():
        return np.asarray(dates.strftime(fmt), dtype=object)
    marked = pd.Series(dates.strftime(fmt.replace("%Y", "\ue001")), dtype=object)
    years = pd.Series(dates.year).map(lambda y: "" if pd.isna(y) else f"{int(y):04d}")
    return np.array([t if t is None or t != t else t.replace("\ue001", y) for t, y in zip(marked, years)], dtype=object)


_ISO = {"%Y-%m-%d": ("D", "T", ""), "%Y-%m-%dT%H:%M:%S": ("s", "T", ""), "%Y-%m-%d %H:%M:%S": ("s", " ", "")}
_ISO["%Y-%m-%dT%H:%M:%SZ"] = ("s", "T", "Z")


def _iso_text(dates, fmt: str) -> np.ndarray | None:
    """strftime for the ISO formats numpy writes itself (a hundred times quicker), else None."""
    if fmt not in _ISO or getattr(dates, "tz", None) is not None or not len(dates):
        return None
    unit, separator, suffix = _ISO[fmt]
    text = np.datetime_as_string(np.asarray(pd.DatetimeIndex(dates)), unit=unit)  # in the dates' own unit
    if separator != "T":
        text = np.char.replace(text, "T", separator)
    return np.char.add(text, suffix) if suffix else text
