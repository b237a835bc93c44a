"""With SYNTH_PASSWORD set, no page, deep link or upload is reachable before the password."""

import pytest
from playwright.sync_api import expect

from tests.e2e.server import start_app, stop_app


@pytest.fixture(scope="module")
def gated_url():
    process, url = start_app({"SYNTH_PASSWORD": "correct horse"})
    yield url
    stop_app(process)


def test_deep_links_on_a_fresh_server_show_only_the_password(gated_url, page):
    # Run and Assert: the very first request is a deep link (Streamlit's pages/ fallback is active then)
    for path in ("/download", "/generate", "/columns", "/compare", "/"):
        page.goto(gated_url + path)
        expect(page.get_by_label("Password", exact=True)).to_be_visible()
        assert page.locator("input[type=file]").count() == 0
        for title in ("1. Your data", "2. Columns", "3. Generate", "4. Compare", "5. Download"):
            assert page.get_by_text(title).count() == 0


def test_right_password_opens_the_app(gated_url, page):
    # Setup
    page.goto(gated_url)

    # Run
    page.get_by_label("Password", exact=True).fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("That password is not right.")).to_be_visible()
    page.get_by_label("Password", exact=True).fill("correct horse")
    page.get_by_role("button", name="Sign in").click()

    # Assert
    expect(page.get_by_text("1. Your data")).to_be_visible()
    expect(page.locator("input[type=file]")).to_have_count(1)
