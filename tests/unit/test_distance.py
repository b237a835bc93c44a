"""Distance to closest record: the fast search gives SDMetrics' exact distances."""

import numpy as np
import pandas as pd
import pytest

from synth.distance import dcr, nearest_distances, nearest_rows

SDTYPES = {
    "integer": "numerical",
    "decimal": "numerical",
    "category": "categorical",
    "datetime": "datetime",
    "boolean": "categorical",
}


def _metadata(kinds):
    return {"columns": {c: {"sdtype": SDTYPES[k]} for c, k in kinds.items()}}


@pytest.mark.parametrize("name", ["seattle_weather", "cars"])
def test_dcr_equals_sdmetrics_calculate_dcr(load, imitate, name):
    # Setup
    from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

    real, kinds = load(name, rows=200)
    synthetic = imitate(real, kinds, "noise", seed=1).head(80)

    # Run
    ours = dcr(synthetic, real, kinds)
    referee = calculate_dcr(synthetic, real, _metadata(kinds)).to_numpy()

    # Assert
    np.testing.assert_allclose(ours, referee, atol=1e-9)


def test_dcr_extremes():
    # Setup
    real = pd.DataFrame({"x": [0.0, 10.0, 5.0], "c": ["a", "b", None]})
    kinds = {"x": "decimal", "c": "category"}
    far = pd.DataFrame({"x": [1000.0], "c": ["z"]})

    # Run / Assert
    assert dcr(real, real, kinds) == pytest.approx([0.0, 0.0, 0.0])
    assert dcr(far, real, kinds) == pytest.approx([1.0])
    assert dcr(pd.DataFrame({"x": [np.nan], "c": [None]}), real, kinds) == pytest.approx([0.5])


def test_nearest_distances_are_sorted():
    # Setup
    real = pd.DataFrame({"x": [0.0, 1.0, 3.0, 10.0]})

    # Run
    closest = nearest_distances(pd.DataFrame({"x": [0.9]}), real, {"x": "decimal"}, neighbours=2)

    # Assert
    assert closest[0] == pytest.approx([0.01, 0.09])


def test_values_near_the_float_maximum_are_as_far_apart_as_the_same_values_scaled_down():
    # Setup: a column from -1.7e308 to 1.7e308 (its range overflows a float) beside an ordinary one and a category
    import warnings

    rng = np.random.default_rng(0)
    small = pd.DataFrame(
        {"size": rng.normal(50, 10, 120), "vast": rng.uniform(-1, 1, 120), "c": rng.choice(["a", "b"], 120)}
    )
    huge = small.assign(vast=small["vast"] * 1.7e308)
    kinds = {"size": "decimal", "vast": "decimal", "c": "category"}

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = nearest_rows(huge.iloc[80:], huge.iloc[:80], kinds, neighbours=3)

    # Assert: SDMetrics' distance is a share of the range, the same on values divided by a power of two
    expected = nearest_rows(small.iloc[80:], small.iloc[:80], kinds, neighbours=3)
    np.testing.assert_allclose(found[0], expected[0], rtol=1e-12)
    assert np.array_equal(found[1], expected[1])
