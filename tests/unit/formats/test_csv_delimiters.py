"""Delimiter sniffing, the user's choice in words or characters, and how a summary names it."""

import pytest

from synth.errors import InputError
from synth.formats.csv_delimiters import delimiter_from_choice, delimiter_text, sniff_delimiter


def test_delimiter_is_sniffed_over_many_rows_with_quotes_respected():
    # Setup: the first rows hold commas in quoted text; only the semicolon splits every row alike
    text = 'name;comment;amount\n"Smith, John";"fine, thanks";1,5\n' + "".join(
        f'"Doe, Jane {i}";"ok; really";{i},25\n' for i in range(30)
    )

    # Run / Assert
    assert sniff_delimiter(text) == ";"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1,5;2;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b\n1|2\n", "|"),
        ("name\nSmith, John\nDoe, Jane\n", ","),
    ],
)
def test_common_delimiters_are_found(text, delimiter):
    # Assert
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("choice", "delimiter"), [(",", ","), ("tab", "\t"), ("\\t", "\t"), ("\t", "\t"), ("Semicolon", ";"), ("pipe", "|")]
)
def test_delimiter_choices_in_words_or_characters(choice, delimiter):
    # Assert
    assert delimiter_from_choice(choice) == delimiter


@pytest.mark.parametrize("choice", ["ab", '"', ""])
def test_a_choice_that_is_not_one_character_is_refused_plainly(choice):
    # Assert
    with pytest.raises(InputError, match="cannot be a separator"):
        delimiter_from_choice(choice)


def test_summary_names_tab_in_words_and_other_delimiters_quoted():
    # Assert
    assert delimiter_text("\t") == "tab separated" and delimiter_text(";") == "';' separated"
