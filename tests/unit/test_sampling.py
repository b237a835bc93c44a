"""Fixed values and rebalancing: rows that match, shares that hold, plain refusals."""

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators import Generator
from synth.pipeline import RunConfig, generate
from synth.rules import parse_rule
from synth.sampling import sample_rows


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
        (
            RunConfig(rebalance={"city": {"Nice": -0.2, "Lyon": 1.2}}),
            r"share of 'Nice' in 'city' is -20%: shares must be zero or more",
        ),
    ],
)
def test_impossible_conditions_are_refused_in_plain_words(small_table, config, message):
    # Assert
    with pytest.raises(InputError, match=message):
        generate(small_table, config)


class _Counter(Generator):
    """Draws 0.0, 0.5, 1.0, 1.5, ... in a column x, whatever the seed."""

    def fit(self, data, kinds, seed, progress):
        pass

    def sample(self, rows, seed, progress):
        return pd.DataFrame({"x": np.arange(rows) / 2})


def test_rules_are_checked_on_rows_as_the_user_will_see_them():
    # Setup: 0.5 > 0 holds, yet written as a whole number it is 0
    real = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    rules = (parse_rule("x > 0"),)

    # Run
    raw = sample_rows(_Counter(), 6, 0, real, rules=rules)
    settled = sample_rows(_Counter(), 6, 0, real, rules=rules, settle=lambda rows: rows.round(0))

    # Assert
    assert 0.5 in set(raw["x"])
    assert (settled["x"] > 0).all() and set(settled["x"]) <= {1.0, 2.0, 3.0, 4.0}


def test_rows_that_drawing_never_meets_are_repaired_without_forty_rounds_of_drawing():
    # Setup
    class Counting(_Counter):
        calls = 0

        def sample(self, rows, seed, progress):
            Counting.calls += 1
            return super().sample(rows, seed, progress).assign(y=lambda f: f["x"] + 0.25)

    real = pd.DataFrame({"x": [1.0, 2.0], "y": [1.0, 2.0]})

    # Run
    made = sample_rows(Counting(), 50, 0, real, rules=(parse_rule("x = y"),))

    # Assert
    assert (made["x"] == made["y"]).all() and len(made) == 50
    assert Counting.calls <= 4


def test_a_private_run_refuses_shares_that_cannot_hold_before_it_trains(small_table, monkeypatch):
    # Setup: the private generator's values are checked against released rows after fit; its shares need no rows
    from synth.generators.dp_marginals.model import DPMarginals

    def trained(*args, **kwargs):
        raise AssertionError("trained before refusing the shares")

    monkeypatch.setattr(DPMarginals, "fit", trained)
    config = RunConfig(generator="dp_marginals", rebalance={"city": {"Nice": 0.9, "Lyon": 0.4}})

    # Assert
    with pytest.raises(InputError, match=r"add up to 100% \(now 130.0%\)"):
        generate(small_table, config)
