"""synth/date_text.py: dates written in a strftime format, as strftime writes them, missing as None."""

import numpy as np
import pandas as pd
import pytest

from synth.date_text import written_dates


@pytest.mark.parametrize(
    "fmt", ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%SZ", "%d/%m/%Y"]
)
def test_synthetic_dates_are_written_as_strftime_writes_them_missing_as_none(fmt):
    # Setup: dates before and after 1970 with fractions of a second, repeated, and a gap
    rng = np.random.default_rng(0)
    nanoseconds = rng.integers(-(2 * 10**9), 2 * 10**9, 300) * 10**9 + rng.integers(0, 10**9, 300)
    dates = pd.Series(pd.to_datetime(np.r_[nanoseconds, nanoseconds[:50]]))
    dates[3] = pd.NaT

    # Run
    written = written_dates(dates, fmt)

    # Assert
    assert written.tolist() == dates.dt.strftime(fmt).astype(object).where(dates.notna(), None).tolist()
    assert written[3] is None
