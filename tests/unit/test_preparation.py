"""Before fit: the rows kept aside, the columns learned or carried, and requests refused in plain words."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.preparation import plan_columns, prepare, select_columns, split_holdout, training_rows, written_forms
from synth.run_config import RunConfig


def test_real_rows_are_kept_aside_from_500_rows_on_seeded_and_apart_from_training():
    # Setup
    small, large = pd.DataFrame({"x": range(499)}), pd.DataFrame({"x": range(600)})

    # Run
    kept_small = split_holdout(small, None, 1)
    training, holdout = split_holdout(large, None, 1)

    # Assert
    assert kept_small[1] is None and len(kept_small[0]) == 499
    assert (len(training), len(holdout)) == (480, 120) and not set(training["x"]) & set(holdout["x"])
    assert holdout.equals(split_holdout(large, None, 1)[1])


@pytest.mark.parametrize(("rows", "share"), [(10, None), (499, None), (500, None), (600, None), (600, 0.5), (40, 0.5)])
def test_the_rows_a_generator_will_learn_from_are_told_before_the_split_as_it_splits(rows, share):
    # Run
    training, _ = split_holdout(pd.DataFrame({"x": range(rows)}), share, 1)

    # Assert
    assert training_rows(rows, share) == len(training)


@pytest.mark.parametrize(("sample_rows", "most"), [(None, None), (2_000, None), (None, 3_000), (2_000, 1_500)])
def test_the_rows_learned_count_the_sample_drawn_after_the_split_and_the_servers_ceiling(sample_rows, most):
    # Setup: the review found the page counting the sample before the split (1,600 of a 2,000-row sample)
    config = RunConfig(sample_rows=sample_rows, **({"max_train_rows": most} if most else {}))

    # Run
    prepared = prepare(pd.DataFrame({"x": [float(i % 97) for i in range(10_000)]}), config, {"x": "decimal"})

    # Assert
    assert training_rows(10_000, sample_rows=sample_rows, most=config.max_train_rows) == len(prepared.training)


def test_constant_and_empty_columns_are_carried_not_learned():
    # Setup
    frame = pd.DataFrame({"n": [1.0, 2.0, 3.0], "same": ["a", "a", "a"], "empty": [None, None, None]})
    kinds = {"n": "decimal", "same": "category", "empty": "category"}

    # Run
    learned, carried = plan_columns(frame, kinds)

    # Assert
    assert learned == ["n"] and carried == ["same", "empty"]
    assert plan_columns(frame, kinds, private=True) == (["n", "same", "empty"], [])


def test_a_column_of_one_value_and_some_blanks_is_learned_as_it_varies():
    # Setup
    frame = pd.DataFrame({"n": [1.0, 2.0, 3.0], "note": ["ok", None, None]})
    kinds = {"n": "decimal", "note": "category"}

    # Run / Assert
    assert plan_columns(frame, kinds) == (["n", "note"], [])


def test_unknown_columns_and_conditions_on_unknown_values_are_refused(small_table):
    # Run / Assert
    with pytest.raises(InputError, match="not in the table"):
        select_columns(small_table, RunConfig(columns=("nowhere",)), None)
    with pytest.raises(InputError, match="never appears"):
        prepare(small_table, RunConfig(generator="gaussian_copula", where={"city": "Rome"}))


def test_prepare_notes_a_sample_learned_from_only_when_asked(small_table):
    # Run
    whole = prepare(small_table, RunConfig(generator="gaussian_copula"))
    sampled = prepare(small_table, RunConfig(generator="gaussian_copula", sample_rows=50))

    # Assert
    assert len(whole.training) == len(small_table) and not any("sample" in w for w in whole.warnings)
    assert len(sampled.training) == 50 and any("random sample of 50" in w for w in sampled.warnings)


def test_values_a_column_cannot_read_as_its_kind_are_told_not_lost_silently():
    # Setup: a date column with a few days typed in another form, and three cells that are no date
    days = pd.Series(pd.date_range("2023-01-01", periods=300, freq="D").strftime("%Y-%m-%d"))
    days[::40] = pd.date_range("2023-01-01", periods=300, freq="D")[::40].strftime("%d/%m/%Y")
    days[[5, 9, 11]] = ["TBD", "TBD", "2023-02-30"]
    table = pd.DataFrame({"day": days, "v": range(300)})

    # Run
    prepared = prepare(table, RunConfig(generator="sequential_trees"))

    # Assert: the other form is read (10 February 2023 typed 10/02/2023), the rest is told, not dropped silently
    assert prepared.kinds["day"] == "datetime"
    assert prepared.real_model["day"].isna().sum() == 3
    assert prepared.real_model["day"][40] == pd.Timestamp("2023-02-10")
    assert "3 values of 'day' could not be read as dates, so they were learned as missing." in prepared.warnings


def test_written_forms_hold_each_date_and_duration_columns_form_read_before_fit():
    # Setup
    rows = 40
    frame = pd.DataFrame(
        {
            "race_time": [f"{25 + i}:{i:02d}:0{i % 10}" for i in range(rows)],
            "lap": [f"{60 + i}:{i:02d}.5" for i in range(rows)],
            "joined": pd.date_range("2024-01-01", periods=rows).strftime("%d/%m/%Y"),
            "day": pd.date_range("2024-01-01", periods=rows),
            "size": range(rows),
        }
    )
    kinds = {"race_time": "integer", "lap": "decimal", "joined": "datetime", "day": "datetime", "size": "integer"}

    # Run
    forms = written_forms(frame, kinds)

    # Assert: a plain number column has none
    assert forms == {"race_time": "[h]:mm:ss", "lap": "[m]:ss.0", "joined": "%d/%m/%Y", "day": "%Y-%m-%d"}


def test_letter_only_values_among_race_times_are_told_as_not_read_as_durations():
    # Setup: race times with 'DNF' for one runner in 20
    times = pd.Series([f"{2 + i % 30}:{i * 7 % 60:02d}:{i * 13 % 60:02d}" for i in range(300)], dtype=object)
    times[::20] = "DNF"
    table = pd.DataFrame({"race_time": times, "v": range(300)})

    # Run
    prepared = prepare(table, RunConfig(generator="sequential_trees"))

    # Assert
    assert "15 values of 'race_time' could not be read as durations, so they were learned as missing." in (
        prepared.warnings
    )


def test_every_run_reads_its_date_and_duration_forms_once_before_fit_not_only_a_private_one():
    # Setup: race times, text dates and days as date values, for the default generator (not private)
    rows = 60
    table = pd.DataFrame(
        {
            "race_time": [f"{25 + i}:{i % 60:02d}:{i * 7 % 60:02d}" for i in range(rows)],
            "joined": pd.date_range("2024-01-01", periods=rows).strftime("%d/%m/%Y"),
            "day": pd.date_range("2024-01-01", periods=rows),
            "size": [float(i % 7) for i in range(rows)],
        }
    )

    # Run
    prepared = prepare(table, RunConfig(generator="sequential_trees"))

    # Assert: before, only a private run read them ({} here): every other read them again at each chunk it wrote
    assert prepared.written_forms == {"race_time": "[h]:mm:ss", "joined": "%d/%m/%Y", "day": "%Y-%m-%d"}
