"""Formula neutralising for every writer whose files spreadsheets open: text that would run gets a leading quote."""

from __future__ import annotations

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
            out.isetitem(position, series.astype(object).map(_neutral))
    return out


def _neutral(value):
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value
