"""The bridge between a synth.jobs job and the page: the shared runner, live progress, cancelling, the result."""

from __future__ import annotations

import time

import streamlit as st

from synth.jobs import Job, JobRunner
from synth.run_time import in_words
from ui import timing
from ui.keys import JOB, RESULT, SESSION

POLL_S = 0.25


@st.cache_resource
def job_runner() -> JobRunner:
    """One bounded worker pool for the whole server; it holds jobs, never a session's data after they end."""
    return JobRunner(owner=job_owner)


def job_owner() -> str:
    """Who a job is for, as the log shows it: the session's random tag (the sign-in line names the person)."""
    session = st.session_state.get(SESSION)
    return f"session {session.tag}" if session is not None else "session ?"


def cancel_job() -> None:
    job: Job | None = st.session_state.get(JOB)
    if job is not None and not job.finished:
        job.cancel()


def watch(job: Job) -> None:
    """Show live progress until the job ends, then rerun; leaving the page stops the watching, not the job."""
    timing.drawn()  # from here on the run waits for training: not page work
    runner = job_runner()
    bar = st.progress(job.fraction, text=job.message)
    while not job.finished:
        position = runner.queue_position(job)
        text = f"Waiting for a free worker: number {position} in the queue" if position else job.message
        left = job.seconds_left()
        bar.progress(
            min(job.fraction, 1.0), text=f"{text} ({job.fraction:.0%}{f', {in_words(left)} left' if left else ''})"
        )
        time.sleep(POLL_S)
    bar.empty()
    # Draw the page again now that the job has ended: widgets drawn while it ran (such as a disabled
    # Generate button) would otherwise stay as they were until the next click.
    st.rerun()


def need_result():
    """The synthetic data made in this session, or a friendly pointer to the Generate page and a stop."""
    current = st.session_state.get(RESULT)
    if current is None:
        st.info("No synthetic data yet. Generate some first.")
        st.page_link("app_pages/generate.py", label="Go to Generate", icon=":material/auto_awesome:")
        st.stop()
    return current
