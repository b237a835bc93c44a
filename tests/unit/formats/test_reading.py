"""Reading uploads: every fixture of tests/data/intake/ with its expected outcome, plus overrides and limits."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.formats import LoadedTable, export_table, read_table, read_upload
from synth.formats.csv_numbers import MISSING_POLICY
from synth.limits import Limits
from synth.schema import detect_kinds

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "intake"
NOT_TEXT = "not a text table"

# file -> (rows, columns, words the one-line summary holds) for tables that load, or the refusal's words.
OUTCOMES = {
    "utf8_bom_crlf.csv": (2, ["id", "name", "price"], ["UTF-8 with BOM", "',' separated"]),
    "utf16_bom.csv": (2, ["id", "name"], ["UTF-16", "tab separated"]),
    "utf16le_no_bom.csv": (2, ["id", "name"], ["UTF-16 (no BOM)", "';' separated"]),
    "latin1_semicolon_decimal_comma.csv": (
        6,
        ["nom", "ville", "montant", "membre"],
        ["latin-1", "';' separated", "decimal comma"],
    ),
    "french_export.csv": (
        40,
        ["client_id", "nom", "email", "ville", "montant", "date_achat", "fidèle", "visites"],
        ["latin-1", "';' separated", "decimal comma"],
    ),
    "cp1252_euro.csv": (3, ["produit", "prix"], ["latin-1", "'€' signs removed"]),
    "tab_separated.tsv": (2, ["a", "b", "c"], ["tab separated"]),
    "pipe_separated.csv": (2, ["a", "b", "c"], ["'|' separated"]),
    "quoted_fields.csv": (3, ["id", "comment", "n"], ["',' separated"]),
    "thousands_comma.csv": (4, ["amount", "label"], ["thousands separated by ','"]),
    "thousands_dot_decimal_comma.csv": (4, ["montant", "x"], ["decimal comma", "thousands separated by '.'"]),
    "thousands_space.csv": (3, ["montant", "x"], ["decimal comma", "thousands separated by space"]),
    "missing_markers.csv": (6, ["x", "y", "z"], ["7 missing cells"]),
    "leading_zero_codes.csv": (3, ["postcode", "n"], []),
    "trailing_delimiter.csv": (3, ["a", "b", "c"], []),
    "cr_line_endings.csv": (2, ["a", "b"], []),
    "excel_sep_line.csv": (2, ["a", "b"], ["';' separated", "'sep=;'", "decimal comma"]),
    "dos_end_of_file_mark.csv": (2, ["a", "b"], []),
    "one_row.csv": (1, ["a", "b", "c"], []),
    "ragged_few.csv": (100, ["a", "b", "c"], ["2 rows with too few fields padded", "line 72"]),
    "empty_columns.csv": (3, ["a", "empty1", "b", "empty2", "empty3"], ["3 empty columns kept empty"]),
    "duplicate_headers.csv": (2, ["amount", "amount_2", "name", "name_2", "amount_3"], ["duplicate column names"]),
    "constant_column.csv": (6, ["country"], ["single value", "no separator found"]),
    "html_markdown_cells.csv": (2, ["<script>alert(1)</script>", "**bold**", "[link](http://x.test)"], []),
    "formula_cells.csv": (4, ["name", "value"], []),
    "xlsx_renamed.csv": (8, ["id", "city", "amount", "joined"], ["Excel workbook", "named .csv"]),
    "table.xlsx": (
        8,
        ["id", "city", "amount", "joined"],
        ["Excel workbook", "first sheet 'Customers' read (of 2: to use another, move it first"],
    ),
    "table.parquet": (8, ["id", "city", "score", "day"], ["Parquet file", "converted to UTC"]),
    "empty.csv": "The file is empty",
    "blank_lines_only.csv": "The file is empty",
    "header_only.csv": "header but no data rows",
    "binary.csv": NOT_TEXT,
    "png_renamed.csv": NOT_TEXT,
    "zip_renamed.csv": NOT_TEXT,
    "old_xls_renamed.csv": "old Excel (.xls)",
    "html_page.csv": NOT_TEXT,
    "json_renamed.csv": NOT_TEXT,
    "unclosed_quote.csv": "never closed",
    "ragged_many.csv": "10 of the 50 rows (20%) have a different number of fields",
    "all_columns_empty.csv": "Every column of the file is empty",
    "wide_2000_columns.csv": "2,000 columns; at most 500",
}


def _read(name: str, **options) -> LoadedTable:
    return read_table((FIXTURES / name).read_bytes(), file_name=name, limits=Limits(), **options)


def test_every_fixture_has_an_expected_outcome():
    # Assert
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(OUTCOMES)


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_fixture_gives_its_expected_outcome(name):
    # Setup
    expected = OUTCOMES[name]

    # Run / Assert
    if isinstance(expected, str):
        with pytest.raises(InputError, match=expected.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
            _read(name)
        return
    loaded = _read(name)
    rows, columns, words = expected
    assert list(loaded.frame.columns) == columns
    assert len(loaded.frame) == rows
    for word in words:
        assert word in loaded.summary


def test_latin1_semicolons_and_decimal_commas_give_the_right_values():
    # Run
    frame = _read("latin1_semicolon_decimal_comma.csv").frame

    # Assert
    assert frame["nom"].tolist() == ["André", "Zoë", "José", "Françoise", "Jürgen", "Chloé"]
    assert frame["ville"].tolist()[3] == "Nîmes"
    assert frame["montant"].tolist() == [12.5, 3.14, -7.25, 1234.56, 0.5, 100.0]
    assert frame["membre"].tolist() == ["oui", "non"] * 3


def test_euro_signs_are_decoded_and_prices_read_as_numbers():
    # Run
    frame = _read("cp1252_euro.csv").frame

    # Assert
    assert frame["produit"].tolist() == ["Café", "Thé", "Crème brûlée"]
    assert frame["prix"].tolist() == [2.5, 3.0, 6.9]


def test_bom_leaves_no_stray_character_in_the_first_header():
    # Run
    loaded = _read("utf8_bom_crlf.csv")

    # Assert
    assert loaded.frame.columns[0] == "id"
    assert loaded.frame["name"].tolist() == ["Café", "Thé"]
    assert loaded.encoding == "utf-8-sig"


def test_quoted_commas_quotes_and_newlines_stay_inside_their_cells():
    # Run
    frame = _read("quoted_fields.csv").frame

    # Assert
    assert frame["comment"].tolist() == ["a, b", 'she said "hi"', "two\nlines"]
    assert frame["n"].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("thousands_comma.csv", [1234.56, 12000.0, 999.5, -1000.0]),
        ("thousands_dot_decimal_comma.csv", [1234.56, 12000.0, 999.5, -1000000.25]),
        ("thousands_space.csv", [1234.5, 12000.0, 999.0]),
    ],
)
def test_thousands_separators_are_read_as_numbers(name, values):
    # Run
    frame = _read(name).frame

    # Assert
    assert frame.iloc[:, 0].tolist() == values


def test_missing_markers_follow_one_policy_and_keep_number_types():
    # Run
    loaded = _read("missing_markers.csv")

    # Assert
    assert pd.api.types.is_float_dtype(loaded.frame["x"]) and pd.api.types.is_float_dtype(loaded.frame["y"])
    assert loaded.frame["y"].isna().sum() == 3 and loaded.frame["x"].isna().sum() == 2
    assert loaded.frame["z"].isna().sum() == 2
    assert loaded.missing_cells == 7 and loaded.missing_policy == MISSING_POLICY
    assert "NA" in MISSING_POLICY and "null" in MISSING_POLICY and "'-'" in MISSING_POLICY


def test_codes_with_leading_zeros_stay_text():
    # Run
    frame = _read("leading_zero_codes.csv").frame

    # Assert
    assert frame["postcode"].tolist() == ["01234", "75001", "00501"]


def test_ragged_rows_are_padded_or_cut_and_counted_never_dropped():
    # Run
    loaded = _read("ragged_few.csv")

    # Assert
    assert loaded.ragged_rows == 3 and len(loaded.frame) == 100
    assert loaded.frame.iloc[[10, 50]]["c"].isna().all()
    assert any("extra values were left out" in note for note in loaded.notes)


def test_html_and_markdown_are_kept_as_literal_text():
    # Run
    frame = _read("html_markdown_cells.csv").frame

    # Assert
    assert frame.iloc[0].tolist() == ["<b>x</b>", "# title", "<img src=x onerror=alert(1)>"]
    assert frame.iloc[1].tolist() == ["| a | b |", "_under_", "`code`"]


def test_overrides_of_encoding_and_delimiter_win_over_detection():
    # Setup
    data = "name;amount\nAndré;1\nZoë;2\nJosé;3\n".encode("cp1252")

    # Run
    one_column = read_table(data, delimiter=",")
    latin = read_table(data, encoding="cp1252", delimiter="semicolon")

    # Assert
    assert list(one_column.frame.columns) == ["name;amount"]
    assert latin.frame["name"].tolist() == ["André", "Zoë", "José"] and latin.delimiter == ";"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"encoding": "klingon"}, "not an encoding name"),
        ({"encoding": "utf-8"}, "cannot be read as utf-8"),
        ({"delimiter": "ab"}, "cannot be a separator"),
    ],
)
def test_bad_overrides_give_plain_sentences(options, message):
    # Assert
    with pytest.raises(InputError, match=message):
        read_table("a;b\né;1\n".encode("cp1252"), **options)


def test_upload_limit_is_checked_first_and_says_the_limit():
    # Assert
    with pytest.raises(InputError, match="the upload limit is 1 MB"):
        read_table(b"a,b\n" + b"1,2\n" * 300_000, limits=Limits(max_bytes=1024 * 1024))


def test_rows_over_the_limit_are_read_and_flagged_for_sampling():
    # Run
    loaded = read_table(b"a,b\n" + b"1,2\n3,4\n" * 50, limits=Limits(max_rows=10))

    # Assert
    assert loaded.over_row_limit and len(loaded.frame) == 100
    assert "random sample" in loaded.summary


def test_read_upload_takes_the_file_name_as_a_hint():
    # Run
    loaded = read_upload((FIXTURES / "table.xlsx").read_bytes(), "table.xlsx")

    # Assert
    assert loaded.file_format == "xlsx" and loaded.encoding == "" and loaded.delimiter == ""


LABELS = ["x ", " y", "Y", "y", "a  b", "x ", "y"]


@pytest.mark.parametrize("kind", ["csv", "xlsx", "parquet"])
def test_labels_come_back_byte_for_byte_from_every_format(kind):
    # Setup
    frame = pd.DataFrame({"label": LABELS, "n": range(len(LABELS))})
    data = (
        export_table(frame, kind).data
        if kind != "csv"
        else ("label,n\n" + "".join(f"{label},{n}\n" for n, label in enumerate(LABELS))).encode()
    )

    # Run
    loaded = read_table(data, file_name=f"t.{kind}", limits=Limits())

    # Assert
    assert loaded.frame["label"].tolist() == LABELS
    assert loaded.frame["n"].tolist() == list(range(len(LABELS)))


def test_spaced_numbers_are_numbers_and_spaced_markers_are_missing():
    # Setup
    data = b"n,m,label\n 12 , NA ,a\n3,  ,b \n 4,5, \n"

    # Run
    frame = read_table(data, limits=Limits()).frame

    # Assert
    assert frame["n"].tolist() == [12, 3, 4]
    assert frame["m"].isna().tolist() == [True, True, False] and frame["m"].iloc[2] == 5
    assert frame["label"].iloc[:2].tolist() == ["a", "b "] and pd.isna(frame["label"].iloc[2])


def test_empty_columns_are_kept_empty_in_their_place_and_said_so():
    # Run
    loaded = _read("empty_columns.csv")

    # Assert
    assert loaded.frame[["empty1", "empty2", "empty3"]].isna().all().all()
    assert loaded.frame["b"].tolist() == ["x", "y", "z"]
    assert "3 empty columns kept empty ('empty1', 'empty2', 'empty3')" in loaded.summary
    assert "dropped" not in loaded.summary


def test_a_table_longer_than_the_row_ceiling_is_refused_on_reading():
    # Setup
    data = b"a,b\n" + b"1,2\n" * 11

    # Run
    with pytest.raises(InputError) as refused:
        read_table(data, limits=Limits(max_table_rows=10))

    # Assert
    assert str(refused.value).startswith("The table has 11 rows; at most 10 rows can be used.")
    assert len(read_table(data, limits=Limits(max_table_rows=11)).frame) == 11


def test_only_a_column_with_one_value_in_every_row_is_noted_as_carried_through():
    # Setup: 'note' holds 'ok' or a blank, so which rows are blank is learned; 'unit' is the same in every row
    data = "x,note,unit\n" + "".join(f"{i},{'ok' if i % 3 == 0 else ''},kg\n" for i in range(9))

    # Run
    loaded = read_table(data.encode(), delimiter=",")

    # Assert
    assert "'unit'" in loaded.summary and "carried through" in loaded.summary
    assert "'note'" not in loaded.summary


def _money(form, decimal: str) -> list[str]:
    amounts = np.random.default_rng(7).normal(1000, 800, 60).round(2)
    assert (amounts < 0).any() and (amounts > 0).any()

    def written(amount: float) -> str:
        text = f"{abs(amount):,.2f}"
        return text.translate(str.maketrans(",.", ".,")) if decimal == "," else text

    return [form(written(a), a < 0) for a in amounts]


@pytest.mark.parametrize(
    ("form", "decimal", "note"),
    [
        (lambda text, negative: ("-" if negative else "") + "$" + text, ".", ""),
        (lambda text, negative: f"({text})" if negative else text, ".", "in brackets, like (12.50), in 'x'"),
        (lambda text, negative: f"(${text})" if negative else f"${text}", ".", "in brackets, like (12.50), in 'x'"),
        (lambda text, negative: ("\u2212" if negative else "") + text.replace(".", " "), ",", ""),
        (lambda text, negative: text + ("-" if negative else ""), ",", "with the minus after them, like 12,50-"),
        (lambda text, negative: ("-" if negative else "") + "€" + text, ",", ""),
    ],
    ids=["-$1,100.58", "(1,100.58)", "($1,100.58)", "−1 100,58", "1.100,58-", "-€1.100,58"],
)
def test_money_columns_with_negatives_read_as_numbers_not_identifiers(form, decimal, note):
    # Setup: one column of 60 amounts around 1,000, some negative, as a spreadsheet writes them
    cells = _money(form, decimal)
    data = ("x\n" + "\n".join(f'"{cell}"' for cell in cells) + "\n").encode()
    expected = np.random.default_rng(7).normal(1000, 800, 60).round(2)

    # Run
    loaded = read_upload(data, "x.csv")
    kinds = detect_kinds(loaded.frame)

    # Assert
    assert kinds["x"] in ("decimal", "integer")
    assert loaded.frame["x"].tolist() == pytest.approx(expected.tolist())
    assert any(note in line and "read as negative numbers" in line for line in loaded.notes) == bool(note)


def _column(cells: list[str]) -> bytes:
    return ("x\n" + "\n".join(f'"{cell}"' for cell in cells) + "\n").encode()


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        (["1", "2", "3", "4-", "5-"] * 12, "category"),  # German school grades
        (["1", "2", "3", "(4)", "(5)"] * 12, "category"),  # footnote markers
        ([f"({se:.3f})" for se in np.random.default_rng(3).uniform(0.01, 2, 60)], "identifier"),  # standard errors
        ([f"({n})" if i % 3 == 0 else str(n) for i, n in enumerate(range(10_000, 70_000, 1_000))], "identifier"),
        ([f"{n}-" if i % 4 == 0 else str(n) for i, n in enumerate(range(100, 700, 10))], "identifier"),
    ],
    ids=["grades", "footnotes", "standard errors", "bracketed codes", "trailing-minus codes"],
)
def test_labels_in_brackets_or_with_a_trailing_minus_keep_their_kind_and_spelling(cells, kind):
    # Run
    loaded = read_upload(_column(cells), "x.csv")

    # Assert: before, '4-' read as -4 and '(0.123)' as -0.123
    assert detect_kinds(loaded.frame)["x"] == kind
    assert loaded.frame["x"].tolist() == cells
    assert not any("negative" in note for note in loaded.notes)


@pytest.mark.parametrize(
    ("cells", "expected", "note"),
    [
        (["(120)", "450", "(75)", "30"] * 15, [-120, 450, -75, 30] * 15, "in brackets, like (120), in 'x'"),
        (["10-", "25", "3-", "140", "7"] * 12, [-10, 25, -3, 140, 7] * 12, "with the minus after them, like 120-"),
        (
            ["(1,234.56)", "(45.00)", "(2,000.00)", "(3.10)"] * 15,
            [-1234.56, -45.0, -2000.0, -3.1] * 15,
            "in brackets, like (12.50), in 'x'",
        ),
    ],
    ids=["whole statement", "SAP quantities", "all negative with thousands"],
)
def test_whole_and_all_negative_amounts_read_as_numbers_with_a_note_of_their_shape(cells, expected, note):
    # Run
    loaded = read_upload(_column(cells), "x.csv")

    # Assert: before, these stayed text and became a category
    assert detect_kinds(loaded.frame)["x"] in ("integer", "decimal")
    assert loaded.frame["x"].tolist() == pytest.approx(expected)
    assert any(note in line and "read as negative numbers" in line for line in loaded.notes)


def _accounting(currency: str) -> tuple[list[str], list[float]]:
    amounts = np.random.default_rng(3).normal(100, 300, 60).round(2)
    amounts[::10] = 0
    zero = {"$": "$ -   ", "€": " -   € "}[currency]

    def written(amount: float) -> str:
        text = f"{abs(amount):,.2f}" if currency == "$" else f"{abs(amount):,.2f}".translate(str.maketrans(",.", ".,"))
        text = f"({text})" if amount < 0 else f"{text} "
        return zero if amount == 0 else (f"{currency} {text}" if currency == "$" else f" {text} {currency} ")

    return [written(a) for a in amounts], amounts.tolist()


@pytest.mark.parametrize(("currency", "decimal"), [("$", "."), ("€", ",")])
def test_excels_accounting_format_reads_as_decimals_with_its_dashes_as_zeros(currency, decimal):
    # Setup: '$ 225.43 ', '$ (666.70)', and zero written '$ -   ', as Excel saves its Accounting format to CSV
    cells, amounts = _accounting(currency)
    data = _column(cells).replace(b"\n", b"\r\n") if decimal == "." else _column(cells)

    # Run
    loaded = read_upload(data, "x.csv")

    # Assert: before, the dashes left the whole column as free text
    assert detect_kinds(loaded.frame)["x"] == "decimal"
    assert loaded.frame["x"].tolist() == pytest.approx(amounts)
    assert loaded.frame["x"].isna().sum() == 0
    zero = {"$": "'$ -'", "€": "'- €'"}[currency]
    assert f"{zero} in 'x' read as 0, as Excel's accounting format writes zero" in loaded.notes


def test_a_lone_dash_without_a_unit_stays_missing_beside_accounting_negatives():
    # Setup
    cells = [" -   ", "(666.70)", "225.43 ", "12.00 "] * 15
    data = ("k,x\n" + "".join(f'{i},"{cell}"\n' for i, cell in enumerate(cells))).encode()

    # Run
    loaded = read_upload(data, "x.csv")

    # Assert
    assert loaded.frame["x"].isna().sum() == 15
    assert not any("read as 0" in note for note in loaded.notes)
    assert loaded.frame["x"].dropna().tolist() == [-666.7, 225.43, 12.0] * 15


@pytest.mark.parametrize(
    ("write", "unit", "note"),
    [
        (lambda v: f"{v:.1f} kg", " kg", "the unit 'kg' removed from 'x'"),
        (lambda v: f"{v * 30:,.0f} sq ft", " sq ft", "the unit 'sq ft' removed from 'x'"),
        (lambda v: f"{v - 60:.1f}°C", "°C", "the unit '°C' removed from 'x'"),
        (lambda v: f"${v:.0f} USD", " USD", "'$' and 'USD' signs removed from 'x'"),
        (lambda v: f"{v / 30:.1f}/5", "/5", "the unit '/5' removed from 'x'"),
    ],
    ids=["kg", "sq ft", "°C", "$ USD", "/5"],
)
def test_numbers_with_a_unit_are_read_as_numbers_and_their_form_kept(write, unit, note):
    # Setup: 300 weights, areas, temperatures or salaries, each written with its unit (before: labels or free text)
    values = np.random.default_rng(5).normal(75, 12, 300)
    data = _column([write(v) for v in values])

    # Run
    loaded = read_upload(data, "x.csv")

    # Assert
    assert detect_kinds(loaded.frame)["x"] in ("decimal", "integer")
    assert any(note in line for line in loaded.notes)
    assert loaded.written_numbers["x"].positive[1] == unit
    assert loaded.written_numbers["x"].write(loaded.frame["x"]).tolist() == [write(v) for v in values]
