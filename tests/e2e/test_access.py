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
    # Run and Assert: the very first request is a deep link; every page runs only through app.py, after its gate
    for path in ("/download", "/generate", "/columns", "/compare", "/"):
        page.goto(gated_url + path)
        expect(page.get_by_label("Password", exact=True)).to_be_visible()
        assert page.locator("input[type=file]").count() == 0
        for title in ("1. Your data", "2. Columns", "3. Generate", "4. Compare", "5. Download"):
            assert page.get_by_text(title).count() == 0
        assert page.get_by_role("button", name="Delete my data").count() == 0
        assert page.get_by_role("link", name="Generate").count() == 0  # no navigation either


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


@pytest.fixture
def two_browsers(browser):
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def test_a_deep_link_in_a_new_browser_asks_again_after_someone_signed_in(gated_url, two_browsers):
    # Setup: one person signs in
    first, second = two_browsers
    first.goto(gated_url)
    first.get_by_label("Password", exact=True).fill("correct horse")
    first.get_by_role("button", name="Sign in").click()
    expect(first.get_by_text("1. Your data")).to_be_visible()

    # Run: someone else follows a deep link
    second.goto(gated_url + "/generate")

    # Assert
    expect(second.get_by_label("Password", exact=True)).to_be_visible()
    assert second.get_by_text("3. Generate").count() == 0 and second.locator("input[type=file]").count() == 0


def test_the_sign_in_is_a_cookie_no_script_can_read_and_no_other_site_can_send(gated_url, page):
    # Run
    page.goto(gated_url + "/generate")
    page.get_by_label("Password", exact=True).fill("correct horse")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("3. Generate")).to_be_visible()  # back to the deep link asked for
    cookies = {c["name"]: c for c in page.context.cookies()}
    from_script = page.evaluate("document.cookie")

    # Assert
    assert cookies["doppel_signin"]["httpOnly"] and cookies["doppel_signin"]["sameSite"] == "Strict"
    assert "doppel_signin" not in from_script
