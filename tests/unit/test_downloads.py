"""The standard files: made with the result, one job's worth of work, each with its own content."""

import io
import json

import numpy as np
import pandas as pd
import pytest

from synth.downloads import download_name, generate_with_files, report_file, standard_files
from synth.pipeline import RunConfig


def test_generate_with_files_makes_the_result_and_its_quick_files_and_the_report_apart():
    # Setup
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"amount": rng.gamma(2, 10, 80).round(2), "shop": rng.choice(["North", "South"], 80)})
    messages = []

    # Run
    result, files = generate_with_files(table, RunConfig(seed=7), progress=lambda f, m: messages.append(m))
    files["report"] = report_file(result)

    # Assert: the report is made apart (issue 13: the result waited for it), the same report as before
    assert set(files) == {"csv", "report", "metrics", "settings"}
    assert set(standard_files(result)) == set(files)
    assert pd.read_csv(io.BytesIO(files["csv"]), encoding="utf-8-sig").shape == result.synthetic.shape
    assert files["report"].startswith(b"<!DOCTYPE html>") and b"amount" in files["report"]
    assert json.loads(files["metrics"])["seed"] == 7 and json.loads(files["settings"])["seed"] == 7
    assert {"personal_data", "locale", "where", "rebalance", "rules"} <= set(json.loads(files["settings"]))
    assert messages[-1] == "Preparing the files to download"


def test_figures_measured_later_reach_the_report_and_the_metrics(load):
    # Setup
    from synth.downloads import with_figures
    from synth.evaluate.attack_risks import attack_risks
    from synth.pipeline import evaluate_tables

    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]
    result = evaluate_tables(training, training.copy(), kinds, holdout=holdout)
    attacks = attack_risks(result.training_model, result.holdout_model, result.synthetic_model, kinds, n_attacks=50)

    # Run
    updated, files = with_figures(result, ({"attacks": attacks}, {"attacks_s": 1.5}))

    # Assert: only the metrics are made again (the CSV and the settings do not change; the report is made apart)
    assert set(files) == {"metrics"}
    assert "attacks" not in result.evaluation.results and updated.evaluation.results["attacks"] is attacks
    assert updated.record is result.record and updated.evaluation.timings["attacks_s"] == 1.5
    assert json.loads(files["metrics"])["privacy"]["attacks"]["singling_out_univariate"]["risk"] > 0.5
    assert "attacks" in json.loads(files["metrics"])["extras"]
    page = report_file(updated)
    assert b"Attack-based privacy risk" in page and b"95% interval" in page


def test_the_figures_left_for_later_give_the_metrics_a_full_run_gives(load):
    # Setup
    from synth.downloads import later_figures, quick_files, with_figures
    from synth.pipeline import MEASURED_LATER, generate

    real, kinds = load("cars")
    table = pd.concat([real, real], ignore_index=True)  # 812 rows: enough to keep real rows aside
    full = generate(table, RunConfig(seed=3), kinds)
    shown = generate(table, RunConfig(seed=3, later=MEASURED_LATER), kinds)
    messages = []

    # Run
    figures = later_figures(shown, progress=lambda fraction, message: messages.append(message))
    completed, files = with_figures(shown, figures)

    # Assert: shown first without them, then the same figures as one run that measured everything
    assert set(shown.evaluation.pending) == {"detection", "dcr"} and "detection" not in shown.evaluation.results
    assert json.loads(quick_files(shown)["metrics"])["verdict"]["pending"] == ["fidelity", "privacy"]
    assert completed.evaluation.pending == () and completed.evaluation.extras == full.evaluation.extras
    assert list(completed.evaluation.results) == list(full.evaluation.results)
    ours, theirs = json.loads(files["metrics"]), json.loads(quick_files(full)["metrics"])
    for name in ("verdict", "quality", "privacy", "fidelity", "columns"):
        assert ours[name] == theirs[name], name
    assert "pending" not in ours["verdict"] and any("model" in m for m in messages)


@pytest.mark.parametrize(
    ("table", "what", "extension", "name"),
    [
        ("credit.csv", "synthetic", "csv", "credit_synthetic.csv"),
        ("credit.csv", "report", "html", "credit_report.html"),
        ("Cars (406 models)", "synthetic", "xlsx", "Cars_synthetic.xlsx"),
        ("my data.v2.xlsx", "metrics", "json", "my_data.v2_metrics.json"),
        ("", "synthetic", "csv", "synthetic.csv"),
        ("../../etc/passwd", "report", "html", "report.html"),
    ],
)
def test_downloads_are_named_after_their_table(table, what, extension, name):
    # Run / Assert
    assert download_name(table, what, extension) == name


def test_attack_risks_and_usefulness_measured_as_jobs_reach_the_report_and_the_metrics(load):
    # Setup
    from synth.downloads import attack_risk_figures, usefulness_figures, with_figures
    from synth.pipeline import evaluate_tables

    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]
    result = evaluate_tables(training, training.copy(), kinds, holdout=holdout)
    target = next(c for c, kind in kinds.items() if kind == "category")
    messages = []

    # Run
    attacked, _ = with_figures(result, attack_risk_figures(result, progress=lambda f, m: messages.append((f, m))))
    measured = usefulness_figures(attacked, target, progress=lambda f, m: messages.append((f, m)))
    useful, files = with_figures(attacked, measured)

    # Assert: both measurements in the last files; progress stays below 1 (the job ends when the figures are back)
    metrics = json.loads(files["metrics"])
    assert metrics["utility"]["target"] == target and metrics["privacy"]["attacks"]["singling_out_univariate"]
    assert {"attacks", "utility"} <= set(metrics["extras"]) and "utility" not in result.evaluation.results
    page = report_file(useful).decode("utf-8")
    assert "<h2>Usefulness</h2>" in page and f"<b>{target}</b>" in page and "Attack-based privacy risk" in page
    fractions = [f for f, _ in messages]
    assert max(fractions) < 1 and messages[-1][1] == "Training a model on real rows and one on synthetic rows"


def test_a_report_made_after_its_figures_could_not_be_measured_says_so():
    # Setup: a result shown before its last figures (the app's case), whose measurement then failed
    from dataclasses import replace

    rng = np.random.default_rng(0)
    table = pd.DataFrame({"amount": rng.gamma(2, 10, 80).round(2), "shop": rng.choice(["North", "South"], 80)})
    result, _ = generate_with_files(table, RunConfig(generator="gaussian_copula", seed=7))
    shown = replace(result, evaluation=replace(result.evaluation, pending=("detection",)))

    # Run
    waiting, stopped = report_file(shown).decode("utf-8"), report_file(shown, False).decode("utf-8")

    # Assert
    assert "is still being measured" in waiting and "could not be measured" not in waiting
    assert "could not be measured" in stopped and "is still being measured" not in stopped
