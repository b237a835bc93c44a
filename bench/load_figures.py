"""Figures shared by the load benchmarks: nearest-rank percentiles, their table rows, and the page runs the server
logged (ui/timing.py)."""

from __future__ import annotations

import re
from datetime import datetime

PAGE_LINE = re.compile(r"^(\S+ \S+) DEBUG synth\.pages: page (.+) drawn in ([0-9.]+) s$")


def page_runs(log: str, start: float, end: float) -> list[tuple[str, float]]:
    """(page, seconds) of every page run the server logged between two wall-clock times (ui/timing.py)."""
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


def stats_row(label: str, values: list[float], bold: bool = False, digits: int = 2) -> str:
    """A table row: label, count, p50, p95 and max (the label and percentiles in bold for a total)."""
    p50, p95 = f"{percentile(values, 0.5):.{digits}f}", f"{percentile(values, 0.95):.{digits}f}"
    if bold:
        label, p50, p95 = f"**{label}**", f"**{p50}**", f"**{p95}**"
    return f"| {label} | {len(values)} | {p50} | {p95} | {max(values):.{digits}f} |"


def server_rows(runs: list[tuple[str, float]]) -> list[str]:
    """Server-side drawing time of each page run (the script, without the browser's rendering)."""
    rows = [
        stats_row(page, [seconds for name, seconds in runs if name == page])
        for page in sorted({name for name, _ in runs})
    ]
    if runs:
        rows.append(stats_row("all page runs", [seconds for _, seconds in runs], bold=True))
    return rows
