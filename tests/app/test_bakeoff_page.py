"""Bake-off page: two or more generators on the same table, one table and one chart, one result kept for Compare."""

import io

import pandas as pd

import ui.bakeoff
from synth.bakeoff import one_generator
from tests.app.helpers import go, upload

FAST = ["sequential_trees", "gaussian_copula"]


def tiny_csv() -> bytes:
    """Three columns, 500 rows: the fewest from which a run keeps real rows aside (the holdout) to judge against."""
    frame = pd.DataFrame(
        {
            "size": [round(i % 13 + i / 500, 3) for i in range(500)],
            "colour": ["red", "blue", "green", "blue"] * 125,
            "count": [i % 7 for i in range(500)],
        }
    )
    return frame.to_csv(index=False).encode("utf-8")


def copula_breaks(table, config, kinds=None, progress=None):
    """Module level, so the training process can import it by name like the real work: one generator breaks."""
    if config.generator == "gaussian_copula":
        raise RuntimeError("could not convert 'MARKER_SECRET_7' in column size")
    return one_generator(table, config, kinds, progress)


def ran(app, generators=FAST, rows=30):
    upload(app, "paint.csv", tiny_csv())
    go(app, "bakeoff")
    app.multiselect(key="bakeoff_generators").set_value(generators).run()
    app.number_input(key="bakeoff_rows").set_value(rows).run()
    app.button(key="bakeoff_run").click().run()  # submits, then reruns and watches every job to its end
    app.run()
    assert not app.exception, app.exception
    return app


def test_without_a_table_it_points_to_the_data_page(app):
    # Run
    go(app, "bakeoff")

    # Assert
    assert "First bring a table" in app.info[0].value


def test_it_needs_two_generators_to_run(app):
    # Setup
    upload(app, "paint.csv", tiny_csv())
    go(app, "bakeoff")

    # Run
    app.multiselect(key="bakeoff_generators").set_value(["sequential_trees"]).run()

    # Assert
    assert app.button(key="bakeoff_run").disabled
    assert any("two or more generators" in info.value for info in app.info)


def test_each_generator_has_its_card_and_own_options(app):
    # Setup
    upload(app, "paint.csv", tiny_csv())
    go(app, "bakeoff")

    # Run
    app.multiselect(key="bakeoff_generators").set_value(["sequential_trees", "ctgan"]).run()

    # Assert: the same option widgets as Generate's, one set per generator, keyed apart from Generate's
    keys = {widget.key for widget in app.number_input}
    assert "bakeoff_option_sequential_trees_distance_from_real" in keys
    assert "bakeoff_option_ctgan_epochs" in keys
    assert [tab.label for tab in app.tabs] == ["Sequential trees (Doppel, recommended)", "CTGAN neural network (SDV)"]


def test_the_page_says_how_long_the_whole_bakeoff_should_take(app):
    # Setup
    upload(app, "paint.csv", tiny_csv())
    go(app, "bakeoff")

    # Run
    app.multiselect(key="bakeoff_generators").set_value(FAST).run()

    # Assert: each tab's own time, and the whole bake-off's (the walk saw only "a second or two", then waited 15.7 s)
    said = " ".join(caption.value for caption in app.caption)
    assert "Expected time for the whole bake-off on this server: " in said
    assert said.count("Expected time for this generator on this server: ") == 2


def test_a_bakeoff_shows_one_row_per_generator_and_the_kept_result_is_the_sessions(app):
    # Run
    ran(app)
    table = app.dataframe[0].value
    captions = " ".join(caption.value for caption in app.caption)
    first, second = (entry.result for entry in app.session_state["bakeoff"].results())
    app.radio(key="bakeoff_choice").set_value("gaussian_copula").run()
    app.button(key="bakeoff_keep").click().run()
    kept = app.session_state["bakeoff"].entries["gaussian_copula"].result
    go(app, "compare")
    compare = [caption.value for caption in app.caption]
    go(app, "download")

    # Assert
    assert list(table["Generator"]) == ["Sequential trees", "Gaussian copula"]
    assert set(table["Fidelity"]) <= {"Ready to share", "Check first", "Not ready"}  # the words Compare uses
    assert (table["Memory (MB)"] > 0).all()
    assert len(first.synthetic) == 30 and first.training_model.equals(second.training_model)
    assert first.holdout_model is not None and first.holdout_model.equals(second.holdout_model)  # judged alike
    assert "against the same real rows kept aside" in captions
    assert app.session_state["result"] is kept and len(kept.synthetic) == 30
    assert any("by Gaussian copula" in caption for caption in compare)
    assert "report" in app.session_state["downloads"]  # made in the bake-off's job: no report job needed
    assert len(app.session_state["history"]) == 1  # History lists the kept run like a generated one


def test_figures_read_as_on_the_other_pages_and_a_small_table_is_not_said_to_have_a_holdout(app):
    # Setup: 244 rows, fewer than a holdout needs
    small = pd.read_csv(io.BytesIO(tiny_csv())).head(244).to_csv(index=False).encode("utf-8")
    upload(app, "small.csv", small)
    go(app, "bakeoff")
    app.number_input(key="bakeoff_rows").set_value(30).run()

    # Run
    app.button(key="bakeoff_run").click().run()
    app.run()

    # Assert: quality to two places (the CSV download keeps every digit); the caption claims no rows kept aside
    table = app.dataframe[0].value
    captions = " ".join(caption.value for caption in app.caption)
    assert (table["Quality"] == table["Quality"].round(2)).all()
    assert "too small to keep real rows aside" in captions and "against the same real rows kept aside" not in captions


def test_one_generator_failing_is_one_sentence_and_the_other_result_stays(app, monkeypatch):
    # Setup
    monkeypatch.setattr(ui.bakeoff, "one_generator", copula_breaks)

    # Run
    ran(app)

    # Assert
    errors = [error.value.replace("\\", "") for error in app.error]
    assert len(errors) == 1 and errors[0].startswith("Gaussian copula (SDV): Something went wrong while generating.")
    assert "MARKER_SECRET" not in str(app)
    assert list(app.dataframe[0].value["Generator"]) == ["Sequential trees"]
    assert app.radio(key="bakeoff_choice").options == ["Sequential trees (Doppel, recommended)"]


def test_with_a_ray_cluster_configured_each_generator_is_a_ray_task(app, cluster, monkeypatch):
    # Setup: the server configured with the test run's own Ray head
    import ui.jobs

    monkeypatch.setenv("SYNTH_RAY_ADDRESS", cluster)
    monkeypatch.setattr(ui.jobs, "_training", None)

    # Run
    ran(app)

    # Assert
    records = [entry.result.record for entry in app.session_state["bakeoff"].results()]
    assert [record["generator"] for record in records] == FAST
    assert [record["runner"] for record in records] == ["ray", "ray"]
    assert all(record["runner_address"].endswith(cluster.rsplit(":", 1)[-1]) for record in records)  # its port
