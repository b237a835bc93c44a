"""python -m synth bakeoff: each generator's result, a summary table and a page; fewer than two is a plain error."""

import json

import pandas as pd

from tests.unit.cli_run import cli


def test_bakeoff_writes_each_result_a_summary_csv_and_a_page(tmp_path, real_csv):
    # Run
    done = cli("bakeoff", real_csv, "--generators", "sequential_trees,gaussian_copula", "--out-dir", tmp_path / "out")

    # Assert
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(tmp_path / "out" / "summary.csv")
    assert list(table["generator"]) == ["sequential_trees", "gaussian_copula"]
    for name in ("sequential_trees", "gaussian_copula"):
        assert len(pd.read_csv(tmp_path / "out" / name / "synthetic.csv")) == 200
        assert json.loads((tmp_path / "out" / name / "metrics.json").read_text())["generator"] == name
    assert "Gaussian copula" in (tmp_path / "out" / "bakeoff.html").read_text(encoding="utf-8")


def test_bakeoff_with_one_generator_is_a_plain_error(tmp_path, real_csv):
    # Run
    done = cli("bakeoff", real_csv, "--generators", "sequential_trees", "--out-dir", tmp_path / "out")

    # Assert
    assert done.returncode == 2 and done.stderr.startswith("error: ") and "two or more" in done.stderr
    assert "Traceback" not in done.stderr
