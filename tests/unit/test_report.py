"""The report opens offline, names every column, carries the record, and leaks no real row."""

import dataclasses
import json
import re

import pytest

from synth.pipeline import RunConfig, generate
from synth.report import metrics, metrics_json, report_html


@pytest.fixture(scope="module")
def result():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "amount": rng.gamma(2, 10, 120).round(2),
            "shop": rng.choice(["North", "South"], 120),
            "note <b>": rng.choice(["<script>alert(1)</script>", "fine"], 120),
            "rare": ["unique-rare-value"] + ["common"] * 119,
        }
    )
    return generate(table, RunConfig(generator="gaussian_copula", seed=0), kinds={"note <b>": "category"})


def test_metrics_follow_the_design_contract(result):
    # Run
    data = json.loads(metrics_json(result))

    # Assert
    assert {
        "generator",
        "seed",
        "rows",
        "columns",
        "quality",
        "privacy",
        "utility",
        "timings",
        "versions",
        "warnings",
    } <= set(data)
    assert set(data["quality"]) == {"overall", "column_shapes", "column_pair_trends"}
    assert 0 <= data["quality"]["overall"] <= 1
    assert {"fit_s", "sample_s", "evaluate_s"} <= set(data["timings"])
    assert metrics(result)["privacy"]["exact_copy_rate"] >= 0
    assert set(data["verdict"]) >= {"fidelity", "privacy", "reasons"}
    assert {data["verdict"]["fidelity"], data["verdict"]["privacy"]} <= {"good", "check", "poor"}
    assert data["verdict"]["reasons"] and all(isinstance(r, str) for r in data["verdict"]["reasons"])
    assert {data["columns"][c]["verdict"] for c in ("amount", "shop")} <= {"good", "check", "poor"}
    assert {"beyond_tails", "mean_shift", "spread_ratio"} <= set(data["columns"]["amount"])


def test_report_opens_with_the_same_verdict_as_the_metrics(result):
    # Setup
    from synth.verdict import WORDS

    data = json.loads(metrics_json(result))

    # Run
    page = report_html(result)

    # Assert
    verdict = page.index("<h2>Verdict</h2>")
    assert verdict < page.index("<h2>Summary</h2>")
    assert WORDS[data["verdict"]["fidelity"]] in page[verdict:] and WORDS[data["verdict"]["privacy"]] in page
    assert "Beyond real 1%-99%" in page


def test_report_is_self_contained_and_names_every_column(result):
    # Run
    page = report_html(result)

    # Assert
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=|<link[^>]*\shref=", page)
    assert "Plotly" in page
    for column in ("amount", "shop", "note &lt;b&gt;", "rare"):
        assert column in page
    assert result.record["input_fingerprint"] in page


def test_report_escapes_html_and_groups_rare_categories(result):
    # Run
    page = report_html(result)

    # Assert
    assert "<script>alert(1)</script>" not in page
    assert "unique-rare-value" not in page


@pytest.fixture(scope="module")
def judged():
    """Learned rows judged as their own "synthetic" copy, with unseen rows, a target and every figure (attacks
    included), as `python -m synth evaluate ... --target --all` does: no training, so it stays quick."""
    import pandas as pd

    from synth.evaluate import ALL_EXTRAS
    from synth.pipeline import evaluate_tables
    from tests.unit.cli_run import ROOT

    real = pd.read_csv(ROOT / "synth" / "datasets" / "seattle_weather.csv").head(600)
    return evaluate_tables(
        real.iloc[:400],
        real.iloc[:400],
        holdout=real.iloc[400:],
        target="weather",
        extras=ALL_EXTRAS,
        table_name="seattle <weather>.csv",
    )


def test_report_names_the_source_generator_settings_and_versions(result, judged):
    # Run
    page, other = report_html(result), report_html(judged)

    # Assert
    how = page[page.index("<h2>How this was made</h2>") :]
    for label in ("Source file", "Generator", "Options", "Seed", "Versions", "Input fingerprint"):
        assert f"<th>{label}</th>" in how
    assert "gaussian_copula" in how and f"<td>{result.record['seed']}</td>" in how
    for package, version in result.record["versions"].items():
        assert f"{package} {version}" in how
    assert "seattle &lt;weather&gt;.csv" in other[other.index("<h2>How this was made</h2>") :]
    assert "seattle &lt;weather&gt;.csv" in other[other.index("<h2>Verdict</h2>") : other.index("<h2>Summary</h2>")]


def test_report_carries_distances_usefulness_and_attack_risks_when_measured(result, judged):
    # Setup
    from synth.evaluate.attack_risks import AttackRisks
    from synth.evaluate.dcr_baseline import DcrBaseline
    from synth.score_lines import attack_lines

    # Run
    page, plain = report_html(judged), report_html(result)

    # Assert
    assert DcrBaseline.label in page
    usefulness = page[page.index("<h2>Usefulness</h2>") :]
    assert "<b>weather</b>" in usefulness and "trained on synthetic rows" in usefulness
    attacks = page[page.index("<h2>Attack-based privacy risk</h2>") :]
    assert AttackRisks.name in judged.evaluation.results
    for line in attack_lines(judged.evaluation):
        assert line.label in attacks and line.shown in attacks
    assert "<h2>Usefulness</h2>" not in plain and "<h2>Attack-based privacy risk</h2>" not in plain


def test_report_holds_one_chart_per_column_plus_scores_and_heat_maps_drawn_lazily(result):
    # Setup
    from synth.charts import column_figure

    # Run
    page = report_html(result)

    # Assert: one slot per figure, the figures as one JSON block, Plotly's JS once, no figure drawn by its own script
    block = re.search(r'<script type="application/json" id="report-figures">(.*?)</script>', page, re.S)
    charts = json.loads(block.group(1))["charts"]
    assert len(charts) == 1 + 1 + len(result.real_model.columns) == page.count('class="chart-slot"')
    titles = [chart["layout"].get("title", {}).get("text") for chart in charts]
    assert titles[2:] == [
        column_figure(result.real_model[c], result.synthetic_model[c], "category").layout.title.text
        for c in result.real_model.columns
    ]
    assert page.count("Plotly.newPlot") == 1 and page.count('id="plotly-js-gzip"') == 1
    assert "IntersectionObserver" in page


def test_report_charts_draw_names_and_values_as_text(result):
    # Setup: the fixture has a column 'note <b>' whose values include a script tag
    page = report_html(result)
    payload = re.search(r'<script type="application/json" id="report-figures">(.*?)</script>', page, re.S).group(1)

    def texts(value, key=""):
        if isinstance(value, dict):
            return [t for k, v in value.items() if k != "hovertemplate" for t in texts(v, k)]
        if isinstance(value, list):
            return [t for v in value for t in texts(v, key)]
        return [value] if isinstance(value, str) else []

    # Run
    drawn = texts(json.loads(payload)["charts"])

    # Assert: Plotly would read '<b>' as bold and '<a href>' as a link; entities are drawn as the characters
    assert not any("<b>" in text or "<script" in text for text in drawn)
    assert "note &lt;b&gt;" in drawn


def test_report_lists_options_as_label_and_value_lines_not_json(result):
    # Setup: the walk read 'Options {"min_rows_per_leaf": 0, ...}' in the report
    options = {"min_rows_per_leaf": 0, "smoothing": 1.0, "distance_from_real": 1.0}
    trees = dataclasses.replace(result, record={**result.record, "generator": "sequential_trees", "options": options})

    # Run
    page = report_html(trees)

    # Assert
    how = page[page.index("<h2>How this was made</h2>") :]
    row = how[how.index("<th>Options</th>") :].split("</tr>")[0]
    assert "min_rows_per_leaf" not in row and "{" not in row
    assert "Minimum real rows behind each value: automatic (at least 5)<br>" in row
    assert "Blurring of numbers: 1.0<br>Distance kept from real rows: 1.0" in row


def test_a_private_run_states_its_budget_in_the_metrics_and_the_report(result):
    # Setup
    guarantee = {
        "epsilon": 1.0,
        "delta": 1e-7,
        "method": "MST",
        "budget_split": {"rho_total": 0.02, "lookup_share": 0.25, "columns_looked_up": 3, "new_entry": "kept"},
        "no_value_named": ["town"],
        "ranges_found": ["age", "income"],
        "treated_as_public": ["the number of rows"],
        "sentence": "Differential privacy at epsilon 1 (delta 1e-07): the result would look almost the same.",
    }
    private = dataclasses.replace(result, record={**result.record, "privacy_guarantee": guarantee})

    # Run
    figures, page = metrics(private), report_html(private)

    # Assert
    assert figures["differential_privacy"] == guarantee
    assert "differential_privacy" not in metrics(result)
    assert figures["verdict"]["reasons"][-1].startswith("Privacy: A differential privacy guarantee holds at epsilon 1")
    assert "strong protection (epsilon 1 or less)" in figures["verdict"]["reasons"][-1]
    assert "strong protection (epsilon 1 or less)" in page
    how = page[page.index("<h2>How this was made</h2>") :]
    assert "<th>Privacy budget</th><td>epsilon 1, delta 1e-07; MST</td>" in how
    assert guarantee["sentence"] in how
    assert "<th>What it covers</th><td>the synthetic rows only: this report and the metrics file show" in how
    split = how[how.index("<th>Budget split</th>") :].split("</tr>")[0]  # in words, not JSON
    assert "{" not in split and "rho_total" not in split
    assert "whole budget, as zero-concentrated DP (rho): 0.02<br>" in split
    assert "share spent finding ranges and category values: 25%<br>columns looked up: 3<br>new entry: kept" in split
    assert "<th>Ranges found from the budget for</th><td>age, income</td>" in how
    assert "<th>No value named (all &#x27;Other&#x27;) in</th><td>town</td>" in how


def test_report_says_how_many_real_rows_were_learned_from(result, judged):
    # Setup
    from synth.report import learned_text

    sampled = {"input_rows": 1000, "learned_rows": 300, "holdout_rows": 200, "sample_rows": 300}
    capped = {**sampled, "sample_rows": None}

    # Run
    page, other = report_html(result), report_html(judged)

    # Assert
    assert "<th>Learned from</th><td>120 real rows, every row</td>" in page
    assert "made elsewhere" in other[other.index("<th>Learned from</th>") :][:120]
    assert (
        learned_text(sampled) == "300 real rows, a random sample (chosen by the user); 200 kept aside to judge against"
    )
    assert "the server's limit" in learned_text(capped)
    assert learned_text({**sampled, "learned_rows": 800}) == "800 real rows, every row; 200 kept aside to judge against"


def test_a_figure_that_rounds_to_zero_reads_without_a_minus_sign():
    # Setup: a mean shift of -0.001 standard deviations (statsmodels' and plotly's tables gave -0.00)
    from synth.report import _number

    # Run / Assert
    assert (_number(-0.001), _number(-0.004), _number(-0.02), _number(None)) == ("0.00", "0.00", "-0.02", "")


def test_a_table_too_small_for_a_holdout_shows_the_other_real_half_its_verdict_reads(result):
    # Setup: 120 rows, so nothing was kept aside and each column was judged beside one real half against the other
    halves = result.evaluation.halves
    assert result.evaluation.reference is None and halves is not None

    # Run
    html = report_html(result)

    # Assert: that score is shown under its own name, as Compare's Columns tab shows it (not an empty 'Fresh real
    # sample' column)
    row = re.search(r"<tr><td>[^<]*<span[^>]*></span>amount</td>.*?</tr>", html).group(0)
    assert "<th>Other real half</th>" in html and "<th>Fresh real sample</th>" not in html
    assert f"<td>{halves.columns['amount']['score']:.2f}</td>" in row
    assert "too small to keep real rows aside" in html


def test_an_empty_column_reads_as_having_nothing_to_compare_not_nan():
    # Setup: a notes column with no value at all, learned as a category (the private generator learns it)
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(0)
    table = pd.DataFrame({"amount": rng.gamma(2, 10, 120).round(2), "notes": [None] * 120})
    config = RunConfig(generator="dp_marginals", options={"epsilon": 10.0, "noise": "reproducible"}, seed=0)
    result = generate(table, config, kinds={"notes": "category"})

    # Run
    page = report_html(result)

    # Assert: it read "notes Category nan (TVComplement) nan"
    row = page[page.index(">notes<") :][:600]
    assert "none: no real value to compare" in row and "nan" not in row
