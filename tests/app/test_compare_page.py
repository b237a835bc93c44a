"""Compare page: plain-language scores, a chart per learned column, pairs, privacy and usefulness."""

import pytest

from tests.app.helpers import generated, go


def open_tab(app, name: str):
    """What a click on a Compare tab does: store the choice and rerun (the tab's content runs only then)."""
    app.session_state["compare_tab"] = name
    app.run()
    assert not app.exception, app.exception
    return app


@pytest.fixture(scope="module")
def compared():
    app = generated()
    return go(app, "compare")


@pytest.fixture(scope="module")
def compared_with_holdout():
    app = generated(demo=True)  # 1,461 rows: enough to keep real rows aside
    return go(app, "compare")


def test_without_a_result_it_points_to_generate(app):
    # Run
    go(app, "compare")

    # Assert
    assert "No synthetic data yet" in app.info[0].value


def test_scores_and_one_chart_per_column(compared):
    # Setup
    app = open_tab(compared, "Summary")
    markdown = " ".join(m.value for m in app.markdown)
    assert "Overall quality" in markdown and "Column pair trends" in markdown
    assert "Can a model tell them apart?" in markdown

    # Run
    open_tab(app, "Columns")

    # Assert
    learned = app.session_state["result"].real_model.columns
    charts = [c for c in app.get("plotly_chart") if c.key.startswith("chart_")]
    assert len(learned) > 12 and len(charts) == 12  # wide tables: the 12 worst, more on request
    app.multiselect(key="chart_columns").set_value(list(learned)).run()
    assert len([c for c in app.get("plotly_chart") if c.key.startswith("chart_")]) == len(learned)
    app.toggle(key="side_by_side").set_value(True).run()
    assert not app.exception


def test_only_the_open_tab_is_drawn(compared):
    # Run
    open_tab(compared, "Summary")
    on_summary = {c.key for c in compared.get("plotly_chart")}
    open_tab(compared, "Column pairs")
    on_pairs = {c.key for c in compared.get("plotly_chart")}

    # Assert: the Summary's one picture is the per-column score chart (issue 12: a picture on the first view)
    assert on_summary == {"summary_scores"}
    assert on_pairs == {"heatmaps", "pair"}


def test_pairs_show_heat_maps_and_a_chosen_pair(compared):
    # Setup
    open_tab(compared, "Column pairs")

    # Run
    compared.radio(key="pair_method").set_value("spearman").run()
    compared.selectbox(key="pair_first").set_value("decade").run()
    compared.selectbox(key="pair_second").set_value("realgdp").run()

    # Assert
    keys = {c.key for c in compared.get("plotly_chart")}
    assert {"heatmaps", "pair"} <= keys and not compared.exception


def test_small_tables_explain_why_there_is_no_usefulness(compared):
    # Run
    open_tab(compared, "Usefulness")

    # Assert
    assert any("too small to spare" in info.value for info in compared.info)


def test_holdout_figures_and_usefulness(compared_with_holdout):
    # Setup
    app = compared_with_holdout

    # Run
    open_tab(app, "Summary")
    captions = " ".join(c.value for c in app.caption)
    open_tab(app, "Privacy")
    markdown = " ".join(m.value for m in app.markdown)
    open_tab(app, "Usefulness")
    app.selectbox(key="usefulness_target").set_value("weather").run()
    app.button(key="measure_usefulness").click().run()
    app.run()

    # Assert
    assert not app.exception
    assert "Closer to learned rows than to unseen ones?" in markdown and "Copies: learned rows" in markdown
    assert "a fresh real sample scores" in captions
    labels = [m.label for m in app.metric]
    assert any(label.startswith("Trained on real") for label in labels) and "Synthetic / real" in labels


def test_the_verdict_tops_the_page_and_columns_come_worst_first(compared_with_holdout):
    # Setup
    app = open_tab(compared_with_holdout, "Columns")

    # Run
    table = app.dataframe[0].value
    top = " ".join(m.value for m in app.markdown[:2])

    # Assert
    assert "Fidelity:" in top and "Privacy:" in top
    assert any(word in top for word in ("Ready to share", "Check first", "Not ready"))
    severity = [{"🟢": 0, "🟠": 1, "🔴": 2}[v.split()[0]] for v in table["Verdict"]]
    assert severity == sorted(severity, reverse=True)
    assert {"Beyond real 1%-99%", "Mean shift (sd)", "Spread ratio", "Why"} <= set(table.columns)


def test_the_open_tab_is_kept_when_the_user_comes_back(compared):
    # Setup
    open_tab(compared, "Column pairs")

    # Run
    go(compared, "download")
    go(compared, "compare")

    # Assert
    assert compared.session_state["compare_tab"] == "Column pairs"
    assert {"heatmaps", "pair"} <= {c.key for c in compared.get("plotly_chart")}


def test_attack_risks_are_measured_on_demand_and_reach_the_downloads(compared_with_holdout):
    # Setup
    import json

    app = compared_with_holdout
    open_tab(app, "Privacy")
    assert "Singling out (one column)" not in " ".join(m.value for m in app.markdown)

    # Run: the click starts a job in the shared pool; the reruns watch it to its end and collect it
    app.button(key="measure_attacks").click().run()
    app.run()

    # Assert
    assert not app.exception, app.exception
    markdown = " ".join(m.value for m in app.markdown)
    assert "Singling out (three columns)" in markdown and "Attribute inference" in markdown
    assert any("95% interval" in c.value for c in app.caption)
    assert "attacks" in json.loads(app.session_state["downloads"]["metrics"])["privacy"]
    assert b"Attack-based privacy risk" in app.session_state["downloads"]["report"]
    assert "measure" not in app.session_state


def test_small_tables_explain_why_there_are_no_attack_risks(compared):
    # Run
    open_tab(compared, "Privacy")

    # Assert
    assert any("too small to spare" in info.value for info in compared.info)
    assert not [b for b in compared.button if b.key == "measure_attacks"]


def test_usefulness_chosen_in_the_app_reaches_the_report_and_the_metrics(compared_with_holdout):
    # Setup
    import json

    app = open_tab(compared_with_holdout, "Usefulness")

    # Run
    app.selectbox(key="usefulness_target").set_value("temp_max").run()
    app.button(key="measure_usefulness").click().run()
    app.run()

    # Assert
    assert not app.exception, app.exception
    files = app.session_state["downloads"]
    assert json.loads(files["metrics"])["utility"]["target"] == "temp_max"
    report = files["report"].decode("utf-8")
    assert "<b>temp_max</b>" in report[report.index("<h2>Usefulness</h2>") :]
    assert any("carry the usefulness for temp" in c.value for c in app.caption)
    assert any(m.label == "Synthetic / real" for m in app.metric)


def test_measurements_run_in_the_shared_job_pool_not_on_the_page_thread(compared_with_holdout, monkeypatch):
    # Setup
    import threading

    import synth.downloads

    threads = []

    def measured(run, target, progress):
        threads.append(threading.current_thread().name)
        progress(0.5, "measuring")
        return run, compared_with_holdout.session_state["downloads"]

    app = open_tab(compared_with_holdout, "Usefulness")
    monkeypatch.setattr(synth.downloads, "with_usefulness", measured)

    # Run
    app.button(key="measure_usefulness").click().run()
    app.run()

    # Assert
    assert not app.exception, app.exception
    assert len(threads) == 1 and threads[0].startswith("synth-job")
    assert "measure" not in app.session_state


def test_a_cancelled_measurement_changes_nothing_and_says_so(compared_with_holdout):
    # Setup: a measurement under way whose Cancel was pressed
    import threading

    from synth.jobs import JobRunner
    from ui.measure import Measuring

    app = open_tab(compared_with_holdout, "Privacy")
    result, files = app.session_state["result"], app.session_state["downloads"]
    release = threading.Event()
    job = JobRunner(workers=1).submit("attacks", lambda progress: release.wait(10), task="Measuring the attack risks")
    job.cancel()
    app.session_state["measure"] = Measuring("attacks", job, result)

    # Run
    app.run()
    release.set()

    # Assert
    assert not app.exception, app.exception
    assert any("Measuring the attack risks was cancelled" in w.value for w in app.warning)
    assert app.session_state["result"] is result and app.session_state["downloads"] is files
    assert "measure" not in app.session_state


def test_a_measurement_of_a_run_since_replaced_is_dropped(compared_with_holdout):
    # Setup: a measurement that finished for an older run than the one the session now holds
    from synth.jobs import JobRunner
    from ui.measure import Measuring

    app = open_tab(compared_with_holdout, "Summary")
    result, files = app.session_state["result"], app.session_state["downloads"]
    job = JobRunner(workers=1).submit("attacks", lambda progress: ("older result", {"report": b"older"}))
    job.future.result(timeout=10)
    app.session_state["measure"] = Measuring("attacks", job, object())

    # Run
    app.run()

    # Assert
    assert not app.exception, app.exception
    assert app.session_state["result"] is result and app.session_state["downloads"] is files
    assert "measure" not in app.session_state and not app.warning and not app.error
