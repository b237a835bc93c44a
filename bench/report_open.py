"""How fast the HTML quality report of a 70-column table opens in headless Chromium, and how big it is.

The table: scikit-learn's bundled UCI optical digits (sklearn.datasets.load_digits: 1,797 rows, 64 pixel columns
of 0-16 plus the digit, 65 columns) with five columns derived from each row, so that every kind of chart appears:
the digit's name (category), whether it is even (yes/no), how much ink it holds (light/medium/heavy, category), the
ink total (number) and a scan date (1998-01-01 plus one day per 20 rows, as the set was collected in 1998). The
pipeline runs as `python -m synth generate ... --report` does (gaussian_copula, seed 0, the default figures plus the
distance-to-closest-record ones a report now always carries); the report is then opened REPEATS times, each in a
fresh page, and we time (median) the load event, the charts of the first screen drawn, Plotly ready to draw, every
chart drawn (no scrolling) and the longest main-thread task (while it runs, a click or a scroll waits). Run: python -m bench.report_open
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS-report.md"
REPEATS = 3
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ALL_DRAWN = """() => {
  const charts = [...document.querySelectorAll('.js-plotly-plot, .chart-slot')];
  return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
}"""
# Every main-thread task over 50 ms (the browser's long tasks): while one runs, a click or a scroll waits.
LONG_TASKS = """window.__long = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.__long.push(e.duration)))
  .observe({type: 'longtask', buffered: true});"""
FIRST_SCREEN_DRAWN = """() => {
  const charts = [...document.querySelectorAll('.js-plotly-plot, .chart-slot')]
    .filter(c => c.getBoundingClientRect().top < window.innerHeight);
  return charts.every(c => c.querySelector('.main-svg'));
}"""


def table() -> pd.DataFrame:
    from sklearn.datasets import load_digits

    frame = load_digits(as_frame=True).frame
    pixels = [c for c in frame.columns if c != "target"]
    ink = frame[pixels].sum(axis=1)
    names = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    frame["digit_name"] = frame["target"].map(dict(enumerate(names)))
    frame["even"] = np.where(frame["target"] % 2 == 0, "yes", "no")
    frame["ink"] = ink
    frame["ink_level"] = pd.cut(ink, [-1, 250, 320, 10_000], labels=["light", "medium", "heavy"]).astype(str)
    frame["scanned"] = (pd.Timestamp("1998-01-01") + pd.to_timedelta(np.arange(len(frame)) // 20, unit="D")).strftime(
        "%Y-%m-%d"
    )
    return frame


def write_report(folder: Path) -> tuple[Path, float]:
    """The report as the CLI writes it; returns its path and the seconds the whole command took."""
    import subprocess

    source = folder / "digits70.csv"
    table().to_csv(source, index=False)
    report = folder / "report.html"
    started = time.perf_counter()
    command = [sys.executable, "-m", "synth", "generate", str(source), "--out", str(folder / "synthetic.csv")]
    command += ["--generator", "gaussian_copula", "--seed", "0", "--report", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(done.stderr)
    return report, time.perf_counter() - started


def open_times(report: Path) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        for _ in range(REPEATS):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.add_init_script(LONG_TASKS)
            started = time.perf_counter()
            page.goto(report.as_uri(), wait_until="load", timeout=120_000)
            loaded = time.perf_counter() - started
            painted = page.evaluate(
                "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime / 1000"
            )
            page.wait_for_function(FIRST_SCREEN_DRAWN, timeout=120_000, polling=20)
            first = time.perf_counter() - started
            page.wait_for_function("() => window.Plotly && window.Plotly.newPlot", timeout=120_000, polling=20)
            plotly = time.perf_counter() - started
            page.wait_for_function(ALL_DRAWN, timeout=120_000, polling=20)
            everything = time.perf_counter() - started
            charts = page.evaluate("document.querySelectorAll('.main-svg').length")
            freeze = page.evaluate("Math.max(0, ...window.__long) / 1000")
            runs.append(
                {
                    "paint": painted,
                    "load": loaded,
                    "first": first,
                    "plotly": plotly,
                    "all": everything,
                    "freeze": freeze,
                    "svgs": charts,
                }
            )
            context.close()
        browser.close()
    return runs


def main() -> None:
    label = sys.argv[1] if len(sys.argv) > 1 else "now"
    with tempfile.TemporaryDirectory() as folder:
        report, written = write_report(Path(folder))
        size = report.stat().st_size
        runs = open_times(report)
    keys = ("paint", "load", "first", "plotly", "all", "freeze")
    # A run whose first paint the browser did not report (NaN) is left out of that median only.
    median = {
        key: statistics.median([run[key] for run in runs if run[key] == run[key]] or [float("nan")]) for key in keys
    }
    row = "| " + " | ".join([label, *(f"{median[key]:.2f}" for key in keys), f"{size / 1e6:.2f}", f"{written:.0f}"])
    row += " |"
    print(row)
    print("runs:", [{k: round(v, 2) for k, v in run.items()} for run in runs])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")


if __name__ == "__main__":
    main()
