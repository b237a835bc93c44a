"""Nearest-neighbour distance ratio at its extremes."""

import pandas as pd

from synth.evaluate.nndr import NndrResult, nearest_neighbour_ratio


def test_nearest_neighbour_ratio_extremes():
    # Setup
    kinds = {"x": "decimal"}
    real = pd.DataFrame({"x": [0.0, 10.0, 20.0, 30.0]})

    # Run
    copies = nearest_neighbour_ratio(real, real.copy(), kinds)
    midway = nearest_neighbour_ratio(real, pd.DataFrame({"x": [5.0, 15.0, 25.0]}), kinds)

    # Assert
    assert copies == NndrResult(nndr_median=0.0, nndr_share_below_half=1.0)
    assert midway == NndrResult(nndr_median=1.0, nndr_share_below_half=0.0)


def test_one_real_row_has_no_second_neighbour():
    # Run / Assert
    single = pd.DataFrame({"x": [1.0]})
    assert nearest_neighbour_ratio(single, single, {"x": "decimal"}) == NndrResult(None, None)
