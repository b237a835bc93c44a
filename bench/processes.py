"""Process figures read from /proc (psutil is not a dependency): memory, CPU time, descendants, load."""

from __future__ import annotations

import os

_TICKS = os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of one process, in MB (VmRSS from /proc/PID/status)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def tree_rss_mb(root: int) -> float:
    """Resident memory of root and every living process below it (a server and its fork server and training
    processes), in MB. Shared pages are counted in each process, so this is an upper bound."""
    total = 0.0
    for pid in [root, *descendants(root)]:
        try:
            total += rss_mb(pid)
        except (OSError, RuntimeError):  # ended meanwhile
            pass
    return total


def _stat(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:  # the process ended meanwhile
        return None
    return text[text.rindex(")") + 2 :].split()  # fields after the command name, which may hold spaces


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes (their own threads, not ended children)."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICKS


def tree_cpu_seconds(root: int) -> float:
    """CPU time of root and every process below it, including ended children that were waited for (counted in
    their parent's cutime/cstime): a server's training processes, a browser's renderers."""
    total = 0
    for pid in [root, *descendants(root)]:
        fields = _stat(pid)
        if fields:
            total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / _TICKS


def descendants(root: int) -> list[int]:
    """Every living process below root."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def load_average() -> float:
    with open("/proc/loadavg") as load:
        return float(load.read().split()[0])
