"""Offline: a walk over every page and tab asks nothing of any server but the app's own (an intranet has no internet)."""

from playwright.sync_api import expect

from tests.e2e.flows import make_rows, upload_cars
from tests.e2e.server import refuse_outside

COMPARE_PARTS = ("Summary", "Columns", "Column pairs", "Privacy", "Usefulness")


def test_every_page_loads_only_from_the_app_itself(browser, app_url):
    # Setup: every request the browser makes goes through here; anything not from the app is refused and noted
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    outside = refuse_outside(context, app_url)
    page = context.new_page()
    page.set_default_timeout(60_000)

    # Run: every page, with a result so that every part of Compare draws its charts
    page.goto(app_url)
    expect(page.get_by_text("1. Your data")).to_be_visible()
    upload_cars(page)
    page.get_by_role("link", name="Columns").first.click()
    expect(page.get_by_text("2. Columns")).to_be_visible()
    make_rows(page)
    page.get_by_role("link", name="Bake-off").first.click()
    expect(page.get_by_role("button", name="Run the bake-off")).to_be_visible()
    page.get_by_role("link", name="Compare").first.click()
    for part in COMPARE_PARTS:
        page.get_by_role("radio", name=part).click()
        expect(page.get_by_role("radio", name=part)).to_be_checked()
    page.get_by_role("radio", name="Columns").click()
    page.get_by_text("Side by side instead of overlaid").click()
    expect(page.locator(".js-plotly-plot:visible").first).to_be_visible()
    page.get_by_role("link", name="Download").first.click()
    with page.expect_download() as report:
        page.get_by_role("button", name="Download quality report (HTML)").click()
    assert report.value.suggested_filename == "cars_report.html"
    page.reload()  # a fresh load of the app's shell, favicon and fonts included
    expect(page.get_by_text("5. Download").or_(page.get_by_text("1. Your data")).first).to_be_visible()
    context.close()

    # Assert
    assert outside == []
