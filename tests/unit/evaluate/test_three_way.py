"""Three-way combinations at their extremes."""

import pytest

from synth.evaluate.three_way import binned_codes, three_way_similarity


def test_identical_data_scores_one(load):
    # Setup
    real, kinds = load("cars")

    # Run
    result = three_way_similarity(real, real.copy(), kinds)

    # Assert
    assert result.score == pytest.approx(1.0)
    assert result.triples == 84


def test_shuffled_columns_lose_three_way_combinations(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")

    # Run
    result = three_way_similarity(real, imitate(real, kinds, "shuffle"), kinds)

    # Assert
    assert result.score < 0.85
    assert len(result.worst) == 3


def test_disjoint_data_scores_zero(load, imitate):
    # Setup
    real, kinds = load("gapminder")

    # Run
    result = three_way_similarity(real, imitate(real, kinds, "disjoint"), kinds)

    # Assert
    assert result.score == pytest.approx(0.0)


def test_triples_are_sampled_with_a_seed(load, imitate):
    # Setup
    real, kinds = load("cars")
    synthetic = imitate(real, kinds, "noise")

    # Run
    first = three_way_similarity(real, synthetic, kinds, max_triples=10, seed=1)
    again = three_way_similarity(real, synthetic, kinds, max_triples=10, seed=1)

    # Assert
    assert first == again and first.triples == 10


def test_values_up_to_the_float_maximum_get_the_bins_of_the_values_scaled_down():
    # Setup: the real maximum is the largest float, whose last edge (the next float up) overflowed
    import warnings

    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    real = rng.uniform(-1, 1, 200) * 1.7e308
    real[:2] = np.finfo(float).max, -np.finfo(float).max
    synthetic = rng.uniform(-1, 1, 150) * 1.7e308

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = binned_codes(pd.Series(real), pd.Series(synthetic), "decimal")

    # Assert
    scaled = binned_codes(pd.Series(np.ldexp(real, -800)), pd.Series(np.ldexp(synthetic, -800)), "decimal")
    assert huge[2] == scaled[2] and np.array_equal(huge[0], scaled[0]) and np.array_equal(huge[1], scaled[1])
