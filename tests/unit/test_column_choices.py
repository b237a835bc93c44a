"""The Columns page's table: built from the choices, read back with kind changes checked against the values."""

import pandas as pd

from synth import column_choices, schema
from synth.column_choices import Choices


def _table():
    frame = pd.DataFrame({"id": [f"A{i:03d}" for i in range(40)], "age": range(40), "city": ["Leeds", "York"] * 20})
    detected = {"id": "identifier", "age": "integer", "city": "category"}
    return frame, detected, tuple(schema.profile(frame, detected))


def test_the_table_has_a_row_per_column_with_short_kind_names_and_what_happens():
    # Setup
    frame, detected, profiles = _table()
    choices = Choices(["id", "age", "city"], dict(detected), frozenset())

    # Run
    shown = column_choices.editor_frame(profiles, detected, choices).set_index("Column")

    # Assert
    assert list(shown.index) == ["id", "age", "city"]
    assert (
        shown.loc["id", "Kind"] == "Identifier" and shown.loc["id", "What happens"] == "never learned; new values made"
    )
    assert shown.loc["id", "Confirmed"] == False  # noqa: E712 (a tick to give), None where nothing is to confirm
    assert shown.loc["age", "Confirmed"] is None and shown.loc["age", "What happens"] == "learned"
    assert max(len(name) for name in column_choices.KIND_NAMES.values()) <= 14


def test_edits_are_read_back_and_a_kind_the_values_cannot_take_is_refused():
    # Setup
    frame, detected, profiles = _table()
    before = Choices(["id", "age", "city"], dict(detected), frozenset())
    edited = column_choices.editor_frame(profiles, detected, before)
    edited.loc[1, "Keep"] = False
    edited.loc[2, "Kind"] = "Whole number"  # city holds words: refused
    edited.loc[0, "Confirmed"] = True

    # Run
    after = column_choices.read_choices(edited, frame, before)

    # Assert
    assert after.keep == ["id", "city"]
    assert after.kinds == detected
    assert after.confirmed == {"id"}
    assert len(after.refused) == 1 and "cannot be treated as a number" in after.refused[0]


def test_a_confirmation_counts_only_for_a_never_learned_column_and_the_note_names_the_rest():
    # Setup
    frame, detected, profiles = _table()
    before = Choices(["id", "age", "city"], dict(detected), frozenset())
    edited = column_choices.editor_frame(profiles, detected, before)
    edited["Confirmed"] = [None, True, None]
    edited.loc[2, "Kind"] = "Personal data"

    # Run
    after = column_choices.read_choices(edited, frame, before)

    # Assert
    assert after.kinds["city"] == "personal" and after.confirmed == frozenset()
    note = column_choices.unconfirmed_note(after)
    assert "id, city are taken" in note
    assert column_choices.unconfirmed_note(Choices(["age"], after.kinds, frozenset())) is None
