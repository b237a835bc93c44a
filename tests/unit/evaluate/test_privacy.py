"""Privacy screening figures at their extremes, and SDMetrics' DCR metrics as referee."""

import warnings

import numpy as np
import pandas as pd
import pytest

from synth.evaluate import privacy

SDTYPES = {
    "integer": "numerical",
    "decimal": "numerical",
    "category": "categorical",
    "datetime": "datetime",
    "boolean": "categorical",
}


def _metadata(kinds):
    return {"tables": {"table": {"columns": {c: {"sdtype": SDTYPES[k]} for c, k in kinds.items()}}}}


def test_exact_copies_of_training_and_holdout(load):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[:200], real.iloc[200:]

    # Run
    copied = privacy.copy_rates(training, holdout, training.copy())
    fresh = privacy.copy_rates(training, holdout, holdout.copy())

    # Assert
    assert copied == {"copies_of_training": 1.0, "copies_of_holdout": 0.0}
    assert fresh == {"copies_of_training": 0.0, "copies_of_holdout": 1.0}


def test_dcr_overfitting_protection_agrees_with_sdmetrics(load, imitate):
    # Setup
    from sdmetrics.single_table import DCROverfittingProtection

    real, kinds = load("seattle_weather")
    training, holdout = real.iloc[::2].reset_index(drop=True), real.iloc[1::2].reset_index(drop=True)
    synthetic = imitate(training, kinds, "shuffle", seed=2).head(300)

    # Run
    ours = privacy.dcr_overfitting_protection(training, holdout, synthetic, kinds, max_rows=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        referee = DCROverfittingProtection.compute_breakdown(training, synthetic, holdout, _metadata(kinds), "table")

    # Assert
    assert ours["score"] == pytest.approx(referee["score"], abs=0.02)
    assert ours["closer_to_training"] == pytest.approx(
        referee["synthetic_data_percentages"]["closer_to_training"], abs=0.02
    )


@pytest.mark.parametrize("how", ["shuffle", "noise"])
def test_dcr_baseline_protection_agrees_with_sdmetrics(load, imitate, monkeypatch, how):
    # Setup
    from sdmetrics.single_table import DCRBaselineProtection

    monkeypatch.setattr(DCRBaselineProtection, "_seed", 0)  # its random baseline rows, made repeatable
    real, kinds = load("seattle_weather", rows=700)
    synthetic = imitate(real, kinds, how, seed=4)

    # Run
    ours = privacy.dcr_baseline_protection(real, synthetic, kinds, max_rows=None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.random.seed(0)
        referee = DCRBaselineProtection.compute_breakdown(real, synthetic, _metadata(kinds), "table")

    # Assert
    assert ours["score"] == pytest.approx(referee["score"], abs=0.02)
    assert ours["median_dcr_synthetic"] == pytest.approx(referee["median_DCR_to_real_data"]["synthetic_data"])


def test_dcr_figures_at_their_extremes(load, imitate):
    # Setup
    real, kinds = load("cars")
    training, holdout = real.iloc[::2], real.iloc[1::2]

    # Run
    copied = privacy.dcr_baseline_protection(training, training.copy(), kinds)
    overfit = privacy.dcr_overfitting_protection(training, holdout, training.copy(), kinds)
    fresh = privacy.dcr_overfitting_protection(training, holdout, holdout.copy(), kinds)

    # Assert
    assert copied["score"] == 0.0
    assert overfit["score"] == 0.0
    assert fresh["score"] == 1.0


def test_nearest_neighbour_ratio_extremes():
    # Setup
    kinds = {"x": "decimal"}
    real = pd.DataFrame({"x": [0.0, 10.0, 20.0, 30.0]})

    # Run
    copies = privacy.nearest_neighbour_ratio(real, real.copy(), kinds)
    midway = privacy.nearest_neighbour_ratio(real, pd.DataFrame({"x": [5.0, 15.0, 25.0]}), kinds)

    # Assert
    assert copies == {"median": 0.0, "share_below_half": 1.0}
    assert midway == {"median": 1.0, "share_below_half": 0.0}


def test_rare_combination_copies():
    # Setup
    real = pd.DataFrame({"a": ["x"] * 6 + ["y"], "b": ["p"] * 6 + ["q"]}).astype(object)
    kinds = {"a": "category", "b": "category"}

    # Run
    copied = privacy.rare_combination_copies(real, real.copy(), kinds)
    avoided = privacy.rare_combination_copies(real, real.iloc[:6], kinds)

    # Assert
    assert (copied["rare_combinations"], copied["share_reproduced"]) == (1, 1.0)
    assert avoided["share_reproduced"] == 0.0


def test_reappearing_values_of_personal_columns():
    # Setup
    real = pd.DataFrame({"email": ["ann@x.org", "bob@y.org"], "name": ["Ann", "Bob"]})
    synthetic = pd.DataFrame({"email": ["zed@q.org", "bob@y.org"], "name": ["Cy", "Di"]})

    # Run / Assert
    assert privacy.reappearing_values(real, synthetic, ["email", "name"]) == {"email": 1, "name": 0}


def test_random_rows_stay_inside_real_ranges(load):
    # Setup
    real, kinds = load("cars")

    # Run
    rows = privacy.random_rows(real, 500, seed=1)

    # Assert
    assert rows["Horsepower"].min() >= real["Horsepower"].min()
    assert rows["Year"].max() <= real["Year"].max()
    assert set(rows["Origin"].dropna()) <= set(real["Origin"].dropna())
    assert rows["Miles_per_Gallon"].isna().mean() == pytest.approx(real["Miles_per_Gallon"].isna().mean(), abs=0.03)
