"""The report opens offline, names every column, carries the record, and leaks no real row."""

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
