"""Soak run: many browser sessions come and go; does the server's memory level off?
Run: python -m bench.soak [--sessions 100] [--parallel 2] [--ttl 120]."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import time
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright, expect

from bench.processes import load_average, tree_rss_mb
from tests.e2e.server import BROWSER_ARGS, CHROMIUM, ROOT, start_app, stop_app

RESULTS = ROOT / "bench" / "RESULTS-soak.md"
WAIT_MS = 300_000
DEMO, DEMO_CAPTION = "Cars (406 models)", "406 rows"
ROWS = 200


async def visit(browser, url: str) -> None:
    """One short session: the Cars demo table, 200 synthetic rows, the Download page (files prepared), gone."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        await page.goto(url)
        await page.get_by_role("tab", name="Use a demo table").click()
        await page.get_by_role("combobox", name="Demo table").click()
        await page.get_by_role("option", name=DEMO).click()
        await expect(page.get_by_role("combobox", name="Demo table")).to_have_value(DEMO)
        await page.get_by_role("button", name="Use this demo table").click()
        await expect(page.get_by_text(DEMO_CAPTION).first).to_be_visible()
        await page.get_by_role("link", name="Generate").first.click()
        rows = page.get_by_role("spinbutton", name="Rows to make")
        await rows.fill(str(ROWS))
        await rows.press("Enter")
        await expect(rows).to_have_value(str(ROWS))
        await page.get_by_role("button", name="Generate synthetic data").click()
        await expect(page.get_by_text("synthetic rows with")).to_be_visible(timeout=WAIT_MS)
        await page.get_by_role("link", name="Download").first.click()
        await expect(page.get_by_role("button", name="Download quality report (HTML)")).to_be_visible()
    finally:
        await context.close()


def metrics(url: str) -> dict[str, float]:
    """Streamlit's own counters from /_stcore/metrics (sessions, and cache memory where reported)."""
    with urllib.request.urlopen(f"{url}/_stcore/metrics", timeout=10) as response:
        text = response.read().decode()
    found = {}
    for line in text.splitlines():
        match = re.match(r"^(\w+)(\{[^}]*\})?\s+([0-9.e+-]+)$", line)
        if match:
            found[match.group(1) + (match.group(2) or "")] = float(match.group(3))
    return found


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares MB per session."""
    n = len(points)
    mean_x, mean_y = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


async def soak(url: str, pid: int, sessions: int, parallel: int, every: int) -> list[tuple[int, float, float]]:
    samples = [(0, tree_rss_mb(pid), 0.0)]
    started = time.perf_counter()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        done = 0
        while done < sessions:
            batch = min(parallel, sessions - done)
            await asyncio.gather(*(visit(browser, url) for _ in range(batch)))
            done += batch
            if done // every > (done - batch) // every or done == sessions:  # crossed a multiple of every
                samples.append((done, tree_rss_mb(pid), time.perf_counter() - started))
                print(f"{done} sessions: server RSS {samples[-1][1]:.0f} MB after {samples[-1][2]:.0f} s", flush=True)
        await browser.close()
    return samples


async def one_more(url: str) -> None:
    """A last short visit: Streamlit only drops expired disconnected sessions when its session store is written."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
        context = await browser.new_context()
        page = await context.new_page()
        await page.goto(url)
        await expect(page.get_by_role("heading", name="1. Your data")).to_be_visible(timeout=WAIT_MS)
        await context.close()
        await browser.close()


def report(samples, after_expiry, sessions, parallel, ttl, log, counters, wall) -> str:
    warm = samples[1:]  # the first sample is taken before any session: the libraries are not loaded yet
    third = max(2, len(warm) // 3)
    first, last = warm[:third], warm[-third:]
    first_slope = slope([(n, mb) for n, mb, _ in first])
    last_slope = slope([(n, mb) for n, mb, _ in last])
    peak = max(mb for _, mb, _ in samples)
    ended = log.count("ended; its jobs were cancelled and its files freed")
    jobs_done = len(re.findall(r"\) of session \w+ done after", log))
    errors = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    levels = last_slope <= max(0.25 * first_slope, 0.5)  # under half a MB per session: noise, not a leak
    lines = [
        "# Soak run",
        "",
        f"`python -m bench.soak --sessions {sessions} --parallel {parallel} --ttl {ttl}`, "
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPU cores, load average {load_average():.1f} at the end "
        f"(others share this machine). One Streamlit server; {sessions} browser sessions, {parallel} at a time, each: "
        f"open the app, pick the {DEMO} demo table, generate {ROWS} rows with the default generator, open Download "
        "(the CSV, report, metrics and settings are prepared and held as download files), then close the tab. "
        f"`server.disconnectedSessionTTL` = {ttl} s. Server memory is the VmRSS (from /proc) of the server and every process below it: the fork server and any training process running at that moment (shared pages counted in each, so an upper bound).",
        "",
        "| sessions so far | server RSS (MB) | elapsed (s) |",
        "|---|---|---|",
        f"| 0 (before any session: libraries not loaded yet) | {samples[0][1]:.0f} | 0 |",
        *[f"| {n} | {mb:.0f} | {seconds:.0f} |" for n, mb, seconds in warm],
        f"| after {ttl + 15} s idle and one more visit | {after_expiry:.0f} | |",
        "",
        f"- Growth: {first_slope:.2f} MB per session over the first third of the samples after the first "
        f"{samples[1][0]} sessions, {last_slope:.2f} MB per "
        f"session over the last third; {warm[-1][1] - warm[0][1]:+.0f} MB from {warm[0][0]} to {warm[-1][0]} sessions; "
        f"peak {peak:.0f} MB. Memory **{'levels off' if levels else 'keeps growing'}** (the verdict: the last third "
        "grows by at most half a MB per session, or by at most a quarter of the first third's rate).",
        f"- {jobs_done} jobs finished; {ended} sessions were seen to end (their finalizer ran: jobs cancelled, "
        f"uploaded and download files freed). Streamlit counters: "
        + ", ".join(f"{name} {value:.0f}" for name, value in counters.items())
        + ".",
        f"- {len(errors)} server errors"
        + (": " + "; ".join(errors[:5]) if errors else "")
        + f". Wall time {wall:.0f} s.",
        "",
        "## Why memory does not drop at once",
        "",
        "Streamlit keeps a disconnected session (its session state: table, result, download files) for "
        "`server.disconnectedSessionTTL` seconds (default 120) so that a browser that lost its connection briefly "
        "can resume it. Expired sessions are only dropped when the session store is next written (a connect or "
        "disconnect), and without Streamlit's session shutdown, which is why Doppel's own finalizer frees the "
        "session's uploads and downloads. So the server holds roughly (sessions closed in the last TTL) x "
        "(one session's footprint) on top of its base; a shorter TTL lowers that plateau at the cost of losing "
        "work after a network blip longer than the TTL. Python's allocator also keeps freed memory for reuse "
        "rather than returning it to the system, so RSS levels off instead of falling back to the start.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    expect.set_options(timeout=WAIT_MS)  # a loaded server is slow by design here: wait, then report the time
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--every", type=int, default=5, help="sample memory every N sessions")
    parser.add_argument("--ttl", type=int, default=120, help="server.disconnectedSessionTTL in seconds")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    process, url = start_app(options={"server.disconnectedSessionTTL": args.ttl})
    started = time.perf_counter()
    try:
        samples = asyncio.run(soak(url, process.pid, args.sessions, args.parallel, args.every))
        time.sleep(args.ttl + 15)  # a benchmark, not a test: let the disconnected sessions expire
        asyncio.run(one_more(url))
        after_expiry = tree_rss_mb(process.pid)
        counters = {
            name: value
            for name, value in metrics(url).items()
            if name.startswith(("session_events_total", "active_sessions"))
        }
    except BaseException:
        log = stop_app(process)
        print("The soak stopped early. Server lines about jobs and errors:", file=sys.stderr)
        print(
            "\n".join(line for line in log.splitlines() if " synth." in line or "Error" in line)[-6000:],
            file=sys.stderr,
        )
        raise
    log = stop_app(process)
    text = report(
        samples, after_expiry, args.sessions, args.parallel, args.ttl, log, counters, time.perf_counter() - started
    )
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
