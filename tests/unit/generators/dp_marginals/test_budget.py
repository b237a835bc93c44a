"""The budget split, the private look at category values and at ranges."""

import numpy as np
import pytest

from synth.generators.dp_marginals.budget import Noise, common_values, noisy_range, rho_for, split_budget


def test_the_split_spends_exactly_the_whole_budget_and_gives_unused_parts_to_the_marginals():
    # Setup
    whole = rho_for(1.0, 1e-7 * 0.9)

    # Run
    split = split_budget(1.0, 1e-7, categories=2, ranges=3)
    nothing_to_find = split_budget(1.0, 1e-7, categories=0, ranges=0)

    # Assert
    assert split.rho == pytest.approx(whole)
    assert split.marginals_rho + split.lookup_rho * 5 == pytest.approx(split.rho)
    assert split.threshold_delta * 2 == pytest.approx(1e-8)
    assert nothing_to_find.marginals_rho == nothing_to_find.rho == pytest.approx(rho_for(1.0, 1e-7))
    assert split.describe()["columns_looked_up"] == 5


def test_a_larger_epsilon_buys_a_larger_rho():
    # Run / Assert
    assert rho_for(0.1, 1e-7) < rho_for(1.0, 1e-7) < rho_for(10.0, 1e-7)


def test_common_values_are_named_and_a_value_one_row_holds_is_not():
    # Setup
    counts = {"common": 5_000, "also common": 3_000, "one person": 1}

    # Run
    named = common_values(counts, rho=0.01, delta=1e-9, noise=Noise(0, reproducible=True))

    # Assert
    assert named == ["also common", "common"]


def test_the_range_covers_where_values_lie_and_a_tiny_table_still_gets_one():
    # Setup
    edges = np.arange(0.0, 11.0)
    counts = np.zeros(10)
    counts[3:6] = 1_000
    sparse = np.zeros(10)
    sparse[7] = 2

    # Run
    found = noisy_range(counts, edges, rho=0.5, noise=Noise(0, reproducible=True))
    fallback = noisy_range(sparse, edges, rho=1e-4, noise=Noise(0, reproducible=True))

    # Assert
    assert found == (3.0, 6.0)
    assert fallback[0] < fallback[1]


def test_secret_noise_differs_between_runs_and_reproducible_noise_does_not():
    # Run
    secret = [Noise(0, reproducible=False).gaussian(1.0, 5) for _ in range(2)]
    repeated = [Noise(0, reproducible=True).gaussian(1.0, 5) for _ in range(2)]

    # Assert
    assert not np.array_equal(*secret)
    assert np.array_equal(*repeated)
    assert secret[0].shape == (5,)


def test_a_small_spread_out_table_gets_the_narrowest_window_that_holds_most_of_its_rows():
    # Setup: 34 rows, two in each of 17 consecutive bins (like years 2001-2017): no single bin clears the noise
    edges = np.arange(0.0, 201.0)
    counts = np.zeros(200)
    counts[100:117] = 2

    # Run
    found = [noisy_range(counts, edges, rho=0.05, noise=Noise(s, reproducible=True), rows=34) for s in range(30)]

    # Assert: most runs cover most of the 17 bins (a fixed window of four bins covered at most four)
    covered = [max(0.0, min(high, 117) - max(low, 100)) for low, high in found]
    assert np.median(covered) >= 12
    assert sum(c == 0 for c in covered) <= 8
    assert all(high - low <= 64 for low, high in found)
