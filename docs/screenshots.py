"""Refresh the README's screenshots from a running app: `python docs/screenshots.py http://localhost:8501`.

Walks the demo table through Generate and Compare in headless Chromium (/usr/bin/chromium) and writes
docs/screenshot-generate.png and docs/screenshot-compare.png (Compare's Columns tab). The verdict dots need an
emoji font (Debian: fonts-noto-color-emoji)."""

import re
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

DOCS = Path(__file__).resolve().parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        expect(page.get_by_text("1. Your data")).to_be_visible(timeout=60_000)
        page.get_by_role("tab", name="Use a demo table").click()
        page.get_by_role("button", name="Use this demo table").click()
        page.wait_for_timeout(2_000)
        page.get_by_role("link", name="Generate").first.click()
        expect(page.get_by_text("Expected time on this server")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(1_000)
        page.screenshot(path=str(DOCS / "screenshot-generate.png"))  # the cards, before the click
        page.get_by_role("button", name="Generate synthetic data").click()
        expect(page.get_by_text("synthetic rows with").first).to_be_visible(timeout=180_000)
        page.get_by_role("link", name="Compare").first.click()
        final = re.compile("Fidelity: (Ready to share|Check first|Not ready)")  # once the last figures are in
        expect(page.get_by_text(final).first).to_be_visible(timeout=120_000)
        page.get_by_role("radio", name="Columns").click()
        page.wait_for_timeout(3_000)
        page.screenshot(path=str(DOCS / "screenshot-compare.png"))
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8501")
