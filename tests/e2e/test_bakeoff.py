"""A bake-off in a real browser: two fast generators side by side, one result kept, then downloaded from Download."""

import io
from pathlib import Path

import pandas as pd
from playwright.sync_api import expect

from tests.e2e.server import refuse_outside

TABLE = pd.DataFrame(
    {
        "size": [round(i % 11 + i / 60, 2) for i in range(60)],
        "colour": ["red", "blue", "green"] * 20,
    }
)


def test_a_two_generator_bakeoff_keeps_one_result_for_download(page, app_url):
    # Setup: like the offline walk, anything not served by the app is refused and noted
    outside = refuse_outside(page.context, app_url)
    page.goto(app_url)
    expect(page.get_by_text("1. Your data")).to_be_visible()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "paint.csv", "mimeType": "text/csv", "buffer": TABLE.to_csv(index=False).encode("utf-8")}]
    )
    expect(page.get_by_text("60 rows, 2 columns")).to_be_visible()

    # Run: the page starts with two fast generators chosen
    page.get_by_role("link", name="Bake-off").first.click()
    expect(page.get_by_text("3b. Bake-off")).to_be_visible()
    page.get_by_role("button", name="Run the bake-off").click()
    expect(page.get_by_role("button", name="Keep this result")).to_be_visible(timeout=180_000)
    expect(page.locator(".js-plotly-plot:visible").first).to_be_visible()
    with page.expect_download() as summary_download:
        page.get_by_role("button", name="Download bake-off summary (CSV)").click()
    page.locator("[data-testid=stRadio]").filter(has_text="Result to keep").get_by_text("Gaussian copula (SDV)").click()
    page.get_by_role("button", name="Keep this result").click()
    expect(page.get_by_text("result is now your result")).to_be_visible()
    page.get_by_role("link", name="Download").first.click()
    expect(page.get_by_text("by Gaussian copula (SDV)")).to_be_visible()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download synthetic data (CSV)").click()

    # Assert
    assert outside == []
    summary = pd.read_csv(io.BytesIO(Path(summary_download.value.path()).read_bytes()))
    assert list(summary["generator"]) == ["sequential_trees", "gaussian_copula"]
    assert summary_download.value.suggested_filename == "paint_bakeoff_summary.csv"
    synthetic = pd.read_csv(io.BytesIO(Path(csv_download.value.path()).read_bytes()), encoding="utf-8-sig")
    assert list(synthetic.columns) == ["size", "colour"] and len(synthetic) == 60
    assert csv_download.value.suggested_filename == "paint_synthetic.csv"
