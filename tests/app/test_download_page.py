"""Download page: the two main buttons by their labels, and files with the right content."""

import io
import json

import pandas as pd

from tests.app.helpers import MACRO, before_its_last_figures, generated, go, new_app


def test_without_a_result_it_points_to_generate(app):
    # Run
    go(app, "download")

    # Assert
    assert "No synthetic data yet" in app.info[0].value


def test_downloads_hold_the_synthetic_table_report_metrics_and_settings():
    # Setup: the generation job already made the files, so opening Download does no work
    app = generated()
    made = app.session_state["downloads"]

    # Run
    go(app, "download")
    app.run()  # the rerun after the report's own job has ended (issue 13: the result no longer waits for it)

    # Assert
    labels = [button.label for button in app.download_button]
    assert "Download synthetic data (CSV)" in labels and "Download quality report (HTML)" in labels
    files = app.session_state["downloads"]
    assert files is made
    synthetic = pd.read_csv(io.BytesIO(files["csv"]), encoding="utf-8-sig")
    assert list(synthetic.columns) == list(pd.read_csv(MACRO).columns)
    assert b"realgdp" in files["report"]
    assert json.loads(files["metrics"])["rows"] == 203
    assert json.loads(files["settings"])["seed"] == 42
    assert {"Excel (.xlsx)", "Parquet", "CSV like the input"} <= set(labels)


def test_a_measurement_from_compare_joins_the_files_once_finished_and_is_announced_while_it_runs():
    # Setup: a figure measured on Compare (here the classifier again, taking 9 s), first still running, then
    # finished: its figures come back, not a whole set of files (the CSV and the settings do not change)
    import threading

    from synth.jobs import JobRunner
    from ui.measure import Measuring

    app = generated()
    go(app, "download")
    result, files = app.session_state["result"], app.session_state["downloads"]
    csv, settings, report = files["csv"], files["settings"], files["report"]
    measured = ({"detection": result.evaluation.results["detection"]}, {"detection_s": 9.0})
    release = threading.Event()
    runner = JobRunner(workers=1)
    job = runner.submit("attacks", lambda progress: release.wait(10) and measured, task="Measuring X")
    app.session_state["measure"] = Measuring("attacks", job, result)

    # Run
    app.run()
    while_running = [info.value for info in app.info]
    release.set()
    job.future.result(timeout=10)
    app.run()

    # Assert: the metrics carry it at once, the report is made again for it in its own job
    assert any(text.startswith("Measuring X is still under way") for text in while_running)
    assert app.session_state["downloads"] is files and files["csv"] is csv and files["settings"] is settings
    assert json.loads(files["metrics"])["timings"]["evaluate_detection_s"] > 9
    assert files["report"] is not report and files["report"].startswith(b"<!DOCTYPE html>") and not app.info
    assert "measure" not in app.session_state and "report_job" not in app.session_state


def test_history_lists_each_run_compares_two_and_offers_each_again():
    # Setup: two runs of the session, by two generators
    app = generated(generator="gaussian_copula")
    go(app, "generate")
    app.radio(key="generator_widget").set_value("sequential_trees").run()
    app.button(key="generate").click().run()
    app.run()

    # Run
    go(app, "download")
    app.run()  # the rerun after the report's own job has ended

    # Assert
    runs = app.session_state["history"]
    assert [run.summary.number for run in runs] == [1, 2]
    listed = app.dataframe[0].value
    assert list(listed["Run"]) == ["Run 2", "Run 1"] and listed["Generator"].nunique() == 2
    side = app.dataframe[1].value
    assert list(side.columns)[1:] == [f"Run 1 ({runs[0].summary.made})", f"Run 2 ({runs[1].summary.made})"]
    assert "Overall quality" in list(side[""])
    labels = [button.label for button in app.download_button]
    assert "CSV of run 2" in labels and "Report of run 2" in labels
    app.selectbox(key="history_download").set_value("Run 1").run()
    assert "CSV of run 1" in [button.label for button in app.download_button]


def test_a_report_that_fails_or_is_cancelled_says_so_in_its_own_words(monkeypatch):
    # Setup: the report job used to be submitted with the default words, so a failed report read "Something went
    # wrong while generating" and a cancelled one "Generation was cancelled"
    import ui.follow_up
    from synth.jobs import JobRunner
    from ui.measure import Measuring

    app = generated()
    go(app, "download")

    def measured_again(what: str, outcome):
        """A measurement that ended, whose figures start a new report; that report ends with outcome()."""
        monkeypatch.setattr(ui.follow_up, "in_child", lambda function, *args, **kwargs: outcome)
        job = JobRunner(workers=1).submit(what, lambda progress: ({}, {}))
        job.future.result(timeout=10)
        app.session_state["measure"] = Measuring(what, job, app.session_state["result"])
        app.run()
        return [e.value for e in app.error], [w.value for w in app.warning]

    def broken(progress):
        raise ZeroDivisionError

    def cancelled(progress):  # what Cancel does: the job's next progress report stops it
        progress.__self__.cancel()
        progress(0.5, "Preparing the quality report")

    # Run
    failed_errors, _ = measured_again("attacks", broken)
    _, cancelled_warnings = measured_again("usefulness", cancelled)

    # Assert
    assert any("while preparing the quality report" in text for text in failed_errors)
    assert not any("generat" in text.lower() for text in failed_errors + cancelled_warnings)
    assert any(text.startswith("Preparing the quality report was cancelled") for text in cancelled_warnings)
    assert "report" not in app.session_state["downloads"] and app.button(key="report_again_now")
    app.run()
    assert app.button(key="report_again")  # at the report button's place once the page is drawn again


def test_history_says_plainly_when_the_last_figures_could_not_be_measured_and_offers_to_measure_again(monkeypatch):
    # Setup: the demo table (real rows kept aside, so the classifier and distance figures follow the result in a
    # job of their own), whose follow-up measurement fails; History used to keep "Still being measured" for ever.
    # Measured again, the figures wait for a gate, so the page is seen while they are under way.
    import threading

    import ui.follow_up
    from synth.downloads import later_figures

    real_in_child, gate, failing = ui.follow_up.in_child, threading.Event(), [True]

    def in_child(function, *args, **kwargs):
        if function is not later_figures:
            return real_in_child(function, *args, **kwargs)
        if failing[0]:
            return lambda progress: 1 / 0
        measure = real_in_child(function, *args, **kwargs)
        return lambda progress: gate.wait(60) and measure(progress)

    monkeypatch.setattr(ui.follow_up, "in_child", in_child)
    monkeypatch.setattr(ui.follow_up, "wait_for_figures", lambda *args, **kwargs: None)
    app = new_app()
    app.button(key="use_demo").click().run()
    go(app, "generate")
    app.radio(key="generator_widget").set_value("gaussian_copula").run()
    app.button(key="generate").click().run()
    app.run()
    if "figures_job" in app.session_state:  # not yet collected by the page: let it end first
        app.session_state["figures_job"].job.future.exception(timeout=60)

    # Run
    go(app, "download")
    listed = app.dataframe[0].value

    # Assert
    assert list(listed["Fidelity"]) == ["Not measured"] and list(listed["Privacy"]) == ["Not measured"]
    assert any("could not be measured" in caption.value for caption in app.caption)
    if "report_job" in app.session_state:  # the report made without the figures: it says they could not be measured
        app.session_state["report_job"].future.result(timeout=120)
        app.run()
    assert b"could not be measured" in app.session_state["downloads"]["report"]
    failing[0] = False
    app.button(key="history_measure_again").click().run()
    assert list(app.dataframe[0].value["Fidelity"]) == ["Still being measured"]
    gate.set()
    app.session_state["figures_job"].job.future.result(timeout=120)
    app.run()
    listed = app.dataframe[0].value
    assert listed["Fidelity"].iloc[0] in ("Ready to share", "Check first", "Not ready")
    assert not [button for button in app.button if button.key == "history_measure_again"]


def test_figures_measured_again_from_download_give_one_report_button_drawn_once(monkeypatch, caplog):
    # Setup: the demo table, whose follow-up figures fail the first time, so the report is made without them. Measured
    # again from Download's History, the page waits in place for the figures, then for the new report: the report
    # made without them still stood in the files, its button was drawn at the top, then drawn again in the same run
    # once the new report was in (StreamlitDuplicateElementKey: download_report, shown as "Something went wrong").
    app, made_without = _download_after_the_figures_failed(monkeypatch)

    # Run: one run from the click to the new report
    app.button(key="history_measure_again").click().run()

    # Assert: the new report, offered by one button, and nothing went wrong
    assert not app.exception, app.exception
    assert not any("Something went wrong" in error.value for error in app.error), [e.value for e in app.error]
    assert not any("Duplicate" in record.getMessage() for record in caplog.records)
    report = app.session_state["downloads"]["report"]
    assert report is not made_without and b"could not be measured" not in report
    assert [button.label for button in app.download_button].count("Download quality report (HTML)") == 1
    assert app.session_state["result"].evaluation.pending == ()


def test_history_is_drawn_again_in_place_once_the_figures_measured_again_are_in(monkeypatch):
    # Setup: as above; the History listing said "Still being measured" and offered no report for the run until the
    # next click, though the figures and the report were in
    app, _ = _download_after_the_figures_failed(monkeypatch)

    # Run: one run from the click to the new report
    app.button(key="history_measure_again").click().run()

    # Assert
    assert not app.exception, app.exception
    assert not any("Something went wrong" in error.value for error in app.error), [e.value for e in app.error]
    listed = app.dataframe[0].value
    assert listed["Fidelity"].iloc[0] in ("Ready to share", "Check first", "Not ready")
    assert listed["Privacy"].iloc[0] in ("Ready to share", "Check first", "Not ready")
    assert not any("could not be measured" in caption.value for caption in app.caption)
    assert not [button for button in app.button if button.key == "history_measure_again"]
    assert "Report of run 1" in [button.label for button in app.download_button]


def _download_after_the_figures_failed(monkeypatch):
    """The demo table generated, its follow-up figures failed (the next ones succeed), and Download open with the
    report made without them: (the app, that report)."""
    import ui.follow_up
    from synth.downloads import later_figures

    real_in_child, failing = ui.follow_up.in_child, [True]

    def in_child(function, *args, **kwargs):
        if function is later_figures and failing[0]:
            return lambda progress: 1 / 0
        return real_in_child(function, *args, **kwargs)

    monkeypatch.setattr(ui.follow_up, "in_child", in_child)
    app = new_app()
    app.button(key="use_demo").click().run()
    go(app, "generate")
    app.radio(key="generator_widget").set_value("gaussian_copula").run()
    app.button(key="generate").click().run()
    app.run()
    go(app, "download")  # waits in place for the report made without the figures
    made_without = app.session_state["downloads"]["report"]
    assert b"could not be measured" in made_without
    assert list(app.dataframe[0].value["Fidelity"]) == ["Not measured"]
    failing[0] = False
    return app, made_without


def test_a_report_stored_by_a_run_stopped_before_it_let_its_job_go_is_offered_once():
    # Setup: a run stored the report, then was stopped by a click before it let the report's job go: the next run finds
    # both, drew the button at the top, then again at need_report's redraw (StreamlitDuplicateElementKey)
    from synth.jobs import JobRunner

    app = generated()
    go(app, "download")
    report = app.session_state["downloads"]["report"]
    job = JobRunner(workers=1).submit("Quality report", lambda progress: report, task="Preparing the quality report")
    job.future.result(timeout=10)
    app.session_state["report_job"] = job

    # Run
    app.run()

    # Assert
    assert not app.exception, app.exception
    assert not any("Something went wrong" in error.value for error in app.error), [e.value for e in app.error]
    assert [button.label for button in app.download_button].count("Download quality report (HTML)") == 1
    assert "report_job" not in app.session_state and app.session_state["downloads"]["report"] is report


def test_the_note_that_the_last_figures_are_measured_goes_once_they_are_in(monkeypatch):
    # Setup: Download opened while the verdict's last figures are measured, their job let go once the note is drawn:
    # the page waits on it and draws the note's place again, empty, in the same run. The empty drawing kept the note
    # (a redrawn container keeps the children past its new last; ui.places), saying so until the next click.
    import threading

    import ui.follow_up
    from synth.downloads import later_figures
    from synth.jobs import JobRunner

    app = generated(demo=True)
    shown = before_its_last_figures(app.session_state["result"])
    release = threading.Event()
    job = JobRunner(workers=1).submit("figures", lambda progress: release.wait(60) and later_figures(shown))
    app.session_state["result"] = shown
    app.session_state["figures_job"] = ui.follow_up.Following(job, shown)
    note, noted = ui.follow_up.note_if_measuring, []

    def noted_then_released():
        note()
        noted.append(ui.follow_up.figures_job() is not None)
        release.set()

    monkeypatch.setattr(ui.follow_up, "note_if_measuring", noted_then_released)

    # Run: one run, from the note to the report made with the figures
    go(app, "download")

    # Assert
    assert not app.exception, app.exception
    assert noted[0] and not any(noted[1:])  # drawn again once the figures are in, and once the report is
    assert app.session_state["result"].evaluation.pending == ()
    assert not any("still being measured" in info.value for info in app.info), [info.value for info in app.info]
    assert [button.label for button in app.download_button].count("Download quality report (HTML)") == 1


DECADES = ["1990s", "1980s", "1970s", "1960s", "1950s"]


def test_a_parquet_upload_gives_its_parquet_download_its_own_column_types():
    """The Data page reads a Parquet file's own types apart (a category with an order, times in Paris, int16), the
    Generate page hands them to the run, and the Parquet download writes them back."""
    from synth.formats import export_table
    from tests.app.helpers import upload

    # Setup: decades listed newest first, an order no sort gives
    table = pd.read_csv(MACRO).head(150)
    typed = pd.DataFrame(
        {
            "decade": pd.Categorical(table["decade"], categories=DECADES, ordered=True),
            "when": pd.date_range("2001-01-01", periods=150, freq="7D", tz="Europe/Paris"),
            "unemp": table["unemp"],
            "pop": table["pop"].round().astype("int32"),
        }
    )
    data = io.BytesIO()
    typed.to_parquet(data)
    app = new_app()
    upload(app, "macro.parquet", data.getvalue())
    go(app, "generate")
    app.button(key="generate").click().run()
    app.run()
    assert not app.exception and "result" in app.session_state, [e.value for e in app.error]

    # Run
    go(app, "download")
    result = app.session_state["result"]
    back = pd.read_parquet(io.BytesIO(export_table(result.synthetic, "parquet", stored_types=result.stored_types).data))

    # Assert
    assert "Parquet" in [button.label for button in app.download_button]
    written = set(back["decade"].dropna())
    assert back["decade"].cat.ordered and list(back["decade"].cat.categories) == [d for d in DECADES if d in written]
    assert len(written) >= 4
    assert str(back["when"].dtype) == "datetime64[ns, Europe/Paris]"
    assert str(back["pop"].dtype) == "int32"
