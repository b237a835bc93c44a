"""Bad input on the command line: one plain line that starts with `error: `, exit 2, no traceback, and never a terminal
escape code taken from the data."""

import pytest

from tests.unit.cli_run import ROOT, cli


@pytest.mark.parametrize(
    "args",
    [
        ("generate", "missing.csv", "--out", "x.csv"),
        ("generate",),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--generator", "magic"),
        ("evaluate", "tests/data/us_macro.csv", "missing.csv"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--rebalance", "decade"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--rule", "cpi ~ m1"),  # '<' is a rule now
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--rule", "cpi >= 0", "--rule", "cpi < 0"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--rule", "decade >= 5"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--option", "smoothing=lots"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--option", "smoothing=9"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--option", "smoothing"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--option", "=1"),
        (
            "generate",
            "tests/data/us_macro.csv",
            "--out",
            "x.csv",
            "--generator",
            "gaussian_copula",
            "--option",
            "distribution=wavy",
        ),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--generator", "ctgan", "--epochs", "0"),
        ("generate", "tests/data/us_macro.csv", "--out", "x.csv", "--locale", "xx_YY"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(args, tmp_path):
    # Run
    done = cli(*[ROOT / a if a.endswith(".csv") and "/" in a else a for a in args])

    # Assert
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_no_terminal_escape_code_from_the_data_reaches_the_terminal(tmp_path):
    # Setup: a column name that would turn the terminal red, in a column that is constant (so a note names it)
    rows = "\n".join(f"{i % 5},{i * 1.5},same" for i in range(40))
    (tmp_path / "in.csv").write_text("n,x,k\x1b[31mred\n" + rows + "\n", encoding="utf-8")

    # Run
    refused = cli("generate", tmp_path / "in.csv", "--out", tmp_path / "out.csv", "--columns", "k\x1b[31mred,zz")
    done = cli("generate", tmp_path / "in.csv", "--out", tmp_path / "out.csv")

    # Assert: the error and the notes name the column without the escape character
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: ") and "\x1b" not in refused.stderr + refused.stdout
    assert done.returncode == 0, done.stderr
    assert "note: " in done.stderr and "\x1b" not in done.stderr + done.stdout


def test_no_terminal_escape_code_reaches_the_terminal_in_verbose_progress(tmp_path):
    # Setup: progress lines name each column as it is learned (the tree path: enough rows not to take the small-table one)
    rows = "\n".join(f"{i % 5},{i * 1.5},{'ab'[i % 2]}" for i in range(400))
    (tmp_path / "in.csv").write_text("n,x\x1b[2J,k\x1b[31mred\n" + rows + "\n", encoding="utf-8")

    # Run
    done = cli("generate", tmp_path / "in.csv", "--out", tmp_path / "out.csv", env={"SYNTH_VERBOSE": "1"})

    # Assert
    assert done.returncode == 0, done.stderr
    assert "Learning column" in done.stderr and "\x1b" not in done.stderr + done.stdout


def test_a_parquet_file_with_list_columns_gets_one_sentence_and_exit_2(tmp_path):
    # Setup
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": list(range(30)), "tags": [[i, i + 1] for i in range(30)]}), tmp_path / "n.parquet")

    # Run
    refused = cli("generate", tmp_path / "n.parquet", "--out", tmp_path / "out.csv")

    # Assert
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: The column 'tags' holds lists or records")
    assert "something went wrong" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
