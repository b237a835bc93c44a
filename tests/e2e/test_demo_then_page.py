"""A demo table asked for, then another page opened or the tab reloaded at once: the page shows the table (the click
is not lost)."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.held_demo import HELD
from tests.e2e.server import held_app, wait_for_log


@pytest.fixture
def held_server(tmp_path):
    """A server whose demo-table reads wait at a gate (a FIFO) that the test opens when it chooses."""
    yield from held_app(tmp_path, "DOPPEL_TEST_DEMO_GATE", "tests.e2e.held_demo")


def test_generate_opened_while_the_demo_is_read_shows_the_demo(page, held_server):
    # Setup: the Data page, its demo tab open
    process, url, gate = held_server
    page.goto(url)
    page.get_by_role("tab", name="Use a demo table").click()
    generate = page.get_by_role("link", name="Generate").first
    expect(generate).to_be_visible()

    # Run: press the demo button; while the server is still reading the demo for that click, open Generate
    page.get_by_role("button", name="Use this demo table").click()
    assert wait_for_log(process, HELD), "the demo was never read"
    generate.click()
    release = os.open(gate, os.O_WRONLY)  # every read held at the gate, and any later one, goes on while it is open
    try:
        # Assert: Generate shows the demo table, not the pointer back to the Data page
        expect(page.get_by_role("heading", name="3. Generate")).to_be_visible()
        expect(page.get_by_role("button", name="Generate synthetic data")).to_be_visible()
        expect(page.get_by_text("First bring a table")).to_have_count(0)
    finally:
        os.close(release)


def test_a_reload_while_the_demo_is_read_keeps_the_demo(page, held_server):
    # Setup: the Data page, its demo tab open, the tab's token in the URL (a reload of it picks up the session's work)
    process, url, gate = held_server
    page.goto(url)
    page.get_by_role("tab", name="Use a demo table").click()
    expect(page.get_by_role("button", name="Use this demo table")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]tab="))

    # Run: press the demo button; while the server is still reading the demo for that click, reload the tab (F5)
    page.get_by_role("button", name="Use this demo table").click()
    assert wait_for_log(process, HELD), "the demo was never read"
    page.reload()
    expect(page.get_by_text("Picked up where you left off")).to_be_visible()  # the old run still held: not yet stored
    release = os.open(gate, os.O_WRONLY)
    try:
        # Assert: the reloaded tab shows the demo asked for
        expect(page.get_by_text("1,461 rows")).to_be_visible()
        expect(page.get_by_text("No table yet")).to_have_count(0)
    finally:
        os.close(release)
