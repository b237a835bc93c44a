"""Excel: detection by the workbook part, the first sheet's cells, and a formula-safe one-sheet writer."""

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from synth.errors import InputError
from synth.formats import export_table, read_table, xlsx
from synth.limits import Limits


def test_excel_keeps_numbers_as_numbers_and_text_formulas_inert(table):
    # Run
    data, file_name, mime = export_table(table, "xlsx")
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
    back = read_table(xlsx.write(table), file_name="x.xlsx").frame

    # Assert
    assert list(back.columns) == list(table.columns)
    assert back["debt"].tolist() == [-3, 4, 5] and back["member"].tolist() == ["Oui", "Non", "Oui"]


def test_only_a_zip_with_a_workbook_part_is_excel():
    # Setup
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("table.csv", "a,b\n1,2\n")

    # Assert
    assert xlsx.detect(xlsx.write(pd.DataFrame({"a": [1]})))
    assert not xlsx.detect(buffer.getvalue()) and not xlsx.detect(b"PK\x03\x04 damaged") and not xlsx.detect(b"a,b")


def test_a_sheet_wider_than_the_limit_is_refused():
    # Setup
    data = xlsx.write(pd.DataFrame({f"c{i}": [i] for i in range(6)}))

    # Assert
    with pytest.raises(InputError, match="6 columns; at most 5"):
        xlsx.read(data, Limits(max_columns=5))
