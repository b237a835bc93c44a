"""Compare page: plain-language scores, a chart per learned column, pairs, privacy and usefulness."""

import numpy as np
import pandas as pd
import pytest

from tests.app.helpers import before_its_last_figures, generated, go


def open_tab(app, name: str):
    """What a click on a Compare tab does: store the choice and rerun (the tab's content runs only then)."""
    app.session_state["compare_tab"] = name
    app.run()
    assert not app.exception, app.exception
    return app


def report_of(app) -> bytes:
    """The report as Download offers it once its job (started when figures joined the result) is done; then back."""
    go(app, "download")
    report = app.session_state["downloads"]["report"]
    go(app, "compare")
    return report


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
    assert "Macro F1: how often the model predicts the right category" in " ".join(c.value for c in app.caption)


def test_usefulness_offers_a_number_or_category_to_predict_first_not_the_date(compared_with_holdout):
    # Setup: the weather demo starts with its date column
    app = compared_with_holdout

    # Run
    open_tab(app, "Usefulness")

    # Assert
    offered = app.selectbox(key="usefulness_target")
    assert offered.options[0] == "date"
    assert offered.value != "date"


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


def test_a_small_table_sets_each_column_beside_the_other_real_half(compared):
    # Setup: 203 rows, too few to keep real rows aside, so the verdict reads one real half against the other
    app = open_tab(compared, "Columns")

    # Run
    table = app.dataframe[0].value
    caption = " ".join(c.value for c in app.caption)

    # Assert: that yardstick is shown with its figures, and no column of the table is empty ("None" all down)
    assert "Other real half" in table.columns and "Fresh real sample" not in table.columns
    assert table["Other real half"].notna().all() and "one half of the real rows" in caption
    assert not [name for name in table.columns if table[name].isna().all()]


def test_a_table_with_rows_kept_aside_shows_the_fresh_sample(compared_with_holdout):
    # Run
    table = open_tab(compared_with_holdout, "Columns").dataframe[0].value

    # Assert
    assert "Fresh real sample" in table.columns and "Other real half" not in table.columns
    assert table["Fresh real sample"].notna().any()


def test_a_blank_line_in_the_heat_maps_is_explained(compared):
    # Setup: the maps as a column with a single value in the synthetic table leaves them (sklearn's digits, whose
    # edge pixels are nearly always 0, gave a blank stripe with no word about it)
    import numpy as np

    from synth.evaluate.associations import Associations
    from ui.keys import MATRICES

    app = open_tab(compared, "Column pairs")
    without = " ".join(c.value for c in app.caption)
    columns = list(app.session_state["result"].real_model.columns)
    real = pd.DataFrame(0.5, index=columns, columns=columns)
    synthetic = real.copy()
    synthetic.iloc[0, :] = synthetic.iloc[:, 0] = np.nan
    app.session_state[MATRICES] = {"pearson": Associations(real, synthetic, synthetic - real)}

    # Run
    app.run()
    with_blank = " ".join(c.value for c in app.caption)
    app.session_state[MATRICES] = {}  # the module's other tests see the table's own maps

    # Assert
    assert "A blank line in a map" not in without and "A blank line in a map" in with_blank


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
    assert b"Attack-based privacy risk" in report_of(app)
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
    assert any("carry the usefulness for temp" in c.value for c in app.caption)
    assert any(m.label == "Synthetic / real" for m in app.metric)
    report = report_of(app).decode("utf-8")
    assert "<b>temp_max</b>" in report[report.index("<h2>Usefulness</h2>") :]


def test_measurements_run_in_a_child_process_from_the_shared_job_pool(compared_with_holdout, monkeypatch):
    # Setup: this test used to assert that the measurement ran on a pool thread of the server; it now runs in a
    # child process started from that thread, like training and the report, so it never holds the server's
    # interpreter lock while people click (issue 13's review)
    import threading

    import synth.downloads
    import ui.measure

    calls = []
    real_run_in_child = ui.measure.run_in_child

    def spied(function, args, progress):
        calls.append((threading.current_thread().name, function))
        return real_run_in_child(function, args, progress=progress)

    app = open_tab(compared_with_holdout, "Usefulness")
    app.selectbox(key="usefulness_target").set_value("wind").run()
    monkeypatch.setattr(ui.measure, "run_in_child", spied)
    files = app.session_state["downloads"]
    csv, settings = files["csv"], files["settings"]

    # Run
    app.button(key="measure_usefulness").click().run()
    app.run()

    # Assert: the figures came back; only the metrics (and the report, in its own job) were made again
    assert not app.exception, app.exception
    assert len(calls) == 1 and calls[0] == (calls[0][0], synth.downloads.usefulness_figures)
    assert calls[0][0].startswith("synth-job")
    assert app.session_state["result"].evaluation.utility["target"] == "wind"
    assert app.session_state["downloads"] is files and files["csv"] is csv and files["settings"] is settings
    assert "measure" not in app.session_state


def test_a_measurement_is_waited_on_in_place_and_the_page_not_run_again(compared_with_holdout, monkeypatch):
    # Setup: the measurement used to end with st.rerun() (ui.jobs.watch): a page link clicked while that rerun was
    # starting (~100-170 ms) was lost, the rerun's page overriding it (as with the follow-up figures, ui.follow_up).
    # Every rerun the page asks for is noted. The verdict's last figures could not be measured, so the verdict, drawn
    # again once the measurement is in, offers to measure them again: with one button.
    import streamlit

    rerun, asked = streamlit.rerun, []

    def noted_rerun(*args, **kwargs):
        asked.append(args)
        rerun(*args, **kwargs)

    monkeypatch.setattr(streamlit, "rerun", noted_rerun)
    app = open_tab(compared_with_holdout, "Usefulness")
    result = app.session_state["result"]
    app.session_state["result"] = before_its_last_figures(result)
    app.selectbox(key="usefulness_target").set_value("temp_min").run()

    # Run: one run from the click to the figures drawn in place
    app.button(key="measure_usefulness").click().run()

    # Assert
    assert not app.exception, app.exception
    assert not any("Something went wrong" in error.value for error in app.error), [e.value for e in app.error]
    assert asked == []
    assert app.session_state["result"].evaluation.utility["target"] == "temp_min"
    assert "measure" not in app.session_state
    assert any(m.label == "Synthetic / real" for m in app.metric)
    assert any("carry the usefulness for temp" in c.value for c in app.caption)
    assert not app.button(key="measure_usefulness").disabled
    assert [button.key for button in app.button].count("measure_remaining") == 1
    app.session_state["result"] = result  # the module's fixture, as it was


def test_a_measurement_of_the_other_kind_is_waited_on_too_and_the_button_offered_once_it_ends(
    compared_with_holdout, monkeypatch
):
    # Setup: the attack risks being measured (their figures: the classifier's, measured again) while the Usefulness tab
    # is opened: its button stayed disabled, and the figures out of the result, until the next click. The wait is
    # stubbed to let the job end and wait for it.
    import threading

    import ui.measure
    from synth.jobs import JobRunner
    from ui.measure import Measuring

    app = open_tab(compared_with_holdout, "Usefulness")
    result = app.session_state["result"]
    measured = ({"detection": result.evaluation.results["detection"]}, {"detection_s": 1.0})
    release = threading.Event()
    job = JobRunner(workers=1).submit(
        "attacks", lambda progress: release.wait(30) and measured, task="Measuring the attack risks"
    )
    app.session_state["measure"] = Measuring("attacks", job, result)

    def wait(job):
        release.set()
        job.future.result(timeout=30)

    monkeypatch.setattr(ui.measure, "wait", wait)

    # Run
    app.run()

    # Assert: the figures joined the result in this run, and the button is offered
    assert not app.exception, app.exception
    assert not any("Something went wrong" in error.value for error in app.error), [e.value for e in app.error]
    assert "measure" not in app.session_state
    timings = app.session_state["result"].evaluation.timings
    assert timings["detection_s"] == result.evaluation.timings.get("detection_s", 0.0) + 1.0
    assert not app.button(key="measure_usefulness").disabled
    app.session_state["result"] = result  # the module's fixture, as it was


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


def test_the_verdict_says_it_is_still_being_measured_then_fills_in(compared_with_holdout, monkeypatch):
    # Setup: the result as shown before its last figures (the detection classifier, distance to closest record),
    # their job under way; the progress bar itself is ui.jobs.wait's (its own tests), left out here
    import threading

    import ui.follow_up
    from synth.downloads import later_figures
    from synth.jobs import JobRunner

    app = open_tab(compared_with_holdout, "Summary")
    shown = before_its_last_figures(app.session_state["result"])
    release = threading.Event()
    job = JobRunner(workers=1).submit("figures", lambda progress: release.wait(30) and later_figures(shown))
    app.session_state["result"] = shown
    app.session_state["figures_job"] = ui.follow_up.Following(job, shown)
    watched = []
    monkeypatch.setattr(ui.follow_up, "wait_for_figures", lambda slot=None, **kwargs: watched.append(slot))

    # Run
    app.run()
    while_measured = [m.value for m in app.markdown]
    release.set()
    job.future.result(timeout=60)
    app.run()

    # Assert: no grade while measured, a progress slot; then the verdict, and the report made again for it
    assert not app.exception, app.exception
    assert "**Fidelity: still being measured**" in " ".join(while_measured)
    assert "**Privacy: still being measured**" in " ".join(while_measured)
    assert watched and watched[0] is not None
    top = " ".join(m.value for m in app.markdown[:2])
    assert "still being measured" not in top and any(w in top for w in ("Ready to share", "Check first", "Not ready"))
    assert app.session_state["result"].evaluation.pending == () and "figures_job" not in app.session_state
    assert "report" not in app.session_state["downloads"] and "report_job" in app.session_state


def test_figures_whose_measurement_failed_are_said_not_measured_beside_the_button_to_try_again(compared_with_holdout):
    # Setup: the result as shown before its last figures, whose follow-up job has ended without them (no job held):
    # the page said "still being measured" beside the button that measures them again
    app = open_tab(compared_with_holdout, "Summary")
    result = app.session_state["result"]
    app.session_state["result"] = before_its_last_figures(result)

    # Run
    app.run()

    # Assert
    shown = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert not app.exception, app.exception
    assert "**Fidelity: not measured**" in shown and "**Privacy: not measured**" in shown
    assert "still being measured" not in shown.lower() and "could not be measured" in shown
    assert any(w.value.startswith("Not measured: whether a model can tell") for w in app.warning)
    assert app.button(key="measure_remaining")
    app.session_state["result"] = result  # the module's fixture, as it was


def test_figures_that_fail_as_the_page_reads_the_result_offer_to_measure_again_once(compared_with_holdout):
    # Setup: the follow-up figures job ends (failed) after need_result looked for an ended job and before the page read
    # the verdict: the verdict was drawn with "Measure the remaining figures", then drawn again once the page's
    # wait_for_figures collected the job, in the same run (StreamlitDuplicateElementKey: measure_remaining)
    import ui.follow_up
    from synth.jobs import Job

    class EndsAfterTheFirstLook(Job):
        looks = 0

        @property
        def finished(self) -> bool:
            self.looks += 1
            return self.looks > 1

    app = open_tab(compared_with_holdout, "Summary")
    result = app.session_state["result"]
    shown = before_its_last_figures(result)
    job = EndsAfterTheFirstLook("figures", 60, state="failed", error="Something went wrong while measuring.")
    app.session_state["result"] = shown
    app.session_state["figures_job"] = ui.follow_up.Following(job, shown)

    # Run
    app.run()

    # Assert: it says how the figures ended, and offers them again with one button
    assert not app.exception, app.exception
    assert not any("Something went wrong on this page" in error.value for error in app.error)
    assert any(error.value == "Something went wrong while measuring\\." for error in app.error)
    assert [button.key for button in app.button].count("measure_remaining") == 1
    assert "figures_job" not in app.session_state
    app.session_state["result"] = result  # the module's fixture, as it was


def test_the_verdict_drawn_again_in_place_with_fewer_reasons_shows_each_reason_once(compared_with_holdout, monkeypatch):
    # Setup: the result as shown before its last figures, their job under way and let go once the verdict is drawn:
    # the page waits on it and draws the verdict again in place, in the same run. Drawn again with a reason fewer
    # (no "Not final yet"), its box kept the earlier drawing's last line: a browser showed the privacy guarantee's
    # sentence twice until the next run (Streamlit's frontend, like AppTest, keeps a redrawn container's children).
    import threading

    import ui.follow_up
    import ui.score_cards
    from synth.downloads import later_figures
    from synth.jobs import JobRunner
    from ui.display import plain

    app = open_tab(compared_with_holdout, "Summary")
    result = app.session_state["result"]
    shown = before_its_last_figures(result)
    release = threading.Event()
    job = JobRunner(workers=1).submit("figures", lambda progress: release.wait(60) and later_figures(shown))
    app.session_state["result"] = shown
    app.session_state["figures_job"] = ui.follow_up.Following(job, shown)
    box, drawn = ui.score_cards.verdict_box, []

    def drawn_then_released(verdict, section, measuring):
        box(verdict, section, measuring)
        if section == ui.score_cards.SECTIONS[-1]:  # both boxes drawn
            drawn.append(verdict)
            release.set()

    monkeypatch.setattr(ui.score_cards, "verdict_box", drawn_then_released)

    # Run: one run, from the verdict still measured to the verdict drawn again once the figures are in
    app.run()

    # Assert
    assert not app.exception, app.exception
    first, last = drawn[0], drawn[-1]
    assert len(drawn) == 2 and first.pending and not last.pending
    reasons = [plain(reason) for reason in (*last.fidelity_reasons, *last.privacy_reasons)]
    assert len(reasons) < len([*first.fidelity_reasons, *first.privacy_reasons])  # drawn again with fewer lines
    captions = [caption.value for caption in app.caption]
    assert [captions.count(reason) for reason in reasons] == [1] * len(reasons), captions
    assert not any(caption.startswith("Not final yet") for caption in captions), captions
    markdown = " ".join(m.value for m in app.markdown)
    assert markdown.count("**Fidelity:") == 1 and markdown.count("**Privacy:") == 1
    app.session_state["result"] = result  # the module's fixture, as it was


def test_a_private_run_that_names_no_category_value_says_why_and_what_to_do_at_the_top():
    # Setup: 120 rows of ten kinds, twelve rows each: at epsilon 1 (the default) no kind is held by enough rows to
    # be named privately, so every row comes back 'Other' (the barley table of the walk; the page said only that
    # a year had shifted)
    from tests.app.helpers import new_app, upload

    rng = np.random.default_rng(0)
    kinds = np.repeat([f"Kind {i}" for i in range(10)], 12)
    table = pd.DataFrame({"kind": kinds, "weight": rng.normal(50.0, 8.0, 120).round(1)})
    app = upload(new_app(), "kinds.csv", table.to_csv(index=False).encode())
    go(app, "generate")
    app.radio(key="generator_widget").set_value("dp_marginals").run()
    app.number_input(key="seed_widget").set_value(7).run()

    # Run
    app.button(key="generate").click().run()
    app.run()
    go(app, "generate")
    app.number_input(key="seed_widget").set_value(11).run()  # changed after the run: the offer puts the run's back
    go(app, "compare")

    # Assert
    assert "result" in app.session_state and not app.exception
    assert "Fidelity: Not ready" in app.markdown[0].value
    reasons = [c.value for c in app.caption]
    first = reasons[reasons.index(next(r for r in reasons if r.startswith("kinds"))) + 1]  # the box's first reason
    assert first.startswith("Column 'kind' came back as 'Other' in every row: at epsilon 1"), first
    assert "'Category values' \\(category\\_lists\\) to public" in first

    # Run: the offer to make it again with the lists public (it opens Generate, which AppTest does not follow)
    app.button(key="retry_public_lists").click().run()
    assert not app.exception and app.session_state["settings"]["options"]["category_lists"] == "public"
    go(app, "generate")

    # Assert
    assert app.selectbox(key="option_dp_marginals_category_lists").value == "public"
    assert app.radio(key="generator_widget").value == "dp_marginals"
    assert app.session_state["settings"]["options"]["category_lists"] == "public"
    assert app.number_input(key="seed_widget").value == 7
    assert not any("comes back by name only" in box.value for box in app.info)  # public: nothing to name
