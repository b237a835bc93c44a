"""The private look at where a number or date column lies: coarse to fine, within its share of the budget."""

import math

import numpy as np
import pandas as pd
import pytest

from synth.generators.dp_marginals.budget import Noise
from synth.generators.dp_marginals.domain import as_numbers, grid, grid_counts, marker_seconds
from synth.generators.dp_marginals.ranges import LEVELS, noisy_spread, zoom_cost


def noisy_range(*args, **kwargs) -> tuple[float, float]:
    """The range noisy_spread finds, alone."""
    spread = noisy_spread(*args, **kwargs)
    return spread.low, spread.high


def zoomed_over_seeds(values: np.ndarray, rho: float, seeds: int) -> list:
    """The spreads noisy_spread finds for these values, on the number grid, given the values (so it may zoom), once
    per noise seed."""
    edges = grid("decimal")
    counts = grid_counts(values, edges)
    return [
        noisy_spread(counts, edges, rho, Noise(s, reproducible=True), len(values), values=values) for s in range(seeds)
    ]


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


def test_the_looks_spend_exactly_the_rho_they_are_given_and_a_zoom_one_looks_more(monkeypatch):
    # Setup: record the deviation of every noisy count drawn
    drawn = []
    original = Noise.gaussian

    def recording(self, sigma, size):
        drawn.append(sigma)
        return original(self, sigma, size)

    monkeypatch.setattr(Noise, "gaussian", recording)
    edges = grid("decimal")
    wide = np.random.default_rng(0).normal(50, 10, 5_000)
    narrow = np.random.default_rng(0).uniform(45.45, 45.57, 5_000)
    spent = {}

    for label, values in (("wide", wide), ("narrow", narrow)):
        drawn.clear()

        # Run
        spread = noisy_spread(grid_counts(values, edges), edges, 0.02, Noise(0, True), rows=5_000, values=values)

        # Assert: each look is one Gaussian count vector of L2 sensitivity 1 (a value is counted in one bin of it)
        assert all(sigma == pytest.approx(math.sqrt(len(LEVELS) / (2 * 0.02))) for sigma in drawn)
        spent[label] = (sum(1 / (2 * sigma**2) for sigma in drawn), spread.zoomed)

    # Assert: the looks' rho (1 / 2 sigma^2) add up to 0.02; a narrow window's zoom spends zoom_cost more, and says so
    assert spent["wide"] == (pytest.approx(0.02), False)
    assert spent["narrow"] == (pytest.approx(0.02 + zoom_cost(0.02)), True)


def test_values_in_a_small_part_of_a_half_decade_get_a_range_around_them():
    # Setup: 120 latitudes between 45.45 and 45.57 (like car-sharing areas of Montreal): one grid bin, 39.8 to 63.1
    values = np.random.default_rng(4).uniform(45.45, 45.57, 120)

    # Run
    found = zoomed_over_seeds(values, 0.15, 20)

    # Assert: the range holds the values and is mostly a few tenths of a degree wide, not the half-decade's 23
    # degrees (which a zoom that is not sure of itself keeps; about 1 run in 10 here)
    assert all(np.mean((values >= spread.low) & (values < spread.high)) == 1.0 for spread in found)
    assert sum(spread.high - spread.low <= 0.6 for spread in found) >= 15


def test_values_at_the_edge_of_their_window_are_zoomed_into_too():
    # Setup: 300 values from 100 to 108: the half-decade 100 to 158.5, the values at its low edge
    values = np.random.default_rng(7).uniform(100, 108, 300)

    # Run
    found = zoomed_over_seeds(values, 0.15, 10)

    # Assert: an empty stretch past the window's edge never stops the zoom (it did: 0 >= 0 counted as a tail)
    assert all(np.mean((values >= spread.low) & (values < spread.high)) == 1.0 for spread in found)
    assert sum(spread.high - spread.low <= 15 for spread in found) >= 8
    assert all(len(spread.counts) == len(spread.edges) - 1 and np.isfinite(spread.counts).all() for spread in found)


def test_a_zoom_where_no_value_stands_out_keeps_the_window():
    # Setup: 30 values in one half-decade, and a budget that finds it but lets none of 256 bins stand out
    values = np.random.default_rng(5).uniform(45.45, 45.57, 30)

    # Run
    found = zoomed_over_seeds(values, 0.04, 10)

    # Assert: a zoomed window is left made of the grid's own bins, never of a few noise-chosen zoom bins
    zoomed = [spread for spread in found if spread.zoomed]
    assert len(zoomed) >= 5
    edges = grid("decimal")
    assert all(np.isclose(edges, spread.low).any() and np.isclose(edges, spread.high).any() for spread in zoomed)


def test_a_small_table_gets_a_coarse_range_around_its_values_instead_of_one_chased_by_noise():
    # Setup: 36 positive amounts between 10 and 1,900 (like credit card spending), the number grid, a small budget
    values = np.random.default_rng(1).lognormal(5.0, 1.0, 36).clip(10, 1_900)
    edges = grid("decimal")
    counts = grid_counts(values, edges)

    # Run
    found = [noisy_range(counts, edges, rho=0.135, noise=Noise(s, reproducible=True), rows=36) for s in range(20)]

    # Assert: every range lies on the positive side and holds most of the values
    held = [np.mean((values >= low) & (values <= high)) for low, high in found]
    assert all(low >= 0 for low, _ in found)
    assert np.median(held) >= 0.8


def test_a_large_table_gets_the_fine_grids_range():
    # Setup: 5,000 values between 20 and 80
    values = np.random.default_rng(2).uniform(20, 80, 5_000)
    edges = grid("decimal")

    # Run
    low, high = noisy_range(grid_counts(values, edges), edges, rho=0.05, noise=Noise(0, reproducible=True), rows=5_000)

    # Assert: the half-decade bins around 20..80
    assert 15 <= low <= 20 and 80 <= high <= 100.001


def test_a_column_with_many_missing_values_gets_a_range_around_its_present_values():
    # Setup: 107 rows, 70 of them present, between 3 and 12 (like months of an internship left empty when unplaced)
    values = np.concatenate([np.random.default_rng(3).integers(3, 13, 70).astype(float), np.full(37, np.nan)])
    edges = grid("decimal")
    counts = grid_counts(values, edges)

    # Run
    found = [noisy_range(counts, edges, rho=0.042, noise=Noise(s, reproducible=True), rows=107) for s in range(20)]

    # Assert: the row count (never reached by 70 values) no longer widens the range to the whole grid
    assert np.median([high for _, high in found]) <= 100
    assert all(low >= 0 for low, _ in found)


def test_values_that_fill_much_of_their_window_keep_it():
    # Setup: 2,000 temperatures from 46 to 72 (San Francisco's): two half-decades, 39.8 to 100, thin tails
    values = np.random.default_rng(6).normal(57, 6, 2_000).clip(45.6, 72)

    # Run
    found = zoomed_over_seeds(values, 0.005, 5) + zoomed_over_seeds(values, 0.05, 5)

    # Assert: every value is inside (a zoom cut at 90% of the rows piled a tenth of them at 64.7)
    assert all(np.mean((values >= spread.low) & (values < spread.high)) == 1.0 for spread in found)
    assert all(spread.zoomed for spread in found)


def test_a_column_of_two_years_is_zoomed_into_though_its_rows_fill_one_zoom_bin():
    # Setup: barley's years, 1931 and 1932 (120 rows), in the half-decade 1585-2512: one zoom bin of about 5.5 noise
    # deviations, which the CUSUM (a run of 6) mostly missed: 12 of 40 seeds zoomed in, the rest kept 927 years
    values = np.array([1931.0] * 60 + [1932.0] * 60)

    # Run
    found = zoomed_over_seeds(values, 0.0042, 40)

    # Assert: most seeds find a span of a few years around them; none leaves a value out
    assert sum(spread.high - spread.low < 50 for spread in found) >= 22
    assert all(spread.low <= 1931 and spread.high > 1932 for spread in found)


def rain(rows: int, dry: float, seed: int = 0) -> np.ndarray:
    """A rain column: `dry` of its days exactly 0, the rest spread from 0.3 to 56 (skewed, as Seattle's)."""
    rng = np.random.default_rng(seed)
    wet = np.round(np.exp(rng.uniform(np.log(0.3), np.log(56.0), rows)), 1)
    return np.where(rng.random(rows) < dry, 0.0, wet)


def test_a_column_of_mostly_zeros_has_the_range_of_its_other_values_found_and_its_zeros_counted_apart():
    # Setup: 1,461 days, 57% dry; the zeros left out of the grid counts and given apart
    values = rain(1_461, 0.57)
    edges = grid("decimal")
    counts = grid_counts(np.where(values == 0.0, np.nan, values), edges)
    zeros = float((values == 0.0).sum())

    # Run: the look-up share one column gets at epsilon 1 on this table
    spreads = [
        noisy_spread(counts, edges, 0.0135, Noise(s, True), len(values), values=values, zeros=zeros) for s in range(20)
    ]

    # Assert: the range reaches the wet days (before, [0, 0.63) at this epsilon); the zeros' count is near the truth
    assert np.median([spread.high for spread in spreads]) >= 20.0
    assert all(spread.zeros_stand_out for spread in spreads)
    assert all(abs(spread.zeros - zeros) <= 4 * spread.zeros_deviation for spread in spreads)
    assert spreads[0].zeros_deviation == pytest.approx(spreads[0].deviation / math.sqrt(len(LEVELS)))


def test_zeros_counted_apart_seldom_stand_out_where_a_column_has_none():
    # Setup: no zero at all
    values = rain(1_461, 0.0)
    edges = grid("decimal")
    counts = grid_counts(values, edges)

    # Run
    spreads = [noisy_spread(counts, edges, 0.0135, Noise(s, True), len(values), zeros=0.0) for s in range(200)]

    # Assert: noise alone makes them stand out about 1 time in 1,000
    assert sum(spread.zeros_stand_out for spread in spreads) <= 2
    assert math.isnan(noisy_spread(counts, edges, 0.0135, Noise(0, True), len(values)).zeros)


@pytest.mark.parametrize("rows", [300, 2_000])
def test_a_column_of_almost_only_zeros_has_its_zeros_searched_with_the_rest_not_a_range_of_noise(rows):
    # Setup: 98% zeros, the rest 1 to 99; at epsilon 1's look-up share no bin of the other values stands out
    rng = np.random.default_rng(0)
    values = np.where(rng.random(rows) < 0.98, 0.0, rng.integers(1, 100, rows).astype(float))
    edges = grid("integer")
    counts = grid_counts(np.where(values == 0.0, np.nan, values), edges)
    zeros = float((values == 0.0).sum())

    # Run
    spreads = [noisy_spread(counts, edges, 0.0135, Noise(s, True), rows, values=values, zeros=zeros) for s in range(30)]

    # Assert: before this was handled, 4 runs in 8 put the range near 1e11 (the handful of other values, clipped
    # into it, came back there)
    assert all(-1.0 <= spread.low and spread.high <= 1_000.0 for spread in spreads)
    assert all(spread.zeros_stand_out for spread in spreads)


def ends(rows: int, open_share: float, seed: int = 0) -> np.ndarray:
    """End dates of a slowly changing dimension, as seconds: closed ones from 2018 to 2025, `open_share` of the rows
    9999-12-31 (in microseconds, as Parquet or a CSV with the marker holds them)."""
    rng = np.random.default_rng(seed)
    closed = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 2_900, rows), unit="D")
    closed = closed.to_numpy().astype("datetime64[us]")  # in nanoseconds, 9999-12-31 would overflow
    dates = np.where(rng.random(rows) < open_share, np.datetime64("9999-12-31", "us"), closed)
    return as_numbers(pd.Series(dates), "datetime")


def marked_spreads(values: np.ndarray, rho: float, seeds: int) -> list:
    """The spreads of a date column with the markers counted apart, once per noise seed."""
    edges = grid("datetime")
    apart = list(marker_seconds())
    counts = grid_counts(np.where(np.isin(values, apart), np.nan, values), edges)
    marks = {m: float((values == m).sum()) for m in apart}
    return [
        noisy_spread(counts, edges, rho, Noise(s, True), len(values), values=values, marks=marks) for s in range(seeds)
    ]


@pytest.mark.parametrize("rho", [0.0025, 0.0135])
def test_a_date_column_of_open_rows_has_its_closed_range_found_and_its_marker_counted_apart(rho):
    # Setup: 400 rows, 45% of them open; rho as one column's look-up at epsilon 1 and 3 on such a table. Before, the
    # markers were clipped into the grid's last bin (2101 to 2262) and the range ran there
    values = ends(400, 0.45)
    held = float((values == pd.Timestamp("9999-12-31").timestamp()).sum())

    # Run
    spreads = marked_spreads(values, rho, 20)

    # Assert: the marker stands out with a count near the truth; no other does; the range is the closed rows'
    marker = pd.Timestamp("9999-12-31").timestamp()
    assert all(spread.marks_standing_out == (marker,) for spread in spreads)
    assert all(abs(dict(spread.marks)[marker] - held) <= 4 * spread.marks_deviation for spread in spreads)
    assert spreads[0].marks_deviation == pytest.approx(spreads[0].deviation / math.sqrt(len(LEVELS)))
    assert np.median([spread.high for spread in spreads]) <= pd.Timestamp("2030-01-01").timestamp()
    assert np.median([spread.low for spread in spreads]) >= pd.Timestamp("2010-01-01").timestamp()


def test_markers_counted_apart_seldom_stand_out_where_a_date_column_has_none():
    # Setup: no marker at all; one column's look-up at epsilon 1 on 400 rows
    values = ends(400, 0.0)

    # Run
    spreads = marked_spreads(values, 0.0025, 300)

    # Assert: noise alone makes one of the six stand out about 1 time in 1,000; the range is as without them
    assert sum(bool(spread.marks_standing_out) for spread in spreads) <= 2
    assert np.median([spread.high for spread in spreads]) <= pd.Timestamp("2030-01-01").timestamp()
