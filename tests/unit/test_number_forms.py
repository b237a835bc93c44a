"""How a number column is written and read back: decimal places, durations as seconds, and its summary."""

import numpy as np
import pandas as pd

from synth.number_forms import decimal_places, model_numbers, number_summary, numbers_in_form, rounded_like


def test_decimal_places_are_the_most_written_and_none_past_ten():
    # Setup
    two, measured = pd.Series(["8.25", "1.5", "n/a", "3"]), pd.Series([8.895643325672793, 1.0])

    # Run
    found = decimal_places(two), decimal_places(measured), decimal_places(pd.Series(["n/a"]))

    # Assert: measurements at full precision are never rounded, and a column of no number has no places
    assert found == (2, None, None)


def test_numbers_rounded_like_the_real_ones_stay_inside_the_real_range():
    # Setup: values with one place, the maximum with three
    real = pd.Series([0.1, 0.2, 0.3, 0.4] * 250 + [5.555])

    # Run
    rounded = rounded_like(pd.Series([5.5549, 0.0999, 7.0]), real)

    # Assert: 5.5549 would round to 5.555 anyway; 0.0999 (below 0.1) may leave; 7.0 was outside before rounding
    assert rounded.tolist() == [5.555, 0.1, 7.0]


def test_time_spans_durations_and_plain_numbers_are_read_as_numbers_of_seconds():
    # Setup
    spans = pd.Series(pd.to_timedelta([90, 3_600.5], unit="s"))
    durations = pd.Series(["25:12:26", "0:00:10"] * 6)

    # Run
    read = model_numbers(spans), model_numbers(durations), model_numbers(pd.Series(["1.5", "x", None]))

    # Assert
    assert read[0].tolist() == [90.0, 3600.5]
    assert read[1].head(2).tolist() == [90746.0, 10.0]
    assert read[2].iloc[0] == 1.5 and read[2].iloc[1:].isna().all()


def test_a_number_summary_gives_the_ends_as_written_and_the_mean_to_one_place_more():
    # Run
    summary = number_summary(pd.Series([15.5, 18.0, 46.6]), 1)

    # Assert
    assert summary == "from 15.5 to 46.6, mean 26.70"
    assert np.isfinite(float(number_summary(pd.Series([1.7e308, 1.5e308]), None).rpartition(" ")[2]))


def test_numbers_in_a_known_form_are_read_in_it_however_few():
    # Setup: two made laps, too few to tell their form from, and a plain number column
    laps, sizes = pd.Series(["84:20", None]), pd.Series([1.5, 2.0])

    # Run
    read = numbers_in_form(laps, "[m]:ss"), numbers_in_form(sizes, None), numbers_in_form(sizes, "[m]:ss")

    # Assert: numbers are numbers, whatever form is named
    assert read[0].iloc[0] == 5060.0 and read[0].isna().iloc[1]
    assert read[1].tolist() == read[2].tolist() == [1.5, 2.0]
