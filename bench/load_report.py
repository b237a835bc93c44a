"""The load test's results page (bench/RESULTS-load.md): each scenario's interactions on both clocks, the server's own
page runs, and whether the p95 target held."""

from __future__ import annotations

import os
import platform
import time

from bench.load_browser import INTERACTIONS, TABLE_CAPTION, Session
from bench.load_figures import page_runs, percentile, server_rows, stats_row

TARGET_P95_S = 2.0
FIRST_LOAD = "open the app"
NOT_THE_SERVER = (
    "This is the functional check with real browsers. With browsers on the server's own cores it measures them as "
    "much as the server: the server's answer times under load, without browsers, are in RESULTS-load-protocol.md "
    "(`python -m bench.load_protocol`, websocket clients walking the same flow)."
)


def interaction_times(people: list[Session], clock: str) -> list[tuple[str, float]]:
    """(interaction, seconds) on one clock: "rerun" (Streamlit's: the first load is timed apart, not an
    interaction) or "visible" (ours, stricter: every interaction until all it brings is drawn, first load included)."""
    if clock == "rerun":
        return [timing for person in people for timing in person.reruns]
    return [timing for person in people for timing in person.timings]


def most_at_once(people: list[Session]) -> int:
    """The largest number of sessions open at the same moment."""
    events = sorted([(p.span[0], 1) for p in people] + [(p.span[1], -1) for p in people])
    open_now = best = 0
    for _, change in events:
        open_now += change
        best = max(best, open_now)
    return best


def table_rows(result: dict, clock: str) -> list[str]:
    people = result["people"]
    timings = interaction_times(people, clock)
    rows = [
        stats_row(kind, [seconds for k, seconds in timings if k == kind])
        for kind in INTERACTIONS
        if any(k == kind for k, _ in timings)
    ]
    if timings:
        rows.append(stats_row("all page interactions", [seconds for _, seconds in timings], bold=True))
    first = [seconds for person in people for k, seconds in person.timings if k == FIRST_LOAD]
    if clock == "rerun" and first:
        rows.append(stats_row("first load of the app (timed apart; not an interaction)", first))
    trainings = [p.generate_s for p in people if p.generate_s is not None]
    if trainings:
        rows.append(stats_row("generate (training, queue included; not an interaction)", trainings, digits=1))
    return rows


def report(results: list[tuple[str, dict]], workers: str, log: str) -> str:
    lines = [
        "# Load test",
        "",
        f"`python -m bench.load_test`, {time.strftime('%Y-%m-%d %H:%M')}, on {os.cpu_count()} CPU cores "
        f"({platform.machine()}), Python {platform.python_version()}. One Streamlit server "
        f"(`SYNTH_MAX_JOBS={workers}`), one headless Chromium on the same machine with one browser context per "
        f"session, all sessions started at once unless a section says otherwise. Each session opens the app, uploads `airports.csv` "
        f"({TABLE_CAPTION}; vega_datasets), generates with the default generator, opens Compare and Download and "
        "downloads the CSV. Two clocks start at the action (click, upload, navigation). Streamlit's, as its own "
        "load tests use it: until the script run that the action started has finished in the browser (the root "
        "element's `data-test-script-state` back at `notRunning`), with the app's first load timed apart. The "
        "stricter one: until the element the action should bring is visible: the page title, the table caption, "
        "every chart drawn, the download button. The download itself is timed until the file is saved, on both.",
        "",
        NOT_THE_SERVER,
        "",
    ]
    for title, result in results:
        people = result["people"]
        finished = sum(person.finished for person in people)
        p95 = {
            clock: percentile([s for _, s in interaction_times(people, clock)], 0.95)
            if interaction_times(people, clock)
            else float("nan")
            for clock in ("rerun", "visible")
        }
        lines += [
            f"## {title}",
            "",
            "Streamlit's clock (until the script run has finished in the browser; the issue's figure):",
            "",
            "| interaction | n | p50 (s) | p95 (s) | max (s) |",
            "|---|---|---|---|---|",
            *table_rows(result, "rerun"),
            "",
            "Stricter clock (until every element the action brings is visible, charts drawn; first load counted):",
            "",
            "| interaction | n | p50 (s) | p95 (s) | max (s) |",
            "|---|---|---|---|---|",
            *table_rows(result, "visible"),
            "",
            f"- Finished: **{finished} of {len(people)}** sessions in {result['wall']:.0f} s; at most "
            f"{most_at_once(people)} open at the same moment"
            + "".join(f"; session {p.number} failed: {p.error}" for p in people if p.error)
            + ".",
            f"- Interaction p95, Streamlit's clock: **{p95['rerun']:.2f} s** against a target of "
            f"{TARGET_P95_S:.0f} s: **{'held' if p95['rerun'] < TARGET_P95_S else 'missed'}**. Stricter clock: "
            f"{p95['visible']:.2f} s ({'held' if p95['visible'] < TARGET_P95_S else 'missed'}). Script runs too "
            f"short to show as running in the browser, so timed by the stricter clock: "
            f"{sum(p.untraced_runs for p in people)} of "
            f"{sum(kind != 'download the CSV' for p in people for kind, _ in p.reruns)}.",
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
                "page was drawn (`ui/timing.py`; no browser rendering, no network; the wait for training excluded):",
                "",
                "| page run | n | p50 (s) | p95 (s) | max (s) |",
                "|---|---|---|---|---|",
                *server_rows(runs),
                "",
                f"- Server-side p95 **{server_p95:.2f} s**: **{'held' if server_p95 < TARGET_P95_S else 'missed'}** "
                f"against {TARGET_P95_S:.0f} s.",
            ]
        if result["neural"] is not None:
            lines.append(
                f"- The CTGAN session was still training when the others had finished: "
                f'"{result["neural"] or "no longer training"}" (then cancelled).'
            )
        lines.append("")
    return "\n".join(lines)
