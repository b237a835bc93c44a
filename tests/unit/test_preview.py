"""The Data page's preview masks never-learned values, and a table nothing can be learned from is said so at once."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.pipeline import RunConfig, generate
from synth.preview import MASK, learning_problem, masked_preview


def test_personal_data_identifiers_and_free_text_are_masked_and_missing_cells_stay_empty():
    # Setup
    frame = pd.DataFrame(
        {
            "name": ["Ada Lovelace", None, "Alan Turing"],
            "patient_id": ["P-0001", "P-0002", "P-0003"],
            "notes": ["called twice", "no show", None],
            "age": [36, 41, 29],
        }
    )
    kinds = {"name": "personal", "patient_id": "identifier", "notes": "text", "age": "integer"}

    # Run
    shown = masked_preview(frame, kinds, rows=2)

    # Assert
    assert list(shown["name"]) == [MASK, None] and list(shown["patient_id"]) == [MASK, MASK]
    assert list(shown["notes"]) == [MASK, MASK] and list(shown["age"]) == [36, 41]
    assert frame.loc[0, "name"] == "Ada Lovelace"  # the table itself is untouched
    assert not {"Ada Lovelace", "P-0001", "called twice"} & set(shown.astype(str).to_numpy().ravel())


@pytest.mark.parametrize(
    ("frame", "kinds", "said"),
    [
        (pd.DataFrame({"a": [1], "b": ["x"]}), {"a": "integer", "b": "category"}, "only one row"),
        (pd.DataFrame({"a": [5, 5, 5, 5]}), {"a": "integer"}, "single value"),
        (pd.DataFrame({"id": ["a1", "a2", "a3"], "c": ["x"] * 3}), {"id": "identifier", "c": "category"}, "Columns"),
    ],
)
def test_a_table_nothing_can_be_learned_from_is_named_and_generate_refuses_it(frame, kinds, said):
    # Run
    problem = learning_problem(frame, kinds)

    # Assert: the same rule as the pipeline's
    assert said in problem
    with pytest.raises(InputError):
        generate(frame, RunConfig(generator="gaussian_copula"), kinds)


def test_a_learnable_table_has_no_problem():
    # Setup
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x"] * 3})

    # Run / Assert
    assert learning_problem(frame, {"a": "integer", "b": "category"}) is None


def test_a_table_whose_only_varying_column_is_one_value_and_blanks_can_be_learned():
    # Setup
    frame = pd.DataFrame({"note": ["ok", None, None, "ok", None], "same": ["x"] * 5})

    # Run / Assert
    assert learning_problem(frame, {"note": "category", "same": "category"}) is None
