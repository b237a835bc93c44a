"""Columns page: keep a subset, correct a kind, refuse a kind that does not fit."""

import numpy as np
import pandas as pd
from faker import Faker

from tests.app.helpers import MACRO, go, upload


def _people_csv() -> bytes:
    """An English table with an identifier, person names, and a 0/1 column whose name suggests phone numbers."""
    rng, faker = np.random.default_rng(0), Faker("en_US")
    faker.seed_instance(0)
    frame = pd.DataFrame(
        {
            "patient_id": rng.permutation(np.arange(1000, 1120)),
            "full_name": [faker.name() for _ in range(120)],
            "phone_service": rng.integers(0, 2, 120),
            "age": rng.integers(18, 90, 120),
            "city": rng.choice(["Leeds", "York"], 120),
        }
    )
    return frame.to_csv(index=False).encode()


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


def test_identifiers_are_listed_and_unconfirmed_names_explained(app):
    # Setup
    upload(app, "people.csv", _people_csv())

    # Run
    go(app, "columns")

    # Assert
    assert "identifier" in app.info[0].value and "patient\\_id" in app.info[0].value
    captions = [caption.value for caption in app.caption]
    assert any("phone\\_service" in caption and "phone numbers" in caption for caption in captions)
    assert app.selectbox(key="locale_widget").value is None


def test_the_chosen_locale_reaches_the_run_and_its_record(app):
    # Setup
    upload(app, "people.csv", _people_csv())
    go(app, "columns")

    # Run
    app.selectbox(key="locale_widget").set_value("fr_FR").run()
    go(app, "generate")
    app.radio(key="generator_widget").set_value("gaussian_copula").run()
    app.button(key="generate").click().run()
    app.run()

    # Assert
    assert not app.exception and app.session_state["locale"] == "fr_FR"
    assert app.session_state["result"].record["locale"] == "fr_FR"
