"""Parquet: a typed table on the way in and out (pyarrow; nothing is unpickled, no formula neutralising)."""

from __future__ import annotations

import io

import pandas as pd

from synth.errors import InputError
from synth.formats.contract import FormatInfo, RawTable, is_missing, optional_import
from synth.formats.stored_types import stored_types
from synth.limits import Limits

INFO = FormatInfo(
    name="parquet",
    label="Parquet",
    description="Compact typed file for data tools (pandas, Spark, DuckDB).",
    read_as="Parquet file",
    article="a Parquet file",
    extension="parquet",
    read_extensions=("parquet",),
    mime="application/vnd.apache.parquet",
    download_label="Parquet",
    neutralises_formulas=False,  # spreadsheets do not open Parquet
    keeps_stored_types=True,  # a category stays a category, times keep their zone, an int16 column stays int16
    missing_policy=(  # a typed file: no cells to leave empty, only nulls, and text columns read as a CSV's are
        "Nulls are missing values; in text columns, empty text and the markers NA, N/A, NaN, null, None, #N/A and "
        "'-' (in any capitals, spaces around ignored) are read as missing too; nothing else is. Every other value "
        "keeps its exact spelling, spaces and capitals included."
    ),
    missing_examples="nulls, or NA, null, - ... in text",
)
MAGIC = b"PAR1"


def detect(data: bytes, file_name: str = "") -> bool:
    """PAR1 at both ends; a file named .parquet that only starts so is claimed too, so read can say it is cut short."""
    if not data.startswith(MAGIC):
        return False
    return (data.endswith(MAGIC) and len(data) > 8) or (file_name or "").lower().endswith(".parquet")


def read(data: bytes, limits: Limits, **text_options: str | None) -> RawTable:
    """The table of a Parquet file (pyarrow; plain column data, nothing is unpickled). Categories are read as text
    and times with a zone as naive UTC, the forms learned from; each column's own type is kept apart (stored_types)
    for the Parquet download."""
    if not (data.endswith(MAGIC) and len(data) > 8):
        raise InputError("This Parquet file is cut short or damaged. Export it again.")
    pq = optional_import("pyarrow.parquet", "pyarrow", "Parquet files")
    try:
        parquet = pq.ParquetFile(io.BytesIO(data))
        _check_declared(parquet, limits)
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
    notes, types, text = [], stored_types(frame), set()
    for position, column in enumerate(frame.columns):
        series = frame[column]
        if isinstance(series.dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(series.dtype):
            text.add(position)  # the file says text: postal codes and a '5'..'1' scale stay text, not numbers
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            frame[column] = series.dt.tz_convert("UTC").dt.tz_localize(None)
            zone = str(series.dt.tz)
            back = "" if zone == "UTC" else f" (from {zone}; a Parquet download gives them in {zone} again)"
            notes.append(f"times in '{column}' converted to UTC{back}")
        elif isinstance(series.dtype, pd.CategoricalDtype) or pd.api.types.is_timedelta64_dtype(series):
            frame[column] = series.astype(object).where(series.notna(), None).map(lambda v: v if v is None else str(v))
        elif pd.api.types.is_extension_array_dtype(series.dtype) and pd.api.types.is_numeric_dtype(series.dtype):
            if not pd.api.types.is_bool_dtype(series.dtype):
                frame[column] = series.astype(float) if series.isna().any() else series.to_numpy()
        elif pd.api.types.is_string_dtype(series.dtype):
            frame[column] = series.astype(object)
    names = [str(c) for c in frame.columns]
    frame = frame.set_axis(range(frame.shape[1]), axis=1)
    return RawTable(names, frame, tuple(notes), text_columns=frozenset(text), stored_types=types)


def _check_declared(parquet, limits: Limits) -> None:
    """Refuse from the file's own metadata, before a value is unpacked: too many rows or columns, more unpacked
    bytes than the upload limit (a 91 KB file can declare 20 million rows), or nested values (lists, records)."""
    import pyarrow.types as types

    metadata = parquet.metadata
    limits.check_columns(metadata.num_columns)
    limits.check_rows(metadata.num_rows, declared=True)
    encoded = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
    limits.check_unpacked(encoded, "This Parquet file")
    cells = metadata.num_rows * metadata.num_columns
    if cells > limits.max_bytes // 2:  # more cells than the largest CSV the upload limit lets in ('1,' each)
        raise InputError(
            f"This Parquet file holds {cells:,} cells, more than a CSV file within the upload limit of "
            f"{limits.max_megabytes} could hold. Keep only the rows and columns you need, and export it again."
        )
    schema = parquet.schema_arrow
    for arrow_field in schema:
        if types.is_nested(arrow_field.type):
            raise InputError(
                f"The column '{arrow_field.name}' holds lists or records (nested values), which cannot be learned "
                "from. Flatten it into plain columns, or leave it out, and export the file again."
            )


def write(frame: pd.DataFrame) -> bytes:
    """A Parquet file with the table's types (no formula neutralising: spreadsheets do not open Parquet)."""
    optional_import("pyarrow", "pyarrow", "Parquet files")
    import pyarrow as pa
    import pyarrow.parquet as pq

    ready = arrow_ready(frame)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(ready, schema=arrow_schema(ready), preserve_index=False), buffer)
    return buffer.getvalue()


def arrow_schema(ready: pd.DataFrame):
    """The Arrow schema of an arrow_ready table, from its column types alone: a text column whose values are all
    missing is text, not Arrow's null type (so a file written in blocks has one schema, whatever each block holds)."""
    import pyarrow as pa

    schema = pa.Schema.from_pandas(ready, preserve_index=False)
    for position, arrow_field in enumerate(schema):
        if pa.types.is_null(arrow_field.type) and ready.iloc[:, position].dtype == object:
            schema = schema.set(position, arrow_field.with_type(pa.string()))
    return schema


def arrow_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with text column names, and text columns of mixed Python types as text (missing stays missing)."""
    out = frame.copy()
    out.columns = [str(c) for c in out.columns]
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if series.dtype == object:
            out.isetitem(position, series.map(lambda v: None if is_missing(v) else v if isinstance(v, str) else str(v)))
    return out
