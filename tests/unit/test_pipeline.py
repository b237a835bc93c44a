"""One run end to end through the engine: columns, rows, kinds, determinism, the record."""

import pandas as pd
import pytest

from synth.errors import InputError
from synth.pipeline import RunConfig, evaluate_tables, generate


def test_generate_keeps_columns_rows_and_formats(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", rows=150, seed=1))

    # Assert
    synthetic = result.synthetic
    assert list(synthetic.columns) == list(small_table.columns)
    assert len(synthetic) == 150
    assert pd.api.types.is_integer_dtype(synthetic["visits"])
    assert set(synthetic["city"].dropna()) <= {"Lyon", "Paris", "Nice"}
    assert set(synthetic["member"].dropna()) <= {"yes", "no"}
    assert pd.to_datetime(synthetic["joined"], format="%Y-%m-%d").notna().all()
    assert 0.0 <= result.evaluation.quality.overall <= 1.0
    assert result.record["seed"] == 1 and result.record["generator"] == "gaussian_copula"


def test_same_seed_same_output_and_another_seed_differs(small_table):
    # Run
    first = generate(small_table, RunConfig(generator="gaussian_copula", seed=7)).synthetic
    again = generate(small_table, RunConfig(generator="gaussian_copula", seed=7)).synthetic
    other = generate(small_table, RunConfig(generator="gaussian_copula", seed=8)).synthetic

    # Assert
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def test_identifiers_and_personal_data_are_never_copied(small_table):
    # Setup
    table = small_table.assign(
        customer_id=[f"C{i:05d}" for i in range(len(small_table))],
        email=[f"person{i}@example.org" for i in range(len(small_table))],
    )

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula", seed=3))

    # Assert
    assert result.kinds["customer_id"] == "identifier" and result.kinds["email"] == "personal"
    assert not set(result.synthetic["customer_id"]) & set(table["customer_id"])
    assert not set(result.synthetic["email"]) & set(table["email"])
    assert result.synthetic["customer_id"].is_unique
    assert "customer_id" not in result.real_model.columns and "email" not in result.real_model.columns


def test_personal_data_can_be_dropped(small_table):
    # Setup
    table = small_table.assign(email=[f"p{i}@example.org" for i in range(len(small_table))])

    # Run
    result = generate(table, RunConfig(generator="gaussian_copula", personal_data="drop"))

    # Assert
    assert "email" not in result.synthetic.columns


def test_chosen_columns_and_kind_overrides_are_used(small_table):
    # Run
    result = generate(
        small_table, RunConfig(generator="gaussian_copula", columns=("height", "visits")), kinds={"visits": "category"}
    )

    # Assert
    assert list(result.synthetic.columns) == ["height", "visits"]
    assert result.kinds["visits"] == "category"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (RunConfig(columns=("nope",)), "not in the table"),
        (RunConfig(rows=0), "between 1 and"),
        (RunConfig(generator="magic"), "no generator"),
    ],
)
def test_bad_settings_give_plain_sentences(small_table, config, message):
    # Assert
    with pytest.raises(InputError, match=message):
        generate(small_table, config)


def test_too_few_rows_and_nothing_learnable_are_refused(small_table):
    # Assert
    with pytest.raises(InputError, match="at least 5"):
        generate(small_table.head(3), RunConfig())
    with pytest.raises(InputError, match="can be learned"):
        generate(pd.DataFrame({"id": [f"X{i}" for i in range(30)]}), RunConfig(), kinds={"id": "identifier"})


def test_evaluate_tables_scores_identical_data_as_one(small_table):
    # Run
    result = evaluate_tables(small_table, small_table.copy())

    # Assert
    assert result.evaluation.quality.column_shapes == pytest.approx(1.0)
    assert result.evaluation.privacy["exact_copy_rate"] == 1.0


def test_evaluate_tables_needs_shared_columns(small_table):
    # Assert
    with pytest.raises(InputError, match="no column names in common"):
        evaluate_tables(small_table, pd.DataFrame({"other": [1, 2, 3]}))


def test_large_tables_train_on_a_capped_sample_with_a_note(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", max_train_rows=50))

    # Assert
    assert len(result.synthetic) == len(small_table)
    assert any("random sample of 50" in warning for warning in result.warnings)


def test_evaluate_tables_names_the_table_and_checks_identifier_columns(small_table):
    # Setup: an identifier column whose real values the synthetic table repeats
    real = small_table.assign(order_id=[f"A{i:04d}" for i in range(len(small_table))])
    synthetic = real.sample(frac=1.0, random_state=0)

    # Run
    result = evaluate_tables(real, synthetic, table_name="orders.csv")

    # Assert
    assert result.record["table"] == "orders.csv"
    assert result.evaluation.privacy["real_values_reappearing"] == {"order_id": len(real)}
