"""Property-based: random bytes and random small tables never raise anything but the project's own errors."""

import csv
import io
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth import schema
from synth.errors import SynthError
from synth.formats import read_table
from synth.limits import Limits

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = Limits(max_bytes=1_000_000, max_rows=1_000, max_columns=50)
CELL_CHARACTERS = st.characters(codec="cp1252", exclude_categories=("Cs",))
cells = st.one_of(
    st.text(CELL_CHARACTERS, max_size=12),
    st.sampled_from(
        [
            "",
            "NA",
            "N/A",
            "null",
            "-",
            "1,5",
            "1.234,56",
            "1,234.56",
            "1 234",
            "=1+1",
            "<b>x</b>",
            "2024-01-31",
            "31/01/2024",
            "yes",
            "no",
            "€",
            '"',
            "\r\n",
            "a@b.fr",
            "0612345678",
        ]
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _use_everything(loaded) -> None:
    kinds = schema.detect_kinds(loaded.frame)
    schema.to_model_frame(loaded.frame, kinds)
    schema.profile(loaded.frame, kinds)
    assert loaded.summary


def _read_or_refuse(data: bytes, **options) -> None:
    try:
        loaded = read_table(data, limits=LIMITS, **options)
    except SynthError as error:
        assert str(error) and "\n" not in str(error)
        return
    _use_everything(loaded)


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes_give_a_table_or_a_plain_error(data):
    # Run / Assert
    _read_or_refuse(data)


@SETTINGS
@given(
    st.binary(max_size=600),
    st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]),
    st.sampled_from([",", ";", "\t", "|", "tab", "x"]),
)
def test_random_bytes_with_overrides_give_a_table_or_a_plain_error(data, encoding, delimiter):
    # Run / Assert
    _read_or_refuse(data, encoding=encoding, delimiter=delimiter)


@st.composite
def written_tables(draw):
    width = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=12))
    header = draw(st.lists(st.text(CELL_CHARACTERS, max_size=8), min_size=width, max_size=width))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows([header, *rows])
    return buffer.getvalue().encode(encoding), delimiter, encoding


@SETTINGS
@given(written_tables())
def test_random_small_tables_give_a_table_or_a_plain_error(table):
    # Setup
    data, delimiter, encoding = table

    # Run / Assert
    _read_or_refuse(data)
    _read_or_refuse(data, delimiter=delimiter, encoding=encoding)


plain_cells = st.text(st.characters(codec="cp1252", categories=("L", "N")), min_size=1, max_size=8).filter(
    lambda text: text.lower() not in ("na", "nan", "null", "none", "n", "inf")
)


@st.composite
def plain_tables(draw):
    width = draw(st.integers(2, 5))
    header = draw(st.lists(plain_cells, min_size=width, max_size=width, unique_by=str.lower))
    rows = draw(st.lists(st.lists(plain_cells, min_size=width, max_size=width), min_size=1, max_size=10))
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])
    return buffer.getvalue().encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))), header, len(rows)


@SETTINGS
@given(plain_tables())
def test_tables_of_plain_values_keep_their_shape_and_names(table):
    # Setup
    data, header, rows = table

    # Run
    loaded = read_table(data, limits=LIMITS)

    # Assert
    assert list(loaded.frame.columns) == header
    assert len(loaded.frame) == rows
    assert isinstance(loaded.frame, pd.DataFrame)


FIXTURES = Path(__file__).resolve().parents[2] / "data" / "intake"


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["table.xlsx", "table.parquet"]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
)
def test_damaged_excel_and_parquet_files_give_a_table_or_a_plain_error(name, changes):
    # Setup
    data = bytearray((FIXTURES / name).read_bytes())
    for position, value in changes:
        data[position % len(data)] = value

    # Run / Assert
    _read_or_refuse(bytes(data), file_name=name)
