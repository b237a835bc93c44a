"""Limits from the environment and the training sample."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.limits import DEFAULT_MAX_COLUMNS, DEFAULT_MAX_ROWS, Limits, size_text, training_sample


def test_limits_come_from_the_environment_with_defaults_for_bad_values():
    # Run
    limits = Limits.from_env({"SYNTH_MAX_UPLOAD_MB": "1.5", "SYNTH_MAX_ROWS": "-3", "SYNTH_MAX_COLUMNS": "many"})
    defaults = Limits.from_env({})

    # Assert
    assert limits.max_bytes == int(1.5 * 1024 * 1024)
    assert limits.max_rows == DEFAULT_MAX_ROWS and limits.max_columns == DEFAULT_MAX_COLUMNS
    assert defaults == Limits()


def test_training_sample_is_seeded_in_table_order_and_leaves_small_tables_alone():
    # Setup
    frame = pd.DataFrame({"a": range(1000)})

    # Run
    first = training_sample(frame, 100, seed=1)
    again = training_sample(frame, 100, seed=1)

    # Assert
    assert len(first) == 100 and first.index.is_monotonic_increasing
    pd.testing.assert_frame_equal(first, again)
    assert training_sample(frame, 5000, seed=1) is frame
    with pytest.raises(ValueError):
        training_sample(frame, 0, seed=1)


@pytest.mark.parametrize(("size", "text"), [(10, "10 bytes"), (2048, "2 KB"), (3 * 1024 * 1024, "3.0 MB")])
def test_sizes_read_as_people_say_them(size, text):
    # Assert
    assert size_text(size) == text


def test_a_table_wider_than_the_limit_is_refused_with_both_counts():
    # Setup
    limits = Limits(max_columns=3)

    # Run
    limits.check_columns(3)

    # Assert
    with pytest.raises(InputError, match="The table has 4 columns; at most 3 can be used"):
        limits.check_columns(4)
    with pytest.raises(InputError, match="The table has at least 2,000 columns"):
        limits.check_columns(2_000, at_least=True)


def test_row_and_unpacked_limits_come_from_the_environment_and_refuse_with_counts():
    # Setup
    limits = Limits.from_env({"SYNTH_MAX_TABLE_ROWS": "10", "SYNTH_MAX_READ_S": "5", "SYNTH_MAX_UPLOAD_MB": "1"})

    # Run
    limits.check_rows(10)
    limits.check_unpacked(1024 * 1024, "This file")

    # Assert
    assert limits.max_table_rows == 10 and limits.max_read_s == 5
    with pytest.raises(InputError, match="The table says it has 11 rows; at most 10 rows can be used"):
        limits.check_rows(11, declared=True)
    with pytest.raises(InputError, match="This file unpacks to 2.0 MB, more than the upload limit of 1 MB"):
        limits.check_unpacked(2 * 1024 * 1024, "This file")


def test_the_reading_check_calls_the_stop_hook_and_keeps_time():
    # Setup
    calls = []
    check = Limits(stop=lambda: calls.append(1)).reading_check()
    late = Limits(max_read_s=1e-9).reading_check()

    # Run
    check()

    # Assert
    assert calls == [1]
    with pytest.raises(InputError, match="took longer than"):
        late()


def test_every_row_up_to_a_million_is_learned_from_and_longer_tables_are_refused():
    # Setup
    limits = Limits()

    # Run
    limits.check_rows(1_000_000)

    # Assert
    assert limits.max_rows == limits.max_table_rows == 1_000_000
    with pytest.raises(InputError, match="at most 1,000,000 rows"):
        limits.check_rows(1_000_001)
