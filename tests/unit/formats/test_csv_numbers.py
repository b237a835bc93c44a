"""Numbers with decimal commas, thousands separators and unit signs; missing markers."""

import pandas as pd
import pytest

from synth.formats.csv_numbers import (
    MISSING_MARKERS,
    accounting_zero,
    file_decimal_mark,
    negative_note,
    tidy_text,
    to_numbers,
)


@pytest.mark.parametrize(
    ("values", "hint", "expected"),
    [
        (["3,14", "2,5", "10"], ",", [3.14, 2.5, 10.0]),
        (["1.234,56", "12.000", "999,5"], ",", [1234.56, 12000.0, 999.5]),
        (["1,234.56", "12,000", "999.5"], ".", [1234.56, 12000.0, 999.5]),
        (["1 234", "12 000", "999"], ",", [1234, 12000, 999]),
        (["1\u00a0234,5", "12\u202f000"], ",", [1234.5, 12000.0]),
        (["1'234.50", "99"], ".", [1234.5, 99.0]),
        (["1,234", "2,500"], ".", [1234, 2500]),
        (["1,234", "2,500"], ",", [1.234, 2.5]),
        (["1.234", "2.500"], ",", [1234, 2500]),
        (["1.234", "2.500"], ".", [1.234, 2.5]),
        (["-1.000.000,25", "+3"], ",", [-1000000.25, 3.0]),
        (["2,50 €", "3 €"], ",", [2.5, 3.0]),
        (["$1,200", "$3"], ".", [1200, 3]),
        (["12%", "3.5%"], ".", [12.0, 3.5]),
        (["1e3", "2.5E-1"], ".", [1000.0, 0.25]),
        # a unit of measure every value of a column of ten values or more carries
        ([f"{v}.1 kg" for v in range(70, 80)], ".", [v + 0.1 for v in range(70, 80)]),
        ([f"{v}.2°C" for v in range(-5, 5)], ".", [v + (0.2 if v >= 0 else -0.2) for v in range(-5, 5)]),
        ([f"{v:,} sq ft" for v in range(600, 6000, 500)], ".", list(range(600, 6000, 500))),
        ([f"{v},5 kg" for v in range(70, 80)], ",", [v + 0.5 for v in range(70, 80)]),
        ([f"{v / 10}/5" for v in range(40, 50)], ".", [v / 10 for v in range(40, 50)]),
        ([f"{v}.5kWh" for v in range(1, 11)], ".", [v + 0.5 for v in range(1, 11)]),
    ],
)
def test_number_formats_are_read(values, hint, expected):
    # Run
    numbers, _, _, _ = to_numbers(pd.Series(values, dtype=object), hint)

    # Assert
    assert numbers.tolist() == pytest.approx(expected)


@pytest.mark.parametrize(
    "values",
    [
        ["05.01.2024", "06.01.2024"],
        ["192.168.1.1", "10.0.0.1"],
        ["1.2.3", "2.0"],
        ["00123", "45"],
        ["12 34", "5"],
        ["a1", "2"],
        ["SKU 12", "SKU 3"],
        ["1", "2 €"],
        ["inf", "1"],
        # negatives in brackets or with a trailing minus only around a number: labels, phone numbers, ranges
        ["(a)", "(b)"],
        ["(555) 123-4567", "(212) 555-0100"],
        ["(555)123-4567", "(212)555-0100"],
        ["(1)", "(2)", "(3)"],  # list labels: no positive value and no unit says these are amounts
        ["1-", "2-"],
        ["-12", "(12)"],  # two ways of writing negatives in one column
        ["(12)", "3-"],
        ["(-5)", "3"],
        ["-$-5", "$3"],
        ["($12", "$3"],
        ["(00123)", "5"],
        ["10-20", "30-40"],
        # units: only one that every value carries, after the number, in a column of ten values or more, never with
        # brackets or a trailing minus; single letters, decades and days of a month are no units
        ["1.2 GB", "850 MB"] * 6,
        [f"{v} kg" for v in range(10)] + ["80"],
        [f"{v} kg" for v in range(9)] + ["8  kg"],  # nine values, one written twice
        ["100m", "400m", "1500m"],
        ["8GB", "16GB", "32GB"],
        [f"{v}K" for v in range(1, 12)],
        [f"{v}d" for v in range(310, 330)],
        [f"{v}M" for v in range(600, 700, 7)],
        [f"{v}s" for v in range(1900, 2000, 10)],
        [f"{v}/5" for v in range(1, 13)],
        [f"({v} min)" if v % 3 else f"{v} min" for v in range(10, 30)],
        [f"({v / 100} kg)" for v in range(10, 30)],
        ["12A", "12B"],
        ["1st", "2nd", "3rd"],
        ["Berlin", "Dublin"],
        ["kg 12", "kg 3"],
        ["4.3/5", "8/10"],
    ],
)
def test_text_that_only_looks_numeric_stays_text(values):
    # Assert
    assert to_numbers(pd.Series(values, dtype=object), ",") is None
    assert to_numbers(pd.Series(values, dtype=object), ".") is None


def test_whole_complete_columns_become_integers_and_gaps_floats():
    # Run
    whole, _, _, _ = to_numbers(pd.Series(["1", "2"], dtype=object), ".")
    gaps, _, _, _ = to_numbers(pd.Series(["1", None], dtype=object), ".")

    # Assert
    assert str(whole.dtype) == "int64" and str(gaps.dtype) == "float64"


def test_file_decimal_mark_follows_unmistakable_cells():
    # Assert
    assert file_decimal_mark(["3,14", "0,5", "abc", "1.234"]) == ","
    assert file_decimal_mark(["3.14", "1,234.5", "x"]) == "."
    assert file_decimal_mark(["1,234", "1.234"]) == "."


def test_every_missing_marker_in_any_capitals_and_spaces_is_missing():
    # Setup
    markers = [variant for m in MISSING_MARKERS for variant in (m, m.lower(), m.upper(), f"  {m} ")]

    # Run
    tidy = tidy_text(pd.Series(markers + ["kept", " padded ", "   "], dtype=object))

    # Assert
    assert tidy.isna().sum() == len(markers) + 1
    assert tidy.dropna().tolist() == ["kept", " padded "]


def test_text_keeps_its_exact_spelling_spaces_and_capitals():
    # Setup
    values = pd.Series(["x ", " x", "X", "x", "a  b", "\tx", "n/a x"], dtype=object)

    # Run
    tidy = tidy_text(values)

    # Assert
    assert tidy.tolist() == values.tolist()


def test_numbers_with_surrounding_spaces_are_still_numbers():
    # Run
    numbers, _, _, _ = to_numbers(tidy_text(pd.Series([" 12 ", "3", "\u00a04,5 "], dtype=object)), ",")

    # Assert
    assert numbers.tolist() == [12.0, 3.0, 4.5]


@pytest.mark.parametrize(
    ("values", "hint", "expected"),
    [
        (["12", "-3.5", ".5", "+7", "8."], ".", [12.0, -3.5, 0.5, 7.0, 8.0]),  # plain: the quick reading
        (["1.234", "2.500"], ",", [1234, 2500]),  # a ',' hint never takes the quick reading: '.' groups thousands
        (["012", "3.5"], ".", None),  # a leading zero is a code, on the quick reading as on the general one
        (["٣", "4"], ".", None),  # digits of other scripts go the general way, which leaves them text
    ],
)
def test_plain_numbers_read_as_the_general_reading_does(values, hint, expected):
    # Run
    found = to_numbers(pd.Series(values, dtype=object), hint)

    # Assert
    assert (found if found is None else found[0].tolist()) == expected


def test_a_column_with_a_value_without_digits_is_text():
    # Setup: every other value a number
    values = pd.Series(["1", "2", "3", "n/a?"], dtype=object)

    # Run
    found = to_numbers(values, ".")

    # Assert
    assert found is None


@pytest.mark.parametrize(
    ("values", "hint", "expected", "negatives"),
    [
        (["-$1,100.58", "$894.32"], ".", [-1100.58, 894.32], ""),  # US Excel currency: the sign before the symbol
        (["- $12.50", "$3"], ".", [-12.5, 3.0], ""),
        (["-€12,50", "€3"], ",", [-12.5, 3.0], ""),
        (["-CHF 12.50", "CHF 3"], ".", [-12.5, 3.0], ""),
        (["\u22121 234,56", "894,32"], ",", [-1234.56, 894.32], ""),  # the minus sign U+2212
        (["(1,100.58)", "894.32"], ".", [-1100.58, 894.32], "brackets"),
        (["($1,100.58)", "$894.32"], ".", [-1100.58, 894.32], "brackets"),
        (["$(1,100.58)", "$894.32"], ".", [-1100.58, 894.32], "brackets"),
        (["(12,50 €)", "3 €"], ",", [-12.5, 3.0], "brackets"),
        (["(12.5%)", "3%"], ".", [-12.5, 3.0], "brackets"),
        (["(12.50)", "3.00"], ".", [-12.5, 3.0], "brackets"),  # without a unit, amounts written with cents
        (["(1,234)", "5,678"], ".", [-1234, 5678], "brackets"),  # or with thousands separated
        (["$ 225.43", "$ (666.70)", "$ -"], ".", [225.43, -666.7, 0.0], "brackets"),  # Excel's accounting format
        ([" $ 225.43 ", "$ (666.70)", " $ -   ", "$-"], ".", [225.43, -666.7, 0.0, 0.0], "brackets"),
        (["€ (1.234,56)", "€ 3,00", "€ -"], ",", [-1234.56, 3.0, 0.0], "brackets"),
        (["(1 234,56 €)", "3,00 €", "- €"], ",", [-1234.56, 3.0, 0.0], "brackets"),
        (["USD 12.50", "USD -"], ".", [12.5, 0.0], ""),
        (["1.234,56-", "894,32"], ",", [-1234.56, 894.32], "trailing minus"),  # SAP and German exports
        (["1,100.58-", "894.32"], ".", [-1100.58, 894.32], "trailing minus"),
    ],
)
def test_negative_amounts_are_read_in_each_usual_form(values, hint, expected, negatives):
    # Run
    numbers, _, _, form = to_numbers(pd.Series(values, dtype=object), hint)

    # Assert
    assert numbers.tolist() == pytest.approx(expected)
    assert form == negatives


@pytest.mark.parametrize(
    "values",
    [
        ["1", "2", "3", "4-", "5-"],  # German school grades
        ["1", "2", "(4)"],  # footnote markers
        ["(0.123)", "(1.5)"],  # standard errors, as regression tables write them
        ["(12.50)", "(3.00)"],  # only bracketed decimals, no unit: standard errors as much as amounts
        ["(73960)", "95847"],  # bracketed codes
        ["690-", "678"],
        ["(12)", "3.50"],  # a bracketed whole number without a unit or thousands separator
    ],
)
def test_numbers_in_brackets_or_with_a_trailing_minus_need_a_unit_cents_or_thousands_to_be_negative(values):
    # Assert: before, these read as negative numbers ('4-' -> -4, '(0.123)' -> -0.123)
    assert to_numbers(pd.Series(values, dtype=object), ",") is None
    assert to_numbers(pd.Series(values, dtype=object), ".") is None


@pytest.mark.parametrize(
    ("values", "hint", "expected"),
    [
        (["(120)", "450", "(75)", "30"], ".", [-120, 450, -75, 30]),  # a statement in $ millions, no cents
        (["10-", "25", "3-", "140", "7"], ",", [-10, 25, -3, 140, 7]),  # SAP quantities
        (["(1,234.56)", "(45.00)", "(2,000.00)", "(3.10)"], ".", [-1234.56, -45.0, -2000.0, -3.1]),  # all negative
        (["1.234,56-", "45,00-"], ",", [-1234.56, -45.0]),
    ],
    ids=["whole statement", "SAP quantities", "all bracketed with thousands", "all trailing minus with thousands"],
)
def test_negatives_without_a_unit_read_as_amounts_when_whole_or_all_negative_with_thousands(values, hint, expected):
    # Run: before, each stayed text (then a category or free text, and lost)
    numbers, _, _, form = to_numbers(pd.Series(values, dtype=object), hint)

    # Assert
    assert numbers.tolist() == pytest.approx(expected)
    assert form in ("brackets", "trailing minus")


@pytest.mark.parametrize(
    "values",
    [
        ["(0.123)", "(0.456)"],  # standard errors: '0.123' is no thousands group, whatever the hint
        ["(12)", "(45)", "(120)"],  # whole numbers, all bracketed: labels as much as amounts
        ["(120)", "(450)", "300", "(750)"],  # all of one width: codes as much as amounts
        ["(73960)", "(10234)", "95847", "123"],  # long codes
        ["12-", "3", "20", "(4)"],  # two forms
    ],
)
def test_whole_negatives_without_a_unit_stay_text_when_they_may_be_labels_or_codes(values):
    # Assert
    assert to_numbers(pd.Series(values, dtype=object), ",") is None
    assert to_numbers(pd.Series(values, dtype=object), ".") is None


@pytest.mark.parametrize(
    ("form", "decimal", "negatives", "example"),
    [
        ("brackets", ".", ["(120)", "(75)"], "like (120)"),
        ("trailing minus", ",", ["10-", "3-"], "like 120-"),
        ("brackets", ".", ["(12.50)", "(3)"], "like (12.50)"),
        ("trailing minus", ",", ["1.234,56-"], "like 12,50-"),
    ],
)
def test_the_negative_note_shows_the_shape_of_the_column(form, decimal, negatives, example):
    # Run
    note = negative_note(form, "x", decimal, pd.Series(negatives, dtype=object))

    # Assert
    assert example in note and note.endswith("in 'x' read as negative numbers")


@pytest.mark.parametrize(
    "values",
    [
        ["-", "12.50"],  # a lone dash without a unit is a missing marker, never a zero
        ["$ -", "€ 12.50"],  # a dash with another currency than the column's
        ["$ -", "12.50"],
        ["% -", "12.5%"],  # Excel's accounting format writes a currency, not a percent
        ["$ - -", "$ 12.50"],
    ],
)
def test_only_a_dash_with_the_columns_currency_reads_as_zero(values):
    # Assert
    assert to_numbers(pd.Series(values, dtype=object), ".") is None


def test_accounting_zero_gives_the_spelling_met_for_the_note():
    # Setup
    values = pd.Series(["$ 1.00", " $ -   ", None, "$ -"], dtype=object)

    # Run
    found = accounting_zero(values)

    # Assert
    assert found == "$ -"
    assert accounting_zero(pd.Series(["$ 1.00", "$ 2.00"], dtype=object)) == ""
