"""Yes/no cells: every word the kind detection takes for yes or no is read, and has a public spelling pair."""

import pandas as pd
import pytest

from synth.schema import detect_kinds
from synth.yes_no import FALSE_WORDS, TRUE_WORDS, boolean_meaning, boolean_spellings


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("Yes ", True),
        ("FALSE", False),
        ("ja", True),
        ("0", False),
        ("maybe", None),
        (1.0, True),
        ("0.0", False),
        ("2", None),
    ],
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


def test_a_column_forced_to_yes_no_must_say_yes_or_no():
    # Setup: red/blue set to yes/no on the Columns page came back as invented true/false words
    from synth.errors import InputError
    from synth.schema import validate_kinds

    frame = pd.DataFrame({"colour": ["red", "blue"] * 5, "flag": [1.0, 0.0, None, 1.0, 0.0] * 2})

    # Run / Assert
    with pytest.raises(InputError, match="'colour' cannot be treated as yes/no"):
        validate_kinds(frame, {"colour": "boolean"})
    assert validate_kinds(frame, {"flag": "boolean"}) == {"flag": "boolean"}
