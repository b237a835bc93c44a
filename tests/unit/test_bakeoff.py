"""Bake-off: several generators on the same table and holdout, one summary table and page, plain errors."""

from dataclasses import replace

import pandas as pd
import pytest

from synth.bakeoff import (
    COLUMNS,
    bakeoff,
    bakeoff_files,
    check_generators,
    cli_runner,
    summary,
    summary_figure,
    summary_html,
)
from synth.charts import VERDICT_COLOURS
from synth.errors import InputError
from synth.judging import WORDS
from synth.pipeline import RunConfig
from synth.ray_runner import RayRunner
from synth.runners import LocalRunner


class InProcess:
    """A runner that runs the work right here: the bake-off's own logic without starting processes."""

    def __init__(self):
        self.asked = []

    def run(self, function, args=(), kwargs=None, progress=lambda fraction, message: None, generator=None):
        self.asked.append(generator.name)
        return function(*args, progress=progress, **(kwargs or {}))


@pytest.fixture(scope="module")
def entries():
    table = pd.DataFrame(
        {"size": [float(i % 17) + i / 100 for i in range(600)], "colour": ["red", "blue", "green"] * 200}
    )
    config = RunConfig(rows=50, seed=3, extras=(), table_name="paint.csv")
    seen = []
    runner = InProcess()
    found = bakeoff(
        table,
        ["sequential_trees", "gaussian_copula"],
        config,
        runner=runner,
        at_once=2,
        progress=lambda fraction, message: seen.append(fraction),
    )
    return found, runner, seen


def test_every_generator_learns_the_same_rows_and_is_judged_against_the_same_holdout(entries):
    # Setup
    found, runner, seen = entries

    # Assert
    first, second = found
    assert [entry.generator for entry in found] == ["sequential_trees", "gaussian_copula"]
    assert sorted(runner.asked) == ["gaussian_copula", "sequential_trees"]
    assert first.result.holdout_model is not None and first.result.holdout_model.equals(second.result.holdout_model)
    assert first.result.training_model.equals(second.result.training_model)
    assert max(seen) == pytest.approx(1.0) and min(seen) >= 0.0


def test_the_summary_has_one_row_per_generator_with_the_reports_verdicts(entries):
    # Run
    table = summary(entries[0])

    # Assert
    assert list(table.columns) == list(COLUMNS) and list(table["generator"]) == ["sequential_trees", "gaussian_copula"]
    assert set(table["fidelity"]) <= {"good", "check", "poor"} and set(table["privacy"]) <= {"good", "check", "poor"}
    assert table["quality"].between(0, 1).all() and (table["peak_mb"] > 0).all() and (table["fit_s"] >= 0).all()


def test_the_summary_page_opens_offline_and_shows_data_text_as_text(entries):
    # Run
    page = summary_html(entries[0], "<b>paint</b>.csv")

    # Assert
    assert "Sequential trees" in page and "Gaussian copula" in page and "&lt;b&gt;paint&lt;/b&gt;.csv" in page
    assert "<script src=" not in page and "<b>paint</b>" not in page


def test_the_summary_page_of_a_table_too_small_for_a_holdout_claims_no_rows_kept_aside(entries):
    # Setup: the same results as if the table had been under 500 rows (nothing kept aside)
    small = [replace(entry, result=replace(entry.result, holdout_model=None)) for entry in entries[0]]

    # Run
    pages = summary_html(entries[0]), summary_html(small)

    # Assert: as the Bake-off page's caption says
    assert "judged against the same real rows kept aside" in pages[0] and "too small to keep" not in pages[0]
    assert "too small to keep real rows aside" in pages[1] and "rows kept aside." not in pages[1]


def test_the_summary_figure_shows_quality_with_both_verdicts_training_time_and_peak_memory(entries):
    # Run
    figure = summary_figure(entries[0])

    # Assert
    quality, training, memory = figure.data
    table = summary(entries[0])
    short = ["Sequential trees", "Gaussian copula"]  # the labels without their bracketed note, to fit three panels
    assert list(quality.x) == list(training.x) == list(memory.x) == short
    assert list(quality.y) == list(table["quality"]) and list(memory.y) == list(table["peak_mb"])
    assert list(training.y) == list(table["fit_s"])
    assert list(quality.marker.color) == [VERDICT_COLOURS[verdict] for verdict in table["fidelity"]]
    said = zip(quality.text, table["fidelity"], table["privacy"], strict=True)
    assert all(f"Fidelity: {WORDS[f]}<br>Privacy: {WORDS[p]}" == text for text, f, p in said)  # Compare's words


def test_the_summary_page_says_the_verdicts_in_the_words_compare_uses_and_the_csv_keeps_the_codes(entries):
    # Run
    page = summary_html(entries[0])
    table = summary(entries[0])

    # Assert
    shown = page[page.index("<table>") : page.index("</table>")]
    assert all(f"<td>{WORDS[verdict]}</td>" in shown for verdict in table["fidelity"])
    assert "<td>good</td>" not in shown and "<td>poor</td>" not in shown
    assert set(table["fidelity"]) <= {"good", "check", "poor"}


@pytest.mark.parametrize(
    "names, says",
    [
        (["sequential_trees"], "two or more"),
        (["sequential_trees", "sequential_trees"], "two or more"),
        (["sequential_trees", "magic"], "Unknown generator: magic"),
    ],
)
def test_a_bakeoff_needs_two_known_generators(names, says):
    with pytest.raises(InputError, match=says):
        check_generators(names)


def test_the_cli_runs_contestants_on_the_ray_cluster_when_one_is_set(monkeypatch):
    # Run
    monkeypatch.delenv("SYNTH_RAY_ADDRESS", raising=False)
    monkeypatch.delenv("SYNTH_MAX_JOBS", raising=False)
    here, one_at_a_time = cli_runner()
    monkeypatch.setenv("SYNTH_RAY_ADDRESS", "10.0.0.5:6379")
    there, all_at_once = cli_runner()

    # Assert
    assert isinstance(here, LocalRunner) and one_at_a_time == 1
    assert isinstance(there, RayRunner) and there.address == "10.0.0.5:6379" and all_at_once > 1


def test_the_files_of_a_bakeoff_are_each_result_in_its_generators_folder_and_the_summary(entries):
    # Run
    files = bakeoff_files(entries[0], "paint.csv")

    # Assert
    assert set(files) == {
        f"{name}/{file}"
        for name in ("sequential_trees", "gaussian_copula")
        for file in ("synthetic.csv", "report.html", "metrics.json")
    } | {"summary.csv", "bakeoff.html"}
    assert files["sequential_trees/synthetic.csv"] == entries[0][0].files["csv"]
    assert files["summary.csv"].decode("utf-8").splitlines()[0] == ",".join(COLUMNS)
