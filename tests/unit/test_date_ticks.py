"""Dates as seconds and back in a unit that holds them: 9999-12-31 does not fit in nanoseconds."""

import numpy as np
import pandas as pd

from synth import date_ticks


def test_dates_past_2262_count_in_their_own_unit_and_come_back_exactly():
    # Setup: a Parquet column in microseconds with a data-warehouse sentinel and a gap
    dates = pd.Series(np.array(["2021-05-03", "9999-12-31", "NaT", "0001-01-01"], dtype="datetime64[us]"))

    # Run
    seconds, unit = date_ticks.seconds(dates)
    back = date_ticks.from_seconds(seconds, unit)

    # Assert
    assert unit == "us"
    assert np.isnan(seconds[2])
    assert back.dtype == "datetime64[us]"
    assert back.isna().tolist() == [False, False, True, False]
    assert back[1] == pd.Timestamp("9999-12-31") and back[3] == pd.Timestamp("0001-01-01")


def test_dates_within_nanoseconds_stay_in_nanoseconds():
    # Setup
    dates = pd.Series(np.array(["2021-05-03T10:00:00.123456"], dtype="datetime64[us]"))

    # Run
    seconds, unit = date_ticks.seconds(dates)

    # Assert
    assert unit == "ns"
    assert date_ticks.from_seconds(seconds, unit)[0] == dates[0]
