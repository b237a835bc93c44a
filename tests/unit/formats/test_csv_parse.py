"""Parsing decoded CSV text: header, ragged rows, decimal mark, codes with leading zeros, plain errors."""

import pytest

from synth.errors import InputError
from synth.formats.csv_parse import parse_csv_text
from synth.limits import Limits


def _parse(text: str, delimiter: str = ","):
    return parse_csv_text(text, delimiter, Limits())


def test_header_and_cells_come_back_with_positional_columns():
    # Run
    raw = _parse("a,b\n1,x\n2,y\n")

    # Assert
    assert raw.names == ["a", "b"]
    assert raw.frame[0].tolist() == [1, 2]
    assert raw.frame[1].tolist() == ["x", "y"]
    assert raw.ragged_rows == 0 and raw.notes == ()


def test_blank_lines_before_the_header_are_skipped():
    # Run
    raw = _parse("\n\na;b\n1;2\n", ";")

    # Assert
    assert raw.names == ["a", "b"]
    assert raw.frame.shape == (1, 2)


def test_a_few_short_rows_are_padded_and_counted_in_a_note():
    # Setup
    text = "a,b,c\n" + "1,2,3\n" * 40 + "4,5\n"

    # Run
    raw = _parse(text)

    # Assert
    assert raw.ragged_rows == 1
    assert raw.frame.shape == (41, 3)
    assert "too few fields padded" in raw.notes[0]


def test_many_ragged_rows_are_refused_in_plain_words():
    # Setup
    text = "a,b,c\n" + "1,2\n" * 10 + "1,2,3\n" * 10

    # Run / Assert
    with pytest.raises(InputError, match="different number of fields"):
        _parse(text)


def test_decimal_commas_are_read_as_numbers():
    # Run
    raw = _parse("price;qty\n1,5;2\n2,25;3\n", ";")

    # Assert
    assert raw.decimal == ","
    assert raw.frame[0].tolist() == [1.5, 2.25]


def test_codes_with_leading_zeros_stay_text():
    # Run
    raw = _parse("zip,n\n01234,1\n00501,2\n")

    # Assert
    assert 0 in raw.text_columns
    assert raw.frame[0].tolist() == ["01234", "00501"]


def test_an_unclosed_quote_is_one_plain_sentence():
    # Run / Assert
    with pytest.raises(InputError, match="quot"):
        _parse('a,b\n"never closed,1\n2,3\n')


def test_an_empty_text_is_refused():
    # Run / Assert
    with pytest.raises(InputError, match="empty"):
        _parse("\n\n")
