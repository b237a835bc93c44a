"""Compare's on-demand measurements (attack risks, usefulness) as jobs in a child process: one at a time per session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from synth.child_process import run_in_child
from synth.jobs import Job
from ui.display import plain
from ui.follow_up import add_figures, same_run
from ui.jobs import job_runner, wait
from ui.keys import MEASURE, RESULT


@dataclass(frozen=True)
class Measuring:
    what: str  # "attacks" or "usefulness"
    job: Job
    result: object  # the run being measured: a newer run makes the measurement moot


def measuring() -> Measuring | None:
    """The measurement this session has under way, if any."""
    held = st.session_state.get(MEASURE)
    return held if held is not None and not held.job.finished and not held.job.cancel_requested else None


def busy() -> bool:
    """Whether a measurement of either kind is under way: one at a time per session."""
    return measuring() is not None


def offer(label: str, key: str, measurement: tuple, **button) -> None:
    """The button that starts measurement (start's arguments) on its click, disabled while one is under way. A button
    drawn again once a measurement has ended (ui.places.in_place, shows=busy): while busy it has no key, so the one
    with its key is drawn once in a run."""
    if busy():
        st.button(label, disabled=True, **button)
    else:
        st.button(label, key=key, on_click=start, args=measurement, **button)


def start(what: str, task: str, function: Callable, *args) -> None:
    """Run function(result, *args, progress=...) -> figures (synth.downloads) for the current result in a child
    process, from the shared pool like training: the server's interpreter stays free for the pages. A button's
    on_click: the run that follows the click shows its progress (show_progress)."""
    result = st.session_state[RESULT]

    def work(progress):
        return run_in_child(function, (result, *args), progress=progress)

    job = job_runner().submit(what, work, task=task, doing=task[0].lower() + task[1:])
    st.session_state[MEASURE] = Measuring(what, job, result)


def collect() -> None:
    """A finished measurement joins this session's result: the metrics made again at once, the report in its own job
    (the CSV and the settings do not change); a cancelled or failed one says so in one sentence. Call before reading
    the result."""
    held: Measuring | None = st.session_state.get(MEASURE)
    if held is None or not (held.job.finished or held.job.cancel_requested):
        return
    st.session_state.pop(MEASURE)
    if not same_run(held.result, st.session_state.get(RESULT)):
        return  # a new run replaced the one measured
    if held.job.cancel_requested or held.job.state == "cancelled":
        st.warning(f"{held.job.task} was cancelled. Nothing was changed; you can measure again.")
    elif held.job.state == "done":
        add_figures(held.job.result)
    else:
        st.error(plain(held.job.error))


def show_progress(redraws: Sequence[Callable[[], None]] = ()) -> None:
    """Where a measurement is offered, while one runs (either kind: a button waits for it): its progress and a Cancel
    button (the page stays usable meanwhile); once it ends (even just before this was called), in this run, it joins
    the result (collect) and each of redraws draws its place again. The page is not run again: a rerun of its own under
    way as the user clicks a page link can override the link (ui.follow_up)."""
    held: Measuring | None = st.session_state.get(MEASURE)
    if held is None:
        return
    if measuring() is not None:  # else it ended since the page's collect: it joins the result here
        place = st.empty()
        with place.container():
            st.button("Cancel", on_click=held.job.cancel, key=f"cancel_{held.what}", icon=":material/stop_circle:")
            wait(held.job)
        place.empty()
    collect()
    for redraw in redraws:
        redraw()


def note_if_running() -> None:
    """On pages that offer the files: say that a measurement under way is not in them yet."""
    held = measuring()
    if held is not None:
        st.info(
            f"{held.job.task} is still under way ({held.job.fraction:.0%}): the report and the metrics below do not "
            "carry it yet. Open this page again once it has finished."
        )
