"""A real Streamlit server and a real headless Chromium for end-to-end tests."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import BROWSER_ARGS, CHROMIUM, start_app, stop_app

# Waits are on conditions, never on time; the limit only bounds a slow machine (2 shared cores in CI).
expect.set_options(timeout=45_000)


@pytest.fixture(scope="session")
def app_server():
    """The running server process (its log: server_log(process)) and its URL."""
    process, url = start_app()
    yield process, url
    stop_app(process)


@pytest.fixture(scope="session")
def app_url(app_server):
    return app_server[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run 'make test', which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
