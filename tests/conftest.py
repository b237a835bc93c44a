"""Shared fixtures: small seeded tables."""

import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

# CI and `make test` replay the same examples every run, so a red build always names a reproducible case.
# SYNTH_HYPOTHESIS=explore draws fresh random examples each run to hunt for new ones.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile(os.environ.get("SYNTH_HYPOTHESIS", "repeatable"))


@pytest.fixture
def small_table() -> pd.DataFrame:
    """200 seeded rows: two linked numbers, a whole number, a category, a date and a yes/no column."""
    rng = np.random.default_rng(0)
    size = 200
    base = rng.normal(50, 10, size)
    return pd.DataFrame(
        {
            "height": base.round(1),
            "weight": (base * 1.5 + rng.normal(0, 3, size)).round(1),
            "visits": rng.poisson(3, size),
            "city": rng.choice(["Lyon", "Paris", "Nice"], size, p=[0.5, 0.3, 0.2]),
            "joined": pd.date_range("2020-01-01", periods=size, freq="D").strftime("%Y-%m-%d"),
            "member": rng.choice(["yes", "no"], size),
        }
    )
