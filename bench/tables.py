"""Real public tables shipped inside installed Python packages (nothing is downloaded), for the benchmarks."""

from __future__ import annotations

import numpy as np
import pandas as pd


def _vega(name: str) -> pd.DataFrame:
    from vega_datasets import local_data

    return getattr(local_data, name)()


def _plotly(name: str) -> pd.DataFrame:
    import plotly.express as px

    return getattr(px.data, name)()


def _statsmodels(name: str) -> pd.DataFrame:
    import importlib

    return importlib.import_module(f"statsmodels.datasets.{name}").load_pandas().data


def _diabetes() -> pd.DataFrame:
    from sklearn.datasets import load_diabetes

    return load_diabetes(as_frame=True, scaled=False).frame


# name: (loader, what it is and why it is here)
TABLES = {
    "seattle_weather": (lambda: _vega("seattle_weather"), "vega_datasets; daily weather 2012-2015 (dates)"),
    "cars": (lambda: _vega("cars"), "vega_datasets; car models (near-unique names, missing values, dates)"),
    "gapminder": (lambda: _plotly("gapminder"), "plotly; 142 countries x 12 years (many categories)"),
    "tips": (lambda: _plotly("tips"), "plotly; restaurant bills (small, categories)"),
    "diabetes": (_diabetes, "scikit-learn; 442 patients, unscaled (numbers only)"),
    "fair": (lambda: _statsmodels("fair"), "statsmodels; affairs survey (few-valued numbers)"),
    "randhie": (lambda: _statsmodels("randhie"), "statsmodels; RAND health insurance experiment (over 10,000 rows)"),
}


def load(name: str) -> pd.DataFrame:
    return TABLES[name][0]().reset_index(drop=True)


def enlarged(frame: pd.DataFrame, rows: int, seed: int) -> pd.DataFrame:
    """A bigger table made by resampling real rows, with 1% noise on numbers that take many values."""
    rng = np.random.default_rng(seed)
    out = frame.iloc[rng.integers(0, len(frame), rows)].reset_index(drop=True)
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and values.nunique() > 20:
            out[column] = (values * (1 + 0.01 * rng.standard_normal(rows))).round(4)
    return out
