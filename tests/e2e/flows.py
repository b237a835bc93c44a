"""Steps several browser tests take the same way: a table uploaded, synthetic rows made from it."""

from pathlib import Path

from playwright.sync_api import Page, expect

CARS = Path(__file__).resolve().parents[2] / "synth" / "datasets" / "cars.csv"


def upload_cars(page: Page) -> None:
    """The cars table uploaded on the Data page, and read."""
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "cars.csv", "mimeType": "text/csv", "buffer": CARS.read_bytes()}]
    )
    expect(page.get_by_text("406 rows, 9 columns")).to_be_visible()


def make_rows(page: Page, rows: int = 60) -> None:
    """On Generate, `rows` synthetic rows made with the default generator, and its result shown."""
    page.get_by_role("link", name="Generate").first.click()
    page.get_by_role("spinbutton", name="Rows to make").fill(str(rows))
    page.get_by_role("spinbutton", name="Rows to make").press("Enter")
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=120_000)


def use_demo(page: Page) -> None:
    """The default demo table (Seattle weather, 1,461 rows: enough to keep real rows aside for the attack risks and
    usefulness) taken on the Data page, and read."""
    page.get_by_role("tab", name="Use a demo table").click()
    page.get_by_role("button", name="Use this demo table").click()
    expect(page.get_by_text("1,461 rows").first).to_be_visible()
