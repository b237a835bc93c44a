"""Compare's parts stay where they are while the verdict's last figures land: the verdict's boxes above them lost their
"Not final yet" line and the progress bar under them went, the parts moved up, and a press on one of them was
released on what had moved under it (no click; logged in Chromium, tests/e2e/test_compare_parts.py)."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.flows import make_rows, upload_cars
from tests.e2e.held_figures import HELD
from tests.e2e.server import held_app, wait_for_log

# Where the Usefulness part is, from the top of the page's content (the page scrolls inside it, not the window).
PLACE = """() => {
  const part = [...document.querySelectorAll('button')].find((b) => b.innerText.trim() === 'Usefulness');
  const content = document.querySelector('[data-testid=stMainBlockContainer]');
  return part && content ? part.getBoundingClientRect().top - content.getBoundingClientRect().top : null;
}"""
# The page has settled: the part in the same place for 30 frames running (its styles arrive just after its elements
# when it opens).
SETTLED = f"""() => {{
  const place = ({PLACE})();
  window.same = place !== null && place === window.last ? (window.same || 0) + 1 : 0;
  window.last = place;
  return window.same >= 30;
}}"""
# Every frame from now on: each place the part has been in, in turn.
WATCH = f"""() => {{
  window.places = [];
  const note = () => {{
    const place = ({PLACE})();
    if (place !== null && window.places[window.places.length - 1] !== place) window.places.push(place);
    requestAnimationFrame(note);
  }};
  note();
}}"""


@pytest.fixture
def held_server(tmp_path):
    """A server whose follow-up figures (the verdict's last ones) wait at a gate (a FIFO) the test opens."""
    yield from held_app(tmp_path, "DOPPEL_TEST_FIGURES_GATE", "tests.e2e.held_figures")


@pytest.mark.parametrize("width", [1400, 800])  # two boxes a row, wide and narrow (sidebar open)
def test_the_parts_stay_put_while_the_verdicts_last_figures_land(browser, held_server, width):
    # Setup: a result; Compare open while its last figures are held back, drawn with their progress
    process, url, gate = held_server
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    upload_cars(page)
    make_rows(page)
    assert wait_for_log(process, HELD), "the follow-up figures were never measured"
    page.get_by_role("link", name="Compare").first.click()
    expect(page.get_by_text("Fidelity: still being measured")).to_be_visible()
    expect(page.get_by_test_id("stProgress")).to_be_visible()
    page.wait_for_function(SETTLED, polling="raf")
    page.evaluate(WATCH)

    # Run: the figures go on and land on the page, in the run that drew it
    release = os.open(gate, os.O_WRONLY)
    try:
        expect(page.get_by_text("still being measured")).to_have_count(0, timeout=120_000)
        expect(page.get_by_test_id("stProgress")).to_have_count(0)
        expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_have_count(1)
        page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    finally:
        os.close(release)

    # Assert: the parts were in one place in every frame, before, while and after the figures landed
    places = page.evaluate("window.places")
    assert max(places) - min(places) <= 1, places
    context.close()
