"""Linkability: halves of the columns, and the risk at its extremes."""

import numpy as np
import pandas as pd

from synth.evaluate.attack_linkability import linkability_risk, split_columns


def test_split_columns_gives_two_disjoint_halves_in_table_order():
    # Run
    first, second = split_columns(list("abcdefg"), seed=3)

    # Assert
    assert sorted(first + second) == list("abcdefg") and not set(first) & set(second)
    assert len(first) == 3 and first == sorted(first) and second == sorted(second)
    assert split_columns(list("abcdefg"), seed=3) == (first, second)


def test_copied_rows_link_and_fresh_real_rows_do_not(load):
    # Setup
    real, kinds = load("gapminder")
    real = real.sample(frac=1.0, random_state=0).reset_index(drop=True)
    training, control, fresh = real.iloc[:600], real.iloc[600:1100], real.iloc[1100:]
    halves = (["country", "year", "pop"], ["continent", "lifeExp", "gdpPercap", "iso_alpha"])

    # Run
    copied = linkability_risk(training, control, training.copy(), kinds, halves, 300, seed=0)
    unseen = linkability_risk(training, control, fresh, kinds, halves, 300, seed=0)

    # Assert
    assert copied.risk > 0.9 and copied.attack_rate > 0.9
    assert unseen.risk < 0.1


def test_nothing_to_split_no_risk():
    # Setup
    frame = pd.DataFrame({"x": np.arange(5.0)})

    # Run / Assert
    assert linkability_risk(frame, frame, frame, {"x": "decimal"}, (["x"], [])) is None
