"""RELIABILITY.md 'Bad input': each scenario, through the engine and the CLI (the app calls the same functions)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synth import schema
from synth.__main__ import main
from synth.errors import InputError
from synth.formats import read_table
from synth.limits import Limits, training_sample
from synth.pipeline import RunConfig, generate

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "intake"
REFUSED = [
    "empty.csv",
    "header_only.csv",
    "binary.csv",
    "zip_renamed.csv",
    "png_renamed.csv",
    "html_page.csv",
    "ragged_many.csv",
    "all_columns_empty.csv",
    "wide_2000_columns.csv",
    "unclosed_quote.csv",
]


@pytest.mark.parametrize("name", REFUSED)
def test_cli_refuses_bad_files_with_one_plain_line_and_exit_2(name, tmp_path, capsys):
    # Run
    code = main(["generate", str(FIXTURES / name), "--out", str(tmp_path / "out.csv")])

    # Assert
    error = capsys.readouterr().err
    assert code == 2 and error.startswith("error: ") and error.count("\n") == 1
    assert "Traceback" not in error and not (tmp_path / "out.csv").exists()


def test_one_data_row_loads_but_is_refused_before_training():
    # Setup
    frame = read_table((FIXTURES / "one_row.csv").read_bytes()).frame

    # Assert
    with pytest.raises(InputError, match="at least 5"):
        generate(frame, RunConfig())


def test_a_single_constant_column_loads_with_a_note_and_nothing_is_trained():
    # Setup
    loaded = read_table((FIXTURES / "constant_column.csv").read_bytes())

    # Assert
    assert "single value" in loaded.summary
    with pytest.raises(InputError, match="can be learned"):
        generate(loaded.frame, RunConfig())


def test_missing_markers_give_the_same_types_as_clean_columns():
    # Setup
    clean = read_table(b"n,x,c\n1,1.5,a\n2,2.5,b\n3,3.5,c\n").frame
    marked = read_table(b"n,x,c\n1,1.5,a\nNA,-,null\n3,3.5,c\n2,N/A,\n").frame

    # Assert
    assert schema.detect_kinds(clean) == schema.detect_kinds(marked)
    assert [str(t) for t in marked.dtypes] == ["float64", "float64", "object"]


def test_a_million_rows_load_compactly_and_are_sampled_for_training():
    # Setup
    data = b"id,amount,city\n" + b"".join(
        b"%d,%d.5,%s\n" % (i, i % 997, (b"Lyon", b"Nice")[i % 2]) for i in range(1_000_000)
    )

    # Run
    loaded = read_table(data, limits=Limits(max_bytes=100 * 1024 * 1024, max_rows=100_000))
    sample = training_sample(loaded.frame, 100_000, seed=1)

    # Assert
    assert len(loaded.frame) == 1_000_000 and loaded.over_row_limit and "random sample" in loaded.summary
    assert loaded.frame["amount"].dtype == np.float64 and loaded.frame["id"].dtype == np.int64
    assert loaded.frame.memory_usage(deep=True).sum() < 100 * 1024 * 1024
    assert len(sample) == 100_000


def test_unique_ids_and_free_text_are_flagged_not_learned():
    # Setup
    frame = pd.DataFrame(
        {
            "ticket": [f"T-{i:06d}" for i in range(200)],
            "remarks": [f"customer {i} called about a late parcel" for i in range(200)],
            "amount": np.arange(200) * 1.5,
        }
    )

    # Run
    kinds = schema.detect_kinds(frame)

    # Assert
    assert kinds == {"ticket": "identifier", "remarks": "text", "amount": "decimal"}
    assert not {"identifier", "text"} & set(schema.LEARNED_KINDS)


def test_an_excel_file_renamed_csv_is_read_as_excel_and_says_so():
    # Run
    loaded = read_table((FIXTURES / "xlsx_renamed.csv").read_bytes(), file_name="xlsx_renamed.csv")

    # Assert
    assert loaded.file_format == "xlsx" and "named .csv but is an Excel workbook" in loaded.summary


def test_a_french_export_goes_through_the_cli_keeping_its_look(tmp_path, capsys):
    # Setup
    source = FIXTURES / "french_export.csv"
    real = read_table(source.read_bytes()).frame

    # Run
    code = main(["generate", str(source), "--out", str(tmp_path / "out.csv"), "--rows", "30", "--seed", "2"])
    out = read_table((tmp_path / "out.csv").read_bytes()).frame

    # Assert
    assert code == 0, capsys.readouterr().err
    assert list(out.columns) == list(real.columns) and len(out) == 30
    assert pd.to_datetime(out["date_achat"], format="%d/%m/%Y").notna().all()
    assert set(out["fidèle"]) <= {"oui", "non"}
    assert pd.api.types.is_numeric_dtype(out["montant"]) and pd.api.types.is_numeric_dtype(out["visites"])
    assert (out["visites"].dropna() % 1 == 0).all()
    assert not set(out["email"]) & set(real["email"]) and not set(out["client_id"]) & set(real["client_id"])
    assert out["client_id"].str.fullmatch(r"C\d{4}").all()


def test_a_header_of_half_a_million_fields_is_refused_from_a_bounded_look():
    # Assert
    with pytest.raises(InputError, match=r"at least [\d,]+ columns; at most 500"):
        read_table(b"a," * 5_000_000 + b"\n1\n", limits=Limits())
