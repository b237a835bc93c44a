"""Run one piece of work in a child process and relay its progress: training then never holds the server's GIL.

A training thread inside the server shares Python's global interpreter lock with every page run, so a busy
generator (CTGAN's Python training loop above all) made everyone's clicks wait, whatever its CPU priority.
A child process has its own interpreter. Children are forked from a small fork server that has already
imported `synth` (quick to start, and safe: it is not the multi-threaded web server), run at a lower CPU
priority, and are stopped at once on cancel, time limit or a session's end. A child the system kills (out of
memory) comes back as one plain sentence.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing import spawn
from typing import Any

from synth.errors import GeneratorError, SynthError
from synth.jobs import job_niceness, lower_priority, setting

log = logging.getLogger("synth.jobs")
CHILD_NAME = "synth-child"
POLL_S = 0.2  # how often the relay checks for cancel and the time limit when the child is quiet
# imported once in the fork server: pandas, numpy, plotly and synth itself, and the neighbour searches of the
# default generator's near-copy check (scikit-learn's, which brings scipy's k-d tree along: about a second to
# import, otherwise paid by every job)
_PRELOAD = ["synth.downloads", "sklearn.neighbors"]
_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None

LOST = (
    "The training process stopped unexpectedly, most likely because the server ran out of memory. "
    "Try fewer rows or columns, or a lighter generator."
)


class ChildFailure(Exception):
    """A bug inside the child (not a plain SynthError); the child's own error type and place are logged."""


def _get_context() -> multiprocessing.context.BaseContext:
    global _context
    with _lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(_PRELOAD)
            else:  # Windows and some macOS set-ups: a fresh interpreter per job, slower to start
                _context = multiprocessing.get_context("spawn")
            if not getattr(spawn.get_preparation_data, "doppel", False):
                spawn.get_preparation_data = _without_main(spawn.get_preparation_data)
        return _context


def _without_main(get_preparation_data: Callable[[str], dict]) -> Callable[[str], dict]:
    """multiprocessing re-runs the parent's __main__ in every child it starts (spawn and forkserver). Under
    Streamlit, __main__ is the app script, swapped in by each session's run at any moment. Our children need
    nothing from it, so their preparation data (chosen by process name) leaves it out; others are untouched."""

    def prepared(name: str) -> dict:
        data = get_preparation_data(name)
        if name == CHILD_NAME:
            data.pop("init_main_from_path", None)
            data.pop("init_main_from_name", None)
        return data

    prepared.doppel = True
    return prepared


def training_threads() -> int:
    """Threads a training process may use (SYNTH_TRAINING_THREADS; default half the cores, at least one), so
    that PyTorch leaves cores to the pages: on a small virtual machine low priority alone does not, since
    virtual cores share physical ones."""
    return max(1, int(setting("SYNTH_TRAINING_THREADS", max(1, (os.cpu_count() or 2) // 2))))


def outcome(function: Callable, args: tuple, kwargs: dict, progress: Callable[[float, str], None]) -> tuple:
    """function(*args, progress=progress, **kwargs) and how it ended, as a message that crosses to another process:
    ("done", result), ("error", SynthError type, its sentence) or ("bug", error type name, file:line). A bug's
    message may quote data, so only its type and place travel. Every runner (child process, Ray) uses this."""
    try:
        return ("done", function(*args, progress=progress, **kwargs))
    except SynthError as error:
        return ("error", type(error), str(error))
    except MemoryError:
        return ("error", GeneratorError, "The server ran out of memory on this table. Try fewer rows or columns.")
    except BaseException as error:  # noqa: BLE001 - the message may quote data: only its type and place go back
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        return ("bug", type(error).__name__, f"{os.path.basename(where.filename)}:{where.lineno}" if where else "?")


def answer(message: tuple, where: str = "the training process") -> Any:
    """The result of an outcome() message, or its error raised here: the SynthError as itself, a bug as ChildFailure."""
    if message[0] == "done":
        return message[1]
    if message[0] == "error":
        raise message[1](message[2])
    log.error("job in %s failed with %s at %s", where, message[1], message[2])
    raise ChildFailure(f"{message[1]} in {where}")


def _child(connection, function: Callable, args: tuple, kwargs: dict, niceness: int, threads: int) -> None:
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):  # read by PyTorch when the generator first imports it
        os.environ[name] = str(threads)
    lower_priority(niceness)

    def progress(fraction: float, message: str) -> None:
        connection.send(("progress", fraction, message))

    try:
        connection.send(outcome(function, args, kwargs, progress))
    except BaseException as error:  # noqa: BLE001 - the result could not be sent (it does not pickle)
        connection.send(("bug", type(error).__name__, "sending the result"))
    finally:
        connection.close()


def _lost(child) -> GeneratorError:
    child.join(timeout=5)
    log.error(
        "job child %s ended without an answer; exit code %s (negative: killed by that signal)",
        child.pid,
        child.exitcode,
    )
    return GeneratorError(LOST)


def run_in_child(
    function: Callable[..., Any],
    args: tuple = (),
    kwargs: dict | None = None,
    progress: Callable[[float, str], None] = lambda fraction, message: None,
    niceness: int | None = None,
) -> Any:
    """function(*args, progress=..., **kwargs) in a child process; returns its result or raises its SynthError.
    niceness: the child's CPU priority (None: synth.jobs.job_niceness(), that of work a person waits on).

    `function` must be importable by name (module level). The parent's `progress` receives the child's reports
    and is also called every POLL_S with the last one: a progress callback that raises (cancel, time limit)
    stops the child at once.
    """
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    settings = (job_niceness() if niceness is None else niceness, training_threads())
    child = context.Process(
        target=_child, args=(sender, function, args, kwargs or {}, *settings), daemon=True, name=CHILD_NAME
    )
    child.start()
    sender.close()
    last = (0.0, "Starting")
    try:
        while True:
            if not receiver.poll(POLL_S):
                if not child.is_alive() and not receiver.poll():
                    raise _lost(child)
                progress(*last)
                continue
            try:
                message = receiver.recv()
            except EOFError:
                raise _lost(child) from None
            if message[0] != "progress":
                return answer(message)
            last = (message[1], message[2])
            progress(*last)
    finally:
        receiver.close()
        if child.is_alive():
            child.terminate()
        child.join(timeout=10)
        if child.is_alive():
            child.kill()
            child.join()
