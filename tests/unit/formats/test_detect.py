"""Telling formats apart by their bytes, with the file name only as a hint."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.formats import export_table
from synth.formats.detect import file_format


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    return {name: export_table(frame, name).data for name in ("csv", "xlsx", "parquet")}


@pytest.mark.parametrize("name", ["csv", "xlsx", "parquet"])
def test_each_format_is_found_from_its_bytes_whatever_the_name(files, name):
    # Run
    found, notes = file_format(files[name], f"table.{name}")
    nameless, _ = file_format(files[name])

    # Assert
    assert found == nameless == name and notes == []


def test_a_name_that_says_otherwise_gives_a_note_and_the_bytes_win(files):
    # Run
    found, notes = file_format(files["parquet"], "Table.XLSM")

    # Assert
    assert found == "parquet" and notes == ["the file is named .xlsm but is a Parquet file: read as such"]


def test_unknown_extensions_give_no_note(files):
    # Assert
    assert file_format(files["xlsx"], "export.dat") == ("xlsx", [])


def test_a_zip_no_format_reads_is_refused_before_any_reading():
    # Assert
    with pytest.raises(InputError, match="damaged zip or Excel archive"):
        file_format(b"PK\x03\x04 not really a zip", "x.xlsx")
