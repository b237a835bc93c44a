"""DCROverfittingProtection at its extremes, and SDMetrics' own metric as referee."""

import warnings

import pytest

from synth.evaluate.dcr_overfitting import dcr_overfitting_protection
from tests.referee import sdmetrics_metadata


def test_dcr_overfitting_protection_agrees_with_sdmetrics(load, imitate):
    # Setup
    from sdmetrics.single_table import DCROverfittingProtection

    real, kinds = load("seattle_weather")
    training, holdout = real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
    synthetic = imitate(training, kinds, "shuffle", seed=2).head(300)

    # Run
    ours = dcr_overfitting_protection(training, holdout, synthetic, kinds, max_rows=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        referee = DCROverfittingProtection.compute_breakdown(
            training, synthetic, holdout, sdmetrics_metadata(kinds), "table"
        )

    # Assert
    assert ours.dcr_overfitting_protection == pytest.approx(referee["score"], abs=0.02)
    assert ours.closer_to_training == pytest.approx(
        referee["synthetic_data_percentages"]["closer_to_training"], abs=0.02
    )


def test_dcr_overfitting_at_its_extremes(load):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    overfit = dcr_overfitting_protection(training, holdout, training.copy(), kinds)
    fresh = dcr_overfitting_protection(training, holdout, holdout.copy(), kinds)

    # Assert
    assert overfit.dcr_overfitting_protection == 0.0
    assert fresh.dcr_overfitting_protection == 1.0
    assert overfit.closer_to_training + overfit.closer_to_holdout == 1.0
