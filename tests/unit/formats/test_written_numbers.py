"""A number column's written form: read from its text, then made numbers written in it as the input wrote them."""

import pandas as pd
import pytest

from synth.formats.csv_numbers import to_numbers
from synth.formats.written_numbers import written_numbers


def _form(cells: list[str], decimal: str = "."):
    texts = pd.Series(cells, dtype=object)
    numbers, (mark, _), _, _ = to_numbers(texts, decimal)
    return written_numbers(texts, numbers, mark), numbers


@pytest.mark.parametrize(
    ("cells", "decimal"),
    [
        (["-$1,100.58", "$676.59", "$12.00", "$1,226,000.10"], "."),  # US currency, minus before the sign
        (["(1,234.56)", "450.00", "(0.50)", "2,000.00"], "."),  # accounting brackets
        (["($1,234.56)", "$450.00"], "."),
        (["$ (666.70)", "$ 12.00"], "."),  # brackets inside the sign
        (["1.234,56-", "12,50", "3.000,00"], ","),  # SAP's trailing minus
        (["\u22121\u00a0234,56", "2\u00a0000,00", "12,00"], ","),  # the minus sign and no-break spaces
        (["12,50 €", "-3,00 €", "1.234,00 €"], ","),
        (["USD 1,079.44", "USD 3.10"], "."),
        ([f"{v}.1 kg" for v in range(70, 80)] + ["-0.5 kg"], "."),
        ([f"{v:,} sq ft" for v in range(600, 6000, 500)], "."),
        (["+9.9%", "-2.5%", "+0.1%"], "."),
        ([f"{v / 10}/5" for v in range(30, 50)], "."),
        (["$1,200", "$3.50", "$17"], "."),  # cents only where there are some
    ],
)
def test_made_numbers_are_written_back_exactly_as_the_input_wrote_them(cells, decimal):
    # Setup
    form, numbers = _form(cells, decimal)

    # Run
    written = form.write(numbers)

    # Assert
    assert written.tolist() == cells and not form.plain


def test_new_values_take_the_columns_separators_decimals_and_negative_form():
    # Setup
    form, _ = _form(["(1,234.56)", "450.00"])

    # Run
    written = form.write(pd.Series([-7.5, 1234567.891, 0.0, None]))

    # Assert
    assert written.tolist() == ["(7.50)", "1,234,567.89", "0.00", None]


def test_excels_accounting_zero_is_written_as_the_input_wrote_it():
    # Setup
    form, numbers = _form(["$ 12.50", "$ -", "-$ 3.00"])

    # Assert
    assert form.zero == "$ -" and form.write(pd.Series([0.0, 4.0])).tolist() == ["$ -", "$ 4.00"]


def test_a_column_of_negatives_only_gets_a_positive_form_without_its_sign():
    # Setup
    form, _ = _form(["($1,200.00)", "($3.50)"])

    # Assert
    assert form.write(pd.Series([2.0, -2.0])).tolist() == ["$2.00", "($2.00)"]


@pytest.mark.parametrize("cells", [["12", "-3", "4"], ["1e3", "2.5E-1"]])
def test_numbers_a_csv_writer_writes_alike_or_in_scientific_notation_need_no_form(cells):
    # Run
    form, _ = _form(cells)

    # Assert
    assert form is None or form.plain


def test_signs_of_the_positive_form_never_reach_zeros_or_negatives():
    # Setup: every real value positive and written with '+'
    form, _ = _form(["+2.5%", "+3.1%", "+0.4%"])

    # Run
    written = form.write(pd.Series([-7.25, 0.0, -0.001, 1.5]))

    # Assert: '-7.2%', not '-+7.2%'; no sign on a value written as zero
    assert written.tolist() == ["-7.2%", "0.0%", "0.0%", "+1.5%"]


def test_a_value_that_rounds_to_zero_is_written_as_zero_not_as_a_negative():
    # Setup
    form, _ = _form(["(1,234.56)", "450.00"])

    # Assert
    assert form.write(pd.Series([-0.001, -0.0])).tolist() == ["0.00", "0.00"]


@pytest.mark.parametrize(
    ("cells", "said"),
    [
        ([f"{v}.1 kg" for v in range(70, 80)], "written like 12.5 kg"),
        (["(1,234.56)", "450.00"], "written like 12.50, negatives like (12.50)"),
        (["-$1.00", "$2.00"], "written like $12.50"),
    ],
)
def test_the_form_is_shown_on_a_value_with_negatives_where_they_are_written_otherwise(cells, said):
    # Setup
    form, _ = _form(cells)

    # Assert
    assert form.example(-12.5) == said
