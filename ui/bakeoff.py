"""The Bake-off page's run: one training job per generator on the same table and holdout, their progress, results."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from synth.bakeoff import (
    Entry,
    in_words,
    judged,
    one_generator,
    short_label,
    summary,
    summary_figure,
    summary_html,
)
from synth.generators import GENERATORS
from synth.jobs import Job
from synth.pipeline import RunConfig
from ui import timing
from ui.display import offer_file, plain
from ui.jobs import POLL_S, job_runner, progress_text, submit_training, take_result
from ui.keys import BAKEOFF, RESULT

DECIMALS = {"quality": 2, "fit_s": 1, "peak_mb": 0}
HEADERS = {  # what the analyst compares; sampling and scoring times are in the summary download
    "label": "Generator",
    "quality": "Quality",
    "fidelity": "Fidelity",
    "privacy": "Privacy",
    "fit_s": "Training (s)",
    "peak_mb": "Memory (MB)",
}


@dataclass(eq=False)
class BakeOff:
    """A session's bake-off: the jobs still to collect, then each generator's result or the sentence it ended with."""

    table_name: str
    names: tuple[str, ...]  # in the order chosen, which is the order shown
    jobs: dict[str, Job]
    entries: dict[str, Entry] = field(default_factory=dict)
    ended: dict[str, Job] = field(default_factory=dict)  # cancelled or failed: the job says how
    kept: str | None = None

    @property
    def running(self) -> bool:
        return any(not job.finished for job in self.jobs.values())

    def cancel(self) -> None:
        for job in self.jobs.values():
            job.cancel()

    def results(self) -> list[Entry]:
        return [self.entries[name] for name in self.names if name in self.entries]


def current() -> BakeOff | None:
    """This session's bake-off, its finished jobs collected."""
    bakeoff: BakeOff | None = st.session_state.get(BAKEOFF)
    if bakeoff is not None:
        for name, job in list(bakeoff.jobs.items()):
            if job.finished:
                del bakeoff.jobs[name]
                if job.state == "done":
                    bakeoff.entries[name] = Entry(name, *job.result)
                else:
                    bakeoff.ended[name] = job
    return bakeoff


def start(table: pd.DataFrame, config: RunConfig, kinds: dict[str, str], choices: dict[str, dict]) -> BakeOff:
    """Queue one job per chosen generator (with its options) in the shared pool: the same rows, seed and so the same
    holdout for each; each runs where training runs (a child process, or a Ray task with a cluster configured)."""
    cancel()  # a previous bake-off still running: no longer wanted
    jobs = {
        name: submit_training(
            GENERATORS[name], one_generator, (table, replace(config, generator=name, options=options), kinds)
        )
        for name, options in choices.items()
    }
    st.session_state[BAKEOFF] = BakeOff(config.table_name, tuple(choices), jobs)
    return st.session_state[BAKEOFF]


def cancel() -> None:
    bakeoff: BakeOff | None = st.session_state.get(BAKEOFF)
    if bakeoff is not None:
        bakeoff.cancel()


def watch(bakeoff: BakeOff) -> None:
    """A progress bar per generator until every job has ended, then the page again. A generator that fails or is
    stopped says so at once in its place while the others go on."""
    timing.drawn()  # from here on the run waits for training: not page work
    runner = job_runner()
    places = {name: st.empty() for name in bakeoff.jobs}
    while True:
        for name, job in bakeoff.jobs.items():
            label = GENERATORS[name].label
            if job.state == "done":
                places[name].success(f"{label}: finished.")
            elif job.finished:
                ended(places[name], label, job, others=len(bakeoff.names) > 1)
            else:
                places[name].progress(min(job.fraction, 1.0), text=plain(f"{label}: {progress_text(job, runner)}"))
        if not bakeoff.running:
            break
        time.sleep(POLL_S)
    st.rerun()


def ended(place, label: str, job: Job, others: bool) -> None:
    """One sentence for a generator that made no result: failed (an error) or cancelled (a warning)."""
    sentence = plain(f"{label}: {job.error}") + (" The other generators go on." if others else "")
    (place.error if job.state == "failed" else place.warning)(sentence)


def show(bakeoff: BakeOff) -> None:
    """The results: how each generator that made none ended, then one table and one chart side by side."""
    entries = bakeoff.results()
    for name, job in bakeoff.ended.items():
        ended(st, GENERATORS[name].label, job, others=False)
    if not entries:
        return
    st.subheader("Results")
    st.caption(
        f"Every generator learned the same rows with the same seed and was judged {judged(entries)}. Quality is the "
        "overall quality (1 = statistically the same as the real data); fidelity and privacy are the verdicts of "
        "each result's own report (Ready to share, Check first or Not ready); memory is the most its training "
        "process held."
    )
    table, chart = st.columns(2)
    frame = summary(entries)[list(HEADERS)].round(DECIMALS)  # as read on the other pages; the CSV keeps them all
    frame = frame.assign(
        label=frame["label"].map(short_label),
        fidelity=frame["fidelity"].map(in_words),
        privacy=frame["privacy"].map(in_words),
    ).rename(columns=HEADERS)  # the verdicts in the words Compare uses; the CSV keeps good/check/poor for scripts
    table.dataframe(frame, hide_index=True, width="stretch", key="bakeoff_table")
    chart.plotly_chart(summary_figure(entries), width="stretch", key="bakeoff_chart")


def keep_result(bakeoff: BakeOff, name: str) -> None:
    """Make one generator's result the session's result, as if generated on Generate (Compare, Download, History)."""
    entry = bakeoff.entries[name]
    take_result(entry.result, dict(entry.files))  # a copy: later files (attack risks) join the kept one only
    bakeoff.kept = name


def is_kept(bakeoff: BakeOff) -> bool:
    """Whether the result kept from this bake-off is still the session's result (a later run replaces it)."""
    kept = bakeoff.entries.get(bakeoff.kept) if bakeoff.kept else None
    return kept is not None and st.session_state.get(RESULT) is kept.result


def downloads(bakeoff: BakeOff) -> None:
    """Each result's synthetic table and report, and the bake-off's summary (CSV) and report (HTML)."""
    entries, named = bakeoff.results(), bakeoff.table_name
    st.markdown("**Downloads**")
    for entry in entries:
        label, name, (csv, report) = GENERATORS[entry.generator].label, entry.generator, st.columns(2)
        offer_file(
            csv,
            f"Synthetic data (CSV): {label}",
            entry.files["csv"],
            named,
            f"synthetic_{name}",
            "csv",
            key=f"bakeoff_csv_{name}",
        )
        offer_file(
            report,
            f"Quality report (HTML): {label}",
            entry.files["report"],
            named,
            f"report_{name}",
            "html",
            key=f"bakeoff_report_{name}",
        )
    csv, report = st.columns(2)
    offer_file(
        csv,
        "Download bake-off summary (CSV)",
        lambda: summary(entries).to_csv(index=False).encode("utf-8"),
        named,
        "bakeoff_summary",
        "csv",
        "bakeoff_summary_csv",
        type="primary",
    )
    offer_file(
        report,
        "Download bake-off report (HTML)",
        lambda: summary_html(entries, named).encode("utf-8"),
        named,
        "bakeoff",
        "html",
        "bakeoff_report",
        type="primary",
    )
