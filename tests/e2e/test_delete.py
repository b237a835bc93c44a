"""Delete my data in a real browser: the table and the uploaded file are gone, and stay gone."""

from pathlib import Path

from playwright.sync_api import expect

DATA = Path(__file__).resolve().parents[1] / "data" / "us_macro.csv"


def test_delete_my_data_forgets_the_upload_for_good(page, app_url):
    # Setup
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(DATA))
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()

    # Run
    page.get_by_role("button", name="Delete my data").click()  # asks first (issue 13): nothing is gone yet
    expect(page.get_by_text("cannot be undone")).to_be_visible()
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(page.get_by_text("Your data was deleted")).to_be_visible()
    expect(page.get_by_text("No table yet")).to_be_visible()
    expect(page.get_by_text("us_macro.csv")).to_have_count(0)  # the uploader no longer lists the file
    page.mouse.move(700, 20)  # a person moves on; the button's help tooltip would otherwise cover the tabs
    expect(page.get_by_test_id("stTooltipContent")).to_have_count(0)
    # Another run of the page while the uploader still lists its file in the browser: the file must not return
    page.get_by_role("tab", name="Use a demo table").click()
    page.get_by_role("combobox", name="Demo table").click()
    page.get_by_role("option", name="Cars (406 models)").click()
    expect(page.get_by_role("combobox", name="Demo table")).to_have_value("Cars (406 models)")
    expect(page.get_by_text("Your data was deleted")).to_have_count(0)  # the rerun happened: the message is gone

    # Assert
    expect(page.get_by_text("No table yet")).to_be_visible()
    expect(page.get_by_text("203 rows, 14 columns")).to_have_count(0)


def test_delete_my_data_makes_the_download_urls_answer_404(page, app_url):
    # Setup: a generated table, its CSV and report fetched once from their media URLs
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(DATA))
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()
    page.get_by_role("link", name="Generate").first.click()
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)
    page.get_by_role("link", name="Download").first.click()
    urls = []
    for label in ("Download synthetic data (CSV)", "Download quality report (HTML)"):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        urls.append(download.value.url)
    assert all(page.request.get(url).status == 200 for url in urls)

    # Run
    page.get_by_role("button", name="Delete my data").click()
    page.get_by_role("button", name="Yes, delete everything").click()  # Delete my data asks first (issue 13)
    expect(page.get_by_text("Your data was deleted")).to_be_visible()

    # Assert: nothing of it can be fetched any more, by this browser or anyone holding the links
    assert [page.request.get(url).status for url in urls] == [404, 404]
