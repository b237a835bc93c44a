"""Training jobs off the caller's thread: a bounded worker pool, live progress, cancel and a time limit."""

from __future__ import annotations

import logging
import os
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from synth.errors import CancelledError, SynthError

log = logging.getLogger("synth.jobs")


def lower_priority(niceness: int) -> None:
    """Lower the calling thread's CPU priority to this niceness (Linux sets it per thread), so that page runs and
    the server's event loop win the CPU over training; threads and processes started from here inherit it."""
    try:
        thread = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, thread) < niceness:
            os.setpriority(os.PRIO_PROCESS, thread, niceness)
    except (AttributeError, OSError):  # not Linux, or not allowed: run at the normal priority
        pass


def setting(name: str, default: float) -> float:
    """A number from the environment; the default when it is unset or not a number."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def limit_text(seconds: float) -> str:
    """A time limit as people say it: '40 seconds', '1 minute', '30 minutes', '2.5 hours'."""
    if seconds < 59.5:
        whole = round(seconds)
        return f"{whole} second{'s' if whole != 1 else ''}"
    minutes = seconds / 60
    if minutes < 120:
        shown = f"{minutes:.1f}".removesuffix(".0")
        return f"{shown} minute{'s' if shown != '1' else ''}"
    return f"{minutes / 60:.1f}".removesuffix(".0") + " hours"


def job_niceness() -> int:
    """CPU priority of the jobs a person waits on: training, the figures of the verdict, a measurement asked for
    (SYNTH_JOB_NICENESS, Linux niceness 0-19; default 5). Below the pages (0), whose clicks must stay quick, yet not
    so low that the server's own background work or any busy neighbour starves them: at 10 a job got a tenth of a
    contended core and the 10,000-row run took 35 s where one process took 25 s (bench/RESULTS-app-speed.md)."""
    return int(setting("SYNTH_JOB_NICENESS", 5))


def background_niceness() -> int:
    """CPU priority of work nobody waits on yet, such as the quality report made after the result is shown
    (SYNTH_BACKGROUND_NICENESS; default 10): it yields to the jobs people wait on and to the pages."""
    return max(job_niceness(), int(setting("SYNTH_BACKGROUND_NICENESS", 10)))


@dataclass(eq=False)  # a job is itself: compared and hashed by identity
class Job:
    """One piece of work: the UI reads fraction/message/state; the worker writes them."""

    label: str
    time_limit_s: float
    owner: str = ""  # whose job it is, for the log and for cancelling a session's jobs when it ends
    task: str = "Generation"  # what the job does, in the sentences the user reads: "<task> was cancelled."
    doing: str = "generating"  # "Something went wrong while <doing>."
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    fraction: float = 0.0
    message: str = "Waiting for a free worker"
    state: str = "queued"  # queued, running, done, failed, cancelled
    error: str | None = None
    result: Any = None
    submitted_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None
    finished_at: float | None = None
    expected_s: float | None = None  # the time expected before it started (synth.run_time), for the time left
    _cancel: threading.Event = field(default_factory=threading.Event, repr=False)
    future: Future | None = field(default=None, repr=False)
    # The work (and the data it closes over) is held here, not by the pool, and dropped once the job ends.
    _work: Callable | None = field(default=None, repr=False)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def wait_for_cancel(self, timeout: float | None = None) -> bool:
        """Block until someone asks this job to stop (or the timeout passes); True when they did."""
        return self._cancel.wait(timeout)

    def cancel(self) -> None:
        self._cancel.set()
        if self.future is not None and self.future.cancel():
            self._finish("cancelled", "Cancelled before it started.")

    def seconds_left(self, now: float | None = None) -> float | None:
        """About how long until the job ends, while it runs: the expected time less the time spent at first, then
        more and more what its progress says (progress is uneven: SDV prepares the data at 0% for a while)."""
        if self.started_at is None or self.finished:
            return None
        spent = (time.monotonic() if now is None else now) - self.started_at
        left = None if self.expected_s is None else self.expected_s - spent
        if self.fraction >= 0.2:
            by_progress = spent * (1 - self.fraction) / self.fraction
            left = by_progress if left is None else self.fraction * by_progress + (1 - self.fraction) * left
        return None if left is None else max(left, 1.0)

    def progress(self, fraction: float, message: str) -> None:
        """The callback handed to synth: records progress, stops the work when cancelled or over time."""
        if self._cancel.is_set():
            raise CancelledError(f"{self.task} was cancelled. Nothing was kept; you can start again.")
        if self.started_at and time.monotonic() - self.started_at > self.time_limit_s:
            raise CancelledError(
                f"{self.task} took longer than the limit of {limit_text(self.time_limit_s)} and was stopped. "
                "Try fewer rows or columns, fewer training rounds, or a faster generator."
            )
        self.fraction, self.message = max(self.fraction, min(fraction, 1.0)), message

    def _finish(self, state: str, error: str | None = None, result: Any = None) -> None:
        # The state last: a page thread that sees the job finished must also see its result and its error.
        self.error, self.result, self.finished_at = error, result, time.monotonic()
        self._work = None
        self.state = state


class JobRunner:
    """A bounded pool shared by all sessions; jobs beyond the pool wait in order.

    The pool keeps no reference to a job's work or result once the job has ended: only the caller's Job does.
    """

    def __init__(
        self, workers: int | None = None, time_limit_s: float | None = None, owner: Callable[[], str] | None = None
    ) -> None:
        self.workers = int(workers or setting("SYNTH_MAX_JOBS", 2))
        self.time_limit_s = time_limit_s or setting("SYNTH_JOB_TIME_LIMIT_S", 1800)
        self.niceness = job_niceness()
        self._owner = owner or (lambda: "")
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="synth-job")
        self._lock = threading.Lock()
        self._waiting: list[Job] = []
        self._unfinished: set[Job] = set()
        log.info("job pool started: %d worker(s), time limit %s", self.workers, limit_text(self.time_limit_s))

    def submit(
        self,
        label: str,
        work: Callable[[Callable[[float, str], None]], Any],
        task: str = "Generation",
        doing: str = "generating",
        expected_s: float | None = None,
    ) -> Job:
        """Run work(progress) in the pool; returns at once with a Job to watch. task and doing name the work in the
        sentences shown when it is cancelled or fails; expected_s is its expected time."""
        job = Job(
            label=label,
            time_limit_s=self.time_limit_s,
            owner=self._owner(),
            task=task,
            doing=doing,
            _work=work,
            expected_s=expected_s,
        )
        with self._lock:
            self._waiting.append(job)
            self._unfinished.add(job)
            waiting = len(self._waiting)
        log.info(
            "job %s (%s) submitted by %s; %d waiting for %d workers",
            job.id,
            label,
            job.owner or "-",
            waiting,
            self.workers,
        )
        job.future = self._pool.submit(self._run, job)
        job.future.add_done_callback(lambda future: future.cancelled() and self._forget(job))
        return job

    def queue_position(self, job: Job) -> int:
        """1 for the next job to start, 0 when the job is not waiting."""
        with self._lock:
            return self._waiting.index(job) + 1 if job in self._waiting else 0

    def unfinished(self, owner: str | None = None) -> list[Job]:
        """Jobs queued or running, all of them or one owner's."""
        with self._lock:
            return [job for job in self._unfinished if owner is None or job.owner == owner]

    def cancel_owned(self, owner: str) -> int:
        """Cancel every unfinished job of one owner (a session that ended); returns how many."""
        jobs = self.unfinished(owner)
        for job in jobs:
            job.cancel()
        if jobs:
            log.info("cancelled %d job(s) of %s, whose session ended", len(jobs), owner)
        return len(jobs)

    def shut_down(self, wait_s: float = 10) -> int:
        """Cancel every job, queued or running, and take no more: the server is stopping. Waits up to wait_s for
        the running ones to stop (their training processes ended), so none outlives the server. Returns how many."""
        jobs = self.unfinished()
        for job in jobs:
            job.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)
        running = [job.future for job in jobs if job.future is not None and not job.future.cancelled()]
        futures.wait(running, timeout=wait_s)  # a cancelled future that never started is never 'done' to wait()
        log.info("job pool shut down; %d unfinished job(s) cancelled", len(jobs))
        return len(jobs)

    def _forget(self, job: Job) -> None:
        with self._lock:
            if job in self._waiting:
                self._waiting.remove(job)
            self._unfinished.discard(job)
        job._work = None

    def _run(self, job: Job) -> None:
        with self._lock:
            if job in self._waiting:
                self._waiting.remove(job)
        work, job._work = job._work, None
        lower_priority(self.niceness)
        job.state, job.started_at, job.message = "running", time.monotonic(), "Starting"
        log.info(
            "job %s (%s) of %s started after %.1f s in the queue",
            job.id,
            job.label,
            job.owner or "-",
            job.started_at - job.submitted_at,
        )
        try:
            job.progress(0.0, "Starting")
            result = work(job.progress)
        except CancelledError as error:
            job._finish("cancelled", str(error))
        except SynthError as error:
            job._finish("failed", str(error))
        except MemoryError:
            job._finish("failed", "The server ran out of memory on this table. Try fewer rows or columns.")
        except Exception as error:  # a bug: the log gets the type and place, the user one sentence
            where = traceback.extract_tb(error.__traceback__)[-1]
            # The message may quote cell values, so only the type and the place go to the log.
            log.error(
                "job %s (%s) failed with %s at %s:%s",
                job.id,
                job.label,
                type(error).__name__,
                os.path.basename(where.filename),
                where.lineno,
            )
            job._finish(
                "failed",
                f"Something went wrong while {job.doing}. "
                + ("Try again, or pick another generator; " if job.task == "Generation" else "Try again; ")
                + f"if it keeps happening, tell the team (job {job.id}).",
            )
        else:
            job._finish("done", result=result)
        finally:
            self._forget(job)
        log.info(
            "job %s (%s) of %s %s after %.1f s",
            job.id,
            job.label,
            job.owner or "-",
            job.state,
            (job.finished_at or time.monotonic()) - job.started_at,
        )
