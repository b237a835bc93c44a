"""synth/date_forms.py: the written form of a text column's dates, and reading them in it or another known form."""

import pandas as pd
import pytest

from synth.date_forms import dates_in_any_form, datetime_format
from synth.date_text import written_dates


@pytest.mark.parametrize(
    ("values", "fmt"),
    [
        (["2024-01-31", "2024-02-01"], "%Y-%m-%d"),
        (["31/01/2024", "01/02/2024"], "%d/%m/%Y"),
        (["01/31/2024", "02/01/2024"], "%m/%d/%Y"),
        (["31.01.2024 13:05", "01.02.2024 08:00"], "%d.%m.%Y %H:%M"),
        (["2024-01-31T13:05:00", "2024-02-01T08:00:00"], "%Y-%m-%dT%H:%M:%S"),
        (["31 Jan 2024", "1 Feb 2024"], "%-d %b %Y"),  # 1 Feb: no leading zero, written so
        (["2024-01-31 13:05:00+01:00", "2024-02-01 08:00:00+01:00"], "%Y-%m-%d %H:%M:%S+01:00"),
        (["2024-01-31T13:05:00-0500", "2024-02-01T08:00:00-0500"], "%Y-%m-%dT%H:%M:%S-0500"),
        (["2024-03-30T13:05:00+01:00", "2024-04-01T08:00:00+02:00"], "%Y-%m-%dT%H:%M:%S+01:00"),  # the commonest
        (["2024-03-30 13:05:00.250+0100", "2024-04-01 08:00:00.5+0200"], "%Y-%m-%d %H:%M:%S.%f+0100"),
        (["2024-03-20 08:00:00+01", "2024-03-20 08:00:00.2+01"], "%Y-%m-%d %H:%M:%S+01"),  # PostgreSQL
        (["2024-01-31T13:05:00.250Z", "2024-02-01T08:00:00.125Z"], "%Y-%m-%dT%H:%M:%S.%3fZ"),
        (["2024-01-31 13:05:00.250000", "2024-02-01 08:00:00.125000"], "%Y-%m-%d %H:%M:%S.%f"),
        (["1/5/2024 3:04 PM", "11/25/2024 10:13 AM"], "%-m/%-d/%Y %-I:%M %p"),
        (["01/05/2024 03:04:00 PM", "11/25/2024 10:13:00 AM"], "%m/%d/%Y %I:%M:%S %p"),
        (["2024/01/31 13:05", "2024/02/01 08:00"], "%Y/%m/%d %H:%M"),
        (["Wed, 31 Jan 2024 13:05:00 GMT", "Thu, 01 Feb 2024 08:00:00 GMT"], "%a, %d %b %Y %H:%M:%S GMT"),
        (["2024-01-31 13:05:00 UTC", "2024-02-01 08:00:00 UTC"], "%Y-%m-%d %H:%M:%S UTC"),
        (["Paris", "Lyon"], None),
        (["12", "13"], None),
    ],
)
def test_datetime_format_is_found(values, fmt):
    # Assert
    assert datetime_format(pd.Series(values)) == fmt


def test_days_typed_in_another_form_are_read_in_theirs_by_position():
    # Setup: a repeated index (a caller's frame), a day typed day-first, an offset among naive times, a non-date
    text = pd.Series(["2024-01-31", "10/02/2023", "2024-03-01T08:00:00+01:00", "TBD", None], index=[0, 0, 1, 1, 2])

    # Run
    dates = dates_in_any_form(text, "%Y-%m-%d")

    # Assert
    assert dates.tolist()[:3] == [
        pd.Timestamp("2024-01-31"),
        pd.Timestamp("2023-02-10"),
        pd.Timestamp("2024-03-01 07:00"),
    ]
    assert dates.iloc[3:].isna().all() and list(dates.index) == [0, 0, 1, 1, 2]


@pytest.mark.parametrize(
    ("cells", "fmt"),
    [
        (["2021-03-04", "9999-12-31", "9999-12-31", "0001-01-01"], "%Y-%m-%d"),
        (["04/03/2021 10:00", "31/12/9999 00:00", "31/12/9999 00:00", "13/03/2021 08:30"], "%d/%m/%Y %H:%M"),
    ],
)
def test_dates_nanoseconds_cannot_hold_are_read_in_microseconds_and_written_back(cells, fmt):
    # Setup: most values of a warehouse column are its open-row marker (before: the column was a category)
    text = pd.Series(cells * 10, dtype=object)

    # Run
    found = datetime_format(text)
    dates = dates_in_any_form(text, found)

    # Assert
    assert found == fmt and dates.dtype == "datetime64[us]" and dates.notna().all()
    assert written_dates(dates, found).tolist() == text.tolist()


def test_years_that_are_no_dates_stay_unread():
    # Assert: codes and years alone are no dates; '3000-13-01' is no day
    assert datetime_format(pd.Series(["3000", "4500", "9999"] * 10, dtype=object)) is None
    assert dates_in_any_form(pd.Series(["3000-13-01", "2020-01-01"]), "%Y-%m-%d").isna().tolist() == [True, False]


def test_a_far_date_typed_in_another_form_is_read_as_that_date_not_wrapped_round():
    # Setup: ISO dates with three open rows typed day first (before: 1816-03-29, a nanosecond count wrapped round)
    text = pd.Series(["2021-03-04"] * 97 + ["31/12/9999"] * 3, dtype=object)

    # Run
    dates = dates_in_any_form(text, datetime_format(text))

    # Assert
    assert dates.dtype == "datetime64[us]" and (dates.tail(3) == pd.Timestamp("9999-12-31")).all()


def test_a_mistyped_year_stays_unread_and_an_early_year_is_written_in_four_digits():
    # Setup: a typo far from today is no marker of a year's end; 0001-01-01 is
    typo = pd.Series(["2021-03-04"] * 100 + ["0219-03-04"], dtype=object)
    early = pd.Series(["01/01/0001", "04/03/2021"] * 10, dtype=object)

    # Run
    read = dates_in_any_form(typo, datetime_format(typo))
    fmt = datetime_format(early)

    # Assert
    assert read.dtype == "datetime64[ns]" and read.isna().sum() == 1
    assert written_dates(dates_in_any_form(early, fmt), fmt).tolist()[:2] == ["01/01/0001", "04/03/2021"]
