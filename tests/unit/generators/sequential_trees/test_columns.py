"""Column plans for sequential trees: roles, rounding, blurring, near-unique labels and the visit order."""

import numpy as np
import pandas as pd

from synth.generators.sequential_trees.columns import DAY, describe, predictors, visit_order
from synth.generators.sequential_trees.leaf_draw import LeafDraw


def test_numbers_keep_their_decimals_and_only_many_valued_ones_are_blurred():
    # Run
    price, price_values = describe("price", pd.Series(np.arange(50) * 0.25), "decimal")
    stars, _ = describe("stars", pd.Series([1, 2, 3, 4, 5] * 10), "integer")

    # Assert
    assert (price.role, price.decimals, price.blur) == ("number", 2, True)
    assert (stars.role, stars.decimals, stars.blur) == ("number", 0, False)
    assert price_values.dtype == float


def test_numbers_with_more_than_six_places_are_never_rounded():
    # Setup: logarithms carry every place a float has; rounding them would move the maximum past its real value
    logs = pd.Series(np.log(np.arange(2, 60, dtype=float)))

    # Run
    column, _ = describe("log_population", logs, "decimal")

    # Assert
    assert column.decimals is None


def test_decimals_are_read_from_every_distinct_value_not_the_first_rows():
    # Setup
    values = pd.Series([1.0] * 3000 + [1.125])

    # Run
    column, _ = describe("amount", values, "decimal")

    # Assert
    assert column.decimals == 3


def test_dates_become_seconds_rounded_to_whole_days_when_all_are():
    # Setup
    days = pd.Series(pd.Timestamp("2024-01-01") + pd.to_timedelta(np.arange(30), unit="D"))

    # Run
    column, values = describe("joined", days, "datetime")

    # Assert
    assert (column.role, column.decimals) == ("date", -1)
    assert np.all(np.diff(values) == DAY)


def test_dates_keep_the_finest_step_they_are_written_at_milliseconds_and_microseconds_included():
    # Setup
    start = pd.Timestamp("2024-03-01 08:00")
    seconds = pd.Series(start + pd.to_timedelta(np.arange(30) * 61, unit="s"))
    millis = pd.Series(start + pd.to_timedelta(np.arange(30) * 1_237, unit="ms"))
    micros = pd.Series(start + pd.to_timedelta(np.arange(30) * 1_000_001, unit="us"))

    # Run
    places = [describe("at", dates, "datetime")[0].decimals for dates in (seconds, millis, micros)]

    # Assert
    assert places == [0, 3, 6]


def test_near_unique_labels_predict_nothing_and_are_visited_last():
    # Setup
    names = pd.Series([f"person {i}" for i in range(40)])
    cities = pd.Series(["Lyon", "Nice"] * 20)

    # Run
    name, name_codes = describe("name", names, "category")
    city, city_codes = describe("city", cities, "category")
    order = visit_order([name, city], {"name": name_codes, "city": city_codes})

    # Assert
    assert not name.predictor and city.predictor
    assert [column.name for column in order] == ["city", "name"]


def test_predictors_turn_a_category_into_target_ordered_scores():
    # Setup
    city, codes = describe("city", pd.Series(["Lyon", "Nice"] * 20), "category")
    target = LeafDraw(0, 5)
    target.inputs = ["city"]
    values = np.where(codes == 0, 1.0, 9.0)

    # Run
    matrix = predictors(target, {"city": city}, {"city": codes}, None, (np.arange(40), values))

    # Assert
    assert matrix.shape == (40, 1)
    assert matrix[codes == 1, 0].min() > matrix[codes == 0, 0].max()


def test_dates_are_visited_first_unless_asked_to_take_their_place_by_count():
    # Setup
    days = pd.Series(pd.date_range("2020-01-01", periods=60, freq="D"))
    city, city_codes = describe("city", pd.Series(["Lyon", "Nice"] * 30), "category")
    day, day_values = describe("day", days, "datetime")
    model = {"city": city_codes, "day": day_values}

    # Run
    first = visit_order([city, day], model)
    by_count = visit_order([city, day], model, dates_first=False)

    # Assert
    assert [column.name for column in first] == ["day", "city"]
    assert [column.name for column in by_count] == ["city", "day"]


def test_a_date_predictor_brings_its_time_of_year_and_weekday_along():
    # Setup: two years of days; the target follows the season
    days = pd.Series(pd.date_range("2020-01-01", periods=730, freq="D"))
    day, values = describe("day", days, "datetime")
    target = LeafDraw(0, 5)
    target.inputs = ["day"]
    warm = -np.cos(2 * np.pi * days.dt.dayofyear.to_numpy() / 365.25)

    # Run
    matrix = predictors(target, {"day": day}, {"day": values}, None, (np.arange(730), warm))

    # Assert: the date, the cosine and sine of its time of year, its weekday, and the linear trend over them,
    # which follows the season
    assert day.cycles == ("year", "week")
    assert matrix.shape == (730, 5)
    assert np.corrcoef(matrix[:, 4], warm)[0, 1] > 0.95
    np.testing.assert_array_equal(matrix[:, 0], values)
    assert np.corrcoef(matrix[:, 1], warm)[0, 1] < -0.99
    assert matrix[:, 3].tolist() == days.dt.weekday.astype(float).tolist()


def test_a_date_column_past_2262_is_described_in_its_own_unit():
    # Setup: end dates in microseconds, most of them the 9999-12-31 that marks an open row
    dates = pd.Series(np.array(["2021-05-03", "9999-12-31", "9999-12-31", "NaT"], dtype="datetime64[us]"))

    # Run
    column, values = describe("valid_to", dates, "datetime")

    # Assert: seconds since 1970, whole days, made back in microseconds
    assert (column.role, column.decimals, column.unit) == ("date", -1, "us")
    assert values[1] == (pd.Timestamp("9999-12-31") - pd.Timestamp("1970-01-01")).total_seconds()
    assert np.isnan(values[3])
