"""Overall quality: the fast scores at their extremes, and in agreement with SDMetrics' own QualityReport (the referee)."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.evaluate.quality import quality_scores
from tests.referee import sdmetrics_quality_scores

TOLERANCE = 0.02


def _assert_agree(ours, referee, tolerance=TOLERANCE):
    assert ours.overall == pytest.approx(referee.overall, abs=tolerance)
    assert ours.column_shapes == pytest.approx(referee.column_shapes, abs=tolerance)
    if referee.column_pair_trends is None:
        assert ours.column_pair_trends is None
    else:
        assert ours.column_pair_trends == pytest.approx(referee.column_pair_trends, abs=tolerance)


@pytest.mark.parametrize("name", ["seattle_weather", "cars", "gapminder"])
@pytest.mark.parametrize("how", ["shuffle", "noise", "resample"])
def test_scores_agree_with_sdmetrics_quality_report(load, imitate, name, how):
    # Setup
    real, kinds = load(name)
    synthetic = imitate(real, kinds, how, seed=3)

    # Run
    ours = quality_scores(real, synthetic, kinds)
    referee = sdmetrics_quality_scores(real, synthetic, kinds)

    # Assert
    _assert_agree(ours, referee)
    assert [(p["column_1"], p["column_2"], p["counted"]) for p in ours.pairs] == [
        (p["column_1"], p["column_2"], p["counted"]) for p in referee.pairs
    ]


@pytest.mark.parametrize("name", ["cars", "gapminder"])
def test_every_pair_scores_agree_with_sdmetrics(load, imitate, name):
    # Setup
    real, kinds = load(name)
    synthetic = imitate(real, kinds, "noise", seed=5)

    # Run
    ours = quality_scores(real, synthetic, kinds, 0, 0)
    referee = sdmetrics_quality_scores(real, synthetic, kinds, 0, 0)

    # Assert
    _assert_agree(ours, referee)
    for mine, theirs in zip(ours.pairs, referee.pairs, strict=True):
        assert mine["score"] == pytest.approx(theirs["score"], abs=1e-9)


@st.composite
def _tables(draw):
    rows = draw(st.integers(3, 40))
    seed = draw(st.integers(0, 2**31))
    rng = np.random.default_rng(seed)

    def table(n):
        number = rng.normal(size=n).round(1)
        number[rng.random(n) < 0.2] = np.nan
        return pd.DataFrame(
            {
                "number": number,
                "linked": np.nan_to_num(number) * 2 + rng.normal(size=n),
                "level": rng.integers(0, 3, n).astype(float),
                "constant": np.full(n, 7.0),
                "colour": pd.Series(rng.choice(["red", "blue", "", "green"], n)).replace("", None).astype(object),
                "flag": pd.Series(rng.choice(["True", "False"], n)).astype(object),
                "day": pd.Series(pd.to_datetime("2024-01-01") + pd.to_timedelta(rng.integers(0, 30, n), unit="D")),
            }
        )

    return table(rows), table(draw(st.integers(1, 40)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tables(), st.sampled_from([None, 0.0]))
def test_random_small_tables_agree_with_sdmetrics(tables, threshold):
    # Setup
    real, synthetic = tables
    kinds = {
        "number": "decimal",
        "linked": "decimal",
        "level": "integer",
        "constant": "decimal",
        "colour": "category",
        "flag": "boolean",
        "day": "datetime",
    }
    thresholds = () if threshold is None else (threshold, threshold)

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = quality_scores(real, synthetic, kinds, *thresholds)
        referee = sdmetrics_quality_scores(real, synthetic, kinds, threshold, threshold)

    # Assert
    _assert_agree(ours, referee, tolerance=1e-9)


def test_identical_data_scores_one(load):
    # Setup
    real, kinds = load("cars")

    # Run
    scores = quality_scores(real, real.copy(), kinds)

    # Assert
    assert scores.overall == pytest.approx(1.0)
    assert scores.column_shapes == pytest.approx(1.0)
    assert scores.column_pair_trends == pytest.approx(1.0)
    assert set(scores.columns) == set(kinds)
    assert len(scores.pairs) == 36


def test_shuffled_columns_keep_shapes_but_lose_pair_trends(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")

    # Run
    scores = quality_scores(real, imitate(real, kinds, "shuffle"), kinds)

    # Assert
    assert scores.column_shapes == pytest.approx(1.0)
    assert scores.column_pair_trends < 0.8


def test_disjoint_data_scores_near_zero(load, imitate):
    # Setup
    real, kinds = load("gapminder")

    # Run
    scores = quality_scores(real, imitate(real, kinds, "disjoint"), kinds, 0, 0)

    # Assert
    assert scores.column_shapes == pytest.approx(0.0, abs=1e-5)
    contingency = [
        p["score"]
        for p in scores.pairs
        if p["metric"] == "ContingencySimilarity" and "country" in (p["column_1"], p["column_2"])
    ]
    assert max(contingency) == pytest.approx(0.0, abs=1e-5)


def test_zero_thresholds_count_every_pair(load, imitate):
    # Setup
    real, kinds = load("cars")

    # Run
    every = quality_scores(real, imitate(real, kinds, "noise"), kinds, 0, 0)
    default = quality_scores(real, imitate(real, kinds, "noise"), kinds)

    # Assert
    assert all(p["counted"] for p in every.pairs)
    assert not all(p["counted"] for p in default.pairs)


def test_no_pair_meeting_the_thresholds_leaves_pair_trends_empty(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")
    kinds = {"wind": "decimal", "weather": "category"}

    # Run
    scores = quality_scores(real[list(kinds)], real[list(kinds)].copy(), kinds)

    # Assert
    assert scores.column_pair_trends is None
    assert scores.overall == pytest.approx(scores.column_shapes)
