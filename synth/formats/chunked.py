"""A table that arrives in chunks written to one file by appending, so the whole table never sits in memory."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from synth.errors import SynthError
from synth.formats.contract import optional_import
from synth.formats.formulas import neutralise_formulas
from synth.formats.registry import export_table, format_for_path, format_module, typed_for
from synth.formats.stored_types import StoredType


def write_chunks(
    chunks: Iterable[pd.DataFrame],
    path: str | os.PathLike,
    like: pd.DataFrame | None = None,
    stored_types: dict[str, StoredType] | None = None,
) -> int:
    """Write the chunks, in order, as one file in the format the path's extension names; return the rows written.
    CSV and Parquet append chunk by chunk (the same file as the table written whole); Excel gathers the rows first,
    as a workbook is written whole. The file appears whole or not at all: a temporary name, then a rename.
    like holds every value of the table's date/time columns (model rows will do): a CSV block then writes each such
    column as the whole column is written (times on every row when any row has one), not as its own values alone.
    stored_types: the columns' types in the typed file the table came from, fitted to the whole table
    (synth.release.released_types), so that a format that keeps types gives every chunk the same one."""
    target = Path(path)
    if not target.parent.exists():
        raise SynthError(f"The folder {target.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    try:
        name = format_for_path(str(target))
        writer = {"csv": _csv, "parquet": _parquet}.get(name, _whole)
        info = format_module(name).INFO
        rows = writer((typed_for(chunk, info, stored_types) for chunk in chunks), temporary, name, like)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return rows


def _csv(chunks, path: str, name: str, like: pd.DataFrame | None) -> int:
    """UTF-8 with BOM, CRLF, the header once, formulas neutralised: byte for byte what csv.write gives."""
    rows, witnesses = 0, _witnesses(like)
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        for number, chunk in enumerate(chunks):
            written = chunk.assign(**{c: _as_whole(chunk[c], w) for c, w in witnesses.items() if c in chunk.columns})
            neutralise_formulas(written).to_csv(stream, index=False, header=number == 0, lineterminator="\r\n")
            rows += len(chunk)
    return rows


def _witnesses(like: pd.DataFrame | None) -> dict[str, Any]:
    """For each date/time column of like, its value of the finest resolution (a time of day rather than midnight,
    a fraction of a second rather than none): pandas picks one format for a whole column from those values."""
    out: dict[str, Any] = {}
    for column in [] if like is None else like.columns:
        if like[column].dtype.kind not in "mM":
            continue  # only date/time columns are written by a per-column rule; the rest value by value
        series = like[column].dropna()
        if series.empty:
            continue
        naive = series.dt.tz_localize(None) if getattr(series.dt, "tz", None) is not None else series
        ticks = naive.to_numpy().astype(f"{naive.dtype.str[1:3]}[ns]").view("int64")
        fineness = sum((ticks % step != 0).astype(int) for step in (86_400 * 10**9, 10**9, 10**6, 10**3))
        out[column] = series.iloc[int(np.argmax(fineness))]
    return out


def _as_whole(values: pd.Series, witness: Any) -> pd.Series:
    """A date/time column as text in the format pandas gives the whole column: written with the witness, which is
    then dropped (missing values stay missing)."""
    if values.dtype.kind not in "mM" or values.empty:
        return values
    together = pd.concat([values, pd.Series([witness], dtype=values.dtype)], ignore_index=True)
    lines = together.to_frame().to_csv(index=False, header=False, lineterminator="\n").split("\n")[:-2]
    return pd.Series([None if line in ("", '""') else line for line in lines], index=values.index, dtype=object)


def _parquet(chunks, path: str, name: str, like: pd.DataFrame | None) -> int:
    """One row group per chunk, every chunk written with one schema taken from the column types (arrow_schema),
    never from the first chunk's values: a text column missing throughout that chunk is still text."""
    optional_import("pyarrow", "pyarrow", "Parquet files")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from synth.formats.parquet import arrow_ready, arrow_schema

    writer, rows = None, 0
    try:
        for chunk in chunks:
            ready = arrow_ready(chunk)
            schema = arrow_schema(ready) if writer is None else writer.schema
            table = pa.Table.from_pandas(ready, schema=schema, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
            rows += len(chunk)
    finally:
        if writer is not None:
            writer.close()
    return rows


def _whole(chunks, path: str, name: str, like: pd.DataFrame | None) -> int:
    frame = pd.concat(list(chunks), ignore_index=True)
    Path(path).write_bytes(export_table(frame, name).data)
    return len(frame)
