"""Read any registered format's bytes into a LoadedTable: limits, detection, then one tidy-up and notes for all."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.errors import InputError
from synth.formats.contract import RawTable
from synth.formats.csv_delimiters import delimiter_text
from synth.formats.csv_numbers import (
    MISSING_POLICY,
    accounting_zero,
    format_note,
    negative_note,
    tidy_text,
    to_numbers,
    unit_note,
)
from synth.formats.csv_text import encoding_label
from synth.formats.detect import file_format
from synth.formats.registry import format_module
from synth.formats.stored_types import StoredType
from synth.formats.written_numbers import WrittenNumbers, written_numbers
from synth.limits import Limits, size_text


@dataclass(frozen=True)
class LoadedTable:
    """A table as read, and what was guessed or fixed to read it (each note is a short phrase)."""

    frame: pd.DataFrame
    encoding: str  # the codec that decoded a CSV ('utf-8', 'utf-8-sig', 'cp1252', ...); '' for Excel/Parquet
    delimiter: str  # '' for Excel/Parquet
    notes: tuple[str, ...] = field(default_factory=tuple)
    file_format: str = "csv"
    decimal: str = "."
    ragged_rows: int = 0
    missing_cells: int = 0
    over_row_limit: bool = False
    stored_types: dict[str, StoredType] = field(default_factory=dict)  # Parquet: each column's own type, by name
    # Text read as numbers that a CSV writer would not write alike ('$1,100.58', '79.1 kg', '$12.50'), by name
    written_numbers: dict[str, WrittenNumbers] = field(default_factory=dict)

    @property
    def summary(self) -> str:
        """One line: 'latin-1 (Windows-1252), ';' separated, decimal comma, 3 empty columns kept empty'."""
        if self.file_format != "csv":
            parts = [format_module(self.file_format).INFO.read_as]
        else:
            parts = [encoding_label(self.encoding), delimiter_text(self.delimiter)]
        return ", ".join(parts + list(self.notes))

    @property
    def missing_policy(self) -> str:
        """What was read as missing, in the terms of this file's format (a Parquet file has nulls, not empty cells)."""
        return format_module(self.file_format).INFO.missing_policy or MISSING_POLICY


def read_upload(
    data: bytes,
    file_name: str | None = None,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    limits: Limits | None = None,
) -> LoadedTable:
    """Same as read_table, with the file name as the first hint of its format."""
    return read_table(data, encoding=encoding, delimiter=delimiter, file_name=file_name, limits=limits)


def read_table(
    data: bytes,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    file_name: str | None = None,
    limits: Limits | None = None,
) -> LoadedTable:
    """Read CSV, Excel (.xlsx, first sheet) or Parquet bytes; refuse what is not a table with one plain sentence."""
    limits = limits or Limits.from_env()
    if len(data) > limits.max_bytes:
        raise InputError(
            f"The file is {size_text(len(data))}; the upload limit is {limits.max_megabytes}. "
            "Keep only the rows and columns you need, or ask your administrator to raise the limit."
        )
    if not data or not data[:65_536].strip() and not data.strip():
        raise InputError("The file is empty. Choose a CSV file with a header row and some data.")
    kind, notes = file_format(data, file_name)
    raw = format_module(kind).read(data, limits, encoding=encoding, delimiter=delimiter)
    return _finish(raw, notes, limits, kind)


def _finish(raw: RawTable, notes: list[str], limits: Limits, kind: str) -> LoadedTable:
    """Name the columns, read numbers and missing markers, skip empty rows (empty columns stay), note each fix."""
    frame, decimal = raw.frame, raw.decimal
    notes = notes + list(raw.notes)
    limits.check_columns(frame.shape[1])
    frame = _without_unnamed_tail(frame, raw.names, notes)
    frame.columns = _unique_names(raw.names[: frame.shape[1]], notes)
    formats: set[tuple[str, str]] = set()
    written: dict[str, WrittenNumbers] = {}
    infinite = 0
    for position, column in enumerate(list(frame.columns)):
        series = frame[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            series = tidy_text(series)
            numbers = None if position in raw.text_columns else to_numbers(series, decimal)
            if numbers is not None:
                zero = accounting_zero(series[numbers[0] == 0]) if numbers[2] else ""  # only cells read as 0
                written_negative = series[numbers[0] < 0]
                form = written_numbers(series, numbers[0], numbers[1][0])
                if form is not None and not form.plain:
                    written[column] = form
                series, used, unit, negatives = numbers
                formats.add(used)
                if unit:
                    notes.append(unit_note(unit, column))
                if zero:
                    notes.append(f"'{zero}' in '{column}' read as 0, as Excel's accounting format writes zero")
                if negatives:
                    notes.append(negative_note(negatives, column, used[0], written_negative))
            frame[column] = series
        elif pd.api.types.is_float_dtype(series.dtype) and np.isinf(series.to_numpy(dtype=float)).any():
            infinite += int(np.isinf(series.to_numpy(dtype=float)).sum())
            frame[column] = series.replace([np.inf, -np.inf], np.nan)
    if infinite:
        notes.append(f"{infinite:,} infinite value{'s' if infinite > 1 else ''} read as missing")
    notes[:0] = format_note(formats, decimal)
    if frame.shape[1] == 0 or len(frame) == 0:
        raise InputError("The file has a header but no data rows. A table needs at least a few rows to learn from.")
    frame = _skip_empty_rows(frame, notes)
    limits.check_rows(len(frame))
    _note_constants(frame, notes)
    missing = int(frame.isna().sum().sum())
    if missing:
        examples = format_module(kind).INFO.missing_examples
        notes.append(f"{missing:,} missing cell{'s' if missing > 1 else ''} ({examples})")
    over = len(frame) > limits.max_rows
    if over:
        notes.append(
            f"{len(frame):,} rows: more than the {limits.max_rows:,} a generator learns from, "
            "so it will learn from a random sample of them"
        )
    types = {frame.columns[p]: stored for p, stored in raw.stored_types.items() if p < frame.shape[1]}
    return LoadedTable(
        frame, raw.encoding, raw.delimiter, tuple(notes), kind, decimal, raw.ragged_rows, missing, over, types, written
    )


def _unique_names(names: list[str], notes: list[str]) -> list[str]:
    cleaned = [str(name).strip() or f"column_{i + 1}" for i, name in enumerate(names)]
    taken, out, renamed = set(cleaned), [], []
    seen: set[str] = set()
    for name in cleaned:
        if name in seen:
            number = 2
            while f"{name}_{number}" in taken:
                number += 1
            renamed.append(f"'{name}' -> '{name}_{number}'")
            name = f"{name}_{number}"
            taken.add(name)
        seen.add(name)
        out.append(name)
    if renamed:
        notes.append(
            f"{len(renamed)} duplicate column name{'s' if len(renamed) > 1 else ''} made unique "
            f"({', '.join(renamed[:3])}{', ...' if len(renamed) > 3 else ''})"
        )
    return out


def _without_unnamed_tail(frame: pd.DataFrame, names: list[str], notes: list[str]) -> pd.DataFrame:
    """Leave out empty, unnamed last columns: a separator at the end of each line ('a,b,c,'), not a column."""
    width = frame.shape[1]
    while width > 1 and not str(names[width - 1]).strip() and not frame.iloc[:, width - 1].notna().any():
        width -= 1
    if width == frame.shape[1]:
        return frame
    notes.append("a separator at the end of each line read as the end of the row, not as an empty column")
    return frame.iloc[:, :width].copy()


def _skip_empty_rows(frame: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    """Empty rows are skipped; empty columns stay in their place, empty (the generated table keeps them too)."""
    empty_columns = [c for c in frame.columns if not frame[c].notna().any()]
    if len(empty_columns) == frame.shape[1]:
        raise InputError("Every column of the file is empty. Choose a file with some values in it.")
    if empty_columns:
        shown = ", ".join(f"'{c}'" for c in empty_columns[:3]) + (", ..." if len(empty_columns) > 3 else "")
        notes.append(f"{len(empty_columns)} empty column{'s' if len(empty_columns) > 1 else ''} kept empty ({shown})")
    empty_rows = frame.isna().all(axis=1)
    if empty_rows.any():
        frame = frame[~empty_rows]
        notes.append(f"{int(empty_rows.sum()):,} empty row{'s' if empty_rows.sum() > 1 else ''} skipped")
    return frame.reset_index(drop=True)


def _note_constants(frame: pd.DataFrame, notes: list[str]) -> None:
    if len(frame) < 2:
        return
    # one value in every row; one value and some blank cells varies (which rows are blank), so it is learned
    constant = [c for c in frame.columns if frame[c].nunique(dropna=True) == 1 and frame[c].notna().all()]
    if constant:
        shown = ", ".join(f"'{c}'" for c in constant[:3]) + (", ..." if len(constant) > 3 else "")
        notes.append(
            f"{len(constant)} column{'s' if len(constant) > 1 else ''} with a single value ({shown}): "
            "carried through as is by most generators; the differentially private one learns them, as a column "
            "holding one value is itself a fact about the real rows"
        )
