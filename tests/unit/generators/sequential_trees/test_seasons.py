"""A date's place in its cycles: which cycles a column's dates go through, and the phase features built from them."""

import numpy as np
import pandas as pd
import pytest

from synth.generators.sequential_trees.seasons import cycle_features, cycles_of, local_offset, noise_period


def seconds(dates) -> np.ndarray:
    return ((pd.DatetimeIndex(dates) - pd.Timestamp(0)) / pd.Timedelta(seconds=1)).to_numpy(dtype=float)


@pytest.mark.parametrize(
    ("dates", "whole_days", "expected"),
    [
        (pd.date_range("2020-01-01", periods=730, freq="D"), True, ("year", "week")),  # daily over two years
        (pd.date_range("2000-01-01", periods=60, freq="MS"), True, ("year",)),  # monthly: seasons, no weekdays
        (pd.date_range("1990-01-01", periods=30, freq="YS"), True, ()),  # yearly: always the same time of year
        (pd.date_range("2021-03-01", periods=40, freq="D"), True, ("week",)),  # six weeks: no full year
        (pd.date_range("2021-03-01", periods=24 * 20, freq="h"), False, ("week", "day")),  # hourly over 20 days
        (pd.date_range("2021-03-01", periods=2, freq="D"), True, ()),  # too few dates to tell
    ],
)
def test_the_cycles_are_those_the_dates_go_through(dates, whole_days, expected):
    # Setup
    values = seconds(dates)

    # Run
    found = cycles_of(values, whole_days)

    # Assert
    assert found == expected


def test_features_give_the_time_of_year_and_day_as_cosine_and_sine_and_the_weekday_from_monday():
    # Setup: New Year, midsummer noon on a Monday, a missing date
    values = np.r_[seconds(["2021-01-01 00:00", "2021-07-05 12:00"]), np.nan]

    # Run
    year_cos, year_sin, weekday, day_cos, day_sin = cycle_features(values, ("year", "week", "day"))

    # Assert
    assert year_cos[0] == pytest.approx(1.0, abs=1e-3) and year_cos[1] < -0.99
    assert abs(year_sin[0]) < 0.02 and abs(year_sin[1]) < 0.1
    assert weekday[:2].tolist() == [4.0, 0.0]  # a Friday, a Monday
    assert day_cos[:2] == pytest.approx([1.0, -1.0]) and day_sin[:2] == pytest.approx([0.0, 0.0], abs=1e-9)
    assert all(np.isnan(feature[2]) for feature in (year_cos, year_sin, weekday, day_cos, day_sin))


def test_times_of_day_are_read_on_the_local_clock():
    # Setup: 08:00 in Paris, winter and summer, is 07:00 and 06:00 UTC
    dates = pd.Series(pd.to_datetime(["2021-01-10 08:00", "2021-01-11 08:00", "2021-07-10 08:00"]))
    local = dates.dt.tz_localize("Europe/Paris")
    values = seconds(local.dt.tz_convert("UTC").dt.tz_localize(None))

    # Run
    offset = local_offset(local)
    day_cos, day_sin = cycle_features(values, ("day",), offset)

    # Assert
    assert offset == 3600.0 and local_offset(dates) == 0.0
    hours = np.mod(np.degrees(np.arctan2(day_sin, day_cos)), 360) / 15
    assert hours[:2] == pytest.approx([8.0, 8.0]) and hours[2] == pytest.approx(7.0)


def test_blurred_dates_move_by_whole_weeks_when_the_weekday_matters_and_days_for_the_time_of_day():
    # Run / Assert
    assert noise_period(("year", "week")) == 7 * 86_400.0
    assert noise_period(("day",)) == 86_400.0
    assert noise_period(("year",)) == 0.0 and noise_period(()) == 0.0
