"""Protocol-level load: N websocket clients walk the whole flow at once, as browsers do but without rendering.

Run: python -m bench.load_protocol [--sessions 1,2,4,8,12] [--out bench/RESULTS-load-protocol.md].

Each client signs in (password set, the sign-in page's cookie), loads the app, uploads a table through the upload
endpoint as the browser's uploader does, opens Columns and Generate, generates with the default generator and waits
for the result, opens Compare and each of its tabs, opens Download and fetches every file the download buttons
point at. Each interaction is timed from the message sent until the server says the script run it started has
finished (a run that ends in st.rerun() is followed to the run that finishes): the server's answer time, with no
browser rendering in it. The server runs in a process group of its own; the clients are threads of this process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import vega_datasets

from bench.load_figures import page_runs, percentile
from bench.processes import load_average, tree_cpu_seconds
from tests.e2e.protocol import COOKIE, ProtocolClient, sign_in
from tests.e2e.server import ROOT, start_app, stop_app

TABLE = Path(vega_datasets.__file__).parent / "_data" / "airports.csv"  # 3,376 rows, 7 columns; as bench/load_test
PASSWORD = "load test password"
UPLOADER = "Choose a table: CSV (any encoding or separator), Excel (.xlsx) or Parquet"
COMPARE_TABS = {  # each tab and a line only it shows; Summary opens with the page
    "Columns": "Worst first.",
    "Column pairs": "How strongly each pair of columns goes together",
    "Privacy": "Screening figures, not proof",
    "Usefulness": "Train the same model once on synthetic rows",
}
TARGET_P95_S = 2.0
WAIT_S = 600.0
RESULTS = ROOT / "bench" / "RESULTS-load-protocol.md"
SIGN_IN, FIRST_LOAD, GENERATE = "sign in (POST /signin)", "first load of the app", "generate (training, queue included)"
INTERACTIONS = (
    "upload and show the table",
    "open Columns",
    "open Generate",
    "open Compare (Summary tab)",
    *(f"Compare: {label} tab" for label in COMPARE_TABS),
    "open Download",
    "fetch the downloads (media URLs)",
)
KEPT = "<!-- written by hand below: kept when the benchmark rewrites the table above -->"
APART = (SIGN_IN, FIRST_LOAD, GENERATE)  # timed, but not page interactions


@dataclass
class Walk:
    """One client's walk: (interaction, seconds) in order, what each answer showed, and how it ended."""

    timings: list[tuple[str, float]] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # interactions whose answer showed what they should
    downloaded_bytes: int = 0
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.error is None and len(self.answered) == len(INTERACTIONS) + len(APART)


def _timed(walk: Walk, name: str, action, expect: str | None = None, client: ProtocolClient | None = None):
    started = time.perf_counter()
    result = action()
    walk.timings.append((name, time.perf_counter() - started))
    if expect is not None and client is not None and expect not in client.texts():
        raise RuntimeError(f"{name}: the answer did not show {expect!r}")
    walk.answered.append(name)
    return result


def walk_flow(url: str, data: bytes, name: str, password: str = PASSWORD, rows_caption: str = "rows,") -> Walk:
    """One analyst through the whole flow; a failure is recorded in the walk, never raised."""
    walk = Walk()
    client = None
    try:
        cookie = _timed(walk, SIGN_IN, lambda: sign_in(url, password)[0])
        if not cookie:
            raise RuntimeError("sign-in refused")

        def first_load():
            nonlocal client
            client = ProtocolClient(url, cookie)
            return client.run(timeout=WAIT_S)

        _timed(walk, FIRST_LOAD, first_load)
        if "1. Your data" not in client.texts():
            raise RuntimeError(f"{FIRST_LOAD}: no Data page")
        upload = lambda: client.choose_file(url, UPLOADER, name, data, timeout=WAIT_S)  # noqa: E731
        _timed(walk, INTERACTIONS[0], upload, rows_caption, client)
        _timed(walk, "open Columns", lambda: client.open_page("columns", WAIT_S), "2. Columns", client)
        _timed(walk, "open Generate", lambda: client.open_page("generate", WAIT_S), "3. Generate", client)
        button = client.widget_id("button", "Generate synthetic data")
        _timed(walk, GENERATE, lambda: client.click(button, WAIT_S), "synthetic rows with", client)
        compare = lambda: client.open_page("compare", WAIT_S)  # noqa: E731
        _timed(walk, "open Compare (Summary tab)", compare, "Overall quality", client)
        for label, shows in COMPARE_TABS.items():
            _timed(walk, f"Compare: {label} tab", lambda label=label: client.open_tab(label, WAIT_S), shows, client)
        _timed(walk, "open Download", lambda: client.open_page("download", WAIT_S), "5. Download", client)
        urls = client.media_urls()
        if len(urls) < 4:  # the synthetic CSV, the report, the metrics and the settings
            raise RuntimeError(f"open Download: {len(urls)} download buttons with a file")
        walk.downloaded_bytes = _timed(walk, INTERACTIONS[-1], lambda: _fetch(url, cookie, urls))
    except Exception as error:  # a benchmark reports what broke and goes on with the other clients
        walk.error = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:200]}"
    finally:
        if client is not None:
            client.close()
    return walk


def _fetch(url: str, cookie: str, paths: list[str]) -> int:
    total = 0
    with requests.Session() as http:
        http.cookies.set(COOKIE, cookie)
        for path in paths:
            response = http.get(f"{url}{path}", timeout=WAIT_S)
            response.raise_for_status()
            total += len(response.content)
    return total


def run_level(url: str, server_pid: int, sessions: int, data: bytes, name: str, **walk_options) -> dict:
    """sessions clients walking at once (threads started together); their walks and the machine's figures."""
    walks: list[Walk] = [Walk() for _ in range(sessions)]

    def one(index: int) -> None:
        walks[index] = walk_flow(url, data, name, **walk_options)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(sessions)]
    load_before, server_before = load_average(), tree_cpu_seconds(server_pid)
    client_before = resource.getrusage(resource.RUSAGE_SELF)
    wall_start, started = time.time(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    client_after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "sessions": sessions,
        "walks": walks,
        "wall": time.perf_counter() - started,
        "server_cpu": tree_cpu_seconds(server_pid) - server_before,
        "client_cpu": client_after.ru_utime + client_after.ru_stime - client_before.ru_utime - client_before.ru_stime,
        "load": (load_before, load_average()),
        "span": (wall_start, time.time()),
    }


def times(level: dict, name: str) -> list[float]:
    return [seconds for walk in level["walks"] for kind, seconds in walk.timings if kind == name]


def worst_p95(level: dict, with_first_load: bool = False) -> tuple[str, float]:
    """The page interaction with the highest p95 at this level (the training itself never counts)."""
    names = INTERACTIONS + ((FIRST_LOAD,) if with_first_load else ())
    figures = [(name, percentile(times(level, name), 0.95)) for name in names if times(level, name)]
    return max(figures, key=lambda pair: pair[1]) if figures else ("none answered", float("inf"))


def capacity(levels: list[dict], with_first_load: bool = False) -> str:
    """The first number of sessions at which some interaction's p95 crosses the target."""
    for level in levels:
        name, p95 = worst_p95(level, with_first_load)
        if p95 >= TARGET_P95_S:
            return f"{level['sessions']} sessions ({name}: p95 {p95:.2f} s)"
    return f"not reached up to {levels[-1]['sessions']} sessions" if levels else "not measured"


def report(levels: list[dict], table_name: str, workers: str, notes: list[str], log: str = "") -> str:
    header = " | ".join(f"{level['sessions']} at once" for level in levels)
    lines = [
        "# Load, protocol level",
        "",
        f"`python -m bench.load_protocol`, {time.strftime('%Y-%m-%d %H:%M')}, on {os.cpu_count()} CPU cores "
        f"({platform.machine()}), Python {platform.python_version()}. One server (`streamlit run serve.py`, a password "
        f"set, `SYNTH_MAX_JOBS={workers}`) in a process group of its own; websocket clients (threads of the benchmark's "
        f"process, no browser) each walk the whole flow at once on `{table_name}`. Seconds from the message sent to "
        "the end of the script run it started, as the server reports it (p50 / p95, nearest rank).",
        "",
        f"| interaction | {header} |",
        "|---|" + "---|" * len(levels),
    ]
    for name in (*INTERACTIONS, FIRST_LOAD, SIGN_IN, GENERATE):
        cells = []
        for level in levels:
            found = times(level, name)
            cells.append(f"{percentile(found, 0.5):.2f} / {percentile(found, 0.95):.2f}" if found else "-")
        label = name if name in INTERACTIONS else f"{name} (apart)"
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    worst = [worst_p95(level) for level in levels]
    lines.append("| **worst page interaction p95** | " + " | ".join(f"**{p95:.2f}**" for _, p95 in worst) + " |")
    lines += [
        "",
        f"- Capacity (first level where a page interaction's p95 reaches {TARGET_P95_S:.0f} s; training never "
        f"counts): **{capacity(levels)}**; with the first load counted too: {capacity(levels, True)}.",
    ]
    for level in levels:
        walks = level["walks"]
        done = sum(walk.finished for walk in walks)
        failures = "".join(f"; a walk failed: {walk.error}" for walk in walks if walk.error)
        lines.append(
            f"- {level['sessions']} at once: **{done} of {len(walks)}** walks finished in {level['wall']:.0f} s"
            f"{failures}; CPU: server and its training processes {level['server_cpu']:.0f} s, clients "
            f"{level['client_cpu']:.1f} s (of {level['wall'] * (os.cpu_count() or 1):.0f} core-seconds); load "
            f"average {level['load'][0]:.1f} before, {level['load'][1]:.1f} after."
        )
    if log:
        lines += [
            "",
            "Inside the server: each page script's own run, from its start until the page was drawn (`ui/timing.py` at "
            "DEBUG; the wait for training excluded), p50 / p95. The gap to the table above is time spent waiting: for "
            "the script thread to start, for the interpreter lock, for a core.",
            "",
            f"| page script | {header} |",
            "|---|" + "---|" * len(levels),
        ]
        runs = [page_runs(log, *level["span"]) for level in levels]
        for page in sorted({name for found in runs for name, _ in found}):
            cells = []
            for found in runs:
                seconds = [s for name, s in found if name == page]
                cells.append(f"{percentile(seconds, 0.5):.2f} / {percentile(seconds, 0.95):.2f}" if seconds else "-")
            lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines + ["", *notes, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="1,2,4,8,12", help="levels, comma-separated")
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    data, workers = args.table.read_bytes(), os.environ.get("SYNTH_MAX_JOBS", "2")
    notes = [f"- Load average when the benchmark started: {load_average():.1f} (2 cores shared with other work)."]
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD, "SYNTH_LOG_LEVEL": "DEBUG"}, own_group=True)
    levels = []
    try:
        for sessions in (int(n) for n in args.sessions.split(",")):
            print(f"{sessions} sessions at once", flush=True)
            levels.append(run_level(url, process.pid, sessions, data, args.table.name))
            print(f"  worst page interaction p95: {worst_p95(levels[-1])}", flush=True)
    finally:
        log = stop_app(process)
    notes.append(f"- Load average when it ended: {load_average():.1f}.")
    errors = [line for line in log.splitlines() if " ERROR " in line or "Traceback" in line]
    notes += [f"- Server error: `{line.strip()[:200]}`" for line in errors[:10]]
    text = report(levels, args.table.name, workers, notes, log)
    kept = args.out.read_text().partition(KEPT)[2] if args.out.exists() else ""
    args.out.write_text(text + (f"\n{KEPT}{kept}" if kept else ""))
    print(text)


if __name__ == "__main__":
    main()
