"""Row hashing and seeded samples shared by the privacy metrics."""

import pandas as pd

from synth.evaluate.rows import row_keys, sample_rows


def test_row_keys_treat_whole_numbers_and_floats_alike_and_missing_as_one_value():
    # Setup
    left = pd.DataFrame({"x": [3, None], "c": ["a", None]})
    right = pd.DataFrame({"x": [3.0, float("nan")], "c": ["a", None]})

    # Run / Assert
    assert list(row_keys(left, ["x", "c"])) == list(row_keys(right, ["x", "c"]))


def test_sample_rows_is_seeded_and_keeps_small_tables_whole():
    # Setup
    frame = pd.DataFrame({"x": range(100)})

    # Run / Assert
    assert sample_rows(frame, 10, seed=1).equals(sample_rows(frame, 10, seed=1))
    assert len(sample_rows(frame, 10, seed=1)) == 10
    assert sample_rows(frame, None, seed=1) is frame and sample_rows(frame, 500, seed=1) is frame
