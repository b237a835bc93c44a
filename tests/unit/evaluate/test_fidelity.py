"""Fast quality scores at their extremes."""

import pytest

from synth.evaluate.fidelity import quality_scores


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
