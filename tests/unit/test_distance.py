"""Distance to closest record: the fast search gives SDMetrics' exact distances."""

import numpy as np
import pandas as pd
import pytest

from synth.distance import dcr, nearest_distances

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
