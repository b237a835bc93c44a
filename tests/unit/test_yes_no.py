"""Yes/no cells: every word the kind detection takes for yes or no is read, and has a public spelling pair."""

import pandas as pd
import pytest

from synth.schema import detect_kinds
from synth.yes_no import FALSE_WORDS, TRUE_WORDS, boolean_meaning, boolean_spellings


@pytest.mark.parametrize(
    ("cell", "said"), [("Yes ", True), ("FALSE", False), ("ja", True), ("0", False), ("maybe", None)]
)
def test_a_cell_says_yes_or_no_whatever_its_case_and_spaces(cell, said):
    # Run / Assert
    assert boolean_meaning(cell) is said


def test_every_yes_no_word_is_in_a_spelling_pair_in_three_cases_and_says_its_side():
    # Run
    pairs = boolean_spellings()

    # Assert
    assert {true.lower() for true, _ in pairs} == TRUE_WORDS and {false.lower() for _, false in pairs} == FALSE_WORDS
    assert {("yes", "no"), ("Yes", "No"), ("YES", "NO"), ("True", "False"), ("1", "0")} <= set(pairs)
    assert all(boolean_meaning(true) is True and boolean_meaning(false) is False for true, false in pairs)
    assert len(pairs) == len(set(pairs))


def test_the_kind_detection_and_the_spellings_agree():
    # Setup: a column of each pair's words is taken for yes/no
    columns = {f"c{i}": [true, false] * 10 for i, (true, false) in enumerate(boolean_spellings())}

    # Run
    kinds = detect_kinds(pd.DataFrame(columns))

    # Assert
    assert set(kinds.values()) == {"boolean"}
