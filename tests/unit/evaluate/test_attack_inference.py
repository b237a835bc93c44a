"""Attribute inference: which guesses count as right, and the risk at its extremes."""

import numpy as np
import pandas as pd

from synth.evaluate.attack_inference import inference_risk, inference_risks, right_guesses


def test_numbers_count_within_five_percent_and_missing_matches_missing():
    # Setup
    guesses = pd.Series([100.0, 100.0, -100.0, np.nan, 7.0])
    secrets = pd.Series([104.0, 106.0, -300.0, np.nan, np.nan])

    # Run
    hits = right_guesses(guesses, secrets, "decimal")

    # Assert: a negative guess is no free hit
    assert hits.tolist() == [True, False, False, True, False]


def test_categories_and_dates_count_only_when_equal():
    # Setup
    dates = pd.Series(pd.to_datetime(["2020-01-01", "2020-01-02"]))

    # Run / Assert
    assert right_guesses(pd.Series(["a", None]), pd.Series(["a", None]), "category").tolist() == [True, True]
    assert right_guesses(pd.Series(["a", "b"]), pd.Series(["b", "b"]), "category").tolist() == [False, True]
    assert right_guesses(dates, pd.Series(pd.to_datetime(["2020-01-01", "2020-01-03"])), "datetime").tolist() == [
        True,
        False,
    ]


def test_copied_rows_give_secrets_away_and_fresh_real_rows_do_not(load):
    # Setup
    real, kinds = load("cars")
    real = real.sample(frac=1.0, random_state=0).reset_index(drop=True)
    training, control, fresh = real.iloc[:200], real.iloc[200:300], real.iloc[300:]

    # Run
    copied = inference_risk(training, control, training.copy(), kinds, "Name", seed=0)
    unseen = inference_risk(training, control, fresh, kinds, "Name", seed=0)

    # Assert
    assert copied.risk > 0.9 and copied.n_attacks == 200 and copied.n_control == 100
    assert unseen.risk < 0.1


def test_every_column_takes_its_turn_as_the_secret(load):
    # Setup
    real, kinds = load("seattle_weather", rows=300)
    seen = []

    # Run
    risks = inference_risks(real.iloc[:150], real.iloc[150:], real.iloc[:150], kinds, 50)
    with_progress = inference_risks(
        real.iloc[:150], real.iloc[150:], real.iloc[:150], kinds, 50, progress=lambda share, c: seen.append(c)
    )

    # Assert
    assert list(risks) == list(real.columns) == seen and list(with_progress) == list(risks)
