"""--where, --rebalance and --rule on the command line: the rows made obey them, and category values keep their exact
spelling."""

import pandas as pd

from tests.unit.cli_run import cli


def test_conditions_rebalancing_and_rules_from_the_command_line(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--generator",
        "gaussian_copula",
        "--rows",
        80,
        "--where",
        "member=yes",
        "--rebalance",
        "city=Nice:0.5,Lyon:0.5",
        "--rule",
        "height <= weight",
        "--rule",
        "visits in [0, 5]",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    synthetic = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    assert set(synthetic["member"]) == {"yes"}
    assert synthetic["city"].value_counts().to_dict() == {"Nice": 40, "Lyon": 40}
    assert (synthetic["height"] <= synthetic["weight"]).all() and synthetic["visits"].between(0, 5).all()


def test_comparison_rules_with_numbers_and_dates_from_the_command_line(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--rows",
        60,
        "--rule",
        "height < weight",
        "--rule",
        "visits >= 2",
        "--rule",
        "joined > 2020-03-01",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    synthetic = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    assert (synthetic["height"] < synthetic["weight"]).all() and (synthetic["visits"] >= 2).all()
    assert (pd.to_datetime(synthetic["joined"]) > "2020-03-01").all()


def test_where_and_rebalance_keep_the_exact_spelling_of_category_values(tmp_path, capsys):
    # Setup: 'low ' (with a space) and 'low' are two categories; a value may also hold ':'
    from synth.__main__ import main

    rows = [f"{['low ', 'low', 'a:b', 'high'][i % 4]},{i % 5},{i * 0.5}" for i in range(80)]
    (tmp_path / "in.csv").write_text("level,n,x\n" + "\n".join(rows) + "\n")
    common = ["generate", str(tmp_path / "in.csv"), "--generator", "gaussian_copula", "--rows", "40"]

    # Run
    where = main([*common, "--out", str(tmp_path / "w.csv"), "--where", "level=low "])
    shares = main([*common, "--out", str(tmp_path / "r.csv"), "--rebalance", "level=low :0.5,a:b:0.5"])

    # Assert
    assert (where, shares) == (0, 0), capsys.readouterr().err
    made = pd.read_csv(tmp_path / "w.csv", encoding="utf-8-sig", keep_default_na=False)
    assert set(made["level"]) == {"low "}
    balanced = pd.read_csv(tmp_path / "r.csv", encoding="utf-8-sig", keep_default_na=False)
    assert balanced["level"].value_counts().to_dict() == {"low ": 20, "a:b": 20}


def test_a_value_that_differs_only_by_spaces_is_refused_with_a_hint(tmp_path, capsys):
    # Setup
    from synth.__main__ import main

    rows = [f"{['low ', 'high'][i % 2]},{i}" for i in range(40)]
    (tmp_path / "in.csv").write_text("level,n\n" + "\n".join(rows) + "\n")

    # Run
    code = main(["generate", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.csv"), "--where", "level=low"])

    # Assert
    error = capsys.readouterr().err
    assert code == 2 and "'low' never appears in 'level'" in error and "did you mean 'low '?" in error
