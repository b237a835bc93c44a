"""python -m synth generate: the files it writes, in the format asked for, with the real table's labels, values and
language, from a sample or from the app's settings."""

import json

import pandas as pd
import pytest
from faker import Faker

from synth.personal import names_by_locale
from tests.unit.cli_run import cli


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


@pytest.mark.parametrize("suffix", ["xlsx", "parquet"])
def test_output_format_follows_the_out_extension(tmp_path, real_csv, suffix):
    # Run
    done = cli("generate", real_csv, "--out", tmp_path / f"s.{suffix}", "--generator", "gaussian_copula", "--rows", 20)

    # Assert
    assert done.returncode == 0, done.stderr
    read = pd.read_excel if suffix == "xlsx" else pd.read_parquet
    assert list(read(tmp_path / f"s.{suffix}").columns) == list(pd.read_csv(real_csv).columns)


def test_a_parquet_input_gives_a_parquet_output_its_own_column_types(tmp_path, small_table):
    # Setup: a category with an order and an unused value, times in Paris, a narrow whole number, a 32-bit float
    typed = small_table.assign(
        city=pd.Categorical(small_table["city"], categories=["Paris", "Lyon", "Nice", "Brest"], ordered=True),
        joined=pd.to_datetime(small_table["joined"]).dt.tz_localize("Europe/Paris") + pd.Timedelta(hours=9),
        visits=small_table["visits"].astype("int16"),
        height=small_table["height"].astype("float32"),
    )
    typed.to_parquet(tmp_path / "in.parquet")

    # Run
    done = cli("generate", tmp_path / "in.parquet", "--out", tmp_path / "s.parquet", "--rows", 120, "--seed", 1)
    also = cli("generate", tmp_path / "in.parquet", "--out", tmp_path / "s.csv", "--rows", 120, "--seed", 1)

    # Assert: the input's types; the CSV keeps writing the times learned, in UTC
    assert done.returncode == 0 and also.returncode == 0, done.stderr + also.stderr
    synthetic = pd.read_parquet(tmp_path / "s.parquet")
    assert synthetic["city"].cat.categories.tolist() == ["Paris", "Lyon", "Nice"]  # Brest, no row's, is not named
    assert synthetic["city"].cat.ordered
    assert str(synthetic["joined"].dtype) == "datetime64[ns, Europe/Paris]"
    assert str(synthetic["visits"].dtype) == "int16" and str(synthetic["height"].dtype) == "float32"
    as_csv = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    utc = synthetic["joined"].dt.tz_convert("UTC").dt.strftime("%Y-%m-%d %H:%M:%S")
    assert as_csv["joined"].tolist() == utc.tolist()
    assert as_csv["city"].tolist() == synthetic["city"].astype(str).tolist()


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


def test_generate_with_values_near_1e300_prints_no_overflow_warning(tmp_path):
    # Setup: ordinary values with a few near 1e300 in one column, and a whole column of them
    import numpy as np

    rng = np.random.default_rng(0)
    amount = rng.normal(100, 20, 300).round(1)
    amount[[3, 50, 100]] = [1e300, -5e299, 3e299]
    real = pd.DataFrame(
        {"size": rng.normal(50, 10, 300).round(2), "amount": amount, "huge": rng.uniform(-1e300, 1e300, 300)}
    )
    real.to_csv(tmp_path / "huge.csv", index=False)

    # Run
    done = cli(
        "generate",
        tmp_path / "huge.csv",
        "--out",
        tmp_path / "s.csv",
        "--report",
        tmp_path / "r.html",
        "--metrics",
        tmp_path / "m.json",
        "--all",
    )

    # Assert
    assert done.returncode == 0, done.stderr
    assert "overflow" not in done.stderr and "Warning" not in done.stderr, done.stderr
    made = pd.read_csv(tmp_path / "s.csv")
    for column in ("amount", "huge"):
        assert np.isfinite(made[column]).all()
        assert made[column].between(real[column].min(), real[column].max()).all()
    metrics = json.loads((tmp_path / "m.json").read_text())
    assert 0 < metrics["quality"]["overall"] <= 1
    assert metrics["fidelity"]["detection"]["auc"] < 0.8


def vast_table(rows: int = 300, seed: int = 0) -> pd.DataFrame:
    """An ordinary column beside one of values up to 1.7e308 either way: its max - min overflows a float (past 9e307)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    return pd.DataFrame({"size": rng.normal(50, 10, rows).round(2), "vast": rng.uniform(-1, 1, rows) * 1.7e308})


def test_generate_and_evaluate_with_values_near_the_float_maximum(tmp_path):
    # Setup: a real table and an unseen one; any numpy warning (overflow, invalid value) is printed on stderr
    import numpy as np

    vast_table().to_csv(tmp_path / "vast.csv", index=False)
    vast_table(seed=1).to_csv(tmp_path / "unseen.csv", index=False)
    real = pd.read_csv(tmp_path / "vast.csv")

    # Run
    made = cli(
        "generate", tmp_path / "vast.csv", "--out", tmp_path / "s.csv", "--metrics", tmp_path / "m.json", "--all",
        "--report", tmp_path / "r.html",
    )  # fmt: skip
    judged = cli(
        "evaluate", tmp_path / "vast.csv", tmp_path / "s.csv", "--holdout", tmp_path / "unseen.csv", "--target", "vast",
        "--all", "--metrics", tmp_path / "e.json",
    )  # fmt: skip

    # Assert
    for done in (made, judged):
        assert done.returncode == 0, done.stderr
        assert "Warning" not in done.stderr and "overflow" not in done.stderr, done.stderr
    synthetic = pd.read_csv(tmp_path / "s.csv")
    for column in ("size", "vast"):
        assert np.isfinite(synthetic[column]).all()
        assert synthetic[column].between(real[column].min(), real[column].max()).all()
    for metrics in ("m.json", "e.json"):
        text = (tmp_path / metrics).read_text()
        assert "NaN" not in text and "Infinity" not in text, metrics
    figures = json.loads((tmp_path / "e.json").read_text())
    assert 0 < figures["quality"]["overall"] <= 1 and figures["columns"]["vast"]["score"] > 0.5
