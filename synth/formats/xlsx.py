"""Excel workbooks (.xlsx): the first sheet's cells on the way in; one formula-safe sheet on the way out."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.formats.archives import ZIP_MAGIC
from synth.formats.contract import FormatInfo, RawTable, is_missing, optional_import
from synth.formats.formulas import neutralise_formulas
from synth.limits import Limits

INFO = FormatInfo(
    name="xlsx",
    label="Excel",
    description="An Excel workbook with one sheet.",
    read_as="Excel workbook",
    article="an Excel workbook",
    extension="xlsx",
    read_extensions=("xlsx", "xlsm"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    download_label="Excel (.xlsx)",
    neutralises_formulas=True,
)
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # one sheet's size, header row included
MAX_PARTS = 10_000  # files inside the workbook's zip; a real workbook has a few dozen
CHECK_EVERY = 1_000  # rows between checks of the reading time and the stop request


def detect(data: bytes, file_name: str = "") -> bool:
    """A zip archive with a workbook part (a damaged zip is left to the refusal of unreadable archives)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        return False


def read(data: bytes, limits: Limits, **text_options: str | None) -> RawTable:
    """The header and raw cells of the first worksheet (openpyxl, cached values; macros and formulas never run)."""
    openpyxl = optional_import("openpyxl", "openpyxl", "Excel workbooks")
    _check_unpacked_size(data, limits)  # before openpyxl unpacks anything (it loads every shared string at once)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any damage in an untrusted workbook: one sentence, not a traceback
        raise InputError(
            "This Excel workbook cannot be opened (it may be damaged or password-protected). "
            "Save it again, or save it as CSV."
        ) from None
    try:
        if not book.worksheets:
            raise InputError("This Excel workbook has no worksheet with a table. Save the table as CSV.")
        sheet = book.worksheets[0]
        _check_dimension(sheet, limits)
        header, rows = _sheet_rows(sheet, limits)
        notes = [
            f"first sheet '{sheet.title}' read"
            + (
                f" (of {len(book.worksheets)}: to use another, move it first in Excel or save it as CSV)"
                if len(book.worksheets) > 1
                else ""
            )
        ]
    except InputError:
        raise
    except Exception:
        raise InputError(
            "This Excel workbook cannot be read (it may be damaged). Save it again, or save it as CSV."
        ) from None
    finally:
        book.close()
    width = max([len(header)] + [len(row) for row in rows])
    frame = pd.DataFrame([list(row) + [None] * (width - len(row)) for row in rows], columns=range(width))
    frame = frame.apply(_typed) if len(frame) else frame
    return RawTable([_cell_text(v) for v in header] + [""] * (width - len(header)), frame, tuple(notes))


EXCEL_DATES = (pd.Timestamp("1900-03-01"), pd.Timestamp("9999-12-31 23:59:59.999"))  # what a cell shows as a date


def _typed(column: pd.Series) -> pd.Series:
    """A column of cells in its values' type; time spans among other cells ('DNF' in a column of [h]:mm:ss race
    times) written as pandas writes a time span ('1 days 10:10:27'), which is read as durations, not as Python's
    '1 day, 10:10:27', which nothing reads."""
    column = column.infer_objects()
    if column.dtype == object:
        spans = column.map(lambda value: isinstance(value, dt.timedelta))
        if spans.any():
            column = column.where(~spans, column[spans].map(lambda value: str(pd.Timedelta(value))))
    return column


def _check_unpacked_size(data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack to more than the upload limit, from the zip's own directory.

    Python's zip reader never inflates a part beyond the size the directory declares for it, so this bounds
    what openpyxl can unpack, shared strings included."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return  # openpyxl refuses it with its own sentence
    if len(parts) > MAX_PARTS:
        raise InputError(
            f"This Excel workbook holds {len(parts):,} parts, far more than a table needs. Save the table as CSV."
        )
    limits.check_unpacked(sum(part.file_size for part in parts), "This Excel workbook")


def _check_dimension(sheet, limits: Limits) -> None:
    """Refuse a sheet whose declared size (its <dimension> element) is over the limits, before reading a row."""
    rows, columns = sheet.max_row, sheet.max_column  # from the sheet's header in read-only mode; None when absent
    if columns is not None:
        limits.check_columns(columns)
    if rows is not None:
        limits.check_rows(rows - 1, declared=True)  # the first row is the header


def _sheet_rows(sheet, limits: Limits) -> tuple[tuple, list[tuple]]:
    """The header and the non-empty rows, reading only the rows the file holds (openpyxl's iter_rows would walk
    every missing row up to the last one: days for one cell at row 999,999,999)."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book, check = sheet.parent, limits.reading_check()
    header: tuple | None = None
    rows = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for count, (number, cells) in enumerate(parser.parse(), start=1):
            if count % CHECK_EVERY == 0:
                check()
            if number - 1 > limits.max_table_rows:
                raise InputError(
                    f"The first sheet has a cell in row {number:,}; at most {limits.max_table_rows:,} rows can be "
                    "used. Keep a sample of the rows (or split the file) and try again."
                )
            row = _trim(_row_values(cells))
            if header is None:
                if row:
                    header = row
                    limits.check_columns(len(header))
                continue
            if row:
                limits.check_columns(len(row))
                rows.append(row)
    if header is None:
        raise InputError("The first sheet of this Excel workbook is empty. Put the table on the first sheet.")
    return header, rows


def _row_values(cells: list[dict]) -> tuple:
    """One row's values by column position, missing cells as None (at most Excel's 16,384 columns wide)."""
    if not cells:
        return ()
    width = max(cell["column"] for cell in cells)
    if width > MAX_COLUMNS:
        raise InputError("This Excel workbook has a cell past Excel's last column (it is damaged). Save it again.")
    values: list = [None] * width
    for cell in cells:
        values[cell["column"] - 1] = cell["value"]
    return tuple(values)


def _trim(row: tuple) -> tuple:
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not row[end - 1].strip())):
        end -= 1
    return tuple(row[:end])


def _cell_text(value) -> str:
    return "" if value is None else str(value)


def write(frame: pd.DataFrame) -> bytes:
    """An .xlsx workbook with one sheet; text that would run as a formula gets a leading quote."""
    openpyxl = optional_import("openpyxl", "openpyxl", "Excel workbooks")
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if len(frame) >= MAX_ROWS or frame.shape[1] > MAX_COLUMNS:
        raise InputError(
            "The table is too large for one Excel sheet (1,048,575 rows and 16,384 columns at most). "
            "Download it as CSV or Parquet instead."
        )
    safe = neutralise_formulas(frame)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("synthetic")

    def clean(value: Any) -> Any:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    sheet.append([clean(str(c)) for c in safe.columns])
    columns = [safe.iloc[:, i].astype(object).to_numpy() for i in range(safe.shape[1])]
    for row in zip(*columns, strict=True):
        sheet.append([clean(_cell(value)) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if not isinstance(value, str) and is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None) if value.tzinfo else value
        if not EXCEL_DATES[0] <= value <= EXCEL_DATES[1]:  # Excel cannot show it (0001-01-01, 9999-12-31 23:59:59.9999)
            return value.isoformat(sep=" ")
        return value.to_pydatetime()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).to_pydatetime()
    if isinstance(value, pd.Timedelta | np.timedelta64):  # a time span cell ([h]:mm:ss), as Excel wrote it
        return pd.Timedelta(value).to_pytimedelta()
    if isinstance(value, str | int | float | bool | dt.date | dt.datetime | dt.time):
        return value
    return str(value)
