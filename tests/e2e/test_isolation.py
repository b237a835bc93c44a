"""Two people on one server at the same time never see each other's data: pages, downloads and reports."""

import io
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.server import server_log

MARKERS = ("MARKER_ALPHA", "MARKER_BRAVO")
ROWS = 60


def marked_table(marker: str, seed: int) -> bytes:
    """A small table whose category column holds the marker in a third of the rows (the report groups only
    categories seen fewer than 5 times, so the marker must show there for its owner)."""
    frame = pd.DataFrame(
        {
            "team": [marker if i % 3 == 0 else ("north", "south")[i % 2] for i in range(ROWS)],
            "amount": [round(10 + seed * 5 + (i * 7919 % 97) / 3, 2) for i in range(ROWS)],
            "visits": [(i * 31 + seed) % 11 for i in range(ROWS)],
        }
    )
    return frame.to_csv(index=False).encode()


@pytest.fixture
def two_people(browser):
    contexts = [browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}) for _ in MARKERS]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(60_000)
    yield pages
    for context in contexts:
        context.close()


def assert_not_shown(page, other: str) -> None:
    assert other not in page.content(), f"{other} leaked into another session's page"


def test_two_sessions_at_once_never_see_each_others_data(app_server, two_people):
    process, app_url = app_server

    # Setup: each person uploads their own table
    for page, marker, seed in zip(two_people, MARKERS, (1, 2)):
        page.goto(app_url)
        page.locator("input[type=file]").set_input_files(
            files=[{"name": f"{marker.lower()}.csv", "mimeType": "text/csv", "buffer": marked_table(marker, seed)}]
        )
    for page in two_people:
        expect(page.get_by_text(f"{ROWS} rows, 3 columns")).to_be_visible()

    # Run: both generate at the same time (two workers: the jobs overlap)
    for page in two_people:
        page.get_by_role("link", name="Generate").first.click()
        page.get_by_role("button", name="Generate synthetic data").click()
    for page in two_people:
        expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)

    files = []
    for page, marker, other in zip(two_people, MARKERS, reversed(MARKERS)):
        assert_not_shown(page, other)
        page.get_by_role("link", name="Compare").first.click()
        page.get_by_role("radio", name="Columns").click()
        expect(page.locator(".js-plotly-plot svg text", has_text=marker).first).to_be_attached()  # own data shows
        assert_not_shown(page, other)
        page.get_by_role("link", name="Download").first.click()
        with page.expect_download() as csv_file:
            page.get_by_role("button", name="Download synthetic data (CSV)").click()
        with page.expect_download() as report_file:
            page.get_by_role("button", name="Download quality report (HTML)").click()
        assert_not_shown(page, other)
        files.append((Path(csv_file.value.path()).read_bytes(), Path(report_file.value.path()).read_text("utf-8")))

    # Assert: each download holds its owner's marker and never the other's
    for (csv, report), marker, other in zip(files, MARKERS, reversed(MARKERS)):
        synthetic = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
        assert marker in set(synthetic["team"]) and other not in csv.decode("utf-8-sig")
        assert marker in report and other not in report

    # Assert: the server log tells who ran what for how long, and holds no data value
    log = server_log(process)
    assert log.count(") of session ") >= 4 and " done after " in log
    assert not any(marker in log for marker in MARKERS)
