"""Wilson score intervals and the residual risk, at their extremes and against statsmodels."""

import pytest

from synth.evaluate.attack_stats import SuccessRate, attack_risk, residual, success_rate


@pytest.mark.parametrize(("total", "success"), [(100, 50), (500, 7), (37, 36), (1000, 999)])
def test_wilson_interval_agrees_with_statsmodels(total, success):
    # Setup
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(success, total, alpha=0.05, method="wilson")

    # Run
    rate = success_rate(total, success)

    # Assert
    assert rate.value - rate.error == pytest.approx(low, abs=1e-9)
    assert rate.value + rate.error == pytest.approx(high, abs=1e-9)


def test_wilson_interval_at_no_and_at_every_success():
    # Run
    none, every = success_rate(500, 0), success_rate(500, 500)

    # Assert: the interval touches 0 (or 1) exactly, and the centre is pulled slightly inwards
    assert none.value - none.error == pytest.approx(0.0, abs=1e-12) and 0 < none.value < 0.01
    assert every.value + every.error == pytest.approx(1.0, abs=1e-12) and 0.99 < every.value < 1


def test_bad_inputs_are_refused():
    # Assert
    with pytest.raises(ValueError):
        success_rate(0, 0)
    with pytest.raises(ValueError):
        success_rate(10, 5, confidence=1.5)


def test_residual_is_the_gain_over_the_control_attack():
    # Run
    same = residual(SuccessRate(0.3, 0.0), SuccessRate(0.3, 0.0))
    half = residual(SuccessRate(0.6, 0.0), SuccessRate(0.2, 0.0))

    # Assert
    assert same.value == pytest.approx(0.0)
    assert half.value == pytest.approx(0.5)  # (0.6 - 0.2) / (1 - 0.2)


def test_risk_is_bounded_and_extreme_counts_give_extreme_risks():
    # Run
    leaked = attack_risk(500, 500, 500, 3, 500, 0)
    nothing = attack_risk(500, 20, 500, 3, 500, 40)  # control does better than the main attack
    even = attack_risk(500, 100, 500, 3, 500, 100)

    # Assert
    assert leaked.risk > 0.98 and leaked.ci_high == 1.0 and leaked.beats_baseline
    assert nothing.risk == 0.0 and nothing.ci_low == 0.0
    assert even.risk == pytest.approx(0.0, abs=1e-12) and 0 < even.ci_high < 0.1
    assert set(leaked.figures()) >= {"risk", "ci", "attack_rate", "baseline_rate", "control_rate", "n_attacks"}


def test_an_attack_no_better_than_guessing_is_flagged():
    # Assert
    assert not attack_risk(100, 5, 100, 30, 100, 5).beats_baseline
