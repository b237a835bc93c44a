"""The three attacks together: copied rows are at risk, fresh real rows are not; figures, progress, when it runs."""

import json

import pandas as pd
import pytest

from synth.evaluate import ALL_EXTRAS, evaluate
from synth.evaluate.attack_risks import AttackRisks, AttackRisksResult, attack_risks
from synth.evaluate.base import Tables


@pytest.fixture(scope="module")
def thirds():
    from tests.unit.conftest import demo

    real, kinds = demo("seattle_weather")
    real = real.sample(frac=1.0, random_state=0).reset_index(drop=True)
    return real.iloc[:700], real.iloc[700:1100], real.iloc[1100:], kinds


def test_copied_training_rows_are_at_high_risk_and_fresh_real_rows_at_low_risk(thirds):
    # Setup
    training, control, fresh, kinds = thirds

    # Run
    copied = attack_risks(training, control, training.copy(), kinds, n_attacks=300, seed=0)
    unseen = attack_risks(training, control, fresh, kinds, n_attacks=300, seed=0)

    # Assert
    for name in ("singling_out_univariate", "singling_out_multivariate"):
        assert getattr(copied, name).risk > 0.9 and getattr(unseen, name).risk < 0.1
    column, worst = copied.worst_inference
    assert worst.risk > 0.9 and worst.ci_low > 0.8 and column in training.columns
    assert len(copied.inference) == len(training.columns)
    assert max(risk.risk for risk in unseen.inference.values()) < 0.15
    assert copied.linkability.risk > 0.3 and unseen.linkability.risk < 0.1
    assert AttackRisks.grade(copied) == "poor" and AttackRisks.grade(unseen) == "good"


def test_figures_are_plain_json_with_each_risk_and_its_interval(thirds):
    # Setup
    training, control, fresh, kinds = thirds

    # Run
    figures = attack_risks(training, control, fresh, kinds, n_attacks=100, seed=0).figures()

    # Assert
    attacks = json.loads(json.dumps(figures))["attacks"]
    for name in ("singling_out_univariate", "singling_out_multivariate", "linkability", "inference"):
        low, high = attacks[name]["ci"]
        assert 0 <= low <= attacks[name]["risk"] <= high <= 1
        assert attacks[name]["n_attacks"] == 100
    assert attacks["inference"]["column"] in attacks["inference_by_column"]
    assert sorted(sum(attacks["linkability_halves"], [])) == sorted(training.columns)


def test_progress_runs_from_zero_to_one(thirds):
    # Setup
    training, control, fresh, kinds = thirds
    seen = []

    # Run
    attack_risks(training, control, fresh.head(200), kinds, n_attacks=50, progress=lambda f, m: seen.append(f))

    # Assert
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_it_needs_a_holdout_and_runs_only_when_asked(thirds):
    # Setup
    training, control, fresh, kinds = thirds

    # Run
    default = evaluate(training, fresh, kinds, holdout=control)
    asked = evaluate(training, fresh.head(200), kinds, holdout=control, extras=("attacks",))
    without_holdout = evaluate(training, fresh, kinds, extras=("attacks",))

    # Assert
    assert "attacks" not in default.results and "attacks" not in default.extras
    assert isinstance(asked.results["attacks"], AttackRisksResult) and "attacks" in asked.privacy
    assert "attacks" not in without_holdout.results and "attacks" in ALL_EXTRAS
    assert not AttackRisks.can_run(Tables(training, fresh, kinds))


def test_no_learned_column_no_risk():
    # Setup
    frame = pd.DataFrame({"notes": ["a", "b"]})

    # Run
    result = attack_risks(frame, frame, frame, {"notes": "text"})

    # Assert
    assert result.highest_risk is None and result.risks() == {} and result.figures()["attacks"]["n_attacks"] == 500
