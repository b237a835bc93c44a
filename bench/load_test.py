"""Load test: browser sessions at once against one server; how long page interactions take, with and without a
neural network training in another session. Run: python -m bench.load_test [--sessions 8] [--quick]."""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import vega_datasets
from playwright.async_api import async_playwright, expect

from bench.processes import load_average, tree_cpu_seconds
from tests.e2e.server import BROWSER_ARGS, CHROMIUM, ROOT, start_app, stop_app

TABLE = Path(vega_datasets.__file__).parent / "_data" / "airports.csv"  # 3,376 US airports, shipped in the package
TABLE_CAPTION = "3,376 rows, 7 columns"
LEARNED_COLUMNS = 5  # city, state, country, latitude, longitude (iata is an identifier, name free text)
RESULTS = ROOT / "bench" / "RESULTS-load.md"
TARGET_P95_S = 2.0
WAIT_MS = 600_000
INTERACTIONS = ("open the app", "upload and show the table", "open Generate", "open Compare (scores shown)",
                "open the Columns tab (charts drawn)", "open Download (files prepared)", "download the CSV")


@dataclass
class Session:
    number: int
    timings: list[tuple[str, float]] = field(default_factory=list)
    generate_s: float | None = None
    finished: bool = False
    error: str | None = None


async def timed(session: Session, kind: str, action, *expected) -> None:
    """Time from the action until every expected element is visible (the download: until its file is saved)."""
    started = time.perf_counter()
    await action()
    for locator in expected:
        await expect(locator).to_be_visible(timeout=WAIT_MS)
    session.timings.append((kind, time.perf_counter() - started))


async def walk(browser, url: str, session: Session) -> None:
    """One analyst: open, upload, generate with the default generator, compare, download the CSV."""
    context = await browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        await timed(session, "open the app", lambda: page.goto(url), page.get_by_role("heading", name="1. Your data"))
        await timed(session, "upload and show the table", lambda: page.locator("input[type=file]").set_input_files(
            str(TABLE)), page.get_by_text(TABLE_CAPTION))
        await timed(session, "open Generate", lambda: page.get_by_role("link", name="Generate").first.click(),
                    page.get_by_role("heading", name="3. Generate"),
                    page.get_by_role("button", name="Generate synthetic data"))
        started = time.perf_counter()
        await page.get_by_role("button", name="Generate synthetic data").click()
        await expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=WAIT_MS)
        session.generate_s = time.perf_counter() - started
        await timed(session, "open Compare (scores shown)", lambda: page.get_by_role("link", name="Compare").first.click(),
                    page.get_by_text("Overall quality").first)
        await timed(session, "open the Columns tab (charts drawn)",
                    lambda: page.get_by_role("tab", name="Columns").click(),
                    page.locator(".js-plotly-plot").nth(LEARNED_COLUMNS - 1))
        await timed(session, "open Download (files prepared)",
                    lambda: page.get_by_role("link", name="Download").first.click(),
                    page.get_by_role("button", name="Download synthetic data (CSV)"))
        started = time.perf_counter()
        async with page.expect_download(timeout=WAIT_MS) as download:
            await page.get_by_role("button", name="Download synthetic data (CSV)").click()
        saved = Path(await (await download.value).path())
        session.timings.append(("download the CSV", time.perf_counter() - started))
        session.finished = saved.stat().st_size > 0
    except Exception as error:  # a benchmark reports what broke and goes on with the other sessions
        session.error = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    finally:
        await context.close()


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


PAGE_LINE = re.compile(r"^(\S+ \S+) DEBUG synth\.pages: page (.+) drawn in ([0-9.]+) s$")


def page_runs(log: str, start: float, end: float) -> list[tuple[str, float]]:
    """(page, seconds) of every page run the server logged between two wall-clock times (page_timing.py)."""
    runs = []
    for line in log.splitlines():
        found = PAGE_LINE.match(line.strip())
        if found:
            when = datetime.strptime(found[1], "%Y-%m-%d %H:%M:%S,%f").timestamp()
            if start <= when <= end:
                runs.append((found[2], float(found[3])))
    return runs


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(-(-share * len(ordered) // 1)) - 1))]


async def scenario(url: str, server_pid: int, sessions: int, neural_epochs: int | None) -> dict:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        neural = await start_neural_training(browser, url, neural_epochs) if neural_epochs else None
        server_cpu, all_cpu = tree_cpu_seconds(server_pid), tree_cpu_seconds(os.getpid())
        load_before = load_average()
        wall_start = time.time()
        started = time.perf_counter()
        people = [Session(number) for number in range(sessions)]
        await asyncio.gather(*(walk(browser, url, person) for person in people))
        wall = time.perf_counter() - started
        server_cpu = tree_cpu_seconds(server_pid) - server_cpu  # its training processes included
        browser_cpu = tree_cpu_seconds(os.getpid()) - all_cpu - server_cpu
        neural_text = await neural_still_training(neural[1]) if neural else None
        if neural:
            await neural[0].close()
        await browser.close()
    return {"people": people, "wall": wall, "server_cpu": server_cpu, "browser_cpu": browser_cpu,
            "neural": neural_text, "load": (load_before, load_average()), "span": (wall_start, time.time())}


def server_rows(runs: list[tuple[str, float]]) -> list[str]:
    """Server-side drawing time of each page run (the script, without the browser's rendering)."""
    rows = []
    for page in sorted({name for name, _ in runs}):
        values = [seconds for name, seconds in runs if name == page]
        rows.append(f"| {page} | {len(values)} | {percentile(values, 0.5):.2f} | {percentile(values, 0.95):.2f} "
                    f"| {max(values):.2f} |")
    values = [seconds for _, seconds in runs]
    if values:
        rows.append(f"| **all page runs** | {len(values)} | **{percentile(values, 0.5):.2f}** | "
                    f"**{percentile(values, 0.95):.2f}** | {max(values):.2f} |")
    return rows


def table_rows(result: dict) -> list[str]:
    people = result["people"]
    rows = []
    everything = [seconds for person in people for kind, seconds in person.timings]
    for kind in INTERACTIONS:
        values = [seconds for person in people for k, seconds in person.timings if k == kind]
        if values:
            rows.append(f"| {kind} | {len(values)} | {percentile(values, 0.5):.2f} | {percentile(values, 0.95):.2f} "
                        f"| {max(values):.2f} |")
    if everything:
        rows.append(f"| **all page interactions** | {len(everything)} | **{percentile(everything, 0.5):.2f}** | "
                    f"**{percentile(everything, 0.95):.2f}** | {max(everything):.2f} |")
    trainings = [p.generate_s for p in people if p.generate_s is not None]
    if trainings:
        rows.append(f"| generate (training, queue included; not an interaction) | {len(trainings)} | "
                    f"{percentile(trainings, 0.5):.1f} | {percentile(trainings, 0.95):.1f} | {max(trainings):.1f} |")
    return rows


def report(results: list[tuple[str, dict]], workers: str, log: str) -> str:
    lines = [
        "# Load test",
        "",
        f"`python -m bench.load_test`, {time.strftime('%Y-%m-%d %H:%M')}, on {os.cpu_count()} CPU cores "
        f"({platform.machine()}), Python {platform.python_version()}. One Streamlit server "
        f"(`SYNTH_MAX_JOBS={workers}`), one headless Chromium on the same machine with one browser context per "
        f"session, all sessions started at once. Each session opens the app, uploads `airports.csv` "
        f"({TABLE_CAPTION}; vega_datasets), generates with the default generator, opens Compare and Download and "
        "downloads the CSV. A time runs from the action (click, upload, navigation) until the element it should "
        "bring is visible: the page title, the table caption, every chart, the download button, the saved file.",
        "",
    ]
    for title, result in results:
        people = result["people"]
        interactions = [seconds for person in people for _, seconds in person.timings]
        p95 = percentile(interactions, 0.95) if interactions else float("nan")
        finished = sum(person.finished for person in people)
        lines += [
            f"## {title}",
            "",
            "| interaction | n | p50 (s) | p95 (s) | max (s) |",
            "|---|---|---|---|---|",
            *table_rows(result),
            "",
            f"- Finished: **{finished} of {len(people)}** sessions in {result['wall']:.0f} s"
            + "".join(f"; session {p.number} failed: {p.error}" for p in people if p.error) + ".",
            f"- Page-interaction p95 **{p95:.2f} s** against a target of {TARGET_P95_S:.0f} s: "
            f"**{'held' if p95 < TARGET_P95_S else 'missed'}**.",
            f"- CPU used during the run: server and its training processes {result['server_cpu']:.0f} s, browser "
            f"and Playwright "
            f"{result['browser_cpu']:.0f} s (of {result['wall'] * (os.cpu_count() or 1):.0f} core-seconds); "
            f"load average {result['load'][0]:.1f} before, {result['load'][1]:.1f} after (others share this machine).",
        ]
        runs = page_runs(log, *result["span"])
        if runs:
            server_p95 = percentile([seconds for _, seconds in runs], 0.95)
            lines += [
                "",
                "Server side: the same run's page scripts, timed by the server from the start of each run until the "
                "page was drawn (`page_timing.py`; no browser rendering, no network; the wait for training excluded):",
                "",
                "| page run | n | p50 (s) | p95 (s) | max (s) |",
                "|---|---|---|---|---|",
                *server_rows(runs),
                "",
                f"- Server-side p95 **{server_p95:.2f} s**: **{'held' if server_p95 < TARGET_P95_S else 'missed'}** "
                f"against {TARGET_P95_S:.0f} s.",
            ]
        if result["neural"] is not None:
            lines.append(f"- The CTGAN session was still training when the others had finished: "
                         f"\"{result['neural'] or 'no longer training'}\" (then cancelled).")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    expect.set_options(timeout=WAIT_MS)  # a loaded server is slow by design here: wait, then report the time
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--epochs", type=int, default=300, help="CTGAN epochs in the second scenario")
    parser.add_argument("--quick", action="store_true", help="2 sessions, a short CTGAN: to try the script")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sessions, epochs = (2, 30) if args.quick else (args.sessions, args.epochs)
    workers = os.environ.get("SYNTH_MAX_JOBS", "2")
    process, url = start_app(env_extra={"SYNTH_LOG_LEVEL": "DEBUG"})  # page run times (page_timing.py)
    results = []
    try:
        for title, people, neural in (
                ("1 session alone (the floor: no contention)", 1, None),
                (f"{sessions} sessions at once", sessions, None),
                (f"{sessions - 1} sessions while another trains CTGAN ({epochs} epochs)", sessions - 1, epochs)):
            print(f"running: {title}", flush=True)
            results.append((title, asyncio.run(scenario(url, process.pid, people, neural))))
            print("\n".join(table_rows(results[-1][1])), flush=True)
    finally:
        log = stop_app(process)
    text = report(results, workers, log)
    errors = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    if errors:
        text += "\nServer errors during the run:\n\n" + "\n".join(f"    {line}" for line in errors[:20]) + "\n"
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
