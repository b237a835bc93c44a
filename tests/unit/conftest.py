"""Shared tables for the unit tests: bundled real tables in model form and seeded perturbations of them."""

import socket
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synth import schema

DATASETS = Path(__file__).resolve().parents[2] / "synth" / "datasets"
KINDS = {
    "seattle_weather": {
        "date": "datetime",
        "precipitation": "decimal",
        "temp_max": "decimal",
        "temp_min": "decimal",
        "wind": "decimal",
        "weather": "category",
    },
    "cars": {
        "Name": "category",
        "Miles_per_Gallon": "decimal",
        "Cylinders": "integer",
        "Displacement": "decimal",
        "Horsepower": "integer",
        "Weight_in_lbs": "integer",
        "Acceleration": "decimal",
        "Year": "datetime",
        "Origin": "category",
    },
    "gapminder": {
        "country": "category",
        "continent": "category",
        "year": "integer",
        "lifeExp": "decimal",
        "pop": "integer",
        "gdpPercap": "decimal",
        "iso_alpha": "category",
    },
}


@cache
def _demo(name: str) -> pd.DataFrame:
    return schema.to_model_frame(pd.read_csv(DATASETS / f"{name}.csv"), KINDS[name])


def demo(name: str, rows: int | None = None) -> tuple[pd.DataFrame, dict[str, str]]:
    """A bundled real table in model form (optionally its first rows) and its column kinds."""
    frame = _demo(name)
    return (frame if rows is None else frame.head(rows)).copy(), dict(KINDS[name])


def perturb(frame: pd.DataFrame, kinds: dict[str, str], how: str, seed: int = 0) -> pd.DataFrame:
    """A fixed, seeded imitation: 'shuffle' each column on its own (shapes kept, links lost), 'noise' (numbers
    jittered by 30% of their spread, dates by weeks, a tenth of categories swapped), 'resample' rows with
    replacement, or 'disjoint' (numbers moved far out of range, categories renamed)."""
    rng = np.random.default_rng(seed)
    out = frame.copy()
    if how == "resample":
        return frame.sample(len(frame), replace=True, random_state=seed).reset_index(drop=True)
    for column in out.columns:
        kind, values = kinds[column], out[column]
        if how == "shuffle":
            out[column] = values.sample(frac=1.0, random_state=int(rng.integers(2**31))).to_numpy()
        elif how == "noise" and kind in ("integer", "decimal"):
            out[column] = values + rng.normal(0, 0.3 * values.std(), len(values))
        elif how == "noise" and kind == "datetime":
            out[column] = values + pd.to_timedelta(rng.normal(0, 14, len(values)).round(), unit="D")
        elif how == "noise":
            swap = rng.random(len(values)) < 0.1
            out.loc[swap, column] = rng.choice(values.dropna().unique(), swap.sum())
        elif how == "disjoint" and kind in ("integer", "decimal"):
            out[column] = values + 10 * (values.max() - values.min()) + 1e6
        elif how == "disjoint" and kind == "datetime":
            out[column] = values + pd.Timedelta(days=365 * 100)
        elif how == "disjoint":
            out[column] = values.map(lambda v: None if v is None else f"other {v}")
    return out


@pytest.fixture
def load():
    """load(name, rows=None) -> (model frame, kinds) of a bundled table."""
    return demo


@pytest.fixture
def imitate():
    """imitate(frame, kinds, how, seed=0) -> a perturbed copy (see perturb)."""
    return perturb


@pytest.fixture
def real_csv(tmp_path, small_table):
    """small_table (tests/conftest.py) as a CSV file, the input of the command-line tests."""
    path = tmp_path / "real.csv"
    small_table.to_csv(path, index=False)
    return path


@pytest.fixture
def no_network(monkeypatch):
    """Any network connection attempted in the test fails (tables must ship inside installed packages)."""

    def refuse(self, address):
        raise OSError(f"a network connection was attempted: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: refuse(None, args[0]))
