"""A person's walk through the app in a real browser: upload, generate, compare, download."""

import io
import re
from pathlib import Path

import pandas as pd
from playwright.sync_api import expect

DATA = Path(__file__).resolve().parents[1] / "data" / "us_macro.csv"


def open_page(page, url: str, title: str) -> None:
    page.get_by_role("link", name=title).first.click()
    expect(page.get_by_role("heading", name=title, exact=False).first).to_be_visible()


def test_upload_generate_compare_download(page, app_url, tmp_path):
    # Setup
    page.goto(app_url)
    expect(page.get_by_text("1. Your data")).to_be_visible()

    # Run: upload
    page.locator("input[type=file]").set_input_files(str(DATA))
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()

    # Run: generate (the default generator)
    page.get_by_role("link", name="Generate").first.click()
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)

    # Run: compare
    page.get_by_role("link", name="Compare").first.click()
    expect(page.get_by_text("Overall quality").first).to_be_visible()
    page.get_by_role("radio", name="Columns").click()
    expect(page.locator(".js-plotly-plot:visible").nth(1)).to_be_visible()  # a chart per column, drawn on demand

    # Run: download both files
    page.get_by_role("link", name="Download").first.click()
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download synthetic data (CSV)").click()
    with page.expect_download() as report_download:
        page.get_by_role("button", name="Download quality report (HTML)").click()

    # Assert
    synthetic = pd.read_csv(io.BytesIO(Path(csv_download.value.path()).read_bytes()), encoding="utf-8-sig")
    real = pd.read_csv(DATA)
    assert list(synthetic.columns) == list(real.columns)
    assert len(synthetic) == len(real)
    report = Path(report_download.value.path()).read_text(encoding="utf-8")
    assert "Synthetic data quality report" in report
    for column in real.columns:
        assert column in report
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=|<link[^>]*\shref=", report)  # nothing fetched: opens offline
