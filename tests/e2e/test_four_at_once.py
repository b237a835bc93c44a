"""Four people generate at once (more jobs than workers): each sees their own result on Compare and downloads it."""

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.held_training import HELD
from tests.e2e.server import held_app, wait_for_log

CARS = Path(__file__).resolve().parents[2] / "synth" / "datasets" / "cars.csv"
ROWS = (100, 110, 120, 130)  # each person asks for their own number of rows: that is how their result is told apart


@pytest.fixture
def held_server(tmp_path):
    """A server whose training jobs wait at a gate (a FIFO) the test opens: the jobs are still under way when the
    Compare pages open, however fast the machine (before, the cars jobs could all end first, and the test failed)."""
    yield from held_app(tmp_path, "DOPPEL_TEST_TRAINING_GATE", "tests.e2e.held_training")


@pytest.fixture
def four_people(browser):
    contexts = [browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000}) for _ in ROWS]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(60_000)
    yield pages
    for context in contexts:
        context.close()


def test_four_people_generate_at_once_and_each_gets_their_own_result(held_server, four_people):
    # Setup: each person uploads the cars table and asks for their own number of rows
    process, app_url, gate = held_server
    for person, page in enumerate(four_people):
        page.goto(app_url)
        page.locator("input[type=file]").set_input_files(
            files=[{"name": f"cars_{person}.csv", "mimeType": "text/csv", "buffer": CARS.read_bytes()}]
        )
    for page, rows in zip(four_people, ROWS):
        expect(page.get_by_text("406 rows, 9 columns")).to_be_visible()
        page.get_by_role("link", name="Generate").first.click()
        page.get_by_role("spinbutton", name="Rows to make").fill(str(rows))
        page.get_by_role("spinbutton", name="Rows to make").press("Enter")
        expect(page.get_by_role("spinbutton", name="Rows to make")).to_have_value(str(rows))

    # Run: all four press Generate (two workers: two jobs wait, two are held at the gate), then go to Compare at
    # once: each says its job is under way, never "generate first"; then the jobs go on
    for page in four_people:
        page.get_by_role("button", name="Generate synthetic data").click()
    assert wait_for_log(process, HELD), "no training job started"
    for page in four_people:
        expect(page.get_by_role("button", name="Cancel")).to_be_visible()
        page.get_by_role("link", name="Compare").first.click()
    for page in four_people:
        expect(page.get_by_text("being made").first).to_be_visible()
        expect(page.get_by_text("No synthetic data yet")).to_have_count(0)
    release = os.open(gate, os.O_WRONLY)

    # Assert: each Compare page shows its result on its own, and each download holds that person's rows
    try:
        check_each_result(four_people)
    finally:
        os.close(release)


def check_each_result(four_people) -> None:
    for person, (page, rows) in enumerate(zip(four_people, ROWS)):
        expect(page.get_by_text("Overall quality").first).to_be_visible(timeout=180_000)
        expect(page.get_by_text("No synthetic data yet")).to_have_count(0)
        expect(page.get_by_text(f"cars_{person}.csv: {rows} synthetic rows")).to_be_visible()  # names its result
        page.get_by_role("link", name="Download").first.click()
        expect(page.get_by_text(f"cars_{person}.csv: {rows} synthetic rows")).to_be_visible()
        with page.expect_download() as csv_file:
            page.get_by_role("button", name="Download synthetic data (CSV)").click()
        synthetic = pd.read_csv(io.BytesIO(Path(csv_file.value.path()).read_bytes()), encoding="utf-8-sig")
        assert len(synthetic) == rows and "Name" in synthetic.columns
        assert csv_file.value.suggested_filename == f"cars_{person}_synthetic.csv"  # named after the table
