"""A reload (F5) of the same tab keeps the session's work; the same URL in another browser gets none of it."""

import re
from pathlib import Path

from playwright.sync_api import expect

DATA = Path(__file__).resolve().parents[1] / "data" / "us_macro.csv"


def test_a_reload_keeps_the_table_and_the_choices_on_any_page(page, app_url):
    # Setup: a table, then the Columns page (a page change must keep the tab's token in the URL)
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(DATA))
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()
    expect(page.get_by_text("Reloading this tab keeps your work")).to_be_visible()
    page.get_by_role("link", name="Columns").first.click()
    expect(page.get_by_text("Your columns.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]tab="))

    # Run
    page.reload()

    # Assert
    expect(page.get_by_text("Picked up where you left off")).to_be_visible()
    expect(page.get_by_text("Your columns.")).to_be_visible()
    expect(page.get_by_text("First bring a table")).to_have_count(0)
    page.get_by_role("link", name="Data").first.click()
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()


def test_the_same_url_in_another_browser_opens_nothing_of_the_session(browser, app_url):
    # Setup: one browser with a table, its tab's URL copied, the tab closed (its session waits to be resumed)
    owner = browser.new_context()
    first = owner.new_page()
    first.goto(app_url)
    first.locator("input[type=file]").set_input_files(str(DATA))
    expect(first.get_by_text("203 rows, 14 columns")).to_be_visible()
    expect(first).to_have_url(re.compile(r"[?&]tab="))
    copied = first.url
    first.close()
    other = browser.new_context()
    try:
        # Run
        second = other.new_page()
        second.goto(copied)

        # Assert: a fresh session, not the other browser's
        expect(second.get_by_text("No table yet")).to_be_visible()
        expect(second.get_by_text("Picked up where you left off")).to_have_count(0)
        expect(second.get_by_text("203 rows, 14 columns")).to_have_count(0)
    finally:
        other.close()
        owner.close()
