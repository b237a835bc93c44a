"""Tell CSV, Excel and Parquet uploads apart by their bytes, and read the two binary formats safely."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from synth.errors import InputError
from synth.io_text import NOT_TEXT
from synth.limits import Limits

FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel workbook", "parquet": "Parquet file"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ARTICLES = {"csv": "a text table", "xlsx": "an Excel workbook", "parquet": "a Parquet file"}


def file_format(data: bytes, file_name: str | None = None) -> tuple[str, list[str]]:
    """'csv', 'xlsx' or 'parquet' from the content (the name is only a hint), and a note when they disagree."""
    name = (file_name or "").lower()
    found = "csv"
    if data.startswith(_ZIP_MAGIC):
        found = _zip_kind(data)
    elif data.startswith(b"PAR1") and data.endswith(b"PAR1") and len(data) > 8:
        found = "parquet"
    elif name.endswith(".parquet") and data.startswith(b"PAR1"):
        raise InputError("This Parquet file is cut short or damaged. Export it again.")
    notes = []
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    expected = {"xlsx": "xlsx", "xlsm": "xlsx", "parquet": "parquet", "csv": "csv", "tsv": "csv", "txt": "csv"}
    if extension in expected and expected[extension] != found:
        notes.append(f"the file is named .{extension} but is {_ARTICLES[found]}: read as such")
    return found, notes


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        raise InputError(f"This file is a damaged zip or Excel archive, {NOT_TEXT}. Save it again as CSV.") from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        raise InputError(
            f"This file is an OpenDocument spreadsheet (.ods), {NOT_TEXT}. "
            "Save it as CSV or as an Excel .xlsx workbook."
        )
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise InputError(f"This file is a word-processor document, {NOT_TEXT}. Export the table as CSV.")
    raise InputError(f"This file is a zip archive, {NOT_TEXT}. Unzip it and choose the CSV inside.")


def read_xlsx(data: bytes, limits: Limits) -> tuple[list[str], pd.DataFrame, list[str]]:
    """The header and raw cells of the first worksheet (openpyxl, cached values; macros and formulas never run)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any damage in an untrusted workbook: one sentence, not a traceback
        raise InputError(
            "This Excel workbook cannot be opened (it may be damaged or password-protected). "
            "Save it again, or save it as CSV."
        ) from None
    try:
        if not book.worksheets:
            raise InputError("This Excel workbook has no worksheet with a table. Save the table as CSV.")
        sheet = book.worksheets[0]
        header, rows = _sheet_rows(sheet, limits)
        notes = [
            f"first sheet '{sheet.title}' read" + (f" (of {len(book.worksheets)})" if len(book.worksheets) > 1 else "")
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
    frame = frame.apply(lambda column: column.infer_objects()) if len(frame) else frame
    return [_cell_text(v) for v in header] + [""] * (width - len(header)), frame, notes


def _sheet_rows(sheet, limits: Limits) -> tuple[tuple, list[tuple]]:
    header: tuple | None = None
    rows = []
    for row in sheet.iter_rows(values_only=True):
        row = _trim(row)
        if header is None:
            if row:
                header = row
                _check_columns(len(header), limits)
            continue
        if row:
            _check_columns(len(row), limits)
            rows.append(row)
    if header is None:
        raise InputError("The first sheet of this Excel workbook is empty. Put the table on the first sheet.")
    return header, rows


def _trim(row: tuple) -> tuple:
    end = len(row)
    while end and (row[end - 1] is None or (isinstance(row[end - 1], str) and not row[end - 1].strip())):
        end -= 1
    return tuple(row[:end])


def _cell_text(value) -> str:
    return "" if value is None else str(value)


def _check_columns(count: int, limits: Limits) -> None:
    if count > limits.max_columns:
        raise InputError(
            f"The table has {count:,} columns; at most {limits.max_columns:,} can be used. "
            "Keep only the columns you need and try again."
        )


def read_parquet(data: bytes, limits: Limits) -> tuple[pd.DataFrame, list[str]]:
    """The table of a Parquet file (pyarrow; plain column data, nothing is unpickled)."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        _check_columns(parquet.metadata.num_columns, limits)
        frame = parquet.read().to_pandas()
    except InputError:
        raise
    except Exception:  # damaged or exotic files from untrusted uploads: one sentence
        raise InputError(
            "This Parquet file cannot be read (it may be damaged or use an unsupported type). "
            "Export it again, or export the table as CSV."
        ) from None
    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    notes = []
    for column in frame.columns:
        series = frame[column]
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            frame[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)
            notes.append(f"times in '{column}' converted to UTC")
        elif isinstance(series.dtype, pd.CategoricalDtype) or pd.api.types.is_timedelta64_dtype(series):
            frame[column] = series.astype(object).where(series.notna(), None).map(lambda v: v if v is None else str(v))
        elif pd.api.types.is_extension_array_dtype(series.dtype) and pd.api.types.is_numeric_dtype(series.dtype):
            if not pd.api.types.is_bool_dtype(series.dtype):
                frame[column] = series.astype(float) if series.isna().any() else series.to_numpy()
        elif pd.api.types.is_string_dtype(series.dtype):
            frame[column] = series.astype(object)
    return frame, notes
