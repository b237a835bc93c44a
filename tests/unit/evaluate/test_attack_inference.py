"""Attribute inference: which guesses count as right, and the risk at its extremes."""

import numpy as np
import pandas as pd

from synth.evaluate.attack_inference import closest_without_each_column, inference_risks, right_guesses


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
    copied = inference_risks(training, control, training.copy(), kinds, seed=0)["Name"]
    unseen = inference_risks(training, control, fresh, kinds, seed=0)["Name"]

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
        real.iloc[:150], real.iloc[150:], real.iloc[:150], kinds, 50, progress=lambda share, m: seen.append(share)
    )

    # Assert
    assert list(risks) == list(real.columns) and list(with_progress) == list(risks)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) == len(real.columns) + 1


def test_the_closest_rows_leave_out_the_secret_column_and_match_the_shared_distance(load):
    # Setup
    from synth.distance import nearest_rows

    real, kinds = load("cars")
    real = real.sample(frac=1.0, random_state=1).reset_index(drop=True)
    targets, synthetic = real.iloc[:30].reset_index(drop=True), real.iloc[30:180].reset_index(drop=True)
    columns = list(real.columns)

    # Run
    closest = closest_without_each_column(targets, synthetic, kinds)

    # Assert: each leave-one-out neighbour is as close as synth.distance's nearest row on the other columns
    for position, secret in enumerate(columns):
        known = [c for c in columns if c != secret]
        every = len(synthetic)
        distances, rows = nearest_rows(targets[known], synthetic[known], kinds, every, every)
        found = [distances[i][rows[i] == j][0] for i, j in enumerate(closest[:, position])]
        assert np.allclose(found, distances[:, 0], atol=1e-9)


def test_one_column_leaves_nothing_to_know():
    # Setup
    frame = pd.DataFrame({"x": np.arange(5.0)})

    # Run / Assert
    assert inference_risks(frame, frame, frame, {"x": "decimal"}) == {}


def test_values_near_the_float_maximum_are_guessed_and_searched_as_the_same_values_scaled_down():
    # Setup: a column from -1.7e308 to 1.7e308, where a gap or the range overflows a float
    import warnings

    rng = np.random.default_rng(0)
    small = pd.DataFrame({"size": rng.normal(50, 10, 150), "vast": rng.uniform(-1, 1, 150)})
    huge = small.assign(vast=small["vast"] * 2.0**1023)
    kinds = {"size": "decimal", "vast": "decimal"}
    guesses = pd.Series([1.7e308, 1.0e308, -1.6e308, 1e-300])
    secrets = pd.Series([-1.7e308, 1.04e308, -1.7e308, 2e-300])

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hits = right_guesses(guesses, secrets, "decimal")
        closest = closest_without_each_column(huge.iloc[:50], huge.iloc[50:], kinds)

    # Assert
    assert hits.tolist() == [False, True, False, True]  # the last within 1e-12, as Anonymeter counts it
    assert np.array_equal(closest, closest_without_each_column(small.iloc[:50], small.iloc[50:], kinds))
