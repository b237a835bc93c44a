"""The Columns page's notes: identifiers to confirm, and why a name's personal-data hint was not followed."""

import numpy as np
import pandas as pd

from synth import kind_notes, schema


def test_identifiers_are_listed_in_one_sentence_and_none_gives_none():
    # Setup
    kinds = {"patient_id": "identifier", "order_no": "identifier", "age": "integer", "dropped_id": "identifier"}

    # Run
    note = kind_notes.identifier_note(kinds, ["patient_id", "age", "order_no"])
    one = kind_notes.identifier_note(kinds, ["patient_id"])

    # Assert
    assert note == (
        "These columns look like identifiers (never learned, replaced by new values): patient_id, order_no. "
        "Change a column's kind below if one is not."
    )
    assert one.startswith("This column looks like identifier (") and "dropped_id" not in note
    assert kind_notes.identifier_note(kinds, ["age"]) is None


def test_names_that_proposed_personal_data_get_the_reason_the_values_gave():
    # Setup: issue 11's columns, named like personal data but holding ordinary values
    rng = np.random.default_rng(0)
    frame = pd.DataFrame(
        {
            "phone_service": rng.integers(0, 2, 300),
            "card_no_visits": rng.integers(4, 108, 300),
            "address_surface": rng.choice(["paved", "gravel"], 300),
            "birth_weight": rng.normal(3.3, 0.5, 300),
            "email": [f"code-{i}" for i in range(300)],
            "phone": [f"+33 6 12 34 {i % 90 + 10:02d} {i % 80 + 10:02d}" for i in range(300)],
            "age": rng.integers(18, 90, 300),
        }
    )
    kinds = schema.detect_kinds(frame)

    # Run
    reasons = kind_notes.unconfirmed_personal(frame, kinds, list(frame.columns))

    # Assert
    assert kinds["phone"] == "personal" and "phone" not in reasons and "age" not in reasons
    assert reasons["phone_service"] == (
        "'phone_service': the name suggests phone numbers, but its values are 2 distinct whole numbers, too short "
        "for phone numbers, so it is treated as: whole number."
    )
    assert "too short for payment card numbers" in reasons["card_no_visits"]
    assert "only 2 distinct values, each repeated" in reasons["address_surface"]
    assert "numbers with decimals" in reasons["birth_weight"]
    assert reasons["email"].endswith("its values do not look like e-mail addresses, so it is treated as: identifier.")


def test_a_column_the_user_made_personal_or_left_out_gets_no_reason():
    # Setup
    frame = pd.DataFrame({"phone_flag": [0, 1] * 10, "empty_email": [None] * 20})

    # Run
    chosen = kind_notes.unconfirmed_personal(
        frame, {"phone_flag": "personal", "empty_email": "category"}, ["phone_flag"]
    )
    empty = kind_notes.unconfirmed_personal(frame, {"empty_email": "category"}, ["empty_email"])

    # Assert
    assert chosen == {}
    assert empty == {
        "empty_email": "'empty_email': the name suggests e-mail addresses, but it is empty, so it is "
        "treated as: category."
    }
