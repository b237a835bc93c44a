"""Real personal values that reappear in the synthetic table."""

import pandas as pd

from synth.evaluate.base import Tables
from synth.evaluate.reappearing_values import ReappearingValues, reappearing_values


def test_reappearing_values_of_personal_columns():
    # Setup
    real = pd.DataFrame({"email": ["ann@x.org", "bob@y.org"], "name": ["Ann", "Bob"]})
    synthetic = pd.DataFrame({"email": ["zed@q.org", "bob@y.org"], "name": ["Cy", "Di"]})

    # Run / Assert
    assert reappearing_values(real, synthetic, ["email", "name"]) == {"email": 1, "name": 0}


def test_metric_counts_every_reappearing_value_and_fails_on_any():
    # Setup
    real = pd.DataFrame({"email": ["ann@x.org", "bob@y.org"]})
    tables = Tables(real, real, {}, personal=(real, real.copy()))

    # Run
    result = ReappearingValues.compute_breakdown(tables)

    # Assert
    assert result.figures() == {"real_values_reappearing": {"email": 2}}
    assert result.total == 2 and ReappearingValues.grade(result) == "poor"
