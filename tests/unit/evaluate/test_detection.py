"""Detection: a classifier cannot tell identical data apart, and always tells disjoint data apart."""

import pytest

from synth.evaluate.detection import detection_auc


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
