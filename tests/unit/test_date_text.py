"""synth/date_text.py: dates written in a strftime format, as strftime writes them, missing as None."""

import numpy as np
import pandas as pd
import pytest

from synth.date_text import parsed_dates, written_dates


@pytest.mark.parametrize(
    "fmt", ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d/%m/%Y"]
)
def test_synthetic_dates_are_written_as_strftime_writes_them_missing_as_none(fmt):
    # Setup: dates before and after 1970 with fractions of a second, repeated, and a gap
    rng = np.random.default_rng(0)
    nanoseconds = rng.integers(-(2 * 10**9), 2 * 10**9, 300) * 10**9 + rng.integers(0, 10**9, 300)
    dates = pd.Series(pd.to_datetime(np.r_[nanoseconds, nanoseconds[:50]]))
    dates[3] = pd.NaT

    # Run
    written = written_dates(dates, fmt)

    # Assert
    assert written.tolist() == dates.dt.strftime(fmt).astype(object).where(dates.notna(), None).tolist()
    assert written[3] is None


def test_times_read_in_utc_from_several_offsets_are_written_in_utc_with_the_columns_offset_spelling():
    # Setup
    dates = pd.Series(pd.to_datetime(["2024-03-30 12:05:00", "2024-04-01 06:00:00", None]))

    # Run
    with_colon = written_dates(dates, "%Y-%m-%dT%H:%M:%S%:z")
    without = written_dates(dates, "%Y-%m-%d %H:%M%z")

    # Assert
    assert with_colon.tolist() == ["2024-03-30T12:05:00+00:00", "2024-04-01T06:00:00+00:00", None]
    assert without.tolist() == ["2024-03-30 12:05+0000", "2024-04-01 06:00+0000", None]


def test_text_times_with_offsets_are_read_as_the_same_instants_in_the_formats_offset():
    # Setup
    text = pd.Series(["2024-03-30T13:05:00+01:00", "2024-04-01T08:00:00+02:00", "not a time", None])

    # Run
    in_utc = parsed_dates(text, "%Y-%m-%dT%H:%M:%S%:z")
    in_india = parsed_dates(text, "%Y-%m-%dT%H:%M:%S+05:30")

    # Assert
    assert in_utc.tolist()[:2] == [pd.Timestamp("2024-03-30 12:05"), pd.Timestamp("2024-04-01 06:00")]
    assert in_india.tolist()[:2] == [pd.Timestamp("2024-03-30 17:35"), pd.Timestamp("2024-04-01 11:30")]
    assert in_utc[2:].isna().all() and in_india[2:].isna().all()
