"""Columns as codes fixed without reading values: bins between bounds, named values, missing."""

import re

import numpy as np
import pandas as pd
import pytest

from synth.errors import InputError
from synth.generators.dp_marginals.domain import (
    BINS,
    DATE_MARKERS,
    FEWEST_BINS,
    OTHER,
    Codec,
    as_numbers,
    bins_for,
    grid,
    grid_counts,
    marker_seconds,
    parse_bounds,
)


def test_numbers_round_trip_into_their_bin_and_missing_stays_missing():
    # Setup
    codec = Codec.for_range("price", "decimal", 0.0, 100.0)
    values = pd.Series([0.0, 49.0, 100.0, 250.0, None])

    # Run
    codes = codec.encode(values)
    back = codec.decode(codes, np.random.default_rng(0))

    # Assert
    assert codec.size == 21
    assert list(codes) == [0, 9, 19, 19, 20]
    assert 45.0 <= back[1] <= 50.0 and 95.0 <= back[3] <= 100.0  # beyond the range: moved to its edge
    assert np.isnan(back[4])


def test_a_short_whole_number_range_gets_one_code_per_number():
    # Setup
    codec = Codec.for_range("children", "integer", 0.2, 4.6)

    # Run
    back = codec.decode(codec.encode(pd.Series([0.0, 3.0, 5.0])), np.random.default_rng(0))

    # Assert
    assert codec.whole and codec.size == 7
    assert list(back) == [0.0, 3.0, 5.0]


def test_dates_stored_in_microseconds_are_read_as_the_same_seconds_as_in_nanoseconds():
    # Setup: a Parquet file from Spark, DuckDB or pyarrow keeps its dates in microseconds
    nanoseconds = pd.Series([pd.Timestamp("2021-01-01"), pd.Timestamp("2022-07-01 12:00"), pd.NaT])

    # Run
    seconds = as_numbers(nanoseconds.astype("datetime64[us]"), "datetime")

    # Assert: before, microseconds were read as nanoseconds, so every date fell in January 1970
    np.testing.assert_array_equal(seconds, as_numbers(nanoseconds, "datetime"))
    assert seconds[0] == pd.Timestamp("2021-01-01").timestamp()


def test_dates_are_times_and_come_back_as_dates():
    # Setup
    dates = pd.Series(pd.to_datetime(["2021-01-01", "2021-06-30", None]))
    low, high = as_numbers(pd.Series(["2021-01-01", "2022-01-01"]), "datetime")
    codec = Codec.for_range("sold", "datetime", low, high)

    # Run
    back = codec.decode(codec.encode(dates), np.random.default_rng(0))

    # Assert
    assert pd.api.types.is_datetime64_any_dtype(back)
    assert abs(back[1] - pd.Timestamp("2021-06-30")) < pd.Timedelta(days=20)
    assert pd.isna(back[2])


def test_categories_not_named_become_other():
    # Setup
    codec = Codec("colour", "category", values=("blue", "red", OTHER))

    # Run
    codes = codec.encode(pd.Series(["red", "mauve", None]))
    back = codec.decode(codes, np.random.default_rng(0))

    # Assert
    assert list(codes) == [1, 2, 3]
    assert list(back) == ["red", OTHER, None]


def test_grid_counts_put_values_beyond_the_grid_in_its_outer_bins():
    # Setup
    edges = grid("decimal")

    # Run
    counts = grid_counts(np.array([1e15, -1e15, 5.0, np.nan]), edges)

    # Assert
    assert counts.sum() == 3 and counts[0] == 1 and counts[-1] == 1


def test_ranges_given_by_the_user_are_read_and_a_bad_one_is_refused_in_words():
    # Setup
    kinds = {"age": "integer", "joined": "datetime", "town": "category"}

    # Run
    found = parse_bounds("age=0..120; joined=2020-01-01..2021-01-01", kinds)

    # Assert
    assert found["age"] == (0.0, 120.0)
    assert found["joined"][1] - found["joined"][0] == pytest.approx(366 * 86400)
    said = {
        "town=a..b": "is for 'town', a category column: ranges are for numbers and dates",
        "age=120..0": "must be two values, the lower first, like 0..120",
        "age=0-120": "is not understood: write column=low..high",
        "wage=0..1": "names no learned column 'wage'",
        "Age=0..120": "did you mean 'age'? names must match exactly",
        "age=0..120, joined=2020-01-01..2021-01-01": "holds a ',': separate ranges with ';'",
        "age=0..120 joined=2020-01-01..2021-01-01": "runs into the next one: separate ranges with ';'",
        "joined=01/13/2020..31/12/2024": "like 2020-01-01..2024-12-31 (dates as year-month-day)",
    }
    for bad, words in said.items():  # the walk saw 'not understood' or a number's example for each
        with pytest.raises(InputError, match=re.escape(words)):
            parse_bounds(bad, kinds)


def test_small_tables_and_small_budgets_get_fewer_bins_from_public_figures_only():
    # Run
    large = bins_for(rows=10_000, columns=15, rho=0.02)
    small = bins_for(rows=89, columns=14, rho=0.7)
    middle = bins_for(rows=151, columns=22, rho=0.7)
    no_budget = bins_for(rows=89, columns=14, rho=0.0)

    # Assert
    assert large == BINS
    assert small == no_budget == FEWEST_BINS
    assert FEWEST_BINS < middle < BINS
    assert Codec.for_range("x", "decimal", 0.0, 1.0, bins=small).size == small + 1


def _found(values: np.ndarray, rho: float = 5.0, seed: int = 0):
    """A range and its crowding found privately, as the generator finds them."""
    from synth.generators.dp_marginals.budget import Noise
    from synth.generators.dp_marginals.ranges import noisy_spread

    edges = grid("decimal")
    return noisy_spread(grid_counts(values, edges), edges, rho, Noise(seed, reproducible=True), rows=len(values))


def test_a_found_integer_range_holds_only_whole_numbers_its_grid_bins_hold():
    # Setup: classes 1, 2 and 3 lie in the grid bins [0.63, 1.0), [1.0, 1.58), ... [2.51, 3.98)
    values = np.repeat([1.0, 2.0, 3.0], [160, 140, 350])
    spread = _found(values)

    # Run
    codec = Codec.for_range("pclass", "integer", spread.low, spread.high, crowding=spread, rows=len(values))
    back = codec.decode(np.arange(codec.size - 1), np.random.default_rng(0))

    # Assert: no class 0 or 4, which the grid's edges 0.63 and 3.98 rounded outwards used to add
    assert spread.high == pytest.approx(10**0.6)
    assert codec.whole and sorted(back) == [1.0, 2.0, 3.0]


def test_bins_are_narrower_where_the_released_counts_show_values_crowd():
    # Setup: hospital stays of 1 to 116 days, most under 10 (medpar's length of stay)
    rng = np.random.default_rng(1)
    values = np.clip(np.round(rng.lognormal(2.0, 0.8, 1_800)), 1, 116)
    spread = _found(values)

    # Run
    shaped = Codec.for_range("los", "integer", spread.low, spread.high, bins=20, crowding=spread, rows=len(values))
    even = Codec.for_range("los", "integer", spread.low, spread.high, bins=20)
    codes = shaped.encode(pd.Series(values))
    back = shaped.decode(codes, np.random.default_rng(2))

    # Assert: the bins cut the crowded part finer, every value comes back a whole number in its own bin
    below_ten = np.searchsorted(np.asarray(shaped.edges), 10.0)
    assert below_ten > 2 * np.searchsorted(np.asarray(even.edges), 10.0)
    assert np.array_equal(back, np.round(back))
    assert (shaped.encode(back) == codes).all()
    assert abs(np.median(back) - np.median(values)) <= 1.0


def test_counts_drowned_in_noise_leave_the_bins_even():
    # Setup: 30 rows, their range found at a budget whose noise swamps the counts
    values = np.random.default_rng(4).lognormal(2.0, 0.8, 30)
    spread = _found(values, rho=0.001)

    # Run
    codec = Codec.for_range("x", "decimal", spread.low, spread.high, bins=10, crowding=spread, rows=30)

    # Assert
    assert np.allclose(codec.edges, np.linspace(spread.low, spread.high, 11))


@pytest.mark.parametrize(
    ("low", "high", "zero_code"),
    [(0.0, 10.0, 0), (2.0, 10.0, 0), (-10.0, -2.0, 4), (-5.0, 5.0, 2)],
    ids=["from zero", "above zero", "below zero", "around zero"],
)
def test_exact_zeros_get_a_code_of_their_own_in_value_order_and_come_back_as_zeros(low, high, zero_code):
    # Setup: four even bins of a decimal range, exact zeros given their own code
    codec = Codec.for_range("rain", "decimal", low, high, bins=4).with_zero()
    values = pd.Series([0.0, low + 0.01, high - 0.01, np.nan])

    # Run
    codes = codec.encode(values)
    back = codec.decode(np.array([zero_code] * 50), np.random.default_rng(0))

    # Assert: zero sits between the bins below and above it; the others keep their order; missing stays last
    assert codec.zero == zero_code
    assert codes[0] == zero_code and codes[3] == codec.size - 1
    assert codes[1] < codes[2] and zero_code not in codes[1:3]
    assert (back == 0.0).all()
    assert codec.size == len(codec.edges) - 1 + 2
    assert (np.asarray(codec.edges) == 0.0).any() == (low < 0.0 < high or low == 0.0)


def test_a_bin_holding_zero_is_cut_there_and_an_edge_close_to_zero_moves_to_it_not_beside_it():
    # Setup: bins of 2.5 from -6.25 (0 in the middle of one) and from -5.01 (0.01 from an edge)
    inside = Codec.for_range("t", "decimal", -6.25, 3.75, bins=4).with_zero()
    close = Codec.for_range("t", "decimal", -5.01, 4.99, bins=4).with_zero()

    # Run
    widths = np.diff(close.edges)

    # Assert: a new edge 0.01 from another would have made a bin 0.01 wide (and the column rounded to 4 places)
    assert 0.0 in inside.edges and len(inside.edges) == 6 and inside.zero == 3
    assert 0.0 in close.edges and len(close.edges) == 5 and widths.min() > 2.0
    assert close.decode(np.array([close.zero - 1, close.zero + 1] * 50), np.random.default_rng(0)).ne(0).all()


def test_a_bin_of_values_beside_zero_never_comes_back_as_zero_or_across_it():
    # Setup
    codec = Codec.for_range("rain", "decimal", -5.0, 5.0, bins=4).with_zero()

    # Run
    below = codec.decode(np.full(500, codec.zero - 1), np.random.default_rng(0))
    above = codec.decode(np.full(500, codec.zero + 1), np.random.default_rng(0))

    # Assert
    assert (below < 0.0).all() and (above > 0.0).all()


def test_a_whole_number_range_holding_zero_gets_a_bin_for_zero_alone_and_one_beyond_gets_a_code():
    # Setup
    around = Codec.for_range("hours", "integer", -20.0, 100.0, bins=10).with_zero()
    beyond = Codec.for_range("visits", "integer", 1.0, 3.0).with_zero()

    # Run
    at_zero = around.encode(pd.Series([0.0]))[0]
    zeros_back = around.decode(np.full(20, at_zero), np.random.default_rng(0))
    neighbours = around.decode(np.array([at_zero - 1, at_zero + 1] * 20), np.random.default_rng(0))

    # Assert
    assert around.zero is None and (zeros_back == 0).all() and (neighbours != 0).all()
    assert beyond.zero == 0 and beyond.whole
    assert list(beyond.decode(np.arange(4), np.random.default_rng(0))) == [0.0, 1.0, 2.0, 3.0]


def test_dates_have_no_zero_code():
    # Setup
    codec = Codec.for_range("sold", "datetime", 0.0, 1e9)

    # Run
    same = codec.with_zero()

    # Assert
    assert same == codec and same.zero is None


def test_date_markers_get_codes_in_value_order_and_come_back_as_exactly_those_dates():
    # Setup: closed rows 2018 to 2026 in four bins; 9999-12-31 and 0001-01-01 (beyond the range) and 1900-01-01
    # (cutting a range of 1890 to 1990) given codes of their own, in microseconds as a Parquet column holds them
    start, end, born, died, mid = (
        pd.Timestamp(d).timestamp() for d in ("2018-01-01", "2026-01-01", "1890-01-01", "1990-01-01", "1900-01-01")
    )
    seconds = {text: value for value, text in marker_seconds().items()}
    codec = Codec.for_range("valid_to", "datetime", start, end, bins=4)
    codec = codec.with_point(seconds["9999-12-31"]).with_point(seconds["0001-01-01"])
    cut = Codec.for_range("born", "datetime", born, died, bins=4).with_point(mid)
    dates = pd.Series(["0001-01-01", "2019-06-01", "2025-06-01", "9999-12-31", None])
    dates = pd.Series([None if d is None else np.datetime64(d, "us") for d in dates], dtype="datetime64[us]")

    # Run
    codes = codec.encode(dates)
    back = codec.decode(codes, np.random.default_rng(0))

    # Assert: 0001-01-01 is the lowest code, 9999-12-31 the highest before 'missing'; both come back exactly
    assert codec.point_codes == (0, 5) and codec.size == 7 and codec.zero is None
    assert list(codes) == [0, 1, 4, 5, 6]
    assert back[0] == pd.Timestamp("0001-01-01") and back[3] == pd.Timestamp("9999-12-31") and pd.isna(back[4])
    assert back[1:3].between(pd.Timestamp("2018-01-01"), pd.Timestamp("2026-01-01")).all()
    assert mid in cut.edges and cut.point_codes == (1,)
    assert cut.decode(np.full(20, 1), np.random.default_rng(0)).eq(pd.Timestamp("1900-01-01")).all()
    assert len(DATE_MARKERS) == len(marker_seconds())


def test_a_range_reaching_a_far_marker_date_is_refused_with_what_keeps_the_marker():
    # Setup: a range of 8,000 years would leave every closed date in its first bin, and a column given a range is
    # not looked up privately, so its markers are not counted apart
    kinds = {"valid_to": "datetime"}

    # Run / Assert
    with pytest.raises(InputError, match=r"reaches 9999-12-31: .* Leave it out and the range is found privately"):
        parse_bounds("valid_to=2018-01-01..9999-12-31", kinds)
    given = parse_bounds("valid_to=2018-01-01..2030-12-31", kinds)
    assert given["valid_to"][1] == pd.Timestamp("2030-12-31").timestamp()
