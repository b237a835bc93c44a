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


def test_more_learned_rows_than_unseen_ones_give_a_steady_share(load):
    # Setup: real rows in three parts, learned four times the unseen ones, as the pipeline's 80/20 split leaves them;
    # the "synthetic" rows are real rows neither part holds, so about half closer to learned rows is the truth
    real, kinds = load("seattle_weather")
    shuffled = real.sample(frac=1.0, random_state=1).reset_index(drop=True)
    synthetic, holdout, training = shuffled.iloc[:300], shuffled.iloc[300:530], shuffled.iloc[530:1450]

    # Run: the seed draws which learned rows stand beside the unseen ones
    shares = [
        dcr_overfitting_protection(training, holdout, synthetic, kinds, seed=s).closer_to_training for s in range(8)
    ]

    # Assert: one draw of them moved the share by 0.1 or more from seed to seed (read as memorising past 55%)
    assert max(shares) - min(shares) < 0.08  # 0.17 with one draw, 0.03 averaged over four
    assert abs(sum(shares) / len(shares) - 0.5) < 0.1  # which rows are unseen still moves it (0.44-0.55 here)
