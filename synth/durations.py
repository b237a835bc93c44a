"""Elapsed times written as text ('25:12:26', '84:20', '1 days 02:03:04'): their column's written form, read as
seconds and written back in it.

A form is spelled as Excel spells an elapsed-time format, its first part in brackets because it never wraps:
'[h]:mm:ss' (hours past 24 stay hours), '[hh]:mm:ss' (hours written with two digits or more: '05:'), '[m]:ss' and '[mm]:ss'
(minutes past 60 stay minutes), each with '.0', '.00', ... where the seconds have that many decimals; 'd days
hh:mm:ss' is pandas' own text for a timedelta (a Parquet timedelta column reads so), '.000000' where some have a
fraction. A form that starts with '-' belongs to a column that had negative durations: made values below zero are
written as zero in any other."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from synth import personal
from synth.date_forms import text_sample

MIN_VALUES = 10  # fewer values say too little to tell durations from scores or ratios
PANDAS = "d days hh:mm:ss"
_PANDAS = re.compile(r"-?\d+ days [+-]?\d\d:[0-5]\d:[0-5]\d(\.\d+)?")
_CLOCK = re.compile(r"(-?)(\d+):([0-5]\d)(?::([0-5]\d))?(?:\.(\d+))?")  # [h]:mm:ss or [m]:ss, a fraction after
# Names that say a column measures elapsed time, so clock-like values ('1:02:03') are durations, not times of day.
_ELAPSED_NAME = re.compile(
    r"(^|_)(duration|durations|elapsed|length|runtime|taken|lap|laptime|spent|handling|wait|waiting|dauer|duree"
    r"|durée|duracion|duración|durata|duur|tempo)($|_)"
)
LONGEST = 9.2e9  # seconds: about the longest time span pandas holds (292 years)
EXAMPLE_SECONDS = 5025.123456  # shows a duration column's written form on the Columns page: 1:23:45.123


def duration_form(series: pd.Series) -> str | None:
    """The written form of a text column's durations, where nearly every value (98%) is one; None elsewhere. Two
    parts ('84:20') count only where some seconds are written with a leading zero ('3:07'), so scores ('21:14')
    and ratios ('9:6', '3:1') are not durations."""
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return None
    if pd.api.types.is_timedelta64_dtype(series):  # time spans, written by each file's writer (time_spans)
        return None
    sample = text_sample(series, 500)
    if len(sample) < MIN_VALUES:
        return None
    sign = "-" if sample.str.startswith("-").any() else ""
    if sample.str.fullmatch(_PANDAS).mean() >= 0.98:
        return sign + PANDAS + (".000000" if sample.str.contains(".", regex=False).any() else "")
    parts = sample.str.extract(f"^{_CLOCK.pattern}$")
    if parts[1].notna().mean() < 0.98:
        return None
    three = parts[3].notna()
    if three.any() and three[parts[1].notna()].mean() < 0.98:  # mixed: '1:02:03' among '84:20'
        return None
    if not three.any() and not parts[2].str.startswith("0").any():
        return None
    padded = parts[1].str.fullmatch(r"0\d+").any()  # '05:..' written so; where every one has two digits, either form
    first = ("[hh]:mm:ss" if padded else "[h]:mm:ss") if three.any() else ("[mm]:ss" if padded else "[m]:ss")
    digits = parts[4].dropna().str.len()
    return sign + first + ("." + "0" * int(digits.max()) if len(digits) else "")


def elapsed_form(name: str, series: pd.Series) -> str | None:
    """The column's duration form where it should be learned as durations: pandas' timedelta text; clock-like
    values past a 24-hour clock ('25:12:26', '84:20', negative ones); or clock-like values that could be times of
    day ('9:31:40') in a column named for elapsed time ('duration', 'call_length', 'time_taken'). Times of day in any
    other column ('start_time', 'opened_at') stay dates and times."""
    form = duration_form(series)
    if form is None:
        return None
    if PANDAS in form or form.startswith("-") or _ELAPSED_NAME.search(personal.name_key(name)):
        return form
    first = text_sample(series, 500).str.extract(r"^(\d+):", expand=False)
    return form if pd.to_numeric(first, errors="coerce").max() >= 24 else None


def seconds(text: pd.Series) -> pd.Series:
    """Durations written as text (any form above) as seconds; anything else missing. Each distinct value is read
    once (a million rows of whole seconds hold at most a few hundred thousand)."""
    codes, uniques = pd.factorize(text)
    found = _seconds(pd.Series(uniques, dtype=object).astype(str).str.strip())
    values = found[np.maximum(codes, 0)] if len(found) else np.full(len(codes), np.nan)
    return pd.Series(np.where(codes >= 0, values, np.nan), index=text.index, dtype=float)


def _seconds(stripped: pd.Series) -> np.ndarray:
    parts = stripped.str.extract(f"^{_CLOCK.pattern}$")
    numbers = parts[[1, 2, 3]].apply(pd.to_numeric).to_numpy(dtype=float)
    two = np.isnan(numbers[:, 2])
    whole = np.where(two, numbers[:, 0] * 60 + numbers[:, 1], numbers[:, 0] * 3600 + numbers[:, 1] * 60 + numbers[:, 2])
    fraction = pd.to_numeric("0." + parts[4], errors="coerce").fillna(0.0).to_numpy(dtype=float)
    found = np.where(parts[0] == "-", -1.0, 1.0) * (whole + fraction)
    pandas = stripped.str.contains(" days ", regex=False).to_numpy() & np.isnan(found)
    if pandas.any():
        pandas[pandas] = stripped[pandas].str.fullmatch(_PANDAS).to_numpy()
        found[pandas] = pd.to_timedelta(stripped[pandas]).dt.total_seconds().to_numpy()
    return found


def written_durations(numbers: pd.Series, form: str) -> pd.Series:
    """Seconds written in form (missing as None), rounded to its decimals; below zero as zero unless the form is
    negative's, and none longer than LONGEST. Each distinct value is written once."""
    places = len(form.rpartition(".")[2]) if "." in form else 0
    values = numbers.astype(float).where(np.isfinite(numbers.astype(float)))
    values = values.clip(lower=-LONGEST if form.startswith("-") else 0.0, upper=LONGEST)
    ticks = (values * 10**places).round()
    codes, uniques = pd.factorize(ticks)
    text = np.array([_written(int(tick), places, form) for tick in uniques], dtype=object)
    written = text[np.maximum(codes, 0)] if len(text) else np.full(len(codes), None, dtype=object)
    return pd.Series(np.where(codes >= 0, written, None), index=numbers.index, dtype=object)


def time_spans(numbers: pd.Series) -> pd.Series:
    """Seconds as time spans (a column of them, as Excel's [h]:mm:ss cells read), to the microsecond; those past
    what a time span holds (about 292 years) missing."""
    values = numbers.astype(float)
    micro = (values.where(values.abs() < LONGEST) * 1e6).round()  # whole microseconds: floats are a few ns off
    return pd.to_timedelta(micro, unit="us")


def _written(tick: int, places: int, form: str) -> str:
    """One duration of tick units of 10**-places seconds, in form."""
    if PANDAS in form:  # in whole nanoseconds: a float is a few off past 104 days
        return str(pd.Timedelta(tick * 10 ** (9 - places), unit="ns"))
    whole, fraction = divmod(abs(tick), 10**places)
    minutes, second = divmod(whole, 60)
    width = 2 if "[hh]" in form or "[mm]" in form else 1
    if "[h" in form:
        hours, minute = divmod(minutes, 60)
        clock = f"{hours:0{width}d}:{minute:02d}:{second:02d}"
    else:
        clock = f"{minutes:0{width}d}:{second:02d}"
    return ("-" if tick < 0 else "") + clock + (f".{fraction:0{places}d}" if places else "")


def duration_summary(values: pd.Series, form: str, shown: bool = True) -> str:
    """A duration column's range and mean in form, and how it is written where shown (for the Columns page)."""
    present = values.dropna()
    if present.empty:
        return "no durations"
    low, high, mean = written_durations(pd.Series([present.min(), present.max(), present.mean()]), form)
    example = written_durations(pd.Series([EXAMPLE_SECONDS]), form)[0]
    return f"durations from {low} to {high}, mean {mean}" + (f", written like {example}" if shown else "")
