"""Stopping the server (SIGTERM) cancels a running training job within seconds instead of waiting for it."""

import subprocess
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.server import start_app, stop_app, wait_for_log

DATA = Path(__file__).resolve().parents[1] / "data" / "us_macro.csv"


def test_sigterm_cancels_a_running_job_and_the_server_exits(page):
    # Setup: a long neural training job running (5,000 rounds would take many minutes)
    process, url = start_app()
    try:
        page.goto(url)
        page.locator("input[type=file]").set_input_files(str(DATA))
        expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()
        page.get_by_role("link", name="Generate").first.click()
        page.get_by_text("CTGAN neural network (SDV)").click()
        rounds = page.get_by_role("spinbutton", name="Training rounds (epochs)")
        rounds.fill("5000")
        rounds.press("Enter")
        page.get_by_role("button", name="Generate synthetic data").click()
        assert wait_for_log(process, "started after", deadline_s=120)

        # Run
        process.terminate()
        try:
            code = process.wait(timeout=30)  # the job's own time limit is 30 minutes
        except subprocess.TimeoutExpired:
            code = None
    finally:
        log = stop_app(process)

    # Assert
    assert code is not None, "the server was still waiting for its job 30 s after SIGTERM"
    assert "unfinished job(s) cancelled" in log and "cancelled after" in log
