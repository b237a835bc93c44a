"""How long each page run takes to draw, in the server log at DEBUG level: where the app is slow under load.

A run is timed from its start until the page has drawn what it shows: the end of the script, or the moment
it starts watching a training job (the wait for training is not page work). Lines look like
`page Compare drawn in 0.184 s`; `python -m bench.load_test` reads them to tell server time from browser time.
"""

from __future__ import annotations

import logging
import threading
import time

from synth.run_time import ServerPace

log = logging.getLogger("synth.pages")
_run = threading.local()  # each script run happens on one thread


def start(page: str) -> None:
    _run.page, _run.started, _run.logged = page, time.perf_counter(), False


def drawn() -> None:
    """Log this run's drawing time, once; later calls in the same run do nothing."""
    if getattr(_run, "logged", True):
        return
    _run.logged = True
    if log.isEnabledFor(logging.DEBUG):
        log.debug("page %s drawn in %.3f s", _run.page, time.perf_counter() - _run.started)


_pace = ServerPace()  # a module singleton, not st.cache_resource: a client's clear_cache must not reset it


def run_pace() -> ServerPace:
    """How fast this server runs jobs lately, shared by all sessions: generator names and time ratios only."""
    return _pace
