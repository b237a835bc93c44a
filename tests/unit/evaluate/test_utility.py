"""Usefulness: train on synthetic, test on the real holdout, next to training on real data."""

import pytest

from synth.evaluate.utility import utility_scores


def test_synthetic_equal_to_training_is_as_useful_as_real(load):
    # Setup
    real, kinds = load("seattle_weather")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    result = utility_scores(training, holdout, training.copy(), kinds, target="temp_max")

    # Assert
    assert result.task == "regression"
    assert result.real_score > 0.6
    assert result.ratio == pytest.approx(1.0)


def test_shuffled_synthetic_data_is_not_useful(load, imitate):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    result = utility_scores(training, holdout, imitate(training, kinds, "shuffle"), kinds, target="Origin")

    # Assert
    assert result.task == "classification"
    assert result.real_score > 0.6
    assert result.ratio < 0.7
