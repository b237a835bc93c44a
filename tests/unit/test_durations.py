"""Durations written as text: their column's form, read as seconds and written back in it."""

import numpy as np
import pandas as pd
import pytest

from synth.durations import duration_form, duration_summary, elapsed_form, seconds, time_spans, written_durations
from synth.schema import NUMERIC_KINDS, detect_kinds, to_model_frame, unread_values

RNG = np.random.default_rng(0)
LONG = RNG.integers(0, 40 * 3600, 300)  # up to 40 hours: past a 24-hour clock
SHORT = RNG.integers(0, 23 * 3600, 300)  # every one under a day: each could be a time of day


def clock(total: int) -> str:
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


FORMS = {
    "[h]:mm:ss": [clock(s) for s in LONG],
    "[hh]:mm:ss": [f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in LONG],
    "[h]:mm:ss.000": [f"{clock(s)}.{RNG.integers(0, 1000):03d}" for s in LONG],
    "[m]:ss": [f"{s // 60}:{s % 60:02d}" for s in RNG.integers(0, 120 * 60, 300)],
    "[m]:ss.0": [f"{s // 60}:{s % 60:02d}.{RNG.integers(0, 10)}" for s in RNG.integers(0, 120 * 60, 300)],
    "d days hh:mm:ss": [str(pd.Timedelta(seconds=int(s))) for s in LONG],
    "d days hh:mm:ss.000000": [str(pd.Timedelta(seconds=int(s), milliseconds=500)) for s in LONG],
    "-d days hh:mm:ss": [str(pd.Timedelta(seconds=int(s) - 20 * 3600)) for s in LONG],
    "-[h]:mm:ss": [("-" if i % 7 == 0 else "") + clock(s) for i, s in enumerate(LONG)],
}


@pytest.mark.parametrize("form", FORMS)
def test_each_written_form_is_found_and_its_values_come_back_as_written(form):
    # Setup
    text = pd.Series(FORMS[form], dtype=object)

    # Run
    found = duration_form(text)
    back = written_durations(seconds(text), found)

    # Assert
    assert found == form
    assert back.tolist() == text.tolist()


def test_values_are_read_as_seconds_whatever_their_form():
    # Setup
    text = pd.Series(["25:12:26", "84:20", "1 days 02:03:04.500000", "-0:00:05", "0:01:02.25", None, "soon"])

    # Run
    found = seconds(text)

    # Assert
    assert found.tolist()[:5] == [90746.0, 5060.0, 93784.5, -5.0, 62.25]
    assert found[5:].isna().all()


@pytest.mark.parametrize(
    "values",
    [
        [f"{a}:{b}" for a, b in zip(RNG.integers(0, 10, 300), RNG.integers(0, 10, 300))],  # ratios, scores: 9:6, 3:1
        [f"{a}:{b}" for a, b in zip(RNG.integers(10, 60, 300), RNG.integers(10, 60, 300))],  # 21:14, never 3:07
        [f"{a}:{b}" for a, b in zip(RNG.integers(60, 130, 300), RNG.integers(60, 130, 300))],  # basketball: 102:98
        ["1:02:03", "0:04:05", "2:00:01", "1:30:00"],  # too few to tell
        [f"{s // 60}:{s % 60:02d}" for s in RNG.integers(0, 7200, 150)] + [clock(s) for s in LONG[:150]],  # mixed
        ["ORD-1", "ORD-2"] * 20,
    ],
)
def test_look_alikes_are_not_durations(values):
    assert duration_form(pd.Series(values, dtype=object)) is None


@pytest.mark.parametrize(
    ("name", "values", "expected"),
    [
        ("start_time", [clock(s) for s in SHORT], None),  # times of day
        ("opened_at", [f"{s // 3600}:{s % 3600 // 60:02d}" for s in SHORT], None),
        ("duration", [clock(s) for s in SHORT], "[h]:mm:ss"),  # named for elapsed time
        ("call_length", [clock(s) for s in SHORT], "[h]:mm:ss"),
        ("Time Taken", [clock(s) for s in SHORT], "[h]:mm:ss"),
        ("finish", FORMS["[h]:mm:ss"], "[h]:mm:ss"),  # past a day: durations whatever the name
        ("finish", FORMS["[m]:ss"], "[m]:ss"),
        ("finish", FORMS["d days hh:mm:ss"], "d days hh:mm:ss"),
    ],
)
def test_clock_like_values_under_a_day_are_durations_only_in_a_column_named_so(name, values, expected):
    assert elapsed_form(name, pd.Series(values, dtype=object)) == expected


@pytest.mark.parametrize(
    "values",
    [
        [f"-0{h}:00" for h in RNG.choice([5, 6, 7, 8], 300)],  # UTC offsets: '-05:00'
        list(RNG.choice(["21:00", "22:00", "22:30", "23:00", "23:30", "24:00"], 300)),  # closing times
        [f"25:{p:02d}" for p in RNG.integers(0, 24, 300)],  # volleyball sets: '25:09'
        # shifts on the half hour: '37:30:00'
        [f"{h}:{m:02d}:00" for h, m in zip(RNG.integers(20, 40, 300), RNG.choice([0, 30], 300))],
    ],
)
def test_clock_like_categories_whose_seconds_do_not_spread_as_a_clocks_are_not_durations(values):
    assert elapsed_form("value", pd.Series(values, dtype=object)) is None


def test_a_pace_or_split_column_of_minutes_and_seconds_is_durations():
    # Setup: minutes a kilometre, each under a day's 24 hours (so times of day by their values alone)
    paces = pd.Series([f"{s // 60}:{s % 60:02d}" for s in RNG.integers(200, 600, 300)], dtype=object)

    # Run / Assert
    assert elapsed_form("pace", paces) == elapsed_form("split_2", paces) == "[m]:ss"
    assert elapsed_form("start", paces) is None


def test_a_rare_negative_or_fraction_past_the_sample_still_shapes_the_form_so_no_real_value_changes():
    # Setup: 20,000 race times, 50 of them negative (a correction) and 50 others with half a second, all at the end
    base = [clock(int(s)) for s in RNG.integers(0, 40 * 3600, 19_900)]
    negatives = [f"-{clock(int(s))}" for s in RNG.integers(1, 3600, 50)]
    halves = [f"{clock(int(s))}.5" for s in RNG.integers(0, 40 * 3600, 50)]
    text = pd.Series(base + negatives + halves, dtype=object)

    # Run
    form = duration_form(text)
    back = written_durations(seconds(text), form)

    # Assert: before, the form from the first 500 values had no sign and no decimals: -0:12:00 came back 0:00:00
    assert form == "-[h]:mm:ss.0"
    assert back.tail(100).tolist() == [f"{v}.0" if v.startswith("-") else v for v in negatives] + halves


def test_hours_past_a_whole_number_are_read_and_written_back_not_cut_at_a_time_spans_end():
    # Setup
    text = pd.Series(["9999999999999999999999:00:00", "99999999999:00:00"] + FORMS["[h]:mm:ss"][:20], dtype=object)

    # Run
    found = seconds(text)
    back = written_durations(found, "[h]:mm:ss")

    # Assert: before, the first raised 'Integer out of range' and the second came back as 2555555:33:20
    assert found.iloc[0] == pytest.approx(9999999999999999999999 * 3600.0)
    assert back.iloc[1] == "99999999999:00:00"


def test_made_values_are_rounded_to_the_forms_decimals_and_never_negative_unless_the_column_was():
    # Setup
    made = pd.Series([-3.0, 59.96, 90746.4, np.nan, np.inf])

    # Run
    plain = written_durations(made, "[h]:mm:ss")
    tenths = written_durations(made, "[m]:ss.0")
    signed = written_durations(made, "-[h]:mm:ss")

    # Assert
    assert plain.tolist() == ["0:00:00", "0:01:00", "25:12:26", None, None]
    assert tenths.tolist() == ["0:00.0", "1:00.0", "1512:26.4", None, None]
    assert signed.tolist()[0] == "-0:00:03"


def test_the_summary_gives_the_range_and_mean_in_the_columns_own_form():
    # Setup
    values = seconds(pd.Series(["25:12:26", "0:00:10", "1:00:00"]))

    # Run
    summary = duration_summary(values, "[h]:mm:ss")

    # Assert
    assert summary == "durations from 0:00:10 to 25:12:26, mean 8:44:12, written like 1:23:45"


def test_made_values_past_what_a_time_span_holds_are_written_without_failing():
    # Setup
    made = pd.Series([1e300, -1e300, 93784.123456])

    # Run
    text = written_durations(made, "-d days hh:mm:ss.000000")
    spans = time_spans(made)

    # Assert
    assert text.tolist()[2] == "1 days 02:03:04.123456" and text.str.contains("106").tolist()[:2] == [True, True]
    assert spans.isna().tolist() == [True, True, False] and str(spans.iloc[2]) == "1 days 02:03:04.123456"


def _race_times(words_every: int) -> pd.Series:
    times = pd.Series([str(pd.Timedelta(seconds=int(s))) for s in LONG], dtype=object)  # pandas' text, as Excel reads
    times[::words_every] = ["DNF", "DNS", "DSQ"] * (len(times[::words_every]) // 3) + ["DNF"] * (
        len(times[::words_every]) % 3
    )
    return times


@pytest.mark.parametrize("words_every", [33, 10], ids=["3% DNF", "10% DNF"])
def test_race_times_with_a_few_letter_only_values_are_durations_with_those_missing_and_counted(words_every):
    # Setup
    times = _race_times(words_every)
    frame = pd.DataFrame({"race_time": times})
    words = int((times.isin(["DNF", "DNS", "DSQ"])).sum())

    # Run
    kinds = detect_kinds(frame)
    model = to_model_frame(frame, kinds)

    # Assert: before, over 2% of words made the column text, its made values invented sentences
    assert duration_form(times) == "d days hh:mm:ss"
    assert kinds["race_time"] in NUMERIC_KINDS
    assert model["race_time"].isna().sum() == words
    assert unread_values(frame, model) == {"race_time": words}


@pytest.mark.parametrize(
    "values",
    [
        _race_times(2).tolist(),  # half words: a column of words with some times, not durations
        ["DNF"] * 25 + [clock(s) for s in LONG[:75]],  # a quarter words
    ],
    ids=["50% words", "25% words"],
)
def test_a_column_mostly_of_words_is_not_durations(values):
    # Assert
    assert duration_form(pd.Series(values, dtype=object)) is None
