"""Singling-out queries: how they match rows, which ones the attacker makes, and the risk at its extremes."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate.attack_singling_out import (
    EQ,
    GE,
    IS_NULL,
    LE,
    NE,
    Encoded,
    counts,
    multivariate_queries,
    random_queries,
    singling_out_risk,
    size_correction,
    univariate_queries,
)


def test_queries_match_like_a_database_missing_values_meet_no_comparison():
    # Setup
    data = np.array([[1.0, 0.0], [2.0, np.nan], [3.0, 1.0]])
    cols = np.array([[0, 1], [0, 1], [1, 0], [0, 0]])
    ops = np.array([[GE, EQ], [LE, NE], [IS_NULL, GE], [NE, NE]])
    values = np.array([[2.0, 1.0], [3.0, 5.0], [np.nan, 0.0], [1.0, 3.0]])

    # Run
    found = counts(data, cols, ops, values)

    # Assert
    assert found.tolist() == [1, 2, 1, 1]  # row 3; rows 1 and 3 (row 2's missing is not "!= 5"); row 2; row 2


def test_univariate_queries_use_extremes_rare_values_and_a_lone_missing_value():
    # Setup: column 0 a number, column 1 a category with code 2 seen once and one missing value
    data = np.array([[1.0, 0.0], [5.0, 0.0], [3.0, 2.0], [3.0, np.nan], [4.0, 1.0], [4.0, 1.0]])

    # Run
    cols, ops, values = univariate_queries(data, np.array([True, False]), 100, np.random.default_rng(0))

    # Assert: every query singles out one row
    assert (counts(data, cols, ops, values) == 1).all()
    made = {(int(c), int(o), None if np.isnan(v) else float(v)) for c, o, v in zip(cols[:, 0], ops[:, 0], values[:, 0])}
    assert made == {(0, LE, 1.0), (0, GE, 5.0), (0, EQ, 1.0), (0, EQ, 5.0), (1, EQ, 2.0), (1, IS_NULL, None)}


def test_multivariate_queries_single_out_and_come_once_each():
    # Setup
    rng = np.random.default_rng(1)
    data = np.column_stack([rng.normal(size=300), rng.integers(0, 4, 300), rng.normal(size=300)])

    # Run
    cols, ops, values = multivariate_queries(data, np.array([True, False, True]), 50, 3, rng)

    # Assert
    assert cols.shape == (50, 3) and (counts(data, cols, ops, values) == 1).all()
    keys = {tuple(sorted(zip(c, o, v))) for c, o, v in zip(cols.tolist(), ops.tolist(), values.tolist())}
    assert len(keys) == 50


def test_random_queries_ask_for_present_values_where_a_value_is_missing():
    # Setup
    data = np.array([[np.nan, 1.0], [np.nan, 2.0]])

    # Run
    cols, ops, values = random_queries(data, np.array([True, False]), 20, 2, np.random.default_rng(0))

    # Assert
    assert cols.shape == (20, 2) and ((ops == 7) == np.isnan(values)).all()


def test_a_smaller_control_set_has_its_successes_scaled_down():
    # Setup: single-value queries singling out rows more easily in fewer rows
    rng = np.random.default_rng(0)
    control = rng.integers(0, 400, (300, 1)).astype(float)
    queries = (np.zeros((100, 1), int), np.full((100, 1), EQ), np.arange(100.0).reshape(-1, 1))

    # Run
    correction = size_correction(control, queries, 1200, rng)

    # Assert
    assert 0 < correction < 1


@pytest.fixture
def thirds(load):
    real, kinds = load("seattle_weather")
    real = real.sample(frac=1.0, random_state=0).reset_index(drop=True)
    return real.iloc[:600], real.iloc[600:1000], real.iloc[1000:], kinds


@pytest.mark.parametrize("mode", ["univariate", "multivariate"])
def test_copied_rows_single_out_and_fresh_real_rows_do_not(thirds, mode):
    # Setup
    training, control, fresh, kinds = thirds
    columns = list(training.columns)

    # Run
    copied = singling_out_risk(Encoded(training.copy(), training, control, kinds, columns), mode, 200, seed=0)
    unseen = singling_out_risk(Encoded(fresh, training, control, kinds, columns), mode, 200, seed=0)

    # Assert
    assert copied.risk > 0.9 and copied.ci_low > 0.8
    assert unseen.risk < 0.1 and unseen.ci_low < 0.05


def test_no_query_no_risk():
    # Setup: no synthetic row to make a query from
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    kinds = {"x": "decimal"}

    # Run / Assert
    for mode in ("univariate", "multivariate"):
        assert singling_out_risk(Encoded(frame.head(0), frame, frame, kinds, ["x"]), mode, 10) is None
