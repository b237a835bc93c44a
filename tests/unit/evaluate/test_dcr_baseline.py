"""DCRBaselineProtection and its random rows, with SDMetrics' own metric as referee."""

import warnings

import numpy as np
import pytest

from synth.evaluate.dcr_baseline import dcr_baseline_protection, random_rows
from tests.referee import sdmetrics_metadata


@pytest.mark.parametrize("how", ["shuffle", "noise"])
def test_dcr_baseline_protection_agrees_with_sdmetrics(load, imitate, monkeypatch, how):
    # Setup
    from sdmetrics.single_table import DCRBaselineProtection

    monkeypatch.setattr(DCRBaselineProtection, "_seed", 0)  # its random baseline rows, made repeatable
    real, kinds = load("seattle_weather", rows=700)
    synthetic = imitate(real, kinds, how, seed=4)

    # Run
    ours = dcr_baseline_protection(real, synthetic, kinds, max_rows=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.random.seed(0)
        referee = DCRBaselineProtection.compute_breakdown(real, synthetic, sdmetrics_metadata(kinds), "table")

    # Assert
    assert ours.dcr_baseline_protection == pytest.approx(referee["score"], abs=0.02)
    assert ours.median_dcr_synthetic == pytest.approx(referee["median_DCR_to_real_data"]["synthetic_data"])


def test_copies_of_real_rows_score_zero(load):
    # Setup
    real, kinds = load("cars")
    training = real.iloc[::2]

    # Run
    copied = dcr_baseline_protection(training, training.copy(), kinds)

    # Assert
    assert copied.dcr_baseline_protection == 0.0


def test_random_rows_stay_inside_real_ranges(load):
    # Setup
    real, kinds = load("cars")

    # Run
    rows = random_rows(real, 500, seed=1)

    # Assert
    assert rows["Horsepower"].min() >= real["Horsepower"].min()
    assert rows["Year"].max() <= real["Year"].max()
    assert set(rows["Origin"].dropna()) <= set(real["Origin"].dropna())
    assert rows["Miles_per_Gallon"].isna().mean() == pytest.approx(real["Miles_per_Gallon"].isna().mean(), abs=0.03)


def test_random_rows_cover_a_range_past_the_float_maximum():
    # Setup: values from -1.7e308 to 1.7e308, whose max - min overflows a float
    import pandas as pd

    rng = np.random.default_rng(0)
    real = pd.DataFrame({"size": rng.normal(50, 10, 200), "vast": rng.uniform(-1, 1, 200) * 1.7e308})
    kinds = {"size": "decimal", "vast": "decimal"}

    # Run
    rows = random_rows(real, 500, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        score = dcr_baseline_protection(real, real.sample(frac=1.0, random_state=2) * 0.999, kinds)

    # Assert: drawn over the whole range, as the ordinary column is
    assert rows["vast"].between(real["vast"].min(), real["vast"].max()).all()
    assert rows["vast"].min() < -1e308 and rows["vast"].max() > 1e308
    assert 0 < score.median_dcr_random and 0 <= score.dcr_baseline_protection <= 1


@pytest.mark.parametrize("unit", ["ns", "us"])
def test_random_rows_cover_dates_spanning_more_than_292_years(unit):
    # Setup: a 1700-01-01 placeholder beside 2020-2022 dates, and a time zone (each date fits in nanoseconds; the span
    # does not)
    import pandas as pd

    rng = np.random.default_rng(0)
    dates = pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1000, 200), unit="D"))
    dates[:20] = pd.Timestamp("1700-01-01")
    real = pd.DataFrame({"d": dates.astype(f"datetime64[{unit}]"), "zoned": dates.dt.tz_localize("Europe/Paris")})

    # Run
    rows = random_rows(real, 500, seed=1)

    # Assert: before, OutOfBoundsDatetime (a time span of 320 years in nanoseconds)
    assert rows["d"].between(real["d"].min(), real["d"].max()).all()
    assert rows["d"].min() < pd.Timestamp("1800-01-01") and rows["d"].max() > pd.Timestamp("2000-01-01")
    assert str(rows["zoned"].dt.tz) == "Europe/Paris"
