"""Scores and verdicts on the command line: evaluate of a table made elsewhere, and which figures a run measures (a
report asks for the distances, --all for every figure) and says it was judged without."""

import json

import pandas as pd
import pytest

from tests.unit.cli_run import ROOT, cli


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
