"""Generate page: a card per generator, the generate step, and the result kept for other pages."""

from tests.app.helpers import MACRO, generated, go, upload


def test_without_a_table_it_points_to_the_data_page(app):
    # Run
    go(app, "generate")

    # Assert
    assert "First bring a table" in app.info[0].value


def test_generate_makes_synthetic_rows_and_keeps_them_across_pages():
    # Run
    app = generated()
    go(app, "data")
    go(app, "generate")

    # Assert
    result = app.session_state["result"]
    assert len(result.synthetic) == 203
    assert any("synthetic rows with" in message.value for message in app.success)
    assert result.record["table"] == app.session_state["table"].name  # the verdict and report name the table


def test_options_that_do_not_fit_are_hidden_and_rows_and_seed_are_used(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")

    # Run
    app.radio(key="generator_widget").set_value("ctgan").run()
    epochs_shown = any(number.label.startswith("Training rounds") for number in app.number_input)
    app.radio(key="generator_widget").set_value("gaussian_copula").run()
    app.number_input(key="rows_widget").set_value(50).run()
    app.number_input(key="seed_widget").set_value(9).run()
    app.button(key="generate").click().run()
    app.run()

    # Assert
    assert epochs_shown
    assert not any(number.label.startswith("Training rounds") for number in app.number_input)
    record = app.session_state["result"].record
    assert record["rows"] == 50 and record["seed"] == 9


def test_rebalancing_and_rules_reach_the_run(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")

    # Run
    app.radio(key="mode_widget").set_value("where").run()
    app.selectbox(key="condition_column").set_value("decade").run()
    app.selectbox(key="condition_value").set_value("1970s").run()
    app.text_area(key="rules_widget").set_value("realcons <= realgdp\nnot a rule").run()
    errors = [e.value for e in app.error]
    blocked = app.button(key="generate").disabled  # a rule that is not understood is never silently dropped
    app.text_area(key="rules_widget").set_value("realcons <= realgdp").run()
    app.button(key="generate").click().run()
    app.run()

    # Assert
    assert any("not understood" in e for e in errors)
    assert blocked
    result = app.session_state["result"]
    assert set(result.synthetic["decade"]) == {"1970s"}
    assert (result.synthetic["realcons"] <= result.synthetic["realgdp"]).all()


def test_default_generator_options_reach_the_run(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")

    # Run
    labels = [number.label for number in app.number_input]
    app.number_input(key="option_sequential_trees_distance_from_real").set_value(0.5).run()
    app.button(key="generate").click().run()
    app.run()

    # Assert
    assert "Distance kept from real rows" in labels
    assert app.session_state["result"].record["options"]["distance_from_real"] == 0.5


def test_the_private_generator_shows_its_card_an_epsilon_slider_with_words_and_a_ranges_box(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "generate")

    # Run
    app.radio(key="generator_widget").set_value("dp_marginals").run()
    app.slider(key="option_dp_marginals_epsilon").set_value(3.0).run()
    app.text_input(key="option_dp_marginals_bounds").set_value("realgdp=0..20000").run()

    # Assert
    assert not app.exception
    assert app.slider(key="option_dp_marginals_epsilon").label == "Privacy budget (epsilon)"
    assert any("Smaller is more private and noisier" in caption.value for caption in app.caption)
    assert any("whether or not any one person's row was in the table" in text.value for text in app.markdown)
    options = app.session_state["settings"]["options"]
    assert options["epsilon"] == 3.0 and options["bounds"] == "realgdp=0..20000"
