"""The session's run history on the Download page: each run listed, any two side by side, any downloaded again."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from synth import run_history
from ui.display import offer_file, plain
from ui.keys import DOWNLOADS, FIGURES_JOB, HISTORY


@dataclass(frozen=True)
class Run:
    summary: run_history.RunSummary
    downloads: dict[str, bytes]  # the run's files as made by its job: csv, report, metrics, settings


def remember(downloads: dict[str, bytes], made: str) -> None:
    """Add a finished run to the session's history (the last run_history.KEEP_RUNS are kept)."""
    runs: list[Run] = st.session_state.get(HISTORY, [])
    number = runs[-1].summary.number + 1 if runs else 1
    summary = run_history.summarise(number, downloads["metrics"], made)
    st.session_state[HISTORY] = run_history.remember(runs, Run(summary, downloads))


def refresh(downloads: dict[str, bytes]) -> None:
    """The run whose files these are, summarised again from its metrics (figures measured after it was listed)."""
    runs: list[Run] = st.session_state.get(HISTORY, [])
    for position, run in enumerate(runs):
        if run.downloads is downloads:
            summary = run_history.summarise(run.summary.number, downloads["metrics"], run.summary.made)
            runs[position] = replace(run, summary=summary)


def _as_measured(runs: list[Run]) -> list[Run]:
    """The runs with 'Still being measured' only where a measurement is under way: the session's current run while
    its follow-up figures job is held (ui.follow_up); any other run's last figures are not coming."""
    measuring = st.session_state.get(DOWNLOADS) if st.session_state.get(FIGURES_JOB) is not None else None
    return [
        run if run.downloads is measuring else replace(run, summary=run_history.settled(run.summary)) for run in runs
    ]


def _say_not_measured(runs: list[Run]) -> None:
    """Under the listing: what 'Not measured' means, and for the current run a way to measure again."""
    unmeasured = [run for run in runs if run_history.not_measured(run.summary)]
    if not unmeasured:
        return
    numbers = " and ".join(f"run {run.summary.number}" for run in unmeasured)
    st.caption(
        f"Not measured: the last figures of {numbers} (the detection classifier and the distance to the closest "
        "real rows) could not be measured (the measurement failed or was stopped), so that verdict is not final."
    )
    if any(run.downloads is st.session_state.get(DOWNLOADS) for run in unmeasured):
        from ui import follow_up  # it builds on this module

        st.button("Measure the remaining figures", key="history_measure_again", on_click=follow_up.start)


def show() -> None:
    """The History section: nothing until a run has finished."""
    runs: list[Run] = st.session_state.get(HISTORY, [])
    if not runs:
        return
    st.subheader("History")
    st.caption(
        f"This session's last {run_history.KEEP_RUNS} runs at most (older ones are let go to save memory); "
        "they go with Delete my data or when the session ends."
    )
    runs = _as_measured(runs)
    st.dataframe(run_history.listing([run.summary for run in runs]), hide_index=True, width="stretch")
    _say_not_measured(runs)
    by_name = {f"Run {run.summary.number}": run for run in reversed(runs)}
    names = list(by_name)
    if len(runs) > 1:
        left, right = st.columns(2)
        first = left.selectbox("Compare", names, index=1, key="history_first")
        second = right.selectbox("with", names, index=0, key="history_second")
        table = run_history.side_by_side(by_name[first].summary, by_name[second].summary)
        st.dataframe(table, hide_index=True, width="stretch")
    chosen = by_name[st.selectbox("Download a run again", names, key="history_download")]
    named, left, right = chosen.summary.table, *st.columns(2)
    number = chosen.summary.number
    offer_file(
        left, f"CSV of run {number}", chosen.downloads["csv"], named, f"synthetic_run{number}", "csv", "history_csv"
    )
    if "report" not in chosen.downloads:
        right.caption("This run's report was not made (another run followed before it was ready).")
        return
    offer_file(
        right,
        f"Report of run {number}",
        chosen.downloads["report"],
        named,
        f"report_run{number}",
        "html",
        "history_report",
    )
    st.caption(plain(f"Run {chosen.summary.number}: {chosen.summary.settings or 'default settings'}"))
