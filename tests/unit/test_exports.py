"""Each download format on its own: bytes, file name, MIME, formula safety and a round trip."""

import io

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from synth.errors import InputError
from synth.exports import EXPORTS, csv_export, csv_like_input, excel_export, export_table, parquet_export
from synth.io import read_table


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": pd.array([1, 2, None], dtype="Int64"),
            "name": ['=HYPERLINK("x")', "Zoë", None],
            "note": ["+33 6 12", "@risk", "\tcmd"],
            "amount": [-1.5, 2.25, np.nan],
            "debt": [-3, 4, 5],
            "joined": ["31/01/2024", "01/02/2024", None],
            "member": ["Oui", "Non", "Oui"],
        }
    )


def test_every_registered_format_has_a_label_a_description_and_is_tested_here():
    # Assert
    assert set(EXPORTS) == {"csv", "xlsx", "parquet"}
    assert all(spec.label and spec.description for spec in EXPORTS.values())


def test_csv_is_utf8_with_bom_formula_safe_and_round_trips(table):
    # Run
    data, file_name, mime = csv_export(table, "my data.csv")
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


def test_csv_in_an_encoding_that_cannot_hold_a_value_says_so():
    # Assert
    with pytest.raises(InputError, match="cannot be written in cp1252"):
        csv_export(pd.DataFrame({"city": ["東京"]}), encoding="cp1252")


def test_excel_keeps_numbers_as_numbers_and_text_formulas_inert(table):
    # Run
    data, file_name, mime = excel_export(table)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))

    # Assert
    assert file_name == "synthetic.xlsx" and mime.endswith("spreadsheetml.sheet")
    assert rows[0] == tuple(table.columns)
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][2] == "'+33 6 12"
    assert rows[1][3] == -1.5 and rows[1][4] == -3 and rows[3][0] is None
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_excel_round_trip_keeps_names_order_and_values(table):
    # Run
    back = read_table(excel_export(table).data, file_name="x.xlsx").frame

    # Assert
    assert list(back.columns) == list(table.columns)
    assert back["debt"].tolist() == [-3, 4, 5] and back["member"].tolist() == ["Oui", "Non", "Oui"]


def test_parquet_keeps_types_and_exact_text(table):
    # Run
    data, file_name, mime = parquet_export(table)
    back = pd.read_parquet(io.BytesIO(data))

    # Assert
    assert file_name == "synthetic.parquet" and mime == "application/vnd.apache.parquet"
    assert str(back["id"].dtype) == "Int64" and back["name"].tolist()[0] == '=HYPERLINK("x")'
    pd.testing.assert_frame_equal(back, table, check_dtype=False)


def test_parquet_of_mixed_python_values_does_not_fail():
    # Run
    data = parquet_export(pd.DataFrame({"mixed": [1, "a", None, 2.5]})).data

    # Assert
    assert pd.read_parquet(io.BytesIO(data))["mixed"].tolist() == ["1", "a", None, "2.5"]


def test_export_table_dispatches_and_refuses_unknown_formats(table):
    # Assert
    assert export_table(table, "xlsx", "out").file_name == "out.xlsx"
    with pytest.raises(InputError, match="not a download format"):
        export_table(table, "pdf")
