"""Row hashing and seeded row samples shared by the privacy metrics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.encoding import numeric_values

MAX_ROWS = 2000  # rows per table the distance-based metrics look at (SDMetrics' num_rows_subsample)


def row_keys(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """A hash of each row's values: numbers and dates as floats (3 and 3.0 alike), anything else as text."""
    parts = {}
    for position, column in enumerate(columns):
        series = frame[column]
        if (
            pd.api.types.is_numeric_dtype(series)
            and not pd.api.types.is_bool_dtype(series)
            or pd.api.types.is_datetime64_any_dtype(series)
        ):
            values = numeric_values(series)
            parts[position] = np.where(np.isnan(values), -1.2345e300, values)  # one stand-in for every missing
        else:
            parts[position] = series.astype(str).to_numpy()
    return pd.util.hash_pandas_object(pd.DataFrame(parts, index=range(len(frame))), index=False)


def sample_rows(frame: pd.DataFrame, rows: int | None, seed: int) -> pd.DataFrame:
    """At most `rows` rows of frame, drawn with the seed (all of them when rows is None)."""
    if rows is None or len(frame) <= rows:
        return frame
    return frame.sample(rows, random_state=seed)
