"""Tails and moments per number or date column, beside the holdout's figures."""

import numpy as np
import pandas as pd
import pytest

from synth.evaluate.base import Tables
from synth.evaluate.column_tails import ColumnTails, column_tails


def _money(rows: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"amount": rng.gamma(2.0, 50.0, rows), "shop": rng.choice(["a", "b"], rows)})


KINDS = {"amount": "decimal", "shop": "category"}


def test_a_fresh_sample_sits_near_two_percent_beyond_the_tails_with_no_shift():
    # Setup
    real, fresh = _money(4000, 0), _money(4000, 1)

    # Run
    tail = column_tails(real, fresh, KINDS)["amount"]

    # Assert
    assert tail.beyond_tails == pytest.approx(0.02, abs=0.008)
    assert abs(tail.mean_shift) < 0.06 and tail.spread_ratio == pytest.approx(1.0, abs=0.05)
    assert tail.holdout_beyond_tails is None and "shop" not in column_tails(real, fresh, KINDS)


def test_a_pile_up_at_the_maximum_and_a_shifted_mean_show_beside_the_holdout():
    # Setup: a tenth of the values set to the maximum, KS barely moves
    real, holdout = _money(2000, 0), _money(2000, 1)
    piled = _money(2000, 2)
    piled.loc[piled.index[:200], "amount"] = real["amount"].max()
    shifted = _money(2000, 2).assign(amount=lambda f: f["amount"] + 0.5 * real["amount"].std())

    # Run
    pile = column_tails(real, piled, KINDS, holdout)["amount"]
    shift = column_tails(real, shifted, KINDS, holdout)["amount"]

    # Assert
    assert pile.beyond_tails > 0.1 and pile.holdout_beyond_tails < 0.04
    assert shift.mean_shift == pytest.approx(0.5, abs=0.08) and abs(shift.holdout_mean_shift) < 0.08
    assert shift.holdout_spread_ratio == pytest.approx(1.0, abs=0.1)


def test_dates_missing_values_and_a_constant_column():
    # Setup
    days = pd.Series(pd.date_range("2020-01-01", periods=100, freq="D"))
    real = pd.DataFrame({"day": days, "flat": [1.0] * 100, "gappy": [np.nan] * 50 + list(range(50))})
    synthetic = real.assign(day=days + pd.Timedelta(days=365))
    kinds = {"day": "datetime", "flat": "integer", "gappy": "decimal"}

    # Run
    tails = column_tails(real, synthetic, kinds)

    # Assert
    assert tails["day"].beyond_tails == 1.0 and tails["day"].mean_shift > 5
    assert tails["flat"].mean_shift is None and tails["flat"].spread_ratio is None
    assert tails["gappy"].beyond_tails == pytest.approx(0.04) and tails["gappy"].mean_shift == 0.0


def test_the_metric_reports_the_worst_column_and_keeps_per_column_figures_out_of_the_json():
    # Setup
    real, holdout = _money(500, 0), _money(500, 1)
    far = real.assign(amount=real["amount"] * 10)

    # Run
    result = ColumnTails.compute_breakdown(Tables(real, far, KINDS, holdout))

    # Assert
    assert result.beyond_tails > 0.5 and ColumnTails.grade(result) == "poor"
    assert result.figures() == {"beyond_tails": result.beyond_tails}
    assert set(result.columns["amount"].figures()) == {
        "beyond_tails",
        "mean_shift",
        "spread_ratio",
        "holdout_beyond_tails",
        "holdout_mean_shift",
        "holdout_spread_ratio",
        "repeats",
        "holdout_repeats",
        "common_share",
        "real_common_share",
        "holdout_common_share",
    }
    assert result.columns["amount"].real_common_share is None  # only where a sample takes a single value
    assert result.rows == (500, 500)


def test_a_column_of_distinct_years_that_comes_back_with_repeats_is_measured_beside_the_fresh_sample():
    # Setup: one row per year, split in two; the synthetic years drawn uniformly over the same range (same shape)
    rng = np.random.default_rng(0)
    years = rng.permutation(np.arange(1700, 2010))
    activity = rng.gamma(2.0, 20.0, len(years))
    real = pd.DataFrame({"year": years[::2], "activity": activity[::2], "count": rng.integers(0, 5, 155)})
    holdout = pd.DataFrame({"year": years[1::2], "activity": activity[1::2], "count": rng.integers(0, 5, 155)})
    drawn = holdout.assign(year=rng.integers(1700, 2010, len(holdout)))
    kinds = {"year": "integer", "activity": "decimal", "count": "integer"}

    # Run
    clean = column_tails(real, holdout, kinds, holdout)
    unrelated = column_tails(real, drawn, kinds, holdout)
    every_year = pd.DataFrame({"year": years, "activity": activity, "count": rng.integers(0, 5, len(years))})
    wider = column_tails(real, every_year, kinds)  # twice the rows, all distinct; no holdout

    # Assert: only the near-unique whole-number column carries the figure
    assert clean["year"].repeats == clean["year"].holdout_repeats == 0
    assert unrelated["year"].repeats > 0.15 and unrelated["year"].holdout_repeats == 0
    assert unrelated["activity"].repeats is None and unrelated["count"].repeats is None
    assert wider["year"].repeats == 0 and wider["year"].holdout_repeats == 0  # drawn down to the learned rows' size


def test_where_a_sample_takes_a_single_value_the_common_values_shares_are_measured():
    # Setup: 0 on 299 of 300 learned rows; the unseen rows all 0; the synthetic rows 0 on 40% of rows
    real = pd.DataFrame({"flag": [5] + [0] * 299})
    holdout = pd.DataFrame({"flag": [0] * 100})
    synthetic = pd.DataFrame({"flag": [0] * 40 + [5] * 60})
    kinds = {"flag": "integer"}

    # Run
    varied = column_tails(real, synthetic, kinds, holdout)["flag"]
    flat = column_tails(real, holdout, kinds)["flag"]

    # Assert
    assert varied.holdout_spread_ratio == 0 and varied.common_share == pytest.approx(0.4)
    assert varied.real_common_share == pytest.approx(299 / 300) and varied.holdout_common_share == 1.0
    assert flat.spread_ratio == 0 and flat.common_share == 1.0 and flat.holdout_common_share is None
