"""Sequential trees' own helpers: leaf size, inputs per column, grow-and-prune halves, rounding, rare rows, redraws."""

import warnings

import numpy as np
import pandas as pd
import pytest

from synth.errors import GeneratorError
from synth.generators.sequential_trees.columns import DAY, Column, describe
from synth.generators.sequential_trees.leaf_draw import TREND
from synth.generators.sequential_trees.model import (
    NUMBERS_ONLY_ROUNDS,
    PUSH_ROUNDS,
    REDRAW_ROUNDS,
    SMALL_TABLE_ROWS,
    SequentialTrees,
    automatic_leaf_size,
)


def quiet(fraction, message):
    pass


def shop(rows=200, seed=0):
    """A seeded table: a two-valued label, a few-valued number, two linked many-valued numbers with gaps."""
    rng = np.random.default_rng(seed)
    size = rng.normal(10, 2, rows).round(1)
    price = (size * 3 + rng.normal(0, 1, rows)).round(2)
    price[rng.random(rows) < 0.2] = np.nan
    return pd.DataFrame(
        {
            "shop": rng.choice(["north", "south"], rows).astype(object),
            "stars": rng.integers(1, 4, rows).astype(float),
            "size": size,
            "price": price,
        }
    )


KINDS = {"shop": "category", "stars": "integer", "size": "decimal", "price": "decimal"}


def fitted(data=None, kinds=KINDS, **options):
    generator = SequentialTrees(**options)
    generator.fit(shop() if data is None else data, kinds, 0, quiet)
    return generator


def model_form(data, kinds):
    return {name: describe(name, data[name], kinds[name])[1] for name in data.columns}


def test_automatic_leaf_size_is_at_least_5_and_grows_with_the_square_root_of_rows():
    # Run
    sizes = [automatic_leaf_size(rows) for rows in (10, 400, 10_000, 1_000_000)]

    # Assert
    assert sizes == [5, 5, 25, 250]


@pytest.mark.parametrize(("option", "expected"), [(0, 5), (1, 3), (12, 12)])
def test_the_leaf_size_option_is_used_with_a_floor_of_3_and_0_means_automatic(option, expected):
    # Run
    generator = fitted(min_rows_per_leaf=option)

    # Assert
    assert {column.value.min_leaf for column in generator._order} == {expected}


def test_each_column_is_modelled_from_every_predictor_visited_before_it():
    # Setup
    data = shop()
    data["ticket"] = [f"t{i}" for i in range(len(data))]  # near-unique: predicts nothing, predicted by nothing
    kinds = {**KINDS, "ticket": "category"}

    # Run
    generator = fitted(data, kinds)
    inputs = generator.column_inputs()
    order = [column.name for column in generator._order]

    # Assert
    assert order == ["shop", "stars", "size", "price", "ticket"]  # few values first, near-unique labels last
    assert [inputs[name] for name in order] == [[], ["shop"], ["shop", "stars"], ["shop", "stars", "size"], []]


def test_an_all_missing_column_has_only_a_missing_model_and_its_inputs_are_listed():
    # Setup
    data = shop(SMALL_TABLE_ROWS)  # long enough for the trees
    data["gone"] = np.nan

    # Run
    generator = fitted(data, {**KINDS, "gone": "decimal"})
    gone = generator._columns["gone"]

    # Assert
    assert gone.value is None and gone.missing is not None
    assert generator.column_inputs()["gone"] == []


def test_a_column_with_gaps_gets_a_missing_model_and_learns_values_from_observed_rows_only():
    # Setup
    data = shop()
    observed = int(data["price"].notna().sum())

    # Run
    price = fitted(data)._columns["price"]

    # Assert
    assert price.missing.classes == 2 and price.missing.inputs == ["shop", "stars", "size"]
    assert len(price.value.values) == observed and not np.isnan(price.value.values).any()
    assert price.value.tree.count[0] == observed // 2  # grown on one half, pruned on the other


def test_only_many_valued_numbers_are_blurred_and_smoothing_0_blurs_nothing():
    # Run
    usual = fitted()._columns
    none = fitted(smoothing=0.0)._columns

    # Assert
    assert usual["size"].value.widths is not None and usual["price"].value.widths is not None
    assert usual["stars"].value.widths is None  # three values: drawn as they are
    assert none["size"].value.widths is None and none["price"].value.widths is None


def test_number_targets_with_several_predictors_get_a_linear_trend_column():
    # Run
    columns = fitted()._columns

    # Assert
    size, stars = columns["size"].value, columns["stars"].value
    assert TREND in size.encodings and size.follow is not None
    assert len(size.encodings[TREND]) == 2 * len(size.inputs) + 1  # means, slopes, level
    assert TREND not in stars.encodings  # one predictor: nothing to combine


def test_rounded_keeps_labels_and_unrounded_columns_and_rounds_the_rest():
    # Setup
    generator = SequentialTrees()
    values = np.array([1.234, 2.5, DAY + 3600.4, np.nan])

    # Run
    label = generator._rounded(Column("c", "label", levels=np.array(["a"])), np.array([0, 0]))
    raw = generator._rounded(Column("x", "number", decimals=None), values)
    cents = generator._rounded(Column("x", "number", decimals=2), values)
    whole = generator._rounded(Column("x", "number", decimals=0), np.array([2.5, 3.5, -1.4]))
    days = generator._rounded(Column("d", "date", decimals=-1), np.array([DAY * 0.4, DAY * 1.6, DAY * 3]))
    seconds = generator._rounded(Column("d", "date", decimals=0), np.array([DAY + 3600.4, 59.6]))
    millis = generator._rounded(Column("d", "date", decimals=3), np.array([DAY + 3600.1234, 59.9996]))

    # Assert
    assert label.tolist() == [0, 0]
    np.testing.assert_array_equal(raw, values)
    np.testing.assert_array_equal(cents, [1.23, 2.5, DAY + 3600.4, np.nan])
    np.testing.assert_array_equal(whole, [2.0, 4.0, -1.0])  # numpy rounds halves to even
    np.testing.assert_array_equal(days, [0.0, 2 * DAY, 3 * DAY])
    np.testing.assert_array_equal(seconds, [DAY + 3600.0, 60.0])
    np.testing.assert_allclose(millis, [DAY + 3600.123, 60.0], rtol=0, atol=1e-6)


def test_made_rows_that_copy_a_rare_real_row_are_unwanted_and_shared_rows_are_not():
    # Setup
    real = pd.DataFrame({"kind": ["a"] * 3 + ["b", "c", "c"], "score": [1.0] * 3 + [2.0, 3.0, 3.0]})
    kinds = {"kind": "category", "score": "decimal"}
    generator = fitted(real, kinds, min_rows_per_leaf=3, distance_from_real=0.0)  # only the rare-row check
    made = {"kind": np.array([0, 1, 2, 1, 0]), "score": np.array([1.0, 2.0, 3.0, 2.04, 2.0])}

    # Run
    unwanted = generator._unwanted(made)

    # Assert
    # a: 3 real rows share it; b: 1 row; c: 2 rows; b at 2.04 is b at 2.0 once rounded like the real column; a at 2 is new
    assert unwanted.tolist() == [False, True, True, True, False]
    assert len(generator._rare) == 2


def test_redraws_keep_labels_and_gaps_and_draw_numbers_again():
    # Setup
    generator = fitted()
    first = generator._draw(300, np.random.default_rng(1), None)

    # Run
    again = generator._draw(300, np.random.default_rng(2), None, fixed=first)

    # Assert
    np.testing.assert_array_equal(again["shop"], first["shop"])
    np.testing.assert_array_equal(np.isnan(again["price"]), np.isnan(first["price"]))
    assert (again["size"] != first["size"]).mean() > 0.5


def test_rows_still_unwanted_after_every_redraw_become_copies_of_acceptable_made_rows(monkeypatch):
    # Setup
    generator = fitted()
    calls, messages = [], []

    def always_the_first_row(made):
        rows = len(made["shop"])
        calls.append({name: values.copy() for name, values in made.items()})
        return np.arange(rows) == 0 if rows > 1 else np.ones(rows, dtype=bool)

    monkeypatch.setattr(generator, "_unwanted", always_the_first_row)

    # Run
    synthetic = generator.sample(50, 3, lambda fraction, message: messages.append(message))

    # Assert
    # the first row is first moved a short way PUSH_ROUNDS times (each checked), then drawn again REDRAW_ROUNDS times
    assert [len(made["shop"]) for made in calls] == [50] + [1] * (PUSH_ROUNDS + REDRAW_ROUNDS)
    redraws = calls[1 + PUSH_ROUNDS :]
    for made in redraws[:NUMBERS_ONLY_ROUNDS]:  # first only numbers are drawn again: label and gaps stay
        assert made["shop"][0] == calls[0]["shop"][0]
        assert np.isnan(made["price"][0]) == np.isnan(calls[0]["price"][0])
    assert sum("Drawing again 1 rows" in message for message in messages) == REDRAW_ROUNDS
    donors = synthetic.iloc[1:].reset_index(drop=True)
    first = synthetic.iloc[[0]].reset_index(drop=True)
    assert len(donors.merge(first, how="inner")) >= 1  # the first row is now one of the others
    assert messages[-1] == "Sampling finished"


def test_no_rows_or_no_columns_and_sampling_before_fitting_are_plain_generator_errors():
    # Setup
    generator = SequentialTrees()

    # Run / Assert
    with pytest.raises(GeneratorError):
        generator.sample(5, 0, quiet)
    with pytest.raises(GeneratorError):
        generator.fit(shop().iloc[:0], KINDS, 0, quiet)
    with pytest.raises(GeneratorError):
        generator.fit(pd.DataFrame(index=range(5)), {}, 0, quiet)


def test_frame_gives_dates_back_in_their_time_zone_to_the_second_and_zero_rows_keep_the_columns():
    # Setup
    rng = np.random.default_rng(4)
    stamps = pd.Timestamp("2024-03-01 08:00", tz="Europe/Paris") + pd.to_timedelta(rng.integers(0, 10**6, 80), "s")
    real = pd.DataFrame({"when": stamps, "kind": rng.choice(["a", "b"], 80).astype(object)})
    generator = fitted(real, {"when": "datetime", "kind": "category"})

    # Run
    synthetic = generator.sample(40, 1, quiet)
    empty = generator.sample(0, 1, quiet)

    # Assert
    assert str(synthetic["when"].dt.tz) == "Europe/Paris"
    assert (synthetic["when"] == synthetic["when"].dt.round("s")).all()
    assert synthetic["when"].between(stamps.min(), stamps.max()).all()
    assert list(empty.columns) == ["when", "kind"] and len(empty) == 0
    assert empty["kind"].dtype == object and str(empty["when"].dt.tz) == "Europe/Paris"


def test_frame_gives_times_written_to_the_millisecond_back_with_their_milliseconds():
    # Setup
    rng = np.random.default_rng(4)
    stamps = pd.Timestamp("2024-03-01 08:00") + pd.to_timedelta(rng.integers(0, 10**9, 120), "ms")
    real = pd.DataFrame({"when": stamps, "kind": rng.choice(["a", "b"], 120).astype(object)})
    generator = fitted(real, {"when": "datetime", "kind": "category"})

    # Run
    made = generator.sample(200, 1, quiet)["when"]

    # Assert: to the millisecond, not whole seconds (before, every made time ended in .000)
    assert (made == made.dt.round("ms")).all()
    assert (made != made.dt.round("s")).mean() > 0.9


def test_rows_too_close_to_a_real_row_are_moved_a_short_way_instead_of_drawn_again():
    # Setup: a 300-row two-number table made from itself (every made row a copy of a real row)
    rng = np.random.default_rng(4)
    real = pd.DataFrame({"a": rng.normal(50, 10, 300).round(1), "b": rng.gamma(2.0, 30.0, 300).round(0)})
    generator = fitted(real, {"a": "decimal", "b": "integer"})
    made = {"a": real["a"].to_numpy().copy(), "b": real["b"].to_numpy().copy()}

    # Run
    moved, unwanted = generator._pushed(made, np.random.default_rng(5), generator._unwanted(made))

    # Assert: most rows are no longer too close (the rest are drawn again), each number moved by a short way
    assert generator._guard.too_close(made).all() and generator._guard.too_close(moved).mean() < 0.2
    np.testing.assert_array_equal(unwanted, generator._unwanted(moved))
    for name in ("a", "b"):
        span = real[name].max() - real[name].min()
        assert np.median(np.abs(moved[name] - made[name])) <= 0.03 * span
        assert abs(moved[name].mean() - made[name].mean()) < 0.02 * real[name].std()
        assert moved[name].min() >= real[name].min() and moved[name].max() <= real[name].max()
    assert np.all(moved["b"] == np.round(moved["b"]))


def seasons(days=730, seed=0):
    """A seeded daily table over two years: a temperature that follows the time of year, frost in the cold."""
    rng = np.random.default_rng(seed)
    dates = pd.Series(pd.date_range("2020-01-01", periods=days, freq="D"))
    warm = -np.cos(2 * np.pi * (dates.dt.dayofyear.to_numpy() - 15) / 365.25)
    temperature = (12 + 8 * warm + rng.normal(0, 2, days)).round(1)
    frost = np.where(temperature < 6, "frost", "none").astype(object)
    return pd.DataFrame({"day": dates, "frost": frost, "temperature": temperature}), warm


def season_of(days: pd.Series) -> np.ndarray:
    return -np.cos(2 * np.pi * (days.dt.dayofyear.to_numpy() - 15) / 365.25)


def test_made_rows_keep_the_link_of_a_value_and_a_category_with_the_time_of_year():
    # Setup
    real, warm = seasons()
    generator = fitted(real, {"day": "datetime", "frost": "category", "temperature": "decimal"})

    # Run
    synthetic = generator.sample(730, 1, quiet)

    # Assert
    made_warm = season_of(synthetic["day"])
    real_link = np.corrcoef(warm, real["temperature"])[0, 1]
    assert real_link > 0.9
    assert abs(np.corrcoef(made_warm, synthetic["temperature"])[0, 1] - real_link) < 0.1
    winter, summer = made_warm < -0.5, made_warm > 0.5
    assert (synthetic["frost"][winter] == "frost").mean() > 0.5 > (synthetic["frost"][summer] == "frost").mean() + 0.4
    assert synthetic["day"].between(real["day"].min(), real["day"].max()).all()
    assert (synthetic["day"] == synthetic["day"].dt.normalize()).all()  # whole days stay whole days


def test_dates_written_as_text_come_back_in_their_own_format_with_their_season():
    # Setup: the table as a CSV gives it, days written day first
    from synth.pipeline import RunConfig, generate

    real, warm = seasons()
    table = real.assign(day=real["day"].dt.strftime("%d/%m/%Y"))

    # Run
    result = generate(table, RunConfig(seed=3, holdout=0.0, extras=()))

    # Assert
    written = result.synthetic["day"]
    assert written.str.fullmatch(r"\d\d/\d\d/20(20|21)").all()
    days = pd.to_datetime(written, format="%d/%m/%Y")
    assert np.corrcoef(season_of(days), result.synthetic["temperature"].astype(float))[0, 1] > 0.8


def test_made_times_stay_on_the_real_hours_and_keep_the_link_with_the_time_of_day():
    # Setup: a month of hourly readings, warmest mid-afternoon
    rng = np.random.default_rng(2)
    times = pd.Series(pd.date_range("2021-06-01", periods=24 * 30, freq="h"))
    daily = -np.cos(2 * np.pi * (times.dt.hour.to_numpy() - 3) / 24)
    real = pd.DataFrame({"time": times, "temp": (18 + 5 * daily + rng.normal(0, 1, len(times))).round(1)})
    generator = fitted(real, {"time": "datetime", "temp": "decimal"})

    # Run
    synthetic = generator.sample(720, 4, quiet)

    # Assert
    assert (synthetic["time"] == synthetic["time"].dt.floor("h")).all()
    made_daily = -np.cos(2 * np.pi * (synthetic["time"].dt.hour.to_numpy() - 3) / 24)
    real_link = np.corrcoef(daily, real["temp"])[0, 1]
    assert real_link > 0.95 and np.corrcoef(made_daily, synthetic["temp"])[0, 1] > real_link - 0.15


def huge_values(rows, top, places, seed=0):
    """A seeded table with a number column holding values near 1e300 among ordinary ones, and one made of them only."""
    rng = np.random.default_rng(seed)
    amount = rng.normal(100, 20, rows).round(places)
    amount[[3, 50, 100]] = [top, -top / 2, top * 0.3]
    return pd.DataFrame(
        {
            "size": rng.normal(50, 10, rows).round(2),
            "group": rng.choice(["x", "y", "z"], rows).astype(object),
            "amount": amount,
            "huge": rng.uniform(-1e300, 1e300, rows),
        }
    )


# the trees, the small-table copula, and six decimals under 5e303 (a near-copy push's gap over its step overflowed)
@pytest.mark.parametrize("rows, top, places", [(300, 1e300, 1), (120, 1e300, 1), (400, 5e303, 6)])
def test_values_near_1e300_round_trip_without_overflow(rows, top, places):
    # Setup
    real = huge_values(rows, top, places)
    kinds = {"size": "decimal", "group": "category", "amount": "decimal", "huge": "decimal"}
    generator = SequentialTrees()

    # Run
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's "overflow encountered" (x * x of 1e300) fails the test
        generator.fit(real, kinds, seed=0, progress=quiet)
        made = generator.sample(rows, seed=1, progress=quiet)

    # Assert
    for column in ("amount", "huge"):
        assert made[column].notna().all()
        assert np.isfinite(made[column]).all()
        assert made[column].between(real[column].min(), real[column].max()).all()
    # the ordinary values of the mixed column keep their shape and their decimals, and are blurred as usual
    ordinary = made["amount"][made["amount"].abs() < 1e10]
    assert len(ordinary) > 0.8 * rows
    assert abs(ordinary.median() - 100) < 10
    assert np.allclose(ordinary, ordinary.round(places), rtol=0, atol=1e-9)
    assert not ordinary.isin(real["amount"]).all()
    # the whole column of huge values spreads over its real range, not piled on a few values
    assert made["huge"].nunique() > rows // 2
    assert 0.3 < (made["huge"] > 0).mean() < 0.7


def _open_rows(rows: int, seed: int = 0, share: float = 0.6, mark: str = "9999-12-31") -> pd.DataFrame:
    """A slowly changing dimension in microseconds: a share of the rows still open, marked 9999-12-31."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1000, rows), unit="D")
    closed = (start + pd.to_timedelta(rng.integers(1, 400, rows), unit="D")).to_numpy().astype("datetime64[us]")
    end = np.where(rng.random(rows) < share, np.datetime64(mark, "us"), closed)
    return pd.DataFrame(
        {"valid_from": start.to_numpy().astype("datetime64[us]"), "valid_to": end, "x": rng.normal(size=rows)}
    )


@pytest.mark.parametrize("rows", [150, 1500])  # the small-table copula and the trees
def test_open_rows_marked_9999_12_31_keep_their_sentinel_and_the_other_dates_stay_ordinary(rows):
    # Setup
    real = _open_rows(rows)
    kinds = {"valid_from": "datetime", "valid_to": "datetime", "x": "decimal"}
    generator = SequentialTrees()

    # Run
    generator.fit(real, kinds, seed=0, progress=lambda *_: None)
    made = generator.sample(rows, seed=1, progress=lambda *_: None)

    # Assert: the sentinel itself, in about its share; the closed rows' end dates near the real ones
    end = made["valid_to"]
    sentinel = end == pd.Timestamp("9999-12-31")
    assert end.dtype == "datetime64[us]"
    assert abs(sentinel.mean() - 0.6) < 0.08
    closed = end[~sentinel]
    assert closed.min() >= pd.Timestamp("2019-06-01")
    assert (closed > pd.Timestamp("2024-12-31")).mean() < 0.01


@pytest.mark.parametrize(
    ("rows", "share", "mark"),
    [
        (150, 0.05, "9999-12-31"),  # the copula: too few rows for a spike by share
        (3000, 0.003, "9999-12-31"),  # the trees: fewer rows than a leaf
        (1500, 0.3, "9999-12-31 23:59:59.999999"),  # as a float, it rounded past the year 10000
    ],
)
def test_a_far_sentinel_comes_back_exactly_however_few_rows_hold_it_and_nothing_lands_in_the_gap(rows, share, mark):
    # Setup
    real = _open_rows(rows, share=share, mark=mark)
    generator = SequentialTrees()
    generator.fit(real, {"valid_from": "datetime", "valid_to": "datetime", "x": "decimal"}, 0, quiet)

    # Run
    end = generator.sample(rows, 1, quiet)["valid_to"]

    # Assert: before, it came back as 9999-10-22 or 10000-01-01, or 16% of made dates fell between 2024 and 9999
    sentinel = end == pd.Timestamp(mark)
    assert sentinel.any() and end.max() == pd.Timestamp(mark)
    assert (end[~sentinel] > pd.Timestamp("2025-06-30")).mean() < 0.01


def test_a_placeholder_date_far_below_the_others_is_kept_and_no_date_is_moved_into_the_gap():
    # Setup: 10% of the dates a 1700-01-01 placeholder, the others 2020-2022 (as nanoseconds hold them)
    rng = np.random.default_rng(0)
    dates = pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1000, 400), unit="D"))
    dates[rng.random(400) < 0.1] = pd.Timestamp("1700-01-01")
    generator = fitted(
        pd.DataFrame({"d": dates, "x": rng.normal(size=400).round(2)}), {"d": "datetime", "x": "decimal"}
    )

    # Run
    made = generator.sample(400, 1, quiet)["d"]

    # Assert: before, rows moved away from real ones went to 1988, and every placeholder to 1823-11-12 00:06:22
    placeholder = made == pd.Timestamp("1700-01-01")
    assert 0.04 < placeholder.mean() < 0.16
    assert made[~placeholder].min() >= pd.Timestamp("2019-01-01")


def test_made_dates_past_2262_come_back_exactly_in_the_real_unit():
    # Setup: a real column's plan and its model values, as describe gives them
    dates = pd.Series(np.array(["2021-05-03", "9999-12-31", "NaT"] * 10, dtype="datetime64[us]"))
    generator = SequentialTrees()
    column, values = describe("valid_to", dates, "datetime")
    generator._columns = {"valid_to": column}

    # Run
    made = generator._frame({"valid_to": values}, len(values))["valid_to"]

    # Assert
    assert made.dtype == "datetime64[us]"
    assert made.equals(dates)
