"""Which written form a text column's dates take (a catalogue of the usual ones), and reading them in it, or in
another known form where a few were typed otherwise."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from synth.date_text import instants, offset_format, parsed_dates, written_form

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%fZ",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M:%S.%f UTC",
    "%a, %d %b %Y %H:%M:%S GMT",
    "%d %b %Y %H:%M",
    "%b %d %Y",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%d/%m/%y",
    "%m/%d/%y",
    "%d.%m.%y",
    "%Y-%m",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%H:%M",
    "%H:%M:%S",
)


def text_sample(series: pd.Series, limit: int | None = None) -> pd.Series:
    """A column's present values as stripped text, empty ones left out; a seeded sample of `limit` of them."""
    values = series.dropna()
    if limit is not None and len(values) > limit:
        values = values.sample(limit, random_state=0)
    return values.astype(str).str.strip().loc[lambda s: s != ""]


def datetime_format(series: pd.Series) -> str | None:
    """The strftime format that parses nearly every value of a text column, or None."""
    sample = text_sample(series, 500)
    if sample.empty or sample.str.contains(r"\d", regex=True).mean() < 0.5:  # words: no dates
        return None
    best, most, first = None, 0.0, sample.head(20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for fmt in DATE_FORMATS:  # a form that reads under half of the first 20 cannot read half of the sample
            if parsed_dates(first, fmt).notna().mean() < 0.5:  # far dates (9999-12-31) count as read
                continue
            read = parsed_dates(sample, fmt).notna().mean()
            if read >= 0.98:
                return written_form(fmt, sample)
            best, most = (fmt, read) if read > most else (best, most)
    found = offset_format(sample)
    if found:
        return written_form(found, sample)
    if most >= 0.5 and dates_in_any_form(sample, best).notna().mean() >= 0.98:  # most in one form, a few typed in
        return written_form(best, sample)  # others ('01/03/2023' among ISO dates): read in theirs, written in it
    return None


def dates_in_any_form(text: pd.Series, fmt: str) -> pd.Series:
    """Text dates read in their column's format, fmt; those it does not read ('01/03/2023' typed among ISO dates) in
    the first other known form that reads them, so they are not lost."""
    dates = parsed_dates(text, fmt).to_numpy(copy=True)
    at = np.flatnonzero(pd.isna(dates) & text.notna().to_numpy() & (text != "").to_numpy())  # by position
    for other in (*DATE_FORMATS, None) if len(at) else ():  # None: ISO 8601 with an offset, in UTC
        found = (instants(text.iloc[at]) if other is None else parsed_dates(text.iloc[at], other)).to_numpy()
        if found.dtype == "datetime64[us]" and dates.dtype != found.dtype:  # a far date typed in another form:
            dates = dates.astype(found.dtype)  # in nanoseconds it wrapped round to 1816
        dates[at[~pd.isna(found)]] = found[~pd.isna(found)]
        at = at[pd.isna(found)]
        if not len(at):
            break
    return pd.Series(dates, index=text.index, dtype=dates.dtype)  # nanoseconds, or microseconds for far dates
