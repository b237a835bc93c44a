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


def typed_table() -> pd.DataFrame:
    """A table typed as pandas users type theirs: categories with an order and an unused one, times in Paris, nullable
    and narrow whole numbers, 32-bit floats, yes/no with and without missing values, and pandas' string type."""
    return pd.DataFrame(
        {
            "colour": pd.Categorical(["red", "blue", None, "red"], categories=["red", "green", "blue"], ordered=True),
            "when": pd.to_datetime(["2024-01-01 08:00", "2024-07-01 08:30", None, "2024-03-31 02:30"]).tz_localize(
                "Europe/Paris", nonexistent="shift_forward"
            ),
            "count": pd.array([1, None, 3, 4], dtype="Int64"),
            "small": pd.Series([-3, 7, 100, 0], dtype="int16"),
            "ratio": pd.Series([0.5, 0.125, 1.75, -2.0], dtype="float32"),
            "flag": [True, False, True, True],
            "maybe": pd.array([True, None, False, True], dtype="boolean"),
            "label": pd.Series(["a", "b", None, "a"], dtype="string"),
        }
    )


def test_a_parquet_round_trip_keeps_every_column_type_the_file_gave():
    # Setup: a Parquet file read as the app and the command line read it (categories as text, times as naive UTC)
    source = typed_table()
    loaded = read_table(source.to_parquet(), file_name="typed.parquet")

    # Run: the table written back with the types its file gave
    data = export_table(loaded.frame, "parquet", stored_types=loaded.stored_types).data

    # Assert: the same values in the same types, the categories' order and unused one included
    back = pd.read_parquet(io.BytesIO(data))
    pd.testing.assert_frame_equal(back, source)
    assert back["colour"].cat.categories.tolist() == ["red", "green", "blue"] and back["colour"].cat.ordered


def test_a_parquet_file_is_learned_from_as_text_and_naive_utc_times_and_says_so():
    # Run
    loaded = read_table(typed_table().to_parquet(), file_name="typed.parquet")

    # Assert: what is learned does not change
    assert loaded.frame["colour"].dtype == object and str(loaded.frame["when"].dtype) == "datetime64[ns]"
    assert loaded.frame["when"].iloc[0] == pd.Timestamp("2024-01-01 07:00")
    note = "times in 'when' converted to UTC (from Europe/Paris; a Parquet download gives them in Europe/Paris again)"
    assert note in loaded.notes


@pytest.mark.parametrize("format_name", ["csv", "xlsx"])
def test_csv_and_excel_downloads_are_the_same_with_or_without_the_stored_types(format_name):
    # Setup
    loaded = read_table(typed_table().to_parquet(), file_name="typed.parquet")

    # Run
    typed = export_table(loaded.frame, format_name, stored_types=loaded.stored_types).data
    plain = export_table(loaded.frame, format_name).data

    # Assert (a workbook records when it was written: what it holds is compared)
    if format_name == "xlsx":
        pd.testing.assert_frame_equal(pd.read_excel(io.BytesIO(typed)), pd.read_excel(io.BytesIO(plain)))
    else:
        assert typed == plain


def test_text_columns_of_digits_stay_text_as_the_file_types_them():
    """A '5'..'1' scale typed category and postal codes typed string were read as numbers, so a made-up 69999 could
    come back, and their types could never be given back."""
    # Setup
    typed = pd.DataFrame(
        {
            "likert": pd.Categorical(
                ["1", "2", "3", "4", "5"] * 20, categories=["5", "4", "3", "2", "1"], ordered=True
            ),
            "zip": pd.Series(["75001", "69002", "13008", "75011"] * 25, dtype="string"),
            "score": [1.5, 2.0, 3.0, 4.0] * 25,
        }
    )
    data = io.BytesIO()
    typed.to_parquet(data)

    # Run
    loaded = read_table(data.getvalue(), file_name="survey.parquet")

    # Assert
    assert loaded.frame["likert"].tolist()[:5] == ["1", "2", "3", "4", "5"]
    assert loaded.frame["zip"].tolist()[:2] == ["75001", "69002"]
    assert loaded.frame["score"].dtype == float
    back = pd.read_parquet(io.BytesIO(export_table(loaded.frame, "parquet", stored_types=loaded.stored_types).data))
    assert back["likert"].cat.categories.tolist() == ["5", "4", "3", "2", "1"] and back["likert"].cat.ordered
    assert str(back["zip"].dtype) == "string"
