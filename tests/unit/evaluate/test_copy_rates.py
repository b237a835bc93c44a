"""Copies of learned rows next to copies of unseen rows."""

from synth.evaluate.copy_rates import CopyRates, CopyRatesResult, copy_rates


def test_exact_copies_of_training_and_holdout(load):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[:200], real.iloc[200:]

    # Run
    copied = copy_rates(training, holdout, training.copy())
    fresh = copy_rates(training, holdout, holdout.copy())

    # Assert
    assert copied == CopyRatesResult(copies_of_training=1.0, copies_of_holdout=0.0, fresh_sample_copies=0.0)
    assert fresh == CopyRatesResult(copies_of_training=0.0, copies_of_holdout=1.0, fresh_sample_copies=0.0)
    assert copied.figures() == {"copies_of_training": 1.0, "copies_of_holdout": 0.0, "fresh_sample_copies": 0.0}


def test_repeated_real_rows_show_in_what_a_fresh_sample_copies():
    # Setup: every real row appears twice, once on each side
    import pandas as pd

    rows = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": ["x", "y", "x", "y"]})

    # Run
    result = copy_rates(rows, rows.copy(), pd.concat([rows.head(2), rows.head(2)]))

    # Assert
    assert result.fresh_sample_copies == 1.0 and result.copies_of_training == 1.0


def test_grade_allows_a_small_excess_over_unseen_copies():
    # Run / Assert
    assert CopyRates.grade(CopyRatesResult(0.02, 0.015)) == "good"
    assert CopyRates.grade(CopyRatesResult(0.05, 0.0)) == "fair"  # a sign to check: the verdict says Check first
