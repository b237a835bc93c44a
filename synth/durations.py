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
MOST_WORDS = 0.2  # values without a digit ('DNF') a duration column may hold, read as missing; more make it words
_DIGIT = re.compile(r"\d")
PANDAS = "d days hh:mm:ss"
_PANDAS = re.compile(r"-?\d+ days [+-]?\d\d:[0-5]\d:[0-5]\d(\.\d+)?")
_CLOCK = re.compile(r"(-?)(\d+):([0-5]\d)(?::([0-5]\d))?(?:\.(\d+))?")  # [h]:mm:ss or [m]:ss, a fraction after
# Names that say a column measures elapsed time, so clock-like values ('1:02:03') are durations, not times of day.
_ELAPSED_NAME = re.compile(
    r"(^|_)(duration|durations|elapsed|length|runtime|taken|lap|laptime|spent|handling|wait|waiting|dauer|duree"
    r"|durée|duracion|duración|durata|duur|tempo|pace|split|splits)($|_)"
)
LONGEST = 9.2e9  # seconds: about the longest time span pandas holds (292 years)
EXAMPLE_SECONDS = 5025.123456  # shows a duration column's written form on the Columns page: 1:23:45.123


def duration_form(series: pd.Series) -> str | None:
    """The written form of a text column's durations, where nearly every value (98%) with a digit is one and the
    values without one ('DNF', 'DNS' in race times) are few (under 20%), so they are read as missing and counted;
    None elsewhere. Two parts ('84:20') count only where some seconds are written with a leading zero ('3:07'), so
    scores ('21:14') and ratios ('9:6', '3:1') are not durations."""
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
        return None
    if pd.api.types.is_timedelta64_dtype(series):  # time spans, written by each file's writer (time_spans)
        return None
    sample = text_sample(series, 500)
    digits = sample.str.contains(_DIGIT)
    if len(sample) < MIN_VALUES or digits.mean() < 1 - MOST_WORDS:
        return None
    sample = sample[digits]
    if len(sample) < MIN_VALUES:
        return None
    if sample.str.fullmatch(_PANDAS).mean() >= 0.98:
        values = _distinct(series)
        return _sign(values) + PANDAS + (".000000" if _fraction_digits(values) else "")
    parts = sample.str.extract(f"^{_CLOCK.pattern}$")
    if parts[1].notna().mean() < 0.98:
        return None
    three = parts[3].notna()
    if three.any() and three[parts[1].notna()].mean() < 0.98:  # mixed: '1:02:03' among '84:20'
        return None
    if not three.any() and not parts[2].str.startswith("0").any():
        return None
    # The sign, the padding and the fraction's digits from every distinct value, not the sample: one negative or
    # one '.5' among 20,000 values would otherwise come back as 0:00:00 or rounded.
    values = _distinct(series)
    padded = values.str.match(r"-?0\d+:").any()  # '05:..' written so; where every one has two digits, either form
    first = ("[hh]:mm:ss" if padded else "[h]:mm:ss") if three.any() else ("[mm]:ss" if padded else "[m]:ss")
    digits = _fraction_digits(values)
    return _sign(values) + first + ("." + "0" * digits if digits else "")


def _distinct(series: pd.Series) -> pd.Series:
    """The column's distinct values with a digit as text, spaces around them read past ('DNF' says nothing of form)."""
    values = pd.Series(pd.unique(pd.Series(pd.unique(series.dropna())).astype(str).str.strip()), dtype=object)
    return values[values.str.contains(_DIGIT)]


def _sign(values: pd.Series) -> str:
    return "-" if values.str.startswith("-").any() else ""


def _fraction_digits(values: pd.Series) -> int:
    """The most digits any of these values' fraction of a second is written with (0: none has one)."""
    digits = values.str.extract(r"\.(\d+)$", expand=False).dropna().str.len()
    return int(digits.max()) if len(digits) else 0


def _spread_like_seconds(sample: pd.Series) -> bool:
    """Whether clock-like values' seconds (or, where every second is ':00', their minutes) spread as a clock's do: at
    least 10 different ones, some in the fifties. UTC offsets ('-05:00'), closing times ('24:00', '23:30') and set
    scores ('25:17', '25:09') do not, so they stay what they were (categories)."""
    parts = sample.str.extract(f"^{_CLOCK.pattern}$")
    last = parts[3].where(parts[3].notna(), parts[2]).dropna()
    if parts[3].notna().any() and (last == "00").all():
        last = parts[2].dropna()  # whole minutes: '37:30:00'
    numbers = pd.to_numeric(last, errors="coerce")
    return bool(numbers.nunique() >= 10 and numbers.max() >= 50)


def elapsed_form(name: str, series: pd.Series) -> str | None:
    """The column's duration form where it should be learned as durations: pandas' timedelta text; clock-like
    values past a 24-hour clock ('25:12:26', '84:20', negative ones); or clock-like values that could be times of
    day ('9:31:40') in a column named for elapsed time ('duration', 'call_length', 'time_taken'). Times of day in any
    other column ('start_time', 'opened_at') stay dates and times."""
    form = duration_form(series)
    if form is None:
        return None
    if PANDAS in form or _ELAPSED_NAME.search(personal.name_key(name)):
        return form
    sample = text_sample(series, 500)
    if not _spread_like_seconds(sample):
        return None
    first = sample.str.extract(r"^(\d+):", expand=False)
    return form if form.startswith("-") or pd.to_numeric(first, errors="coerce").max() >= 24 else None


def seconds(text: pd.Series) -> pd.Series:
    """Durations written as text (any form above) as seconds; anything else missing. Each distinct value is read
    once (a million rows of whole seconds hold at most a few hundred thousand)."""
    codes, uniques = pd.factorize(text)
    found = _seconds(pd.Series(uniques, dtype=object).astype(str).str.strip())
    values = found[np.maximum(codes, 0)] if len(found) else np.full(len(codes), np.nan)
    return pd.Series(np.where(codes >= 0, values, np.nan), index=text.index, dtype=float)


def _seconds(stripped: pd.Series) -> np.ndarray:
    parts = stripped.str.extract(f"^{_CLOCK.pattern}$")
    numbers = parts[[1, 2, 3]].astype(float).to_numpy()  # floats: hours past 2**63 are huge, not an error
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
    negative's, and in pandas' text none longer than LONGEST. Each distinct value is written once."""
    places = len(form.rpartition(".")[2]) if "." in form else 0
    values = numbers.astype(float).where(np.isfinite(numbers.astype(float)))
    longest = LONGEST if PANDAS in form else None  # pandas' text is a time span's; [h]:mm:ss text has no end
    values = values.clip(lower=(-longest if longest else None) if form.startswith("-") else 0.0, upper=longest)
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
