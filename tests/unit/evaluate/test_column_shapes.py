"""Column shapes: KS and total variation at their extremes, Wasserstein against scipy."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp, wasserstein_distance

from synth.evaluate.column_shapes import column_shape, column_shapes, ks_statistic, total_variation, wasserstein


def test_ks_statistic_matches_scipy_and_ignores_missing_values():
    # Setup
    rng = np.random.default_rng(0)
    real, synthetic = rng.normal(size=200), rng.normal(0.3, 1.2, size=150)
    real[:10] = np.nan

    # Run
    statistic = ks_statistic(real, synthetic)

    # Assert
    assert statistic == pytest.approx(ks_2samp(real[10:], synthetic).statistic)


def test_ks_statistic_extremes():
    # Setup
    values = np.arange(50.0)

    # Run / Assert
    assert ks_statistic(values, values.copy()) == 0.0
    assert ks_statistic(values, values + 1000) == 1.0
    assert np.isnan(ks_statistic(values, np.array([np.nan])))


def test_total_variation_extremes_and_missing_values():
    # Setup
    real = pd.Series(["a", "b", "b", None])

    # Run / Assert
    assert total_variation(real, real.copy()) == 0.0
    assert total_variation(real, pd.Series(["c", "d"])) == pytest.approx(1.0, abs=1e-5)
    assert total_variation(real, pd.Series(["a", "a", "b", "b"])) == pytest.approx(1 / 6)


def test_wasserstein_matches_scipy():
    # Setup
    rng = np.random.default_rng(1)
    real, synthetic = rng.normal(size=80), rng.exponential(size=60)

    # Run / Assert
    assert wasserstein(real, synthetic) == pytest.approx(wasserstein_distance(real, synthetic))


def test_column_shape_of_dates_gives_wasserstein_in_days():
    # Setup
    real = pd.Series(pd.to_datetime(["2020-01-01", "2020-01-03", None]))
    synthetic = real + pd.Timedelta(days=10)

    # Run
    figures = column_shape(real, synthetic, "datetime")

    # Assert
    assert figures["metric"] == "KSComplement"
    assert figures["score"] == 0.0
    assert figures["wasserstein"] == pytest.approx(10.0)
    assert figures["missing_real"] == pytest.approx(1 / 3)


def test_column_shapes_identical_table_scores_one(load):
    # Setup
    real, kinds = load("cars")

    # Run
    shapes = column_shapes(real, real.copy(), kinds, list(real.columns))

    # Assert
    assert all(f["score"] == 1.0 for f in shapes.values())
    assert {f["metric"] for f in shapes.values()} == {"KSComplement", "TVComplement"}
