"""Three-way combinations at their extremes."""

import pytest

from synth.evaluate.three_way import three_way_similarity


def test_identical_data_scores_one(load):
    # Setup
    real, kinds = load("cars")

    # Run
    result = three_way_similarity(real, real.copy(), kinds)

    # Assert
    assert result.score == pytest.approx(1.0)
    assert result.triples == 84


def test_shuffled_columns_lose_three_way_combinations(load, imitate):
    # Setup
    real, kinds = load("seattle_weather")

    # Run
    result = three_way_similarity(real, imitate(real, kinds, "shuffle"), kinds)

    # Assert
    assert result.score < 0.85
    assert len(result.worst) == 3


def test_disjoint_data_scores_zero(load, imitate):
    # Setup
    real, kinds = load("gapminder")

    # Run
    result = three_way_similarity(real, imitate(real, kinds, "disjoint"), kinds)

    # Assert
    assert result.score == pytest.approx(0.0)


def test_triples_are_sampled_with_a_seed(load, imitate):
    # Setup
    real, kinds = load("cars")
    synthetic = imitate(real, kinds, "noise")

    # Run
    first = three_way_similarity(real, synthetic, kinds, max_triples=10, seed=1)
    again = three_way_similarity(real, synthetic, kinds, max_triples=10, seed=1)

    # Assert
    assert first == again and first.triples == 10
