"""Excel: detection by the workbook part, the first sheet's cells, and a formula-safe one-sheet writer."""

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from synth.errors import InputError
from synth.formats import export_table, read_table, xlsx
from synth.limits import Limits
from tests.data.hostile_files import crafted_workbook


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


HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'
FAR_ROW = '<row r="999999999"><c r="A999999999"><v>1</v></c></row>'


@pytest.mark.parametrize("dimension", ["A1:A999999999", None, "A1:A2"])
def test_one_cell_at_row_999999999_is_refused_at_once(dimension):
    # Setup: a 2 KB workbook; its sheet says it is that long, or says nothing, or lies that it is short
    data = crafted_workbook(HEADER_ROW + FAR_ROW, dimension)

    # Run
    with pytest.raises(InputError) as refused:
        read_table(data, file_name="far.xlsx", limits=Limits())

    # Assert: one sentence with the limit, no walk through a billion empty rows, nothing silently dropped
    assert len(data) < 5_000
    assert "999,999,99" in str(refused.value) and "at most 1,000,000 rows" in str(refused.value)


def test_a_workbook_that_unpacks_past_the_upload_limit_is_refused_before_unpacking():
    # Setup: a few KB on the wire, 3 MB once unpacked, with an upload limit of 1 MB
    data = crafted_workbook(HEADER_ROW, filler=3 * 1024 * 1024)

    # Run
    with pytest.raises(InputError) as refused:
        read_table(data, file_name="balloon.xlsx", limits=Limits(max_bytes=1024 * 1024))

    # Assert
    assert len(data) < 20_000
    assert str(refused.value).startswith("This Excel workbook unpacks to 3.0 MB, more than the upload limit of 1 MB")


def test_a_sheet_declared_wider_than_the_limit_is_refused_before_reading():
    # Setup
    data = crafted_workbook(HEADER_ROW, "A1:ZZ3")

    # Assert
    with pytest.raises(InputError, match="702 columns; at most 500"):
        read_table(data, file_name="wide.xlsx", limits=Limits())


def test_reading_a_sheet_stops_when_asked():
    # Setup: the app's stop check raises Streamlit's own control exception, which is not an error
    class Stopped(BaseException):
        pass

    def stop():
        raise Stopped

    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 3_000))
    data = crafted_workbook(HEADER_ROW + rows)

    # Assert
    with pytest.raises(Stopped):
        read_table(data, file_name="long.xlsx", limits=Limits(stop=stop))
    assert len(read_table(data, file_name="long.xlsx", limits=Limits()).frame) == 2_998


def test_reading_a_sheet_stops_at_the_time_limit():
    # Setup
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 3_000))
    data = crafted_workbook(HEADER_ROW + rows)

    # Assert
    with pytest.raises(InputError, match="took longer than 0 seconds and was stopped"):
        read_table(data, file_name="long.xlsx", limits=Limits(max_read_s=1e-9))


def test_time_spans_among_other_cells_read_as_durations_and_made_ones_go_back_as_time_span_cells():
    # Setup: [h]:mm:ss race times with one 'DNF' cell, as results sheets hold
    import datetime as dt

    from openpyxl import Workbook

    from synth import schema

    book = Workbook()
    book.active.append(["race_time"])
    for total in range(3600, 3600 + 60 * 1237, 1237):
        book.active.append([dt.timedelta(seconds=total)])
        book.active.cell(book.active.max_row, 1).number_format = "[h]:mm:ss"
    book.active.append(["DNF"])
    buffer = io.BytesIO()
    book.save(buffer)

    # Run
    frame = read_table(buffer.getvalue(), file_name="race.xlsx").frame
    kinds = schema.detect_kinds(frame)
    spans = pd.DataFrame({"took": pd.to_timedelta([30 * 3600 + 5, 59, None], unit="s")})
    written = load_workbook(io.BytesIO(export_table(spans, "xlsx").data)).active

    # Assert: before, the cells read as Python's '1 day, 10:10:27', an identifier, and spans were written as text
    assert frame["race_time"].iloc[0] == "0 days 01:00:00" and kinds == {"race_time": "integer"}
    assert schema.to_model_frame(frame, kinds)["race_time"].isna().tolist() == [False] * 60 + [True]  # 'DNF'
    assert written["A2"].value == dt.timedelta(hours=30, seconds=5) and "mm:ss" in written["A2"].number_format


def test_dates_excel_cannot_show_are_written_as_iso_text():
    # Setup
    import numpy as np

    dates = pd.Series(np.array(["0001-01-01", "2021-05-03", "9999-12-31T23:59:59.999999"], dtype="datetime64[us]"))

    # Run
    sheet = load_workbook(io.BytesIO(export_table(pd.DataFrame({"d": dates}), "xlsx").data)).active

    # Assert: before, 0001-01-01 became serial -693593 (shown #####) and the last a cell openpyxl reads as an error
    assert [sheet["A2"].value, sheet["A4"].value] == ["0001-01-01 00:00:00", "9999-12-31 23:59:59.999999"]
    assert sheet["A3"].is_date
