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
