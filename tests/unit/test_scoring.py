"""Scoring a table made elsewhere: identifiers and values that single out a person are checked for real values."""

import pandas as pd

from synth.scoring import checked_for_real_values, evaluate_tables, near_unique


def test_values_that_single_out_a_person_are_near_unique_towns_are_not():
    # Run / Assert
    assert near_unique(pd.Series([f"p{i}@x.org" for i in range(50)]))
    assert not near_unique(pd.Series(["Lyon", "Nice"] * 25))
    assert not near_unique(pd.Series([None, None]))


def test_identifiers_and_near_unique_personal_columns_are_checked_for_real_values():
    # Setup
    frame = pd.DataFrame(
        {"id": range(40), "email": [f"p{i}@x.org" for i in range(40)], "town": ["Lyon", "Nice"] * 20, "n": range(40)}
    )
    kinds = {"id": "identifier", "email": "personal", "town": "personal", "n": "integer"}

    # Run / Assert
    assert checked_for_real_values(frame, kinds) == ["id", "email"]


def test_a_table_scored_against_itself_is_faithful_and_recorded_as_made_elsewhere(small_table):
    # Run
    result = evaluate_tables(small_table, small_table.copy(), table_name="t.csv")

    # Assert
    assert result.evaluation.quality.overall > 0.95
    assert result.record["generator"] == "external" and result.record["table"] == "t.csv"
