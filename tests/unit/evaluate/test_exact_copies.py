"""Exact copies of real rows."""

import pandas as pd

from synth.evaluate.exact_copies import exact_copy_rate


def test_exact_copy_rate_extremes(load, imitate):
    # Setup
    real, kinds = load("cars")

    # Run / Assert
    assert exact_copy_rate(real, real.copy()) == 1.0
    assert exact_copy_rate(real, imitate(real, kinds, "disjoint")) == 0.0
    assert exact_copy_rate(real, real.iloc[:0]) == 0.0


def test_whole_numbers_and_floats_count_as_the_same_value():
    # Setup
    real = pd.DataFrame({"x": [3, 4], "c": ["a", "b"]})
    synthetic = pd.DataFrame({"x": [3.0, 5.0], "c": ["a", "b"]})

    # Run / Assert
    assert exact_copy_rate(real, synthetic) == 0.5
