"""Column pair trends: correlation and contingency similarity, Cramér's V."""

import numpy as np
import pandas as pd
import pytest
from scipy.stats import pearsonr
from scipy.stats.contingency import association

from synth.evaluate.column_pair_trends import contingency_pairs, correlation_pairs, cramers_v


def test_correlation_pairs_identical_data_score_one_and_count_strong_pairs(load):
    # Setup
    real, kinds = load("seattle_weather")
    numbers = ["precipitation", "temp_max", "temp_min", "wind"]

    # Run
    rows = correlation_pairs(real, real.copy(), numbers, threshold=0.5)

    # Assert
    assert len(rows) == 6
    assert all(r["score"] == pytest.approx(1.0) for r in rows)
    counted = {(r["column_1"], r["column_2"]) for r in rows if r["counted"]}
    assert counted == {("temp_max", "temp_min")}


def test_correlation_pairs_opposite_correlation_scores_zero():
    # Setup
    x = np.arange(20.0)
    real = pd.DataFrame({"a": x, "b": x})
    synthetic = pd.DataFrame({"a": x, "b": -x})

    # Run
    (row,) = correlation_pairs(real, synthetic, ["a", "b"], threshold=0.0)

    # Assert
    assert row["score"] == pytest.approx(0.0)


def test_correlation_pairs_uncorrelated_real_pair_counts_with_threshold_zero():
    # Setup: real r is exactly 0 (a symmetric pattern); SDMetrics counts every pair when the threshold is 0
    real = pd.DataFrame({"a": [-1.0, 0.0, 1.0, 0.0], "b": [0.0, 1.0, 0.0, -1.0]})
    synthetic = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [1.0, 2.0, 3.0, 5.0]})

    # Run
    (zero,) = correlation_pairs(real, synthetic, ["a", "b"], threshold=0.0)
    (some,) = correlation_pairs(real, synthetic, ["a", "b"], threshold=0.1)

    # Assert
    assert zero["real"] == 0.0
    assert zero["counted"] and not some["counted"]


def test_correlation_pairs_at_the_threshold_count_as_scipy_decides():
    # Setup: real r is -0.5 up to rounding; SDMetrics' decision follows scipy's pearsonr to the last bit
    real = pd.DataFrame({"level": [1.0, 1.0, 0.0], "day": pd.to_datetime(["2024-01-17", "2024-01-30", "2024-01-30"])})
    synthetic = pd.DataFrame({"level": [0.0, 1.0], "day": pd.to_datetime(["2024-01-27", "2024-01-03"])})
    scipy_r = pearsonr(real["level"], pd.to_numeric(real["day"]))[0]

    # Run
    (row,) = correlation_pairs(real, synthetic, ["level", "day"], threshold=0.5)

    # Assert
    assert row["real"] == scipy_r
    assert row["counted"] == (abs(scipy_r) > 0.5)


def test_correlation_pairs_constant_column_is_not_counted():
    # Setup
    real = pd.DataFrame({"a": np.arange(5.0), "b": np.ones(5)})

    # Run
    (row,) = correlation_pairs(real, real.copy(), ["a", "b"], threshold=0.0)

    # Assert
    assert np.isnan(row["score"]) and not row["counted"]


def test_cramers_v_matches_scipy():
    # Setup
    table = np.array([[100, 150], [203, 322], [420, 700], [320, 210]])

    # Run / Assert
    assert cramers_v(table) == pytest.approx(association(table, method="cramer"))
    assert np.isnan(cramers_v(np.array([[3, 4]])))


def test_contingency_pairs_identical_disjoint_and_shuffled(load, imitate):
    # Setup
    real, kinds = load("gapminder")
    pairs = [("continent", "lifeExp"), ("continent", "country")]

    # Run
    same = contingency_pairs(real, real.copy(), kinds, pairs, threshold=0.0)
    apart = contingency_pairs(real, imitate(real, kinds, "disjoint"), kinds, pairs, threshold=0.0)
    shuffled = contingency_pairs(real, imitate(real, kinds, "shuffle"), kinds, pairs, threshold=0.0)

    # Assert
    assert [r["score"] for r in same] == pytest.approx([1.0, 1.0])
    assert apart[1]["score"] == pytest.approx(0.0)
    assert shuffled[1]["score"] < 0.5
    assert same[1]["real_association"] == pytest.approx(1.0)


def test_contingency_pairs_threshold_decides_which_pairs_count():
    # Setup
    rng = np.random.default_rng(0)
    a = rng.choice(["x", "y"], 300)
    real = pd.DataFrame({"a": a, "same": a, "noise": rng.choice(["p", "q"], 300)}).astype(object)
    kinds = {"a": "category", "same": "category", "noise": "category"}

    # Run
    rows = contingency_pairs(real, real.copy(), kinds, [("a", "same"), ("a", "noise")], threshold=0.3)

    # Assert
    assert [r["counted"] for r in rows] == [True, False]
