"""Detection: a classifier cannot tell identical data apart, and always tells disjoint data apart."""

import pytest

from synth.evaluate.detection import detection_auc, row_groups


def test_identical_data_is_indistinguishable(load):
    # Setup
    real, kinds = load("seattle_weather", rows=600)

    # Run
    result = detection_auc(real, real.copy(), kinds)

    # Assert
    assert result.auc == pytest.approx(0.5, abs=0.1)
    assert result.score > 0.8


def test_disjoint_data_is_always_told_apart(load, imitate):
    # Setup
    real, kinds = load("cars")

    # Run
    result = detection_auc(real, imitate(real, kinds, "disjoint"), kinds)

    # Assert
    assert result.auc == pytest.approx(1.0, abs=0.01)
    assert result.score == pytest.approx(0.0, abs=0.02)


def test_detection_is_seeded(load, imitate):
    # Setup
    real, kinds = load("cars", rows=200)
    synthetic = imitate(real, kinds, "noise")

    # Run / Assert
    assert detection_auc(real, synthetic, kinds, seed=3) == detection_auc(real, synthetic, kinds, seed=3)


def test_a_small_table_with_values_near_the_float_maximum_is_judged_as_the_values_scaled_down():
    # Setup: under 256 distinct values, scikit-learn bins a feature at midpoints (a + b) / 2, which overflowed
    import warnings

    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    real = pd.DataFrame({"size": rng.normal(50, 10, 100), "vast": rng.uniform(-1, 1, 100)})
    synthetic = pd.DataFrame({"size": rng.normal(50, 10, 100), "vast": rng.uniform(-0.5, 1, 100)})
    kinds = {"size": "decimal", "vast": "decimal"}

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        huge = detection_auc(*(t.assign(vast=t["vast"] * 1.7e308) for t in (real, synthetic)), kinds)

    # Assert: the same trees (the folds differ: identical rows are grouped by their text)
    assert huge.auc == pytest.approx(detection_auc(real, synthetic, kinds).auc, abs=0.05)


def test_real_dates_past_2262_beside_synthetic_ones_in_nanoseconds_are_told_apart_without_error():
    # Setup: open rows marked 9999-12-31 (a column in microseconds) against made rows without any (nanoseconds):
    # putting the two in one column overflowed (OutOfBoundsDatetime) and the figure failed
    import numpy as np
    import pandas as pd

    days = pd.date_range("2020-01-01", periods=120, freq="D")
    real = pd.DataFrame(
        {"ends": pd.Series(days.astype("datetime64[us]")).where(np.arange(120) % 2 == 0, pd.Timestamp("9999-12-31"))}
    )
    synthetic = pd.DataFrame({"ends": pd.Series(days)})

    # Run
    result = detection_auc(real, synthetic, {"ends": "datetime"})

    # Assert: a figure (the 60 identical open rows share a fold, so it need not be high)
    assert 0.0 <= result.auc <= 1.0 and result.rows == 120


def test_identical_rows_share_a_group_whatever_each_tables_column_types():
    # Setup: the same rows, whole numbers and dates in the real table, floats and far-date microseconds in the other
    import numpy as np
    import pandas as pd

    real = pd.DataFrame({"n": [1, 2], "day": pd.to_datetime(["2020-01-01", "2021-05-03"])})
    synthetic = pd.DataFrame(
        {"n": [1.0, 3.0], "day": pd.Series(np.array(["2020-01-01", "9999-12-31"], dtype="datetime64[us]"))}
    )

    # Run
    groups = row_groups(real, synthetic)

    # Assert: the copied first row shares its twin's group; the others differ
    assert groups[0] == groups[2] and len(set(groups)) == 3
