"""The load test's browser side: one analyst walking the flow in a headless Chromium, each interaction timed on two
clocks, and one scenario of sessions at once (with, optionally, another session training CTGAN)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import vega_datasets
from playwright.async_api import async_playwright, expect

from bench.processes import load_average, tree_cpu_seconds
from tests.e2e.server import BROWSER_ARGS, CHROMIUM

TABLE = Path(vega_datasets.__file__).parent / "_data" / "airports.csv"  # 3,376 US airports, shipped in the package
TABLE_CAPTION = "3,376 rows, 7 columns"
LEARNED_COLUMNS = 5  # city, state, country, latitude, longitude (iata is an identifier, name free text)
WAIT_MS = 600_000
INTERACTIONS = (
    "open the app",
    "upload and show the table",
    "open Generate",
    "open Compare (scores shown)",
    "open the Columns tab (charts drawn)",
    "open Download (files prepared)",
    "download the CSV",
)


# Armed before an action: notes when any script run starts, so that "finished" means a run that began after it.
ARM_RUN_WATCH = """() => {
  window.__doppelRan = false;
  if (window.__doppelWatch) window.__doppelWatch.disconnect();
  window.__doppelWatch = new MutationObserver(records => {
    for (const record of records) {
      if (record.oldValue === "running" || record.target.getAttribute("data-test-script-state") === "running") {
        window.__doppelRan = true;
      }
    }
  });
  window.__doppelWatch.observe(document.body, {subtree: true, attributes: true, attributeOldValue: true,
                                               attributeFilter: ["data-test-script-state"]});
}"""
RUN_FINISHED = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  return window.__doppelRan && app !== null && app.getAttribute("data-test-script-state") === "notRunning";
}"""


@dataclass
class Session:
    number: int
    timings: list[tuple[str, float]] = field(default_factory=list)  # until every expected element is visible
    reruns: list[tuple[str, float]] = field(default_factory=list)  # until the script run finished (Streamlit's way)
    untraced_runs: int = 0  # reruns timed by the visible clock: the run was over within one browser frame
    span: tuple[float, float] = (0.0, 0.0)  # when the session began and ended (perf_counter)
    generate_s: float | None = None
    finished: bool = False
    error: str | None = None


async def _all_visible(expected) -> None:
    for locator in expected:
        await expect(locator).to_be_visible(timeout=WAIT_MS)


async def timed(session: Session, kind: str, action, *expected, page=None) -> None:
    """Time from the action until every expected element is visible; with page, also until the script run it
    started has finished in the browser (Streamlit's load-test clock). A run short enough for the browser to show
    "running" and "notRunning" in one frame leaves no trace; then the visible clock, never earlier than the run's
    end, stands for it."""
    if page is not None:
        await page.evaluate(ARM_RUN_WATCH)
    started = time.perf_counter()
    await action()
    visible = asyncio.ensure_future(_all_visible(expected))
    if page is not None:
        finished = asyncio.ensure_future(page.wait_for_function(RUN_FINISHED, timeout=WAIT_MS))
        await asyncio.wait({visible, finished}, return_when=asyncio.FIRST_COMPLETED)
        session.reruns.append((kind, time.perf_counter() - started))
        session.untraced_runs += not finished.done()
        finished.cancel()
        with contextlib.suppress(BaseException):
            await finished
    await visible
    session.timings.append((kind, time.perf_counter() - started))


async def walk(browser, url: str, session: Session, delay_s: float = 0.0) -> None:
    """One analyst: open, upload, generate with the default generator, compare, download the CSV."""
    await asyncio.sleep(delay_s)
    began = time.perf_counter()
    context = await browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        await timed(session, "open the app", lambda: page.goto(url), page.get_by_role("heading", name="1. Your data"))
        await timed(
            session,
            "upload and show the table",
            lambda: page.locator("input[type=file]").set_input_files(str(TABLE)),
            page.get_by_text(TABLE_CAPTION),
            page=page,
        )
        await timed(
            session,
            "open Generate",
            lambda: page.get_by_role("link", name="Generate").first.click(),
            page.get_by_role("heading", name="3. Generate"),
            page.get_by_role("button", name="Generate synthetic data"),
            page=page,
        )
        started = time.perf_counter()
        await page.get_by_role("button", name="Generate synthetic data").click()
        await expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=WAIT_MS)
        session.generate_s = time.perf_counter() - started
        await timed(
            session,
            "open Compare (scores shown)",
            lambda: page.get_by_role("link", name="Compare").first.click(),
            page.get_by_text("Overall quality").first,
            page=page,
        )
        await timed(
            session,
            "open the Columns tab (charts drawn)",
            lambda: page.get_by_role("radio", name="Columns").click(),
            page.locator(".js-plotly-plot").nth(LEARNED_COLUMNS - 1),
            page=page,
        )
        await timed(
            session,
            "open Download (files prepared)",
            lambda: page.get_by_role("link", name="Download").first.click(),
            page.get_by_role("button", name="Download synthetic data (CSV)"),
            page=page,
        )
        started = time.perf_counter()
        async with page.expect_download(timeout=WAIT_MS) as download:
            await page.get_by_role("button", name="Download synthetic data (CSV)").click()
        saved = Path(await (await download.value).path())
        session.timings.append(("download the CSV", time.perf_counter() - started))
        session.reruns.append(session.timings[-1])  # no script run to wait for: the saved file is the end
        session.finished = saved.stat().st_size > 0
    except Exception as error:  # a benchmark reports what broke and goes on with the other sessions
        session.error = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"
    finally:
        await context.close()
        session.span = (began, time.perf_counter())


async def start_neural_training(browser, url: str, epochs: int):
    """One session that trains CTGAN on the Seattle weather demo table; returns once training has begun."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    await page.goto(url)
    await page.get_by_role("tab", name="Use a demo table").click()
    await page.get_by_role("button", name="Use this demo table").click()
    await expect(page.get_by_text("1,461 rows")).to_be_visible()
    await page.get_by_role("link", name="Generate").first.click()
    await page.get_by_text("CTGAN neural network (SDV)").click()
    epochs_input = page.get_by_role("spinbutton", name="Training rounds (epochs)")
    await epochs_input.fill(str(epochs))
    await epochs_input.press("Enter")
    await page.get_by_role("button", name="Generate synthetic data").click()
    await expect(page.get_by_text("Training: epoch").first).to_be_visible(timeout=WAIT_MS)
    return context, page


async def neural_still_training(page) -> str:
    """The progress text if CTGAN is still training, then cancel it so the server is free again."""
    progress = page.get_by_text("Training: epoch").first
    text = await progress.inner_text() if await progress.count() else ""
    cancel = page.get_by_role("button", name="Cancel")
    if await cancel.count():
        await cancel.click()
    return text


async def scenario(url: str, server_pid: int, sessions: int, neural_epochs: int | None, stagger_s: float = 0.0) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        neural = await start_neural_training(browser, url, neural_epochs) if neural_epochs else None
        server_cpu, all_cpu = tree_cpu_seconds(server_pid), tree_cpu_seconds(os.getpid())
        load_before = load_average()
        wall_start = time.time()
        started = time.perf_counter()
        people = [Session(number) for number in range(sessions)]
        await asyncio.gather(*(walk(browser, url, person, person.number * stagger_s) for person in people))
        wall = time.perf_counter() - started
        server_cpu = tree_cpu_seconds(server_pid) - server_cpu  # its training processes included
        browser_cpu = tree_cpu_seconds(os.getpid()) - all_cpu - server_cpu
        neural_text = await neural_still_training(neural[1]) if neural else None
        if neural:
            await neural[0].close()
        await browser.close()
    return {
        "people": people,
        "wall": wall,
        "server_cpu": server_cpu,
        "browser_cpu": browser_cpu,
        "neural": neural_text,
        "load": (load_before, load_average()),
        "span": (wall_start, time.time()),
    }
