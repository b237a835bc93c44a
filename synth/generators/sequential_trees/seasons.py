"""A date's place in its cycles (the year, the week, the day), as predictors for the columns modelled after it.

A date as a plain number of seconds only lets a tree split the timeline into spans: July of one year and July of the
next fall in different spans, so a column drawn from it loses the season. The phase of each cycle the dates go
through (a cosine and a sine, so December and January sit side by side) lets one split say "summer".
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY = 86_400.0
WEEK = 7 * DAY
YEAR = 365.2425 * DAY  # the Gregorian year: the phase drifts less than a day from New Year over 1900-2100
EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday (Monday = 0)


def cycles_of(seconds: np.ndarray, whole_days: bool) -> tuple[str, ...]:
    """The cycles the observed dates go through: "year" when they span a year at least and are closer together than
    a third of one (monthly or quarterly data has seasons, yearly data has none), "week" when they span two weeks
    at least, a day or less apart, "day" when they hold times of day, an hour or less apart, over two days at least."""
    distinct = np.unique(seconds[~np.isnan(seconds)])
    if len(distinct) < 3:
        return ()
    span, gap = distinct[-1] - distinct[0], float(np.median(np.diff(distinct)))
    found = []
    if span >= YEAR and gap <= YEAR / 3:
        found.append("year")
    if span >= 2 * WEEK and gap <= DAY:
        found.append("week")
    if not whole_days and span >= 2 * DAY and gap <= DAY / 24:
        found.append("day")
    return tuple(found)


def noise_period(cycles: tuple[str, ...]) -> float:
    """The step a blurred date moves by so that its place in its shorter cycles stays a real date's: whole weeks
    when its weekday matters, whole days when its time of day does, else any length (0). A date drawn first, from
    its own distribution, is blurred by days or weeks: by seconds it lost the hours of the day (flights at 3 am)."""
    return WEEK if "week" in cycles else DAY if "day" in cycles else 0.0


def local_offset(dates: pd.Series) -> float:
    """Seconds from UTC to the dates' local clock (their median, so summer time moves a time of day by an hour at
    most); 0 for dates without a time zone."""
    if dates.dt.tz is None or not dates.notna().any():
        return 0.0
    local = dates.dt.tz_localize(None)
    utc = dates.dt.tz_convert("UTC").dt.tz_localize(None)
    return float(((local - utc) / pd.Timedelta(seconds=1)).median())


def cycle_features(seconds: np.ndarray, cycles: tuple[str, ...], offset: float = 0.0) -> list[np.ndarray]:
    """For each cycle, the dates' phase in it: a cosine and a sine of the time of year or of day, the weekday as
    0 (Monday) to 6 (Sunday), so that one split can part the weekend from the week. Missing dates stay missing."""
    local = seconds + offset
    features = []
    for cycle in cycles:
        if cycle == "week":
            features.append(np.mod(np.floor(local / DAY) + EPOCH_WEEKDAY, 7))
            continue
        angle = 2 * np.pi * np.mod(local, YEAR if cycle == "year" else DAY) / (YEAR if cycle == "year" else DAY)
        features += [np.cos(angle), np.sin(angle)]
    return features
