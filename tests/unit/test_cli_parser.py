"""The command line's arguments: defaults that mean 'as the table is', and one plain error line on misuse."""

import pytest

from synth.cli_parser import parser, terminal_safe


def test_generate_learns_from_every_row_unless_a_sample_is_asked_for():
    # Setup
    given = ["generate", "t.csv", "--out", "s.csv"]

    # Run
    whole, sampled = parser().parse_args(given), parser().parse_args([*given, "--sample-rows", "500"])

    # Assert
    assert (whole.sample_rows, whole.rows, whole.generator) == (None, None, None)
    assert sampled.sample_rows == 500


def test_misuse_is_one_plain_error_line_with_exit_code_2(capsys):
    # Setup: a bake-off without its generators, and a message carrying a terminal escape code

    # Run
    with pytest.raises(SystemExit) as stopped:
        parser().parse_args(["bakeoff", "t.csv"])
    printed = capsys.readouterr().err

    # Assert
    assert stopped.value.code == 2
    assert printed.startswith("error: ") and "--generators" in printed and printed.count("\n") == 1
    assert terminal_safe("a\x1b[31mred") == "a?[31mred"
