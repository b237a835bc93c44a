"""What follows a result once it is shown: the figures the CLI skips by default, then the report, each a job of its own
in a child process; and the figures measured on demand joining the result.

The page that waits on them is never run again when they end (no st.rerun): what they change is drawn again in place,
in the same run. A rerun of the page's own that is under way when the user clicks a page link can override the link
(Streamlit starts that rerun after the click was taken, and both set the session's intended page), and these jobs end
while the user is already busy elsewhere on the page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from synth.child_process import run_in_child
from synth.downloads import later_figures, report_file, with_figures
from synth.jobs import Job, background_niceness
from ui import history
from ui.jobs import job_runner, show_ended, wait
from ui.keys import DOWNLOADS, FIGURES_JOB, REPORT_JOB, RESULT

FIGURES_TASK = "Measuring the remaining figures"
REPORT_TASK = "Preparing the quality report"


@dataclass(frozen=True)
class Following:
    job: Job
    result: object  # the run the figures are for: a newer run makes them moot


def same_run(measured, current) -> bool:
    """Whether figures measured for one result belong to the current one: the same run, whatever figures joined it
    since (with_figures keeps the run's record)."""
    return measured is current or getattr(measured, "record", None) is getattr(current, "record", object())


def in_child(function, *args, background: bool = False) -> Callable:
    """Work for the job pool: function(*args, progress=...) in a child process, at the priority of work people wait
    on (the verdict's figures: Compare says they are being measured) or, for background work, lower."""
    niceness = background_niceness() if background else None
    return lambda progress: run_in_child(function, args, progress=progress, niceness=niceness)


def start() -> None:
    """A new result reached the session, or its remaining figures are measured again: measure the figures it was shown
    without, then (collect) its report. A report made without them is let go at once: it is made again once they are
    in, and no page offers it meanwhile (Download drew its button, then the new report's, in one run)."""
    _cancel(FIGURES_JOB)
    _cancel(REPORT_JOB)  # the previous result's report: no longer wanted
    result = st.session_state[RESULT]
    if not result.evaluation.pending:
        prepare_report()
        return
    st.session_state[DOWNLOADS].pop("report", None)  # the same dict the history holds
    job = job_runner().submit(
        "Remaining figures", in_child(later_figures, result), task=FIGURES_TASK, doing="measuring the remaining figures"
    )
    st.session_state[FIGURES_JOB] = Following(job, result)


def _cancel(key: str) -> None:
    held = st.session_state.pop(key, None)
    job = getattr(held, "job", held)
    if job is not None and not job.finished:
        job.cancel()


def figures_job() -> Job | None:
    """The follow-up measurement under way for this session's result, if any."""
    held: Following | None = st.session_state.get(FIGURES_JOB)
    return None if held is None or held.job.finished else held.job


def figures_coming() -> bool:
    """Whether the follow-up figures are still to join the result: measured now, or ended and not yet collected (the
    page's wait_for_figures collects them later in this run and draws their places again). What a page draws before
    then reads this, not figures_job: a job that ended between need_result's collect and the page's first draw made
    Compare draw 'Measure the remaining figures' at once and again once collected, in one run."""
    return st.session_state.get(FIGURES_JOB) is not None


def collect() -> None:
    """Finished follow-up figures join the result (then the report is made); failed or cancelled ones say so in one
    sentence and the report is made without them, its verdict saying what is not final. Call before reading the
    result, on every page that shows it.

    The job is let go last: a click elsewhere stops the run at its next session-state access, and the next run then
    collects it again (joining the same figures twice changes nothing) instead of losing the figures and the report."""
    held: Following | None = st.session_state.get(FIGURES_JOB)
    if held is None or not held.job.finished:
        return
    if same_run(held.result, st.session_state.get(RESULT)):  # else a new run replaced the one measured
        if held.job.state == "done":
            add_figures(held.job.result)
        else:
            show_ended(held.job)
            prepare_report()  # its verdict says the figures could not be measured, not that they are coming
    st.session_state.pop(FIGURES_JOB, None)


def add_figures(figures) -> None:
    """Breakdowns measured after the result was shown join it: the metrics JSON made again (milliseconds), the CSV
    and the settings kept, the run's history line updated, and the report made again in its own job."""
    updated, files = with_figures(st.session_state[RESULT], figures)
    downloads = st.session_state[DOWNLOADS]
    downloads.update(files)  # the same dict the history holds
    downloads.pop("report", None)  # made without these figures
    st.session_state[RESULT] = updated
    history.refresh(downloads)
    prepare_report()


def prepare_report() -> None:
    """Make the quality report in a job of its own, in a child process, for the result as it now stands: figures
    its verdict waits for with no job measuring them could not be measured, and the report says so."""
    _cancel(REPORT_JOB)
    if "report" in st.session_state[DOWNLOADS]:
        return
    measuring = figures_job() is not None
    st.session_state[REPORT_JOB] = job_runner().submit(
        "Quality report",
        in_child(report_file, st.session_state[RESULT], measuring, background=True),  # nobody waits on it
        task=REPORT_TASK,
        doing="preparing the quality report",
    )


def wait_for_figures(
    slot=None, note: Callable[[], None] | None = None, redraws: Sequence[Callable[[], None]] = ()
) -> None:
    """While the follow-up figures are measured: note() and their progress (in slot, if given); once they end (even
    just before this was called) they join the result (collect, which also starts the report) and each of redraws
    draws its place again, in this run."""
    held: Following | None = st.session_state.get(FIGURES_JOB)
    if held is None:
        return
    if not held.job.finished:
        place = slot if slot is not None else st.empty()
        with place.container():
            if note is not None:
                note()
            wait(held.job)
        place.empty()
    collect()
    for redraw in redraws:
        redraw()


def report_coming() -> bool:
    """Whether the report is on its way: its job, or the figures it waits for, under way (else it failed or was
    cancelled, and can be asked for again)."""
    job: Job | None = st.session_state.get(REPORT_JOB)
    return figures_coming() or (job is not None and (not job.finished or job.state == "done"))


def note_if_measuring() -> None:
    """On the page that offers the files: the metrics do not carry the verdict's last figures yet."""
    job = figures_job()
    if job is not None:
        st.info(
            f"The verdict's last figures are still being measured ({job.fraction:.0%}): until then the metrics say "
            "which are missing, and the report waits for them."
        )


def need_report(redraws: Sequence[Callable[[], None]] = ()) -> None:
    """The result's report in its downloads: while the figures it waits for or the report itself are being made, their
    progress here, then each of redraws (what the page shows of them, such as the report's button) drawn again in
    place, in this run."""
    wait_for_figures(
        note=lambda: st.info(
            "The quality report waits for the last figures of the verdict; its button appears here once made."
        ),
        redraws=redraws,
    )
    job: Job | None = st.session_state.get(REPORT_JOB)
    if job is None:
        return
    if not job.finished:
        place = st.empty()
        with place.container():
            st.info("The quality report is being prepared; its button appears here in a moment.")
            wait(job)
        place.empty()
    downloads = st.session_state[DOWNLOADS]
    stored = job.state == "done" and "report" not in downloads
    if stored:  # into the same files dict the run's history holds; never over a newer report
        downloads["report"] = job.result
    st.session_state.pop(REPORT_JOB, None)  # let go last, as in collect: a run stopped before this collects it again
    if job.state == "done":
        for redraw in redraws if stored else ():  # the report's button in its place, unless it was already there
            redraw()
        return
    show_ended(job)
    st.button("Prepare the quality report again", key="report_again_now", on_click=prepare_report)
