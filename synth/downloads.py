"""The bundle of files a run offers: the synthetic table as CSV, the quality report, the metrics and the settings."""

from __future__ import annotations

import json
import re

import pandas as pd

from synth.formats import export_table
from synth.formats.contract import file_stem
from synth.generators.base import Progress, no_progress
from synth.pipeline import RunConfig, RunResult, generate
from synth.report import metrics_json, report_html

SETTINGS = (
    "generator",
    "options",
    "seed",
    "rows",
    "sample_rows",
    "learned_columns",
    "columns",
    "personal_data",
    "locale",
    "where",
    "rebalance",
    "rules",
    "input_fingerprint",
)  # everything a person chose for the run, so the same table and these settings give the same rows (synth.settings
# reads them back); the fingerprint tells, when they are loaded, whether the table is the same one


def download_name(table_name: str, what: str, extension: str) -> str:
    """A download's file name after the table it was made from: ('credit.csv', 'synthetic', 'csv') gives
    'credit_synthetic.csv'; a demo table's note in brackets is left out ('Cars (406 models)' gives 'Cars_...')."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", table_name or "")
    stem = file_stem(name) if name else ""
    return f"{stem + '_' if stem and stem != 'synthetic' else ''}{what}.{extension}"


def standard_files(result: RunResult) -> dict[str, bytes]:
    """Bytes of each file, keyed csv, report, metrics and settings."""
    return {**quick_files(result), "report": report_file(result)}


def quick_files(result: RunResult) -> dict[str, bytes]:
    """The files that take milliseconds (csv, metrics, settings): made with the result, so Download opens at once."""
    settings = {key: result.record[key] for key in SETTINGS if key in result.record}  # scored elsewhere: fewer
    return {
        "csv": export_table(result.synthetic, "csv").data,
        "metrics": metrics_json(result),
        "settings": json.dumps(settings, indent=2, ensure_ascii=False).encode("utf-8"),
    }


def report_file(result: RunResult, measuring: bool = True, progress: Progress = no_progress) -> bytes:
    """The quality report, the costly file (charts, offline Plotly: about 2 s on 2,000 rows). The app makes it in
    a job of its own once the result is shown, so the result does not wait for it. measuring=False: the figures
    its verdict waits for could not be measured (their job failed or was stopped)."""
    progress(0.0, "Preparing the quality report")
    return report_html(result, measuring=measuring).encode("utf-8")


def generate_with_files(
    table: pd.DataFrame, config: RunConfig, kinds: dict[str, str] | None = None, progress: Progress = no_progress
) -> tuple[RunResult, dict[str, bytes]]:
    """pipeline.generate, then the quick files (not the report: report_file), in one piece of work for the app's job
    pool. The report used to be made here too, and the result waited seconds for it (issue 13)."""
    result = generate(table, config, kinds, progress)
    progress(1.0, "Preparing the files to download")
    return result, quick_files(result)


Figures = tuple[dict, dict]  # breakdowns by metric name, and their seconds by timing group


def with_figures(result: RunResult, figures: Figures) -> tuple[RunResult, dict[str, bytes]]:
    """The run with more breakdowns (measured after the result was shown, or on demand), and the one quick file that
    carries them, the metrics JSON; the CSV and the settings do not change, and the report is made again apart."""
    from dataclasses import replace

    from synth.evaluate import with_results

    updated = replace(result, evaluation=with_results(result.evaluation, *figures))
    return updated, {"metrics": metrics_json(updated)}


def later_figures(result: RunResult, progress: Progress = no_progress) -> Figures:
    """The figures the result was shown without (RunConfig.later: the detection classifier, distance to closest
    record), measured on the same frames as if generate had measured them: the app's follow-up job."""
    from synth.evaluate import measure_pending

    return measure_pending(
        result.evaluation,
        result.training_model,
        result.synthetic_model,
        result.kinds,
        holdout=result.holdout_model,
        seed=result.record.get("seed") or 0,
        progress=progress,
    )


def attack_risk_figures(result: RunResult, progress: Progress = no_progress) -> Figures:
    """The attack-based risks measured on the run's holdout: the app's on-demand measurement, as one job."""
    import time

    from synth.evaluate.attack_risks import AttackRisks, attack_risks

    started = time.perf_counter()
    attacks = attack_risks(
        result.training_model,
        result.holdout_model,
        result.synthetic_model,
        result.kinds,
        seed=result.record.get("seed") or 0,
        progress=lambda fraction, message: progress(0.95 * fraction, message),  # done once the figures are back
    )
    return {AttackRisks.name: attacks}, {AttackRisks.timing: time.perf_counter() - started}


def usefulness_figures(result: RunResult, target: str, progress: Progress = no_progress) -> Figures:
    """Usefulness for one target column: a model trained on synthetic rows and one on real rows, tested on unseen."""
    import time

    from synth.evaluate.utility import Utility, utility_scores

    progress(0.05, "Training a model on real rows and one on synthetic rows")
    started = time.perf_counter()
    figures = utility_scores(
        result.training_model,
        result.holdout_model,
        result.synthetic_model,
        result.kinds,
        target,
        seed=result.record.get("seed") or 0,
    )
    return {Utility.name: figures}, {Utility.timing: time.perf_counter() - started}
