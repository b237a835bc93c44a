"""How long a run takes on this server, before it starts (the Generate page's estimate) and while it runs."""

from __future__ import annotations

import statistics
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from synth.generators import generator_class
from synth.limits import Limits
from synth.pipeline import HOLDOUT_FROM_ROWS, HOLDOUT_SHARE
from synth.schema import LEARNED_KINDS

# Calibrated with bench/estimates.py (bench/RESULTS-estimates.md): seconds on this server's 2 shared cores.
JOB_START_S = 1.0  # a child process to train in, the table handed over, the result handed back
EVALUATE_S = 0.6  # every figure the app shows: a fixed part, then per compared row and pair of learned columns
EVALUATE_S_PER_PAIR = 4.2e-6  # (the column-pair figures and heat maps)
FILES_S_PER_COLUMN = 0.055  # the download files: the report's charts per column,
FILES_S_PER_CELL = 2e-5  # and the CSV, the report and the metrics per synthetic cell
PACE_LIMITS = (1 / 3, 6.0)  # how far the measured pace of this server may move an estimate


def expected_seconds(
    generator: str,
    rows: int,
    kinds: dict[str, str],
    options: dict[str, Any],
    made: int | None = None,
    sample_rows: int | None = None,
) -> float:
    """Seconds from the click to the result, for a table of rows rows with these column kinds, this generator and
    options, making made rows (default: as many as the table has): training on the rows the generator learns from
    (real rows kept aside and any chosen sample taken off), sampling, then the figures and the download files, which
    grow with the rows and the columns (the pairs of columns above all)."""
    made = rows if made is None else made
    learned = sum(kind in LEARNED_KINDS for kind in kinds.values())
    chosen = generator_class(generator)
    resolved, _ = chosen.resolve_options(options)
    training = rows - (round(rows * HOLDOUT_SHARE) if rows >= HOLDOUT_FROM_ROWS else 0)
    training = min(training, sample_rows or training, Limits.from_env().max_rows)
    pairs = learned * (learned - 1) / 2
    return (
        JOB_START_S
        + chosen.estimate_seconds(training, learned, resolved)
        + chosen.sample_seconds(made, learned)
        + EVALUATE_S
        + min(rows, made) * pairs * EVALUATE_S_PER_PAIR
        + len(kinds) * FILES_S_PER_COLUMN
        + made * len(kinds) * FILES_S_PER_CELL
    )


def bakeoff_seconds(choices: dict[str, dict[str, Any]], rows: int, kinds: dict[str, str], made: int) -> float:
    """Seconds from the click to the last result of a bake-off of these generators (name: options): the sum of
    each job, as their jobs share this server's cores (two at once on 2 cores took 5.1 s against 6.1 s one after
    the other: little gained). Each job makes its report too, which expected_seconds' files already count."""
    return sum(expected_seconds(name, rows, kinds, options, made=made) for name, options in choices.items())


class ServerPace:
    """How much slower or faster than expected this server runs jobs now (other people's jobs and tests, a busier
    machine): the median ratio of measured to expected seconds over its last few jobs, whatever their generator
    (bench/RESULTS-estimates.md: one ratio for the server follows the load better than one per generator). It holds
    ratios only, nothing of anyone's data, so one instance serves the whole server."""

    def __init__(self, keep: int = 7) -> None:
        self._ratios: deque[float] = deque(maxlen=keep)
        self._lock = threading.Lock()

    def factor(self) -> float:
        """The ratio to apply to an expected time: 1 until a job has finished, then the recent median, bounded."""
        with self._lock:
            ratios = list(self._ratios)
        low, high = PACE_LIMITS
        return min(max(statistics.median(ratios), low), high) if ratios else 1.0

    def record(self, expected_s: float, measured_s: float) -> None:
        if expected_s > 0 and measured_s > 0:
            with self._lock:
                self._ratios.append(measured_s / expected_s)

    def timed(self, expected_s: float, work: Callable[..., Any]) -> Callable[..., Any]:
        """work, recording its measured time against expected_s when it succeeds."""

        def run(*args: Any, **kwargs: Any) -> Any:
            started = time.monotonic()
            result = work(*args, **kwargs)
            self.record(expected_s, time.monotonic() - started)
            return result

        return run


def in_words(seconds: float) -> str:
    """A duration as a person says it: 'about 40 seconds', 'about 3 minutes', 'about 2 hours'."""
    if seconds < 2:
        return "a second or two"
    if seconds < 90:
        rounded = round(seconds) if seconds < 10 else 5 * round(seconds / 5)
        return f"about {rounded:.0f} seconds"
    if seconds < 90 * 60:
        return f"about {round(seconds / 60):.0f} minutes"
    return f"about {seconds / 3600:.1f} hours".replace(".0 hours", " hours")
