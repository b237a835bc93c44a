"""Association matrices for heat maps."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate.associations import association_matrices, association_matrix


def test_identical_data_differ_by_zero(load):
    # Setup
    real, kinds = load("cars")

    # Run
    result = association_matrices(real, real.copy(), kinds, method="spearman")

    # Assert
    assert list(result.real.columns) == list(kinds)
    assert np.nanmax(np.abs(result.difference.to_numpy())) == pytest.approx(0.0)
    assert np.diag(result.real.to_numpy()) == pytest.approx(np.ones(9))


def test_known_links():
    # Setup
    rng = np.random.default_rng(0)
    x = rng.normal(size=400)
    group = np.where(x > 0, "up", "down").astype(object)
    frame = pd.DataFrame({"x": x, "y": -x, "group": group, "same": group, "noise": rng.choice(["a", "b"], 400)})
    kinds = {"x": "decimal", "y": "decimal", "group": "category", "same": "category", "noise": "category"}

    # Run
    matrix = association_matrix(frame, kinds)

    # Assert
    assert matrix.loc["x", "y"] == pytest.approx(-1.0)
    assert matrix.loc["group", "same"] == pytest.approx(1.0)
    assert matrix.loc["group", "noise"] < 0.15
    assert 0.7 < matrix.loc["x", "group"] <= 1.0
    assert matrix.loc["x", "noise"] < 0.15


def test_shuffled_columns_lose_their_links(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")

    # Run
    result = association_matrices(real, imitate(real, kinds, "shuffle"), kinds)

    # Assert
    assert result.real.loc["temp_max", "temp_min"] > 0.8
    assert abs(result.synthetic.loc["temp_max", "temp_min"]) < 0.1
    assert result.difference.loc["temp_max", "temp_min"] < -0.7


def test_unknown_method_is_refused(load):
    # Setup
    real, kinds = load("cars")

    # Run / Assert
    with pytest.raises(ValueError):
        association_matrix(real, kinds, method="kendall")


def test_long_tables_are_drawn_from_a_seeded_sample_that_keeps_the_links():
    # Setup
    rng = np.random.default_rng(1)
    x = rng.normal(size=3000)
    frame = pd.DataFrame({"x": x, "y": 2 * x + rng.normal(0, 0.1, 3000), "z": rng.normal(size=3000)})
    kinds = {"x": "decimal", "y": "decimal", "z": "decimal"}

    # Run
    sampled = association_matrices(frame, frame.iloc[::-1], kinds, max_rows=500)
    again = association_matrices(frame, frame.iloc[::-1], kinds, max_rows=500)
    whole = association_matrices(frame, frame.iloc[::-1], kinds, max_rows=None)

    # Assert
    pd.testing.assert_frame_equal(sampled.real, again.real)
    assert sampled.real.loc["x", "y"] > 0.98 and abs(sampled.real.loc["x", "z"]) < 0.15
    assert sampled.real.loc["x", "z"] != whole.real.loc["x", "z"]  # another set of rows
    assert np.nanmax(np.abs(whole.difference.to_numpy())) == pytest.approx(0.0)
