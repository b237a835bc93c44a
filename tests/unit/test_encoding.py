"""Model-form encodings shared by the generators and the evaluator: numbers, dates and shared category codes."""

import numpy as np
import pandas as pd

from synth.encoding import (
    NS_PER_DAY,
    huge_shift,
    model_matrix,
    numeric_values,
    scaled_column,
    scored_columns,
    sdmetrics_bins,
    shared_codes,
    squarable,
)


def test_numeric_values_turn_dates_into_nanoseconds_and_missing_into_nan():
    # Setup
    dates = pd.Series(pd.to_datetime(["1970-01-02", None, "1970-01-03"]))

    # Run
    values = numeric_values(dates)

    # Assert
    assert values[0] == NS_PER_DAY and values[2] == 2 * NS_PER_DAY
    assert np.isnan(values[1])


def test_numeric_values_ignore_the_time_zone_and_coerce_text_to_nan():
    # Setup
    zoned = pd.Series(pd.to_datetime(["1970-01-02T00:00:00+00:00"], utc=True))

    # Run
    values, numbers = numeric_values(zoned), numeric_values(pd.Series(["1.5", "x"]))

    # Assert
    assert values[0] == NS_PER_DAY
    assert numbers[0] == 1.5 and np.isnan(numbers[1])


def test_shared_codes_follow_sorted_values_not_which_table_came_first():
    # Setup
    real, synthetic = pd.Series(["b", "a", None]), pd.Series(["c", "a"])

    # Run
    (real_codes, synthetic_codes), size, uniques = shared_codes(real, synthetic)

    # Assert: a, b, c get 0, 1, 2; missing gets the last code
    assert list(uniques) == ["a", "b", "c"]
    assert size == 4
    assert real_codes.tolist() == [1, 0, 3]
    assert synthetic_codes.tolist() == [2, 0]


def test_shared_codes_order_mixed_text_and_numbers_as_text():
    # Run
    (codes,), size, uniques = shared_codes(pd.Series([1, "a", 1]))

    # Assert
    assert size == 3 and codes[0] == codes[2] != codes[1]


def test_scored_columns_keep_learned_kinds_in_table_order():
    # Setup
    frame = pd.DataFrame(columns=["id", "b", "a", "note"])
    kinds = {"id": "identifier", "a": "integer", "b": "category", "note": "text"}

    # Run / Assert
    assert scored_columns(frame, kinds) == ["b", "a"]


def test_sdmetrics_bins_put_the_maximum_and_missing_in_the_top_code():
    # Setup
    values = np.array([0.0, 5.0, 10.0, np.nan])

    # Run
    codes = sdmetrics_bins(values)

    # Assert
    assert codes.tolist() == [1, 6, 11, 11]


def test_model_matrix_codes_categories_and_marks_them():
    # Setup
    real = pd.DataFrame({"n": [1.0, 2.0], "c": ["x", None]})
    synthetic = pd.DataFrame({"n": [3.0, 4.0], "c": ["y", "x"]})

    # Run
    (a, b), categorical = model_matrix([real, synthetic], {"n": "decimal", "c": "category"}, ["n", "c"])

    # Assert
    assert categorical == [False, True]
    assert a[:, 0].tolist() == [1.0, 2.0] and a[0, 1] == 0.0 and np.isnan(a[1, 1])
    assert b[:, 1].tolist() == [1.0, 0.0]


def test_huge_shift_leaves_ordinary_columns_and_scales_huge_ones_exactly():
    # Setup
    ordinary = np.array([1.5, -3e99, np.nan, 0.0, 2.0])
    mixed = np.array([100.3, 1e300, -5e299, np.nan, np.inf])

    # Run
    shift = huge_shift(mixed)
    (scaled,) = squarable(np.column_stack([ordinary, mixed]))

    # Assert
    assert huge_shift(ordinary) == 0 and huge_shift(None, ordinary) == 0
    assert 2.0**255 <= np.max(np.abs(np.ldexp(mixed[:3], -shift))) < 2.0**256
    assert np.array_equal(scaled[:, 0], ordinary, equal_nan=True)  # a column below HUGE is left as it is
    assert np.array_equal(np.ldexp(scaled[:, 1], shift), mixed, equal_nan=True)  # exact both ways
    assert np.isfinite(np.sum(scaled[:3, 1] ** 2))


def test_scaled_column_keeps_a_range_near_the_float_maximum_finite_and_exact():
    # Setup: values up to 1.7e308 either way in two tables (max - min overflows), and an ordinary column
    import warnings

    rng = np.random.default_rng(0)
    real, synthetic = rng.uniform(-1, 1, 50) * 1.7e308, rng.uniform(-1, 1, 40) * 1.6e308
    ordinary = np.array([1.5, -3e99, np.nan])

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (scaled_real, scaled_synthetic, missing), shift = scaled_column(real, synthetic, None)
        (near_one,), top_shift = scaled_column(real, top=0)
        span = scaled_real.max() - scaled_real.min()

    # Assert
    assert missing is None and np.isfinite(span) and span > 0
    assert np.array_equal(np.ldexp(scaled_real, shift), real) and np.array_equal(
        np.ldexp(scaled_synthetic, shift), synthetic
    )
    assert 0.5 <= np.max(np.abs(near_one)) < 1 and top_shift == shift + 256
    (same,), none = scaled_column(ordinary)
    assert same is ordinary and none == 0  # below HUGE: as it is


def test_sdmetrics_bins_of_values_near_the_float_maximum_are_those_of_the_values_scaled_down():
    # Setup
    import warnings

    values = np.random.default_rng(1).uniform(-1, 1, 300) * 1.7e308

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # their range overflowed: numpy warned and the bins were lost
        huge = sdmetrics_bins(values)

    # Assert
    assert huge is not None and np.array_equal(huge, sdmetrics_bins(np.ldexp(values, -800)))


def test_model_matrix_divides_a_column_near_the_float_maximum_by_one_power_of_two():
    # Setup: scikit-learn bins a feature at midpoints (a + b) / 2 of its distinct values, which overflowed
    rng = np.random.default_rng(2)
    frames = [pd.DataFrame({"size": rng.normal(50, 10, 40), "vast": rng.uniform(0.5, 1, 40) * 1.7e308}) for _ in "ab"]
    kinds = {"size": "decimal", "vast": "decimal"}

    # Run
    (first, second), _ = model_matrix(frames, kinds, ["size", "vast"])

    # Assert
    assert np.array_equal(first[:, 0], frames[0]["size"].to_numpy())  # an ordinary column as it is
    ratios = np.concatenate([first[:, 1] / frames[0]["vast"], second[:, 1] / frames[1]["vast"]])
    assert np.all(ratios == ratios[0]) and np.frexp(ratios[0])[0] == 0.5  # one exact power of two in both
    assert np.isfinite(np.sort(first[:, 1])[1:] + np.sort(first[:, 1])[:-1]).all()
