"""The session's run history on the Download page: each run listed, any two side by side, any downloaded again."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from synth import run_history
from ui.display import offer_file, plain
from ui.keys import DOWNLOADS, FIGURES_JOB, HISTORY
from ui.places import in_place


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


def _current(runs: list[Run]) -> list[Run]:
    return [run for run in runs if run.downloads is st.session_state.get(DOWNLOADS)]


def _say_not_measured() -> None:
    """Under the listing: what 'Not measured' means."""
    unmeasured = [run for run in _as_measured(_runs()) if run_history.not_measured(run.summary)]
    if not unmeasured:
        return
    numbers = " and ".join(f"run {run.summary.number}" for run in unmeasured)
    st.caption(
        f"Not measured: the last figures of {numbers} (the detection classifier and the distance to the closest "
        "real rows) could not be measured (the measurement failed or was stopped), so that verdict is not final."
    )


def _measure_again_offered() -> bool:
    """For the current run, if its last figures could not be measured: a way to measure them again."""
    return any(run_history.not_measured(run.summary) for run in _current(_as_measured(_runs())))


def _offer_to_measure_again() -> None:
    if _measure_again_offered():
        from ui import follow_up  # it builds on this module

        st.button("Measure the remaining figures", key="history_measure_again", on_click=follow_up.start)


def _runs() -> list[Run]:
    return st.session_state.get(HISTORY, [])


def _listing() -> None:
    st.dataframe(run_history.listing([run.summary for run in _as_measured(_runs())]), hide_index=True, width="stretch")
    _say_not_measured()


def _by_name() -> dict[str, Run]:
    return {f"Run {run.summary.number}": run for run in reversed(_as_measured(_runs()))}


def _side_by_side(first: str, second: str) -> None:
    by_name = _by_name()
    table = run_history.side_by_side(by_name[first].summary, by_name[second].summary)
    st.dataframe(table, hide_index=True, width="stretch")


def _report_of(name: str) -> None:
    chosen = _by_name()[name]
    number = chosen.summary.number
    if "report" not in chosen.downloads:
        current = chosen.downloads is st.session_state.get(DOWNLOADS)
        st.caption(
            "This run's report is not made yet: the quality report's button above offers it once it is."
            if current
            else "This run's report was not made (another run followed before it was ready)."
        )
        return
    offer_file(
        st,
        f"Report of run {number}",
        chosen.downloads["report"],
        chosen.summary.table,
        f"report_run{number}",
        "html",
        "history_report",
    )


def show(redraws: list | None = None) -> None:
    """The History section: nothing until a run has finished. What the page's jobs change (a run's last figures, its
    report) is drawn again in place by redraws, in the same run (ui.places)."""
    redraws = [] if redraws is None else redraws
    runs = _runs()
    if not runs:
        return
    st.subheader("History")
    st.caption(
        f"This session's last {run_history.KEEP_RUNS} runs at most (older ones are let go to save memory); "
        "they go with Delete my data or when the session ends."
    )
    in_place(redraws, _listing)
    in_place(redraws, _offer_to_measure_again, shows=_measure_again_offered)
    names = list(_by_name())
    if len(runs) > 1:
        left, right = st.columns(2)
        first = left.selectbox("Compare", names, index=1, key="history_first")
        second = right.selectbox("with", names, index=0, key="history_second")
        in_place(redraws, lambda: _side_by_side(first, second))
    name = st.selectbox("Download a run again", names, key="history_download")
    chosen = _by_name()[name]
    named, left, right = chosen.summary.table, *st.columns(2)
    number = chosen.summary.number
    offer_file(
        left, f"CSV of run {number}", chosen.downloads["csv"], named, f"synthetic_run{number}", "csv", "history_csv"
    )
    in_place(redraws, lambda: _report_of(name), where=right, shows=lambda: "report" in _by_name()[name].downloads)
    st.caption(plain(f"Run {chosen.summary.number}: {chosen.summary.settings or 'default settings'}"))
