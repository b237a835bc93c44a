"""Compare's on-demand measurements (attack risks, usefulness) as background jobs: one at a time per session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from synth.jobs import Job
from ui.display import plain
from ui.jobs import job_runner, watch
from ui.keys import DOWNLOADS, MEASURE, RESULT


@dataclass(frozen=True)
class Measuring:
    what: str  # "attacks" or "usefulness"
    job: Job
    result: object  # the run being measured: a newer run makes the measurement moot


def measuring() -> Measuring | None:
    """The measurement this session has under way, if any."""
    held = st.session_state.get(MEASURE)
    return held if held is not None and not held.job.finished and not held.job.cancel_requested else None


def start(what: str, task: str, work: Callable) -> None:
    """Run work(result, progress) -> (result, downloads) in the shared pool for the current result, then rerun."""
    result = st.session_state[RESULT]
    job = job_runner().submit(
        what, lambda progress: work(result, progress), task=task, doing=task[0].lower() + task[1:]
    )
    st.session_state[MEASURE] = Measuring(what, job, result)
    st.rerun()


def collect() -> None:
    """A finished measurement goes into this session's result and downloads (so the report and the metrics carry
    it); a cancelled or failed one says so in one sentence. Call before reading the result."""
    held: Measuring | None = st.session_state.get(MEASURE)
    if held is None or not (held.job.finished or held.job.cancel_requested):
        return
    st.session_state.pop(MEASURE)
    if held.result is not st.session_state.get(RESULT):
        return  # a new run replaced the one measured
    if held.job.cancel_requested or held.job.state == "cancelled":
        st.warning(f"{held.job.task} was cancelled. Nothing was changed; you can measure again.")
    elif held.job.state == "done":
        st.session_state[RESULT], st.session_state[DOWNLOADS] = held.job.result
    else:
        st.error(plain(held.job.error))


def show_progress(what: str) -> None:
    """While this kind of measurement runs: its progress and a Cancel button (the page stays usable meanwhile)."""
    held = measuring()
    if held is None or held.what != what:
        return
    st.button("Cancel", on_click=held.job.cancel, key=f"cancel_{what}", icon=":material/stop_circle:")
    watch(held.job)


def note_if_running() -> None:
    """On pages that offer the files: say that a measurement under way is not in them yet."""
    held = measuring()
    if held is not None:
        st.info(
            f"{held.job.task} is still under way ({held.job.fraction:.0%}): the report and the metrics below do not "
            "carry it yet. Open this page again once it has finished."
        )
