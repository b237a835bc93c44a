"""CSV: detection as the fallback, reading through the text helpers, and the formula-safe writer."""

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.formats import csv, csv_like_input, export_table, read_table
from synth.limits import Limits


def test_csv_is_utf8_with_bom_formula_safe_and_round_trips(table):
    # Run
    data, file_name, mime = export_table(table, "csv", "my data.csv")
    back = read_table(data, file_name=file_name).frame

    # Assert
    assert file_name == "my_data.csv" and mime == "text/csv" and data.startswith(b"\xef\xbb\xbf")
    assert list(back.columns) == list(table.columns)
    assert back["name"].tolist()[:2] == ['\'=HYPERLINK("x")', "Zoë"]
    assert back["note"].tolist() == ["'+33 6 12", "'@risk", "'\tcmd"]
    assert back["amount"].tolist()[:2] == [-1.5, 2.25] and back["debt"].tolist() == [-3, 4, 5]
    assert back["joined"].tolist()[:2] == ["31/01/2024", "01/02/2024"]
    assert back["member"].tolist() == ["Oui", "Non", "Oui"]


def test_csv_in_the_inputs_encoding_delimiter_and_decimal_comma(table):
    # Run
    data, _, _ = csv_like_input(table, "cp1252", ";", ",")
    loaded = read_table(data)

    # Assert
    assert "Zoë".encode("cp1252") in data and b"-1,5" in data
    assert loaded.delimiter == ";" and loaded.frame["amount"].tolist()[:2] == [-1.5, 2.25]


def test_csv_like_an_excel_or_parquet_input_falls_back_to_utf8_commas(table):
    # Run
    data, file_name, mime = csv_like_input(table, "", "", "")

    # Assert
    assert data == export_table(table, "csv").data and file_name == "synthetic.csv" and mime == "text/csv"


def test_csv_in_an_encoding_that_cannot_hold_a_value_says_so():
    # Assert
    with pytest.raises(InputError, match="cannot be written in cp1252"):
        csv.write(pd.DataFrame({"city": ["東京"]}), encoding="cp1252")


def test_csv_claims_whatever_no_other_format_does_and_reads_its_notes():
    # Run
    raw = csv.read("sep=;\nname;amount\nZoë;1,5\n".encode("cp1252"), Limits())

    # Assert
    assert csv.detect(b"anything") and raw.encoding == "cp1252" and raw.delimiter == ";" and raw.decimal == ","
    assert raw.names == ["name", "amount"] and raw.notes == ("separator named by the file's first line 'sep=;'",)


def test_dates_before_the_year_1000_are_written_with_four_digit_years():
    # Setup: 0001-01-01 marking 'no date' (.NET's DateTime.MinValue), kept by a Parquet column in microseconds
    days = pd.Series(np.array(["0001-01-01", "2021-05-03", "NaT"], dtype="datetime64[us]"))
    times = pd.Series(np.array(["0001-01-01T08:30", "2021-05-03T12:00:00.5", "NaT"], dtype="datetime64[us]"))

    # Run
    text = csv.write(pd.DataFrame({"day": days, "at": times})).decode("utf-8-sig")

    # Assert: before, '1-01-01', which nothing reads back as a date
    assert text.splitlines() == [
        "day,at",
        "0001-01-01,0001-01-01 08:30:00.000",
        "2021-05-03,2021-05-03 12:00:00.500",
        ",",
    ]


def test_csv_like_the_input_writes_money_and_units_as_the_input_wrote_them():
    # Setup: a file of amounts, weights and labels, read, then made values in its columns
    rows = [f"{'-' if i % 2 else ''}${1000 + i:,}.58;{70 + i},5 kg;{'=cmd' if i == 0 else 'x'}" for i in range(12)]
    data = ("amount;weight;label\r\n" + "\r\n".join(rows) + "\r\n").encode("cp1252")
    loaded = read_table(data)
    made = pd.DataFrame({"amount": [-2500.5, 12.0], "weight": [81.25, np.nan], "label": ["-2+3", "y"]})

    # Run
    out, _, _ = csv_like_input(made, loaded.encoding, loaded.delimiter, loaded.decimal, written=loaded.written_numbers)

    # Assert: each number as the input wrote it (not quoted as a formula); text still neutralised
    assert loaded.frame["amount"].tolist()[:2] == [1000.58, -1001.58] and loaded.frame["weight"][0] == 70.5
    lines = out.decode("cp1252").splitlines()
    assert lines[1:] == ["-$2,500.50;81,2 kg;'-2+3", "$12.00;;y"]
    assert read_table(out).frame["amount"].tolist() == [-2500.5, 12.0]


def test_a_column_whose_kind_changed_to_text_is_written_as_it_is():
    # Setup
    loaded = read_table(b"amount\n$1.50\n$2.25\n")
    made = pd.DataFrame({"amount": ["1.5", "2.25"]})

    # Run
    out, _, _ = csv_like_input(made, loaded.encoding, loaded.delimiter, loaded.decimal, written=loaded.written_numbers)

    # Assert
    assert out.decode("utf-8").splitlines()[1:] == ["1.5", "2.25"]


def test_a_number_column_named_like_a_formula_keeps_its_form():
    # Setup: the name is quoted ("'-log kg"), the values are still written with their unit
    loaded = read_table(("-log kg\n" + "\n".join(f"{v}.5 kg" for v in range(70, 82)) + "\n").encode())
    made = pd.DataFrame({"-log kg": [71.5, 80.0]})

    # Run
    out, _, _ = csv_like_input(made, loaded.encoding, loaded.delimiter, loaded.decimal, written=loaded.written_numbers)

    # Assert
    assert out.decode("utf-8").splitlines() == ["'-log kg", "71.5 kg", "80.0 kg"]
