"""Bake-off in the app: a bundled demo table, three generators, run from the Bake-off page in a real browser, against
the CLI's bake-off on the same table in the same run. Run: python -m bench.bakeoff_app [--demo cars]
[--generators sequential_trees,gaussian_copula,ctgan] [--screenshot FILE.png].

App clock: from the click on "Run the bake-off" until "Keep this result" is visible in Chromium (every generator
finished, the table and the chart drawn). The table is the page's own summary, downloaded with its "Download
bake-off summary (CSV)" button. CLI clock: `python -m synth bakeoff` wall time, start-up included. Both use the
same rows and seed, so both judge every generator against the same holdout and their quality figures agree."""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pandas as pd
from playwright.sync_api import expect, sync_playwright

from bench.processes import load_average
from synth.datasets import DEMO_TABLES
from tests.e2e.server import BROWSER_ARGS, CHROMIUM, ROOT, start_app, stop_app

RESULTS = ROOT / "bench" / "RESULTS-bakeoff.md"
expect.set_options(timeout=60_000)  # a loaded machine draws slowly; waits are on conditions, this only bounds them
WAIT_MS = 1_200_000
SHOWN = ("label", "quality", "fidelity", "privacy", "fit_s", "sample_s", "evaluate_s", "peak_mb")


def in_the_app(browser, url: str, demo: str, generators: list[str], screenshot: str | None) -> tuple[float, bytes]:
    """Click to every result shown, and the summary CSV as the page downloads it."""
    from synth.generators import GENERATORS

    context = browser.new_context(accept_downloads=True, viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(120_000)
    try:
        page.goto(url)
        page.get_by_role("tab", name="Use a demo table").click()
        page.locator("[data-testid=stSelectbox]").filter(has_text="Demo table").click()
        page.get_by_role("option", name=DEMO_TABLES[demo].label).click()
        page.get_by_role("button", name="Use this demo table").click()
        expect(page.get_by_text(f"{DEMO_TABLES[demo].label.split('(')[1].split()[0]} rows, ")).to_be_visible()
        page.get_by_role("link", name="Bake-off").first.click()
        chooser = page.locator("[data-testid=stMultiSelect]").filter(has_text="Generators to compare")
        removes = chooser.get_by_role("button", name="Remove ")
        expect(removes.first).to_be_visible()  # the page's two generators chosen by default
        for left in range(removes.count() - 1, -1, -1):  # start from none: the generators in the order given here
            removes.first.click()
            expect(removes).to_have_count(left)
        for count, name in enumerate(generators, start=1):
            chooser.get_by_role("combobox").click()
            page.get_by_role("option", name=GENERATORS[name].label, exact=True).click()
            page.keyboard.press("Escape")  # the choice is drawn as a chip once the list closes
            expect(removes).to_have_count(count)
        button = page.get_by_role("button", name="Run the bake-off")
        expect(button).to_be_enabled()
        start = time.perf_counter()
        button.click()
        expect(page.get_by_role("button", name="Keep this result")).to_be_visible(timeout=WAIT_MS)
        seconds = time.perf_counter() - start
        expect(page.locator(".js-plotly-plot:visible").first).to_be_visible()
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
        with page.expect_download() as summary:
            page.get_by_role("button", name="Download bake-off summary (CSV)").click()
        return seconds, Path(summary.value.path()).read_bytes()
    finally:
        context.close()


def on_the_cli(demo: str, generators: list[str], folder: Path) -> tuple[float, pd.DataFrame]:
    path = folder / DEMO_TABLES[demo].file_name
    path.write_bytes(DEMO_TABLES[demo].read_bytes())
    start = time.perf_counter()
    command = [sys.executable, "-m", "synth", "bakeoff", str(path), "--generators", ",".join(generators)]
    subprocess.run([*command, "--out-dir", str(folder / "cli")], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start, pd.read_csv(folder / "cli" / "summary.csv")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo", default="cars", choices=list(DEMO_TABLES))
    parser.add_argument("--generators", default="sequential_trees,gaussian_copula,ctgan")
    parser.add_argument("--screenshot", default=None, help="a PNG of the page with its results")
    parser.add_argument("--skip-cli", action="store_true", help="the app only, without the CLI's bake-off")
    args = parser.parse_args()
    generators = args.generators.split(",")
    with tempfile.TemporaryDirectory() as folder:
        busy_before = load_average()
        process, url = start_app()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
                app_s, data = in_the_app(browser, url, args.demo, generators, args.screenshot)
                browser.close()
        finally:
            stop_app(process)
        busy_app = load_average()
        app = pd.read_csv(io.BytesIO(data))
        print(app.to_string(index=False), f"\napp: {app_s:.1f} s, load average {busy_app:.1f}")
        cli_s, cli = on_the_cli(args.demo, generators, Path(folder)) if not args.skip_cli else (None, None)
        busy_cli = load_average()
    write(args.demo, generators, app, cli, app_s, cli_s, (busy_before, busy_app, busy_cli))


def write(demo, generators, app, cli, app_s, cli_s, busy) -> None:
    same = cli is not None and list(app["generator"]) == list(cli["generator"])
    same = same and app["quality"].round(3).equals(cli["quality"].round(3))
    header = (
        "| "
        + " | ".join(
            (
                "generator",
                "overall quality",
                "fidelity",
                "privacy",
                "training (s)",
                "sampling (s)",
                "scoring (s)",
                "peak memory (MB)",
            )
        )
        + " |"
    )
    lines = [
        "# Bake-off in the app and on the command line",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()} ({os.cpu_count()} cores, load average "
        f"{busy[0]:.1f} before, {busy[1]:.1f} after the app"
        + (")" if cli is None else f", {busy[2]:.1f} after the CLI)")
        + f", `python -m bench.bakeoff_app`. Demo table {DEMO_TABLES[demo].label}, "
        f"generators {', '.join(generators)} with their default options, the default rows (as many as the table) "
        "and seed. The app trains as many generators at once as its job pool has workers (SYNTH_MAX_JOBS, "
        "default 2); the CLI one after another (SYNTH_MAX_JOBS unset: 1).",
        "",
        "## The app's table (its summary download)",
        "",
        header,
        "|:--|---:|:--|:--|---:|---:|---:|---:|",
    ]
    for row in app.itertuples(index=False):
        lines.append("| " + " | ".join(str(getattr(row, column)) for column in SHOWN) + " |")
    lines += [
        "",
        "## Time",
        "",
        "| where | wall time (s) | load avg after |",
        "|:--|---:|---:|",
        f"| app: click on Run the bake-off to every result shown | {app_s:.1f} | {busy[1]:.1f} |",
        f"| CLI: `python -m synth bakeoff`, start-up included | {'not run' if cli_s is None else f'{cli_s:.1f}'} "
        f"| {busy[2]:.1f} |",
        "",
        "Same generators and the same overall quality (3 decimals) in the app and the CLI: "
        + ("not compared (--skip-cli)." if cli is None else "yes." if same else "no."),
        "Training, sampling and scoring times and peak memory differ between the two runs with the machine's load.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
