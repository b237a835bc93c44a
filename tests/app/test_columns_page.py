"""Columns page: keep a subset, correct a kind, refuse a kind that does not fit."""

import numpy as np
import pandas as pd
from faker import Faker

from tests.app.helpers import MACRO, edit_columns, go, upload


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
    names = list(app.data_editor[0].value["Column"])
    dropped = {name: {"Keep": False} for name in names if name not in ("realgdp", "decade", "unemp")}
    edit_columns(app, {**dropped, "unemp": {"Kind": "Category"}})

    # Assert
    assert not app.exception
    assert app.session_state["columns"] == ["realgdp", "unemp", "decade"]  # in the table's order
    assert app.session_state["kinds"]["unemp"] == "category"


def test_a_kind_that_does_not_fit_is_refused_in_plain_words(app):
    # Setup
    upload(app, "us_macro.csv", MACRO.read_bytes())
    go(app, "columns")

    # Run
    edit_columns(app, {"decade": {"Kind": "Whole number"}})

    # Assert: refused, and the table shows the kind kept
    assert "cannot be treated as a number" in app.error[0].value
    assert app.session_state["kinds"]["decade"] == "category"
    shown = app.data_editor[0].value.set_index("Column")
    assert shown.loc["decade", "Kind"] == "Category"


def test_identifiers_are_listed_and_unconfirmed_names_explained(app):
    # Setup
    upload(app, "people.csv", _people_csv())

    # Run
    go(app, "columns")

    # Assert
    assert "identifier" in app.info[0].value and "patient\\_id" in app.info[0].value
    assert "Please confirm" in app.info[0].value
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


def test_one_table_shows_every_kind_in_full_and_confirming_clears_the_request(app):
    # Setup
    upload(app, "people.csv", _people_csv())
    go(app, "columns")
    shown = app.data_editor[0].value.set_index("Column")

    # Run
    edit_columns(app, {"patient_id": {"Confirmed": True}, "full_name": {"Confirmed": True}})

    # Assert: one row per column, short kind names with what happens beside them; nothing left to confirm
    assert list(shown.index) == ["patient_id", "full_name", "phone_service", "age", "city"]
    assert shown.loc["patient_id", "Kind"] == "Identifier" and shown.loc["full_name", "Kind"] == "Personal data"
    assert shown.loc["full_name", "What happens"] == "never learned; replaced by fakes"
    assert shown.loc["age", "Confirmed"] is None
    assert app.session_state["confirmed"] == ["full_name", "patient_id"]
    assert not any("Please confirm" in info.value for info in app.info)
    assert [s.key for s in app.selectbox] == ["locale_widget"]  # no per-column drop-downs left
    assert "apply_kind" not in [button.key for button in app.button]
