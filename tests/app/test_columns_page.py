"""Columns page: keep a subset, correct a kind, refuse a kind that does not fit."""

from tests.app.helpers import MACRO, go, upload


def test_without_a_table_it_points_to_the_data_page(app):
    # Run
    go(app, "columns")

    # Assert
    assert "First bring a table" in app.info[0].value


def test_keep_a_subset_and_change_a_kind(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "columns")

    # Run
    app.multiselect(key="keep_widget").set_value(["realgdp", "decade", "unemp"]).run()
    app.selectbox(key="kind_column").set_value("unemp").run()
    app.selectbox(key="kind_of_9").set_value("category").run()
    app.button(key="apply_kind").click().run()

    # Assert
    assert not app.exception
    assert app.session_state["columns"] == ["realgdp", "decade", "unemp"]
    assert app.session_state["kinds"]["unemp"] == "category"


def test_a_kind_that_does_not_fit_is_refused_in_plain_words(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "columns")

    # Run
    app.selectbox(key="kind_column").set_value("decade").run()
    app.selectbox(key="kind_of_13").set_value("integer").run()
    app.button(key="apply_kind").click().run()

    # Assert
    assert "cannot be treated as a number" in app.error[0].value
    assert app.session_state["kinds"]["decade"] == "category"
