"""Privacy findings: copies of real rows beyond a fresh sample's, reused identifiers, attacks beyond chance."""

import pandas as pd

from synth.evaluate import evaluate
from synth.judging import POOR
from synth.privacy_findings import attack_findings, copy_finding, privacy_findings


def _tables(small_table: pd.DataFrame):
    kinds = {"height": "decimal", "weight": "decimal", "visits": "integer", "city": "category", "member": "category"}
    real = small_table[list(kinds)]
    return real.iloc[:100].reset_index(drop=True), real.iloc[100:].reset_index(drop=True), kinds


def test_copies_of_learned_rows_are_a_poor_finding_and_unseen_rows_none(small_table):
    # Setup
    training, holdout, kinds = _tables(small_table)

    # Run
    copied = evaluate(training, training.copy(), kinds, holdout=holdout)
    fresh = evaluate(training, holdout, kinds, holdout=holdout)

    # Assert
    finding = copy_finding(copied)
    assert finding is not None and finding.grade == POOR and "exact copies" in finding.reason
    assert any(f.grade == POOR for f in privacy_findings(copied))
    assert copy_finding(fresh) is None and privacy_findings(fresh) == []


def test_no_attacks_measured_is_no_finding():
    # Run / Assert
    assert attack_findings(None) == []


def test_rows_closer_to_learned_ones_say_what_share_is_ideal(small_table):
    # Setup
    training, holdout, kinds = _tables(small_table)

    # Run: every synthetic row is a learned row, so each lies closer to a learned row than to an unseen one
    reasons = [f.reason for f in privacy_findings(evaluate(training, training.copy(), kinds, holdout=holdout))]

    # Assert: the share comes with its yardstick, so a reader knows whether it is high
    closer = [r for r in reasons if "closer to a learned row" in r]
    assert closer and "about half is ideal" in closer[0]


def test_copies_of_learned_rows_beyond_unseen_ones_are_amber_on_the_card_as_in_the_verdict():
    # Setup: rows repeat across the halves (every unseen row equals a learned one), and the synthetic table also
    # copies 50 of the 100 learned rows no unseen row has
    from synth.score_lines import privacy_lines
    from synth.verdict import CHECK, decide

    common = pd.DataFrame({"a": [1.0, 2.0, 3.0] * 300, "b": ["x", "y"] * 450})
    training = pd.concat([common, pd.DataFrame({"a": range(100, 200), "b": "z"})], ignore_index=True)
    holdout = pd.DataFrame({"a": [1.0, 2.0, 3.0] * 300, "b": ["y", "x"] * 450})
    synthetic = pd.concat([common.head(850), training.tail(50)], ignore_index=True)
    kinds = {"a": "decimal", "b": "category"}

    # Run
    evaluation = evaluate(training, synthetic, kinds, holdout=holdout)
    verdict = decide(evaluation)

    # Assert
    card = next(line for line in privacy_lines(evaluation) if line.label.startswith("Copies: learned rows"))
    assert any("a sign of memorising" in r for r in verdict.privacy_reasons)
    assert verdict.privacy == CHECK and card.light == "amber"
