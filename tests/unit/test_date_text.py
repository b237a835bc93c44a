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


def test_utc_times_are_written_in_the_offset_their_format_ends_in():
    # Setup
    dates = pd.Series(pd.to_datetime(["2024-03-30 12:05:00", "2024-04-01 06:00:00", None]))

    # Run
    in_utc = written_dates(dates, "%Y-%m-%dT%H:%M:%S+00:00")
    in_india = written_dates(dates, "%Y-%m-%d %H:%M+0530")
    in_new_york = written_dates(dates, "%Y-%m-%d %H:%M-05")

    # Assert
    assert in_utc.tolist() == ["2024-03-30T12:05:00+00:00", "2024-04-01T06:00:00+00:00", None]
    assert in_india.tolist() == ["2024-03-30 17:35+0530", "2024-04-01 11:30+0530", None]
    assert in_new_york.tolist() == ["2024-03-30 07:05-05", "2024-04-01 01:00-05", None]


def test_text_times_with_offsets_are_read_as_the_instants_they_name_in_utc():
    # Setup: offsets written three ways, a Z, a fraction on one row only
    text = pd.Series(
        ["2024-03-30T13:05:00+01:00", "2024-04-01 08:00:00.5+0200", "2024-04-01 08:00:00-05", "2024-04-01T08:00Z"]
        + ["not a time", None]
    )

    # Run
    read = parsed_dates(text, "%Y-%m-%dT%H:%M:%S+05:30")

    # Assert
    assert read.tolist()[:4] == [
        pd.Timestamp("2024-03-30 12:05"),
        pd.Timestamp("2024-04-01 06:00:00.5"),
        pd.Timestamp("2024-04-01 13:00"),
        pd.Timestamp("2024-04-01 08:00"),
    ]
    assert read[4:].isna().all()


def test_an_early_year_beside_a_missing_date_is_written_in_four_digits():
    # Setup
    import numpy as np

    dates = pd.Series(np.array(["0001-01-01", "NaT", "2021-03-04"], dtype="datetime64[us]"))

    # Run
    written = written_dates(dates, "%m/%d/%Y")

    # Assert
    assert written.tolist() == ["01/01/0001", None, "03/04/2021"]
