"""Several generators on the same table and the same holdout, side by side: fidelity, privacy, time, peak memory."""

from __future__ import annotations

import html
import json
import os
import resource
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import pandas as pd

from synth.downloads import generate_with_files, report_file
from synth.errors import InputError
from synth.generators import GENERATORS, generator_class, no_progress
from synth.jobs import setting
from synth.judging import WORDS
from synth.pipeline import NO_HOLDOUT, RunConfig, RunResult
from synth.runners import LocalRunner, Progress, Runner

COLUMNS = ("generator", "label", "quality", "fidelity", "privacy", "fit_s", "sample_s", "evaluate_s", "peak_mb")


@dataclass(frozen=True)
class Entry:
    """One generator's run in a bake-off: its result, its files (csv, report, metrics, settings) and its figures."""

    generator: str
    result: RunResult
    files: dict[str, bytes]
    peak_mb: float

    def row(self) -> dict:
        metrics = json.loads(self.files["metrics"])
        timings = self.result.record["timings"]
        return {
            "generator": self.generator,
            "label": self.result.record["generator_label"],
            "quality": round(metrics["quality"]["overall"], 4),
            "fidelity": metrics["verdict"]["fidelity"],
            "privacy": metrics["verdict"]["privacy"],
            "fit_s": round(timings.get("fit_s", 0.0), 2),
            "sample_s": round(timings.get("sample_s", 0.0), 2),
            "evaluate_s": round(timings.get("evaluate_s", 0.0), 2),
            "peak_mb": round(self.peak_mb, 1),
        }


def peak_memory_mb() -> float:
    """The most memory this process has held so far (its peak resident size), in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KB on Linux


def one_generator(
    table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None = None, progress: Progress = no_progress
) -> tuple[RunResult, dict[str, bytes], float]:
    """One contestant, in the process (child or Ray task) its runner gives it: the run, its files, its peak memory."""
    result, files = generate_with_files(table, config, kinds, progress)
    return result, {**files, "report": report_file(result)}, peak_memory_mb()


def cli_runner() -> tuple[Runner, int]:
    """Where the CLI's contestants run, and how many at once: all at once on the Ray cluster at SYNTH_RAY_ADDRESS,
    else SYNTH_MAX_JOBS (default 1) child processes here."""
    address = os.environ.get("SYNTH_RAY_ADDRESS", "").strip()
    if address:
        from synth.ray_runner import RayRunner

        return RayRunner(address), len(GENERATORS)
    return LocalRunner(), int(setting("SYNTH_MAX_JOBS", 1))


def check_generators(names: list[str]) -> list[str]:
    """The names, checked: at least two, each known, none twice."""
    names = [name.strip() for name in names if name.strip()]
    unknown = [name for name in names if name not in GENERATORS]
    if unknown:
        raise InputError(f"Unknown generator: {', '.join(unknown)}. Use one of {', '.join(GENERATORS)}.")
    if len(set(names)) < 2 or len(set(names)) != len(names):
        raise InputError("A bake-off needs two or more different generators, each named once.")
    return names


def bakeoff(
    table: pd.DataFrame,
    names: list[str],
    config: RunConfig,
    kinds: dict[str, str] | None = None,
    runner: Runner | None = None,
    at_once: int = 1,
    progress: Progress = no_progress,
) -> list[Entry]:
    """Each generator with the same table, seed and so the same holdout; `at_once` of them in parallel, each run by
    `runner` (a child process by default, a Ray task with the Ray runner). Options that do not apply to one
    generator are ignored for it, as the CLI does."""
    names, runner = check_generators(names), runner or LocalRunner()
    done: dict[str, float] = {}

    def run(name: str) -> Entry:
        def report(fraction: float, message: str) -> None:
            done[name] = fraction
            progress(sum(done.values()) / len(names), f"{generator_class(name).label}: {message}")

        chosen = replace(config, generator=name)
        result, files, peak = runner.run(
            one_generator, (table, chosen, kinds), progress=report, generator=generator_class(name)
        )
        return Entry(name, result, files, peak)

    with ThreadPoolExecutor(max_workers=max(1, at_once), thread_name_prefix="bakeoff") as pool:
        return list(pool.map(run, names))


def summary(entries: list[Entry]) -> pd.DataFrame:
    """One row per generator, in the order given: the figures an analyst compares."""
    return pd.DataFrame([entry.row() for entry in entries], columns=list(COLUMNS))


def in_words(verdict: str) -> str:
    """A verdict as Compare says it ('Ready to share'); the summary CSV keeps good/check/poor for scripts."""
    return WORDS.get(verdict, verdict)


def short_label(label: str) -> str:
    """A generator's label without its bracketed note, to fit a table beside a chart: "Gaussian copula (SDV)" gives
    "Gaussian copula"."""
    return label.split(" (")[0]


def summary_figure(entries: list[Entry]):
    """One Plotly figure, three panels side by side: overall quality (each bar coloured by its fidelity verdict and
    labelled with both verdicts), training time and peak memory, one bar per generator."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from synth.charts import VERDICT_COLOURS

    frame = summary(entries)
    names = [short_label(label) for label in frame["label"]]
    figure = make_subplots(rows=1, cols=3, subplot_titles=("Quality (1 = as real)", "Training (s)", "Peak memory (MB)"))
    verdicts = [
        f"Fidelity: {in_words(f)}<br>Privacy: {in_words(p)}"
        for f, p in zip(frame["fidelity"], frame["privacy"], strict=True)
    ]
    colours = [VERDICT_COLOURS.get(verdict, "#757575") for verdict in frame["fidelity"]]
    figure.add_trace(
        go.Bar(x=names, y=frame["quality"], text=verdicts, textangle=0, marker_color=colours, name="quality"),
        row=1,
        col=1,
    )
    figure.add_trace(go.Bar(x=names, y=frame["fit_s"], marker_color="#5c6bc0", name="training"), row=1, col=2)
    figure.add_trace(go.Bar(x=names, y=frame["peak_mb"], marker_color="#78909c", name="memory"), row=1, col=3)
    figure.update_layout(showlegend=False, height=400, margin={"t": 60, "b": 40})
    figure.update_yaxes(range=[0, 1], row=1, col=1)
    return figure


def judged(entries: list[Entry]) -> str:
    """How the generators were judged alike: against the same real rows kept aside, or, on a table too small for
    that, each beside one half of the real rows against the other."""
    if all(entry.result.holdout_model is not None for entry in entries):
        return "against the same real rows kept aside"
    return f"alike: this table is {NO_HOLDOUT}"


def summary_html(entries: list[Entry], table_name: str = "") -> str:
    """One self-contained page: the summary table and the summary figure (Plotly's script embedded, no network)."""
    frame = summary(entries)
    figure = summary_figure(entries)
    header = "".join(f"<th>{html.escape(column)}</th>" for column in frame.columns)
    shown = frame.assign(
        fidelity=frame["fidelity"].map(in_words), privacy=frame["privacy"].map(in_words)
    )  # as Compare says
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(value))}</td>" for value in row) + "</tr>"
        for row in shown.itertuples(index=False)
    )
    title = html.escape(f"Bake-off: {table_name}" if table_name else "Bake-off")
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px}</style></head>"
        f"<body><h1>{title}</h1><p>Every generator learned the same rows with the same seed and was judged "
        f"{judged(entries)}. Fidelity and privacy are the verdicts of each generator's own report.</p>"
        f"<table><tr>{header}</tr>{body}</table>"
        f"{figure.to_html(full_html=False, include_plotlyjs=True)}</body></html>"
    )


def bakeoff_files(entries: list[Entry], table_name: str = "") -> dict[str, bytes]:
    """Every file a bake-off writes, by its path under the output folder: each result's synthetic CSV, report and
    metrics in a folder named after its generator, then the summary as CSV and as an offline HTML page."""
    files = {}
    for entry in entries:
        for name, file_name in (("csv", "synthetic.csv"), ("report", "report.html"), ("metrics", "metrics.json")):
            files[f"{entry.generator}/{file_name}"] = entry.files[name]
    files["summary.csv"] = summary(entries).to_csv(index=False).encode("utf-8")
    files["bakeoff.html"] = summary_html(entries, table_name).encode("utf-8")
    return files
