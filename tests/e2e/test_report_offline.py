"""The downloaded report opens from disk with no network: the packed Plotly unpacks and every chart draws."""

import numpy as np
import pandas as pd
from playwright.sync_api import expect

from synth.pipeline import RunConfig, generate
from synth.report import report_html


def test_report_draws_every_chart_from_disk_without_the_network(browser, tmp_path):
    # Setup
    rng = np.random.default_rng(0)
    table = pd.DataFrame(
        {
            "amount": rng.gamma(2, 10, 120).round(2),
            "shop": rng.choice(["North", "South", "West"], 120),
            "day": pd.date_range("2024-01-01", periods=120, freq="D").strftime("%Y-%m-%d"),
        }
    )
    report = tmp_path / "report.html"
    report.write_text(report_html(generate(table, RunConfig(generator="gaussian_copula", seed=0))), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    asked, errors = [], []
    context.route(
        lambda url: not url.startswith(("file:", "blob:", "data:")),
        lambda route: asked.append(route.request.url) or route.abort(),
    )
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

    # Run
    page.goto(report.as_uri())
    slots = page.locator(".chart-slot")

    # Assert: the verdict bar, the heat maps and one chart per column, each drawn by Plotly (also those below)
    expect(slots).to_have_count(5)
    for index in range(5):
        expect(slots.nth(index).locator(".main-svg").first).to_be_attached()
    assert page.evaluate("typeof Plotly.newPlot") == "function"
    assert not asked and not errors
    context.close()
