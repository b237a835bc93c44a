"""Fixed values and rebalancing: rows that match, shares that hold, plain refusals."""

import pytest

from synth.errors import InputError
from synth.pipeline import RunConfig, generate


def test_only_rows_with_fixed_values_are_made(small_table):
    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", rows=120, where={"city": "Nice"}))

    # Assert
    assert len(result.synthetic) == 120
    assert set(result.synthetic["city"]) == {"Nice"}


def test_rebalancing_reaches_the_chosen_shares(small_table):
    # Setup
    shares = {"Nice": 0.5, "Paris": 0.25, "Lyon": 0.25}

    # Run
    result = generate(small_table, RunConfig(generator="gaussian_copula", rows=200, rebalance={"city": shares}))

    # Assert
    counts = result.synthetic["city"].value_counts()
    assert counts.to_dict() == {"Nice": 100, "Paris": 50, "Lyon": 50}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (RunConfig(where={"city": "Rome"}), "never appears"),
        (RunConfig(where={"height": "3"}), "category or yes/no"),
        (RunConfig(rebalance={"city": {"Nice": 0.5, "Lyon": 0.2}}), "add up to 100%"),
    ],
)
def test_impossible_conditions_are_refused_in_plain_words(small_table, config, message):
    # Assert
    with pytest.raises(InputError, match=message):
        generate(small_table, config)
