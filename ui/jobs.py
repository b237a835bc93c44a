"""The bridge between a synth.jobs job and the page: the shared runner, live progress, cancelling, the result."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import datetime

import streamlit as st

from synth.jobs import Job, JobRunner
from synth.ray_runner import RayRunner
from synth.run_time import in_words
from synth.runners import LocalRunner, Runner
from ui import history, timing
from ui.access import secret
from ui.display import plain
from ui.keys import BAKEOFF, DOWNLOADS, JOB, MATRICES, MEASURE, RESULT, RESULT_MADE, SESSION, USEFULNESS

POLL_S = 0.25


_runner: JobRunner | None = None
_training: Runner | None = None
_runner_lock = threading.Lock()


def job_runner() -> JobRunner:
    """One bounded worker pool for the whole server; it holds jobs, never a session's data after they end.

    A module-level singleton, not st.cache_resource: any client, signed in or not, may send Streamlit a
    clear_cache message, and a cleared cache would start a second pool beside the first (SYNTH_MAX_JOBS broken,
    the older jobs out of reach of clean-up)."""
    global _runner
    with _runner_lock:
        if _runner is None:
            _runner = JobRunner(owner=job_owner)
        return _runner


def training_runner() -> Runner:
    """Where training runs, for the whole server: the Ray cluster at SYNTH_RAY_ADDRESS (environment, or the secret
    of that name) when one is set, else a child process on this server. Read once, like the pool."""
    global _training
    with _runner_lock:
        if _training is None:
            address = (os.environ.get("SYNTH_RAY_ADDRESS") or secret("SYNTH_RAY_ADDRESS") or "").strip()
            _training = RayRunner(address) if address else LocalRunner()
        return _training


def submit_training(
    generator: type,
    function: Callable,
    args: tuple,
    expected_s: float | None = None,
    timed: Callable[[Callable], Callable] | None = None,
) -> Job:
    """Queue function(*args, progress=...) as a training job with this generator: it waits for a worker of the
    shared pool, then runs where training runs (training_runner), with live progress, cancel and the time limit.
    expected_s: its expected time (for the time left); timed: wraps the work to record how long it took."""
    runner = training_runner()

    def work(progress):
        return runner.run(function, args, progress=progress, generator=generator)

    return job_runner().submit(generator.label, timed(work) if timed else work, expected_s=expected_s)


def shut_down_jobs() -> None:
    """The server is stopping (serve.py's lifespan): cancel running jobs now rather than wait up to their limit."""
    with _runner_lock:
        if _runner is not None:
            _runner.shut_down()


def job_owner() -> str:
    """Who a job is for, as the log shows it: the session's random tag (the sign-in line names the person)."""
    session = st.session_state.get(SESSION)
    return f"session {session.tag}" if session is not None else "session ?"


def cancel_job() -> None:
    """Stop this session's generation, on-demand measurement and bake-off, if any runs."""
    measuring, bakeoff = st.session_state.get(MEASURE), st.session_state.get(BAKEOFF)
    for job in (st.session_state.get(JOB), measuring and measuring.job, *(bakeoff.jobs.values() if bakeoff else ())):
        if job is not None and not job.finished:
            job.cancel()


def progress_text(job: Job, runner: JobRunner) -> str:
    """A running job's line: its place in the queue or its stage, the share done and the time left."""
    position = runner.queue_position(job)
    text = f"Waiting for a free worker: number {position} in the queue" if position else job.message
    left = job.seconds_left()
    return f"{text} ({job.fraction:.0%}{f', {in_words(left)} left' if left else ''})"


def wait(job: Job) -> None:
    """Show live progress until the job ends, then take the bar away; leaving the page stops the waiting, not the job."""
    timing.drawn()  # from here on the run waits for training: not page work
    runner = job_runner()
    bar = st.progress(job.fraction, text=job.message)
    while not job.finished:
        bar.progress(min(job.fraction, 1.0), text=progress_text(job, runner))
        time.sleep(POLL_S)
    bar.empty()


def watch(job: Job) -> None:
    """Show live progress until the job ends, then rerun; leaving the page stops the watching, not the job.

    Only for a job the user waits on: a rerun of the page's own that is under way when they click a page link can
    override it (Streamlit starts that rerun's run after the click was taken, and the two share the session's
    intended page). Work that follows a result uses wait and draws its changes again in place (ui.follow_up)."""
    wait(job)
    # Draw the page again now that the job has ended: widgets drawn while it ran (such as a disabled
    # Generate button) would otherwise stay as they were until the next click.
    st.rerun()


def collect_job() -> Job | None:
    """Hand a finished job's result to the session, whichever page is open; the job once, so the page can say how
    it ended, else None. Only the Generate page used to do this, so a job that ended while its owner was on Compare
    or Download left them saying "No synthetic data yet" until Generate was opened again."""
    job: Job | None = st.session_state.get(JOB)
    if job is None or not job.finished:
        return None
    del st.session_state[JOB]
    if job.state == "done":
        take_result(*job.result)
    return job


def take_result(result, downloads: dict[str, bytes]) -> None:
    """Make this run the session's result, as Compare, Download and History show it: from a Generate job, or the
    result kept on the Bake-off page. The figures it was shown without, then its report, follow in jobs of their own
    (none when its files already hold them)."""
    st.session_state[RESULT], st.session_state[DOWNLOADS] = result, downloads
    st.session_state[RESULT_MADE] = datetime.now().astimezone().strftime("%H:%M %Z")
    history.remember(st.session_state[DOWNLOADS], st.session_state[RESULT_MADE])
    from ui import follow_up  # it builds on this module

    follow_up.start()
    st.session_state.pop(USEFULNESS, None)  # figures of the previous result
    st.session_state.pop(MATRICES, None)


def show_ended(job: Job | None) -> None:
    """Say how a job that did not make a result ended: cancelled (a warning) or failed (an error)."""
    if job is not None and job.state == "cancelled":
        st.warning(plain(job.error))
    elif job is not None and job.state == "failed":
        st.error(plain(job.error))


def need_result():
    """The synthetic data made in this session. While a job is queued or running: its progress, then the page
    again once it ends. With neither: a friendly pointer to the Generate page and a stop."""
    show_ended(collect_job())
    from ui import follow_up

    follow_up.collect()
    job: Job | None = st.session_state.get(JOB)
    if job is not None:
        st.info("Your synthetic data is being made. This page shows it as soon as it is ready.")
        watch(job)  # reruns the page when the job ends
    current = st.session_state.get(RESULT)
    if current is None:
        st.info("No synthetic data yet. Generate some first.")
        st.page_link("app_pages/generate.py", label="Go to Generate", icon=":material/auto_awesome:")
        st.stop()
    st.caption(plain(result_line(current.record, current.synthetic.shape, st.session_state.get(RESULT_MADE))))
    return current


def result_line(record: dict, shape: tuple[int, int], made: str | None) -> str:
    """Which result a page shows: its table, generator, size and when it was made."""
    seconds = sum(record.get("timings", {}).values())
    table = record.get("table") or "Your table"
    when = f", made at {made} in {seconds:.1f} s" if made else f", made in {seconds:.1f} s"
    return f"{table}: {shape[0]:,} synthetic rows, {shape[1]} columns, by {record.get('generator_label', '?')}{when}."
