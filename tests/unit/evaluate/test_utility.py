"""Usefulness: train on synthetic, test on the real holdout, next to training on real data."""

import pytest

from synth.evaluate.utility import default_target, utility_scores


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


@pytest.mark.parametrize("scale", [2.0**130, 2.0**200, 2.0**900, 2.0**1015])
def test_a_target_past_what_float32_holds_scores_as_the_same_target_scaled_down(scale):
    # Setup: a target that follows a feature, times a power of two (from 1e39 up to 1.7e308); gradient boosting
    # keeps its gradients in float32, which overflow past 3e38: numpy warned, and R² read 0
    import warnings

    import numpy as np
    import pandas as pd

    def table(seed):
        rng = np.random.default_rng(seed)
        size = rng.normal(50, 10, 300)
        return pd.DataFrame({"size": size, "target": 3 * size + rng.normal(0, 5, 300)})

    kinds = {"size": "decimal", "target": "decimal"}
    training, holdout, synthetic = (table(seed) for seed in (0, 1, 2))
    ordinary = utility_scores(training, holdout, synthetic, kinds, target="target")

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = utility_scores(
            *(t.assign(target=t["target"] * scale) for t in (training, holdout, synthetic)), kinds, target="target"
        )

    # Assert
    assert ordinary.real_score > 0.8
    assert (huge.real_score, huge.synthetic_score) == (ordinary.real_score, ordinary.synthetic_score)


def test_the_default_column_to_predict_is_a_number_or_category_never_a_date_or_identifier():
    # Setup: the walk's Usefulness tab offered 'date' first on the Seattle weather table
    columns = ["date", "id", "precipitation", "weather"]
    kinds = {"date": "datetime", "id": "identifier", "precipitation": "decimal", "weather": "category"}

    # Run / Assert
    assert default_target(columns, kinds) == "precipitation"
    assert default_target(["when", "flag"], {"when": "datetime", "flag": "boolean"}) == "flag"
    assert default_target(["when"], {"when": "datetime"}) == "when"
    assert default_target([], {}) is None
