"""Download formats for a table (CSV, Excel, Parquet) behind one registry; each returns bytes, file name and MIME."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.io import neutralise_formulas


class Export(NamedTuple):
    data: bytes
    file_name: str
    mime: str


@dataclass(frozen=True)
class ExportFormat:
    name: str
    label: str
    description: str
    build: Callable[..., Export]


def _stem(base_name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", base_name.rsplit(".", 1)[0] if "." in base_name else base_name).strip("._")
    return stem or "synthetic"


def csv_export(
    frame: pd.DataFrame,
    base_name: str = "synthetic",
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    decimal: str = ".",
) -> Export:
    """CSV, UTF-8 with BOM by default (Excel then reads accents right); the input's encoding and marks on request."""
    if delimiter == decimal:
        decimal = "."
    text = neutralise_formulas(frame).to_csv(index=False, sep=delimiter, decimal=decimal, lineterminator="\r\n")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        raise InputError(
            f"Some values (such as '{error.object[error.start : error.end]}') cannot be written in "
            f"{encoding}. Download the CSV in UTF-8 instead."
        ) from None
    except LookupError:
        raise InputError(f"'{encoding}' is not an encoding name. Download the CSV in UTF-8 instead.") from None
    return Export(data, f"{_stem(base_name)}.csv", "text/csv")


def excel_export(frame: pd.DataFrame, base_name: str = "synthetic") -> Export:
    """An .xlsx workbook with one sheet; text that would run as a formula gets a leading quote."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if len(frame) >= 1_048_576 or frame.shape[1] > 16_384:
        raise InputError(
            "The table is too large for one Excel sheet (1,048,575 rows and 16,384 columns at most). "
            "Download it as CSV or Parquet instead."
        )
    safe = neutralise_formulas(frame)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("synthetic")

    def clean(value: Any) -> Any:
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    sheet.append([clean(str(c)) for c in safe.columns])
    columns = [safe.iloc[:, i].astype(object).to_numpy() for i in range(safe.shape[1])]
    for row in zip(*columns, strict=True):
        sheet.append([clean(_cell(value)) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return Export(
        buffer.getvalue(),
        f"{_stem(base_name)}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _cell(value: Any) -> Any:
    if not isinstance(value, str) and _missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value).to_pydatetime()
    if isinstance(value, str | int | float | bool | dt.date | dt.datetime | dt.time):
        return value
    return str(value)


def parquet_export(frame: pd.DataFrame, base_name: str = "synthetic") -> Export:
    """A Parquet file with the table's types (no formula neutralising: spreadsheets do not open Parquet)."""
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if series.dtype == object:  # mixed Python types: keep text as text, missing as missing
            out.isetitem(position, series.map(lambda v: None if _missing(v) else v if isinstance(v, str) else str(v)))
    buffer = io.BytesIO()
    out.to_parquet(buffer, index=False, engine="pyarrow")
    return Export(buffer.getvalue(), f"{_stem(base_name)}.parquet", "application/vnd.apache.parquet")


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


EXPORTS: dict[str, ExportFormat] = {
    "csv": ExportFormat(
        "csv", "CSV", "Text table that any tool opens; UTF-8 unless you choose the input's encoding.", csv_export
    ),
    "xlsx": ExportFormat("xlsx", "Excel", "An Excel workbook with one sheet.", excel_export),
    "parquet": ExportFormat(
        "parquet", "Parquet", "Compact typed file for data tools (pandas, Spark, DuckDB).", parquet_export
    ),
}


def export_table(frame: pd.DataFrame, format_name: str = "csv", base_name: str = "synthetic", **options: Any) -> Export:
    """The table in one of the registered formats; options go to the format (CSV: encoding, delimiter, decimal)."""
    if format_name not in EXPORTS:
        raise InputError(f"'{format_name}' is not a download format. Choose one of: {', '.join(EXPORTS)}.")
    return EXPORTS[format_name].build(frame, base_name, **options)


def csv_like_input(
    frame: pd.DataFrame, encoding: str, delimiter: str, decimal: str = ".", base_name: str = "synthetic"
) -> Export:
    """CSV in the input's own encoding, delimiter and decimal mark (falls back to UTF-8 for Excel/Parquet inputs)."""
    return csv_export(
        frame, base_name, encoding=encoding or "utf-8-sig", delimiter=delimiter or ",", decimal=decimal or "."
    )
