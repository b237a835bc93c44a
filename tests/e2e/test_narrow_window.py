"""An 800-pixel window (a laptop with the sidebar open): whole button labels on Download, readable score cards on
Compare."""

from pathlib import Path

from playwright.sync_api import expect

DATA = Path(__file__).resolve().parents[1] / "data" / "us_macro.csv"
# Any part of a button narrower than its text: the label is cut, with an ellipsis ("Download synthetic data (C…")
CUT = "(b) => [...b.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1).length"


def test_the_download_buttons_keep_their_whole_labels_in_a_narrow_window(browser, app_url):
    # Setup
    context = browser.new_context(accept_downloads=True, viewport={"width": 800, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(app_url)
    page.locator("input[type=file]").set_input_files(str(DATA))
    expect(page.get_by_text("203 rows, 14 columns")).to_be_visible()
    page.get_by_role("link", name="Generate").first.click()
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)

    # Run
    page.get_by_role("link", name="Download").first.click()
    buttons = [
        page.get_by_role("button", name=f"Download {what}")
        for what in ("synthetic data (CSV)", "quality report (HTML)")
    ]
    for button in buttons:
        expect(button).to_be_visible(timeout=180_000)  # the report comes from a job of its own: slow when loaded

    cut = [button.evaluate(CUT) for button in buttons]
    page.get_by_role("link", name="Compare").first.click()
    title = page.get_by_text("Column pair trends", exact=True).first  # one score card's title
    expect(title).to_be_visible()
    # The card: the row's child the title is in (the card holds its content in a block of its own, in its padding)
    card_width = title.evaluate("e => e.closest('[data-testid=stHorizontalBlock] > *').getBoundingClientRect().width")

    # Assert: every label whole; a score card keeps the width it has in a wide window (four in a row there) rather
    # than being squeezed to a word a line (four columns in 470 pixels broke "correlations" in two)
    assert cut == [0, 0]
    assert card_width >= 200
    context.close()
