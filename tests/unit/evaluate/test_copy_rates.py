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
    assert copied == CopyRatesResult(copies_of_training=1.0, copies_of_holdout=0.0)
    assert fresh == CopyRatesResult(copies_of_training=0.0, copies_of_holdout=1.0)
    assert copied.figures() == {"copies_of_training": 1.0, "copies_of_holdout": 0.0}


def test_grade_allows_a_small_excess_over_unseen_copies():
    # Run / Assert
    assert CopyRates.grade(CopyRatesResult(0.02, 0.015)) == "good"
    assert CopyRates.grade(CopyRatesResult(0.05, 0.0)) == "poor"
