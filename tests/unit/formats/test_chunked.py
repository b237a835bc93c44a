"""Writing a table that arrives in chunks: the same file as the table written whole, or no file at all."""

import pandas as pd
import pytest

from synth.errors import SynthError
from synth.formats import export_table
from synth.formats.chunked import write_chunks


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "amount": [1.5, -2.0, None, 4.25, 5.0, 6.0, 7.5],
            "count": pd.array([1, None, 3, 4, 5, 6, 7], dtype="Int64"),
            "label": ["a", "=SUM(A1)", None, "é€", "b", "-3", "c"],
            "day": pd.to_datetime(["2024-01-01", None, "2024-01-03", "2024-01-04", "2024-01-05", "2024-01-06", None]),
        }
    )


def chunks(frame: pd.DataFrame, size: int):
    return (frame.iloc[start : start + size] for start in range(0, len(frame), size))


@pytest.mark.parametrize("size", [1, 3, 7])
def test_csv_in_chunks_is_byte_for_byte_the_table_written_whole(tmp_path, table, size):
    # Run
    rows = write_chunks(chunks(table, size), tmp_path / "out.csv")

    # Assert
    assert rows == len(table)
    assert (tmp_path / "out.csv").read_bytes() == export_table(table, "csv").data


def test_parquet_in_chunks_reads_back_as_the_table_written_whole(tmp_path, table):
    # Setup: one row per chunk, so some chunks hold only missing values in a column: the first chunk's types stand
    whole = tmp_path / "whole.parquet"
    whole.write_bytes(export_table(table, "parquet").data)

    # Run
    write_chunks(chunks(table, 1), tmp_path / "out.parquet")

    # Assert
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out.parquet"), pd.read_parquet(whole))


def test_parquet_in_chunks_gives_every_chunk_the_stored_types_of_the_table_written_whole(tmp_path):
    # Setup: the first chunks hold no missing count and not every category; the types are fitted to the whole table
    from synth.formats.stored_types import StoredType, fitted

    table = pd.DataFrame(
        {
            "level": ["low", "low", "high", None, "mid"],
            "count": pd.array([1, 2, 3, None, 5], dtype="Int64"),
            "when": pd.to_datetime(
                ["2024-01-01 07:00", None, "2024-07-01 06:00", "2024-03-01 00:00", "2024-03-02 12:00"]
            ),
        }
    )
    declared = {
        "level": StoredType("category", ("low", "mid", "high"), ordered=True),
        "count": StoredType("int16"),
        "when": StoredType("datetime64[ns, Europe/Paris]"),
    }
    types = {column: fitted(stored, table[column]) for column, stored in declared.items()}
    whole = tmp_path / "whole.parquet"
    whole.write_bytes(export_table(table, "parquet", stored_types=types).data)

    # Run
    write_chunks(chunks(table, 2), tmp_path / "out.parquet", stored_types=types)

    # Assert
    back = pd.read_parquet(tmp_path / "out.parquet")
    pd.testing.assert_frame_equal(back, pd.read_parquet(whole))
    assert back["level"].cat.categories.tolist() == ["low", "mid", "high"] and back["level"].cat.ordered
    assert str(back["count"].dtype) == "Int16" and str(back["when"].dtype) == "datetime64[ns, Europe/Paris]"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_csv_and_excel_in_chunks_do_not_take_stored_types(tmp_path, table, suffix):
    # Setup
    from synth.formats.stored_types import StoredType

    types = {"count": StoredType("int16"), "day": StoredType("datetime64[ns, Europe/Paris]")}

    # Run
    write_chunks(chunks(table, 3), tmp_path / f"typed.{suffix}", stored_types=types)
    write_chunks(chunks(table, 3), tmp_path / f"plain.{suffix}")

    # Assert
    read = pd.read_excel if suffix == "xlsx" else pd.read_csv
    pd.testing.assert_frame_equal(read(tmp_path / f"typed.{suffix}"), read(tmp_path / f"plain.{suffix}"))


def test_excel_gathers_the_chunks_into_one_workbook(tmp_path, table):
    # Run
    write_chunks(chunks(table, 3), tmp_path / "out.xlsx")

    # Assert
    assert len(pd.read_excel(tmp_path / "out.xlsx")) == len(table)


def test_a_failure_midway_leaves_no_file_behind(tmp_path, table):
    # Setup
    def broken():
        yield table.head(2)
        raise RuntimeError("the generator stopped")

    # Run
    with pytest.raises(RuntimeError):
        write_chunks(broken(), tmp_path / "out.csv")

    # Assert
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_plain_error(tmp_path, table):
    # Run / Assert
    with pytest.raises(SynthError, match="does not exist"):
        write_chunks(chunks(table, 3), tmp_path / "nowhere" / "out.csv")


@pytest.mark.parametrize("size", [1, 2, 3])
def test_every_csv_block_writes_dates_and_times_as_the_whole_column_is_written(tmp_path, size):
    # Setup: the first rows are all midnight, later ones carry a time (and a fraction of a second, a duration)
    table = pd.DataFrame(
        {
            "when": pd.to_datetime(
                ["2024-01-01", "2024-01-02", None, "2024-01-04 10:30:00", "2024-01-05"], format="ISO8601"
            ),
            "fine": pd.to_datetime(
                ["2024-01-01 10:00", "2024-01-01 11:00", "2024-01-01 12:00:00.25", None, None], format="ISO8601"
            ),
            "took": pd.to_timedelta(["1 days", "2 days", "3 days", "1 days 00:00:01", None]),
            "stamp": pd.to_datetime(
                ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04 08:00", None], format="ISO8601"
            ).tz_localize("Europe/Paris"),
            "label": ["a", "b", "c", "d", "e"],
        }
    )

    # Run
    write_chunks(chunks(table, size), tmp_path / "out.csv", like=table)

    # Assert
    assert (tmp_path / "out.csv").read_bytes() == export_table(table, "csv").data


def test_a_parquet_text_column_missing_throughout_the_first_block_is_still_text(tmp_path):
    # Setup: 'note' and 'code' are missing in the first two rows; 'empty' is missing everywhere
    table = pd.DataFrame(
        {
            "note": [None, None, "late", "later", None],
            "code": [None, None, "=1", "x", "y"],
            "n": [1, 2, 3, 4, 5],
            "empty": [None] * 5,
        }
    )
    whole = tmp_path / "whole.parquet"
    whole.write_bytes(export_table(table, "parquet").data)

    # Run
    write_chunks(chunks(table, 2), tmp_path / "out.parquet")

    # Assert
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "out.parquet") == pq.read_schema(whole)
    assert str(pq.read_schema(whole).field("note").type) == "string"
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "out.parquet"), pd.read_parquet(whole))
    pd.testing.assert_frame_equal(pd.read_parquet(whole), table)
