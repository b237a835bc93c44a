"""The command line of DESIGN.md: generate, evaluate, bakeoff, generators; plain one-line errors, exit 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from faker import Faker

from synth.personal import names_by_locale

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "synth", *map(str, args)], capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def real_csv(tmp_path, small_table):
    path = tmp_path / "real.csv"
    small_table.to_csv(path, index=False)
    return path


def test_generate_writes_csv_report_and_metrics(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--generator",
        "gaussian_copula",
        "--rows",
        50,
        "--seed",
        3,
        "--epochs",
        5,
        "--report",
        tmp_path / "r.html",
        "--metrics",
        tmp_path / "m.json",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    synthetic = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    assert len(synthetic) == 50 and list(synthetic.columns) == list(pd.read_csv(real_csv).columns)
    assert json.loads((tmp_path / "m.json").read_text())["seed"] == 3
    assert "<html" in (tmp_path / "r.html").read_text()
    assert "epochs" in done.stderr and "ignored" in done.stderr
    assert not list(tmp_path.glob("*.part"))


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


def test_settings_from_the_app_give_the_same_rows_on_the_command_line(tmp_path, real_csv, small_table):
    # Setup
    from synth.downloads import standard_files
    from synth.pipeline import RunConfig, generate
    from synth.rules import parse_rule

    kinds = {"height": "decimal", "weight": "decimal", "visits": "integer", "city": "category"}
    config = RunConfig(seed=5, rows=40, columns=tuple(kinds), rules=(parse_rule("visits > 0"),), extras=())
    files = standard_files(generate(small_table, config, kinds))
    (tmp_path / "settings.json").write_bytes(files["settings"])

    # Run
    same = cli("generate", real_csv, "--out", tmp_path / "same.csv", "--settings", tmp_path / "settings.json")
    other = cli(
        "generate", real_csv, "--out", tmp_path / "o.csv", "--settings", tmp_path / "settings.json", "--seed", 6
    )
    wrong = cli(
        "generate", "tests/data/us_macro.csv", "--out", tmp_path / "x.csv", "--settings", tmp_path / "settings.json"
    )

    # Assert
    assert same.returncode == 0, same.stderr
    assert (tmp_path / "same.csv").read_bytes() == files["csv"]
    assert other.returncode == 0 and (tmp_path / "o.csv").read_bytes() != files["csv"]  # a flag replaces a setting
    assert len(pd.read_csv(tmp_path / "o.csv")) == 40
    assert wrong.returncode == 2 and wrong.stderr.startswith("error: These settings are for another table")


def test_evaluate_scores_a_table_made_elsewhere(tmp_path, real_csv):
    # Setup
    pd.read_csv(real_csv).sample(frac=1, random_state=0).to_csv(tmp_path / "other.csv", index=False)

    # Run
    done = cli("evaluate", real_csv, tmp_path / "other.csv", "--metrics", tmp_path / "m.json")

    # Assert
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "m.json").read_text())["quality"]["column_shapes"] == pytest.approx(1.0)


def test_evaluate_with_a_holdout_writes_and_prints_the_verdict(tmp_path, small_table):
    # Setup: the synthetic side is unseen real rows with a tenth of 'height' piled at its maximum
    small_table.iloc[:100].to_csv(tmp_path / "real.csv", index=False)
    small_table.iloc[100:].to_csv(tmp_path / "holdout.csv", index=False)
    piled = small_table.iloc[100:].copy()
    piled.iloc[:10, piled.columns.get_loc("height")] = small_table["height"].max()
    piled.to_csv(tmp_path / "syn.csv", index=False)

    # Run
    done = cli(
        "evaluate",
        tmp_path / "real.csv",
        tmp_path / "syn.csv",
        "--holdout",
        tmp_path / "holdout.csv",
        "--metrics",
        tmp_path / "m.json",
        "--report",
        tmp_path / "r.html",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "m.json").read_text())
    assert data["verdict"]["fidelity"] in ("check", "poor") and data["verdict"]["privacy"] == "good"
    assert data["columns"]["height"]["verdict"] in ("check", "poor")
    assert data["columns"]["city"]["verdict"] == "good"
    lines = done.stdout.splitlines()
    assert lines[1].startswith("Fidelity: ") and "real.csv (100 synthetic rows made elsewhere)" in lines[1]
    assert "'height'" in lines[1] and lines[2].startswith("Privacy: Ready to share")
    assert "Verdict" in (tmp_path / "r.html").read_text()


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_output_format_follows_the_out_extension(tmp_path, real_csv, suffix):
    # Run
    done = cli("generate", real_csv, "--out", tmp_path / f"s.{suffix}", "--generator", "gaussian_copula", "--rows", 20)

    # Assert
    assert done.returncode == 0, done.stderr
    read = pd.read_excel if suffix == "xlsx" else pd.read_parquet
    assert list(read(tmp_path / f"s.{suffix}").columns) == list(pd.read_csv(real_csv).columns)


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


def test_labels_empty_columns_and_decimals_come_back_exactly(tmp_path):
    # Setup: issue 11's reproduction, a label that ends with a space and an empty column
    rows = [f"{'x ' if i % 3 else 'y'},{i % 7},,{(i * 0.618033988749895) % 9:.15f}" for i in range(60)]
    (tmp_path / "in.csv").write_text("label,n,empty,measure\n" + "\n".join(rows) + "\n")

    # Run
    done = cli("generate", tmp_path / "in.csv", "--out", tmp_path / "out.csv", "--seed", 1)

    # Assert
    assert done.returncode == 0, done.stderr
    real = pd.read_csv(tmp_path / "in.csv")
    synthetic = pd.read_csv(tmp_path / "out.csv", encoding="utf-8-sig")
    assert list(synthetic.columns) == ["label", "n", "empty", "measure"]
    assert set(synthetic["label"]) == {"x ", "y"}
    assert synthetic["empty"].isna().all()
    assert real["measure"].min() <= synthetic["measure"].min() and synthetic["measure"].max() <= real["measure"].max()
    assert "note: The column 'empty' is empty" in done.stderr


def test_locale_chooses_the_language_of_the_fakes_and_is_recorded(tmp_path, real_csv):
    # Setup: English names
    faker = Faker("en_US")
    faker.seed_instance(0)
    table = pd.read_csv(real_csv).assign(full_name=[faker.name() for _ in range(200)])
    table.to_csv(tmp_path / "in.csv", index=False)

    # Run
    done = cli(
        "generate",
        tmp_path / "in.csv",
        "--out",
        tmp_path / "s.csv",
        "--locale",
        "de_DE",
        "--metrics",
        tmp_path / "m.json",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "m.json").read_text())["record"]
    assert record["locale"] == "de_DE" and record["locale_from"] == "chosen"
    first = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")["full_name"].str.split().str[0].str.lower()
    assert first.isin(names_by_locale("first")["de_DE"]).mean() > 0.6  # the rest: titles (Dr., Prof.)


def test_evaluate_all_measures_the_attack_risks_with_a_holdout_and_says_when_it_cannot(tmp_path):
    # Setup
    real = pd.read_csv(ROOT / "synth" / "datasets" / "seattle_weather.csv").head(600)
    paths = {name: tmp_path / f"{name}.csv" for name in ("real", "holdout")}
    real.iloc[:400].to_csv(paths["real"], index=False)
    real.iloc[400:].to_csv(paths["holdout"], index=False)

    # Run: the learned rows themselves as the "synthetic" table
    done = cli(
        "evaluate",
        paths["real"],
        paths["real"],
        "--holdout",
        paths["holdout"],
        "--all",
        "--metrics",
        tmp_path / "m.json",
    )
    without = cli("evaluate", paths["real"], paths["real"], "--all", "--metrics", tmp_path / "n.json")

    # Assert
    assert done.returncode == 0, done.stderr
    attacks = json.loads((tmp_path / "m.json").read_text())["privacy"]["attacks"]
    assert attacks["singling_out_univariate"]["risk"] > 0.5 and len(attacks["inference"]["ci"]) == 2
    assert without.returncode == 0 and "attack-based privacy risks were not measured" in without.stderr
    assert "attacks" not in json.loads((tmp_path / "n.json").read_text())["privacy"]


def test_a_report_without_all_carries_the_distance_figures(tmp_path, real_csv):
    # Setup
    from synth.evaluate.dcr_baseline import DcrBaseline

    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.csv",
        "--generator",
        "gaussian_copula",
        "--report",
        tmp_path / "r.html",
        "--metrics",
        tmp_path / "m.json",
    )
    quiet = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "q.csv",
        "--generator",
        "gaussian_copula",
        "--metrics",
        tmp_path / "q.json",
    )

    # Assert: a report asks for the distance figures; metrics alone stay quick, as before
    assert done.returncode == 0 and quiet.returncode == 0, done.stderr + quiet.stderr
    page = (tmp_path / "r.html").read_text()
    privacy = page[page.index("<h2>Privacy screening</h2>") : page.index("<h2>Columns</h2>")]
    assert DcrBaseline.label in privacy
    assert "dcr" in json.loads((tmp_path / "m.json").read_text())["extras"]
    assert "dcr" not in json.loads((tmp_path / "q.json").read_text())["extras"]


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
    done = subprocess.run(
        [sys.executable, "-m", "synth", "generate", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.csv")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SYNTH_VERBOSE": "1"},
    )

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


def test_sample_rows_is_learned_from_and_said_in_the_metrics_and_the_report(tmp_path, real_csv):
    # Run
    done = cli(
        "generate",
        real_csv,
        "--out",
        tmp_path / "s.parquet",
        "--sample-rows",
        120,
        "--metrics",
        tmp_path / "m.json",
        "--report",
        tmp_path / "r.html",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    record = json.loads((tmp_path / "m.json").read_text())["record"]
    assert record["learned_rows"] == 120 and record["sample_rows"] == 120
    assert "120 real rows, a random sample (chosen by the user)" in (tmp_path / "r.html").read_text()
    assert "random sample of 120" in done.stderr
    assert len(pd.read_parquet(tmp_path / "s.parquet")) == 200


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


def test_a_verdict_judged_without_the_classifier_and_distances_says_so_and_that_all_measures_them(tmp_path, capsys):
    # Setup: without --report or --all the CLI leaves the classifier and the distance figures out, yet could print
    # "Ready to share" with nothing to say it had not looked
    from synth.__main__ import main

    common = ["generate", "tests/data/us_macro.csv", "--generator", "gaussian_copula", "--rows", "60"]

    def run(*extra: str) -> tuple[list[str], dict]:
        metrics = tmp_path / f"m{len(extra)}.json"
        assert main([*common, "--out", str(tmp_path / "s.csv"), "--metrics", str(metrics), *extra]) == 0
        return capsys.readouterr().out.splitlines(), json.loads(metrics.read_text())["verdict"]

    # Run
    default_lines, default_verdict = run()
    report_lines, report_verdict = run("--report", str(tmp_path / "r.html"))
    all_lines, all_verdict = run("--all")

    # Assert
    assert default_lines[-1] == (
        "Not measured: whether a model can tell synthetic rows from real ones (fidelity) and how close synthetic rows "
        "lie to learned rows and to unseen ones (privacy); the verdict above is judged without them. --all measures "
        "them."
    )
    assert default_lines[-2].startswith("Privacy: ") and default_verdict["not_measured"] == ["fidelity", "privacy"]
    assert (
        report_lines[-1].startswith("Not measured: whether a model can tell")
        and "--all measures it." in (report_lines[-1])
    )
    assert report_verdict["not_measured"] == ["fidelity"]
    assert all_lines[-1].startswith("Privacy: ") and "not_measured" not in all_verdict
    assert "pending" not in default_verdict  # nothing is on its way: the CLI measures now or not at all
