"""CSV: any encoding, delimiter and decimal mark on the way in; UTF-8 with BOM, formula-safe, on the way out."""

from __future__ import annotations

import dataclasses

import pandas as pd

from synth.date_ticks import iso_text, written_before_1000
from synth.errors import InputError
from synth.formats.contract import Export, FormatInfo, RawTable
from synth.formats.csv_delimiters import delimiter_from_choice, sniff_delimiter
from synth.formats.csv_parse import parse_csv_text
from synth.formats.csv_text import decode, refuse_binary, refuse_non_table_text, strip_excel_marks
from synth.formats.formulas import neutralise_formulas
from synth.formats.written_numbers import WrittenNumbers
from synth.limits import Limits

INFO = FormatInfo(
    name="csv",
    label="CSV",
    description="Text table that any tool opens; UTF-8 unless you choose the input's encoding.",
    read_as="CSV",
    article="a text table",
    extension="csv",
    read_extensions=("csv", "tsv", "txt"),
    mime="text/csv",
    download_label="Download synthetic data (CSV)",
    neutralises_formulas=True,
)


def detect(data: bytes, file_name: str = "") -> bool:
    """Text tables carry no signature: CSV is what remains when no other format claims the bytes (read refuses
    what is not text)."""
    return True


def read(data: bytes, limits: Limits, *, encoding: str | None = None, delimiter: str | None = None) -> RawTable:
    """Decode, sniff the delimiter (unless given) and parse; refuse what is not a text table."""
    refuse_binary(data)
    text, codec = decode(data, encoding)
    refuse_non_table_text(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, named = strip_excel_marks(text)
    notes = []
    if named and not delimiter:
        notes.append(f"separator named by the file's first line 'sep={named}'")
    chosen = delimiter_from_choice(delimiter) if delimiter else named or sniff_delimiter(text)
    parsed = parse_csv_text(text, chosen, limits)
    if parsed.frame.shape[1] == 1 and not delimiter:
        notes.append("no separator found: read as one column")
    return dataclasses.replace(parsed, notes=(*notes, *parsed.notes), encoding=codec)


def write(
    frame: pd.DataFrame,
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
    decimal: str = ".",
    written: dict[str, WrittenNumbers] | None = None,
) -> bytes:
    """CSV, UTF-8 with BOM by default (Excel then reads accents right); the input's encoding and marks on request,
    and number columns in the form they were read from (written: '$1,100.58', '79.1 kg'), where they hold numbers."""
    if delimiter == decimal:
        decimal = "."
    text = _as_written(frame, neutralise_formulas(_early_dates_as_text(frame)), written or {}).to_csv(
        index=False, sep=delimiter, decimal=decimal, lineterminator="\r\n"
    )
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        raise InputError(
            f"Some values (such as '{error.object[error.start : error.end]}') cannot be written in "
            f"{encoding}. Download the CSV in UTF-8 instead."
        ) from None
    except LookupError:
        raise InputError(f"'{encoding}' is not an encoding name. Download the CSV in UTF-8 instead.") from None


def _as_written(frame: pd.DataFrame, safe: pd.DataFrame, written: dict[str, WrittenNumbers]) -> pd.DataFrame:
    """safe (frame with formulas neutralised, names too) with frame's number columns written as they were read, by
    position: each cell is written from a number ('-$12.50' is an amount, not a formula), and a name such as '-log
    kg' is quoted in safe. Columns no longer holding numbers (kind changed) are left as they are."""
    formed = [
        (position, column)
        for position, column in enumerate(frame.columns)
        if column in written and pd.api.types.is_numeric_dtype(frame.iloc[:, position].dtype)
    ]
    if not formed:
        return safe
    out = safe.copy()
    for position, column in formed:
        out.isetitem(position, written[column].write(frame.iloc[:, position]))
    return out


def _early_dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns holding a year before 1000 (0001-01-01 marking no date) written as ISO text with four-digit years."""
    early = [
        c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c]) and written_before_1000(frame[c])
    ]
    if not early:
        return frame
    out = frame.copy()
    for column in early:
        out[column] = iso_text(frame[column])
    return out


def csv_like_input(
    frame: pd.DataFrame,
    encoding: str,
    delimiter: str,
    decimal: str = ".",
    base_name: str = "synthetic",
    written: dict[str, WrittenNumbers] | None = None,
) -> Export:
    """CSV in the input's own encoding, delimiter and decimal mark (falls back to UTF-8 for Excel/Parquet inputs),
    its numbers written as the input wrote them (written: LoadedTable.written_numbers)."""
    data = write(
        frame, encoding=encoding or "utf-8-sig", delimiter=delimiter or ",", decimal=decimal or ".", written=written
    )
    return Export(data, INFO.file_name(base_name), INFO.mime)
