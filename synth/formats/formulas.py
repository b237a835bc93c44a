"""Formula neutralising for every writer whose files spreadsheets open: text that would run gets a leading quote."""

from __future__ import annotations

import numpy as np
import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells (and names) a spreadsheet would run as a formula with a quote; numbers stay numbers."""
    out = frame.copy()
    out.columns = [_neutral(str(c)) for c in out.columns]
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if (
            series.dtype == object
            or pd.api.types.is_string_dtype(series.dtype)
            or isinstance(series.dtype, pd.CategoricalDtype)
        ):
            out.isetitem(position, _neutral_column(series.astype(object)))
    return out


def _neutral_column(values: pd.Series) -> pd.Series:
    """The column with formula-like text quoted; each distinct value is looked at once (a million rows of a few
    hundred airports or names is a few hundred checks), and a column with none is returned as it is."""
    codes, uniques = pd.factorize(values)
    risky = np.flatnonzero([isinstance(u, str) and u.startswith(FORMULA_START) for u in uniques])
    if not len(risky):
        return values
    out = values.copy()
    cells = np.isin(codes, risky)
    out[cells] = values[cells].map(_neutral)
    return out


def _neutral(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
