"""A table that arrives in chunks written to one file by appending, so the whole table never sits in memory."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from synth.errors import SynthError
from synth.formats.contract import optional_import
from synth.formats.formulas import neutralise_formulas
from synth.formats.registry import export_table, format_for_path


def write_chunks(chunks: Iterable[pd.DataFrame], path: str | os.PathLike) -> int:
    """Write the chunks, in order, as one file in the format the path's extension names; return the rows written.
    CSV and Parquet append chunk by chunk (the same file as the table written whole); Excel gathers the rows first,
    as a workbook is written whole. The file appears whole or not at all: a temporary name, then a rename."""
    target = Path(path)
    if not target.parent.exists():
        raise SynthError(f"The folder {target.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(handle)
    try:
        name = format_for_path(str(target))
        writer = {"csv": _csv, "parquet": _parquet}.get(name, _whole)
        rows = writer(iter(chunks), temporary, name)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return rows


def _csv(chunks, path: str, name: str) -> int:
    """UTF-8 with BOM, CRLF, the header once, formulas neutralised: byte for byte what csv.write gives."""
    rows = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        for number, chunk in enumerate(chunks):
            neutralise_formulas(chunk).to_csv(stream, index=False, header=number == 0, lineterminator="\r\n")
            rows += len(chunk)
    return rows


def _parquet(chunks, path: str, name: str) -> int:
    """One row group per chunk, every chunk cast to the first one's column types."""
    optional_import("pyarrow", "pyarrow", "Parquet files")
    import pyarrow as pa
    import pyarrow.parquet as pq

    from synth.formats.parquet import arrow_ready

    writer, rows = None, 0
    try:
        for chunk in chunks:
            schema = None if writer is None else writer.schema
            table = pa.Table.from_pandas(arrow_ready(chunk), schema=schema, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema)
            writer.write_table(table)
            rows += len(chunk)
    finally:
        if writer is not None:
            writer.close()
    return rows


def _whole(chunks, path: str, name: str) -> int:
    frame = pd.concat(list(chunks), ignore_index=True)
    Path(path).write_bytes(export_table(frame, name).data)
    return len(frame)
