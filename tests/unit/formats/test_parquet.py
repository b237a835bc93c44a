"""Parquet: detection by its magic bytes, a typed read, and a writer that keeps types and exact text."""

import io

import pandas as pd
import pytest

from synth.errors import InputError
from synth.formats import export_table, parquet, read_table
from synth.limits import Limits


def test_parquet_keeps_types_and_exact_text(table):
    # Run
    data, file_name, mime = export_table(table, "parquet")
    back = pd.read_parquet(io.BytesIO(data))

    # Assert
    assert file_name == "synthetic.parquet" and mime == "application/vnd.apache.parquet"
    assert str(back["id"].dtype) == "Int64" and back["name"].tolist()[0] == '=HYPERLINK("x")'
    pd.testing.assert_frame_equal(back, table, check_dtype=False)


def test_parquet_of_mixed_python_values_does_not_fail():
    # Run
    data = parquet.write(pd.DataFrame({"mixed": [1, "a", None, 2.5]}))

    # Assert
    assert pd.read_parquet(io.BytesIO(data))["mixed"].tolist() == ["1", "a", None, "2.5"]


def test_a_file_named_parquet_that_is_cut_short_says_so():
    # Setup
    data = parquet.write(pd.DataFrame({"a": [1, 2]}))[:-10]

    # Assert
    assert parquet.detect(data, "t.parquet") and not parquet.detect(data, "t.csv")
    with pytest.raises(InputError, match="cut short or damaged"):
        read_table(data, file_name="t.parquet")


def test_read_gives_header_names_and_positional_columns(table):
    # Run
    raw = parquet.read(parquet.write(table), Limits())

    # Assert
    assert raw.names == list(table.columns) and list(raw.frame.columns) == list(range(table.shape[1]))


def test_a_tiny_parquet_file_of_twenty_million_rows_is_refused_from_its_metadata():
    # Setup: a 75 KB file that would take over a gigabyte in memory
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": pa.array([1] * 20_000_000, pa.int8())}), buffer, compression="zstd")

    # Run
    with pytest.raises(InputError) as refused:
        read_table(buffer.getvalue(), file_name="many.parquet", limits=Limits())

    # Assert
    assert len(buffer.getvalue()) < 200_000
    assert str(refused.value).startswith("The table says it has 20,000,000 rows; at most 1,000,000 rows can be used.")


def test_a_parquet_file_with_more_cells_than_the_upload_limit_allows_is_refused():
    # Setup
    data = parquet.write(pd.DataFrame({f"c{i}": [0] * 1_000 for i in range(10)}))

    # Assert
    with pytest.raises(InputError, match="holds 10,000 cells"):
        read_table(data, file_name="cells.parquet", limits=Limits(max_bytes=10_000))


def test_nested_parquet_columns_get_one_sentence_naming_the_column():
    # Setup
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2], "tags": [[1, 2], [3]]}), buffer)

    # Assert
    with pytest.raises(InputError, match="The column 'tags' holds lists or records"):
        read_table(buffer.getvalue(), file_name="nested.parquet", limits=Limits())


def test_a_parquet_file_says_what_it_reads_as_missing_in_its_own_terms():
    # Setup: a typed table with nulls and an NA marker in a text column
    data = parquet.write(pd.DataFrame({"n": [1.0, 2.0, None, 4.0], "t": ["a", "NA", "b", None]}))
    csv = b"n,t\n1,a\n2,NA\n,b\n4,\n"

    # Run
    loaded, as_csv = read_table(data, file_name="t.parquet"), read_table(csv, file_name="t.csv")

    # Assert: nulls, not the empty cells of a CSV; the markers still apply to its text
    assert loaded.missing_policy.startswith("Nulls are missing values; in text columns") and "cells" not in (
        loaded.missing_policy
    )
    assert "3 missing cells (nulls, or NA, null, - ... in text)" in loaded.notes
    assert as_csv.missing_policy.startswith("Empty cells and the markers")
    assert "3 missing cells (empty, NA, null, - ...)" in as_csv.notes
