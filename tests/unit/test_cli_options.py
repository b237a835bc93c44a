"""python -m synth generators and --option/--epochs: every generator's options listed with their defaults, and each one
set on the command line reaching the run (or ignored with a note where it does not apply)."""

import json

from tests.unit.cli_run import cli


def test_generators_lists_one_line_each():
    # Run
    done = cli("generators")

    # Assert
    assert done.returncode == 0
    assert any(line.startswith("gaussian_copula: ") for line in done.stdout.splitlines())


def test_generators_verbose_lists_every_option_with_default_values_and_help():
    # Run
    done = cli("generators", "--verbose")

    # Assert
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "gaussian_copula: Learns each column's shape and how columns move together. Fast and steady." in lines
    assert any(
        line.startswith("    --option distance_from_real=1.0 (default; 0 to 2): Distance kept from real rows. No made")
        for line in lines
    )
    assert any(
        line.startswith("    --option distribution=beta (default; one of beta, norm, truncnorm,") for line in lines
    )
    assert sum(line.startswith("    --option epochs=100 (default; 1 to 5000): Training rounds") for line in lines) == 3


def test_every_option_can_be_set_and_reaches_the_run(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--rows",
        30,
        "--option",
        "distance_from_real=0.5",
        "--option",
        "min_rows_per_leaf = 7",
        "--option",
        "epochs=3",
        "--metrics",
        tmp_path / "m.json",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    options = json.loads((tmp_path / "m.json").read_text())["record"]["options"]
    assert options == {"min_rows_per_leaf": 7, "smoothing": 1.0, "distance_from_real": 0.5}
    assert done.stderr.strip().splitlines() == [
        "note: The option 'epochs' does not apply to Sequential trees (Doppel, recommended) and was ignored."
    ]


def test_epochs_and_options_reach_a_neural_generator(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--generator",
        "ctgan",
        "--rows",
        20,
        "--epochs",
        1,
        "--option",
        "batch_size=20",
        "--metrics",
        tmp_path / "m.json",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "m.json").read_text())["record"]["options"] == {"epochs": 1, "batch_size": 20}
