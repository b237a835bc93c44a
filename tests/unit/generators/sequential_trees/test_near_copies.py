"""The near-copy check: gaps measured with SDMetrics' distance, made rows closer than their real row's gap flagged."""

import numpy as np
import pandas as pd
import pytest

from synth.generators.sequential_trees import SequentialTrees, near_copies
from synth.generators.sequential_trees.near_copies import NearCopyGuard


def model_form(frame):
    return {c: frame[c].to_numpy() for c in frame.columns}


def test_gaps_are_sdmetrics_distances_to_the_nearest_other_real_row():
    # Setup
    from sdmetrics.single_table.privacy.dcr_utils import calculate_dcr

    rng = np.random.default_rng(3)
    real = pd.DataFrame(
        {"x": rng.normal(0, 1, 30).round(2), "y": rng.integers(0, 50, 30).astype(float), "c": rng.choice([0, 1, 2], 30)}
    )
    real.loc[4, "x"] = np.nan
    metadata = {"columns": {"x": {"sdtype": "numerical"}, "y": {"sdtype": "numerical"}, "c": {"sdtype": "categorical"}}}

    # Run
    guard = NearCopyGuard().fit(model_form(real), labels={"c"})

    # Assert: the referee is SDMetrics' own DCR of each row against the other rows (where their ranges are the
    # full table's: SDMetrics scales by the reference's range)
    checked = 0
    for row in range(len(real)):
        others = real.drop(index=row)
        referee = calculate_dcr(real.iloc[[row]], others, metadata).iloc[0]
        span = others.max(numeric_only=True) - others.min(numeric_only=True)
        if np.allclose(span, real.max(numeric_only=True) - real.min(numeric_only=True)):
            assert guard.gaps[row] == pytest.approx(referee, abs=1e-9)
            checked += 1
    assert checked >= 20


def test_made_rows_closer_than_their_real_rows_gap_are_flagged():
    # Setup: real rows 0, 1, 2 sit 0.1 apart (range 10); the lone 10 sits 0.8 from its nearest neighbour
    real = {"x": np.array([0.0, 1.0, 2.0, 10.0])}
    made = {"x": np.array([0.05, 5.0, 9.0, 6.5])}

    # Run
    usual = NearCopyGuard().fit(real, labels=set()).too_close(made)
    quarter = NearCopyGuard(0.25).fit(real, labels=set()).too_close(made)

    # Assert
    assert usual.tolist() == [True, False, True, True]  # 6.5 is nearest to 10 (0.35 < 0.8)
    assert quarter.tolist() == [True, False, True, False]  # 0.35 >= 0.25 * 0.8


def test_rows_many_real_rows_share_may_be_made_and_categories_count():
    # Setup: two identical real rows have a gap of 0, so that row may be made; a lone row may not
    real = {"x": np.array([1.0, 1.0, 5.0, 9.0]), "c": np.array([0, 0, 1, 1])}

    # Run
    guard = NearCopyGuard().fit(real, labels={"c"})
    flagged = guard.too_close({"x": np.array([1.0, 5.0, 5.0]), "c": np.array([0, 1, 0])})

    # Assert
    assert flagged.tolist() == [False, True, False]  # (5, c=0) differs from (5, c=1) by a whole category


def test_check_is_off_at_zero_and_for_long_tables(monkeypatch):
    # Setup
    real = {"x": np.arange(50.0)}
    made = {"x": np.arange(50.0)}
    monkeypatch.setattr(near_copies, "MAX_CHECKED_ROWS", 40)

    # Run
    off = NearCopyGuard(0.0).fit(real, labels=set())
    long_table = NearCopyGuard().fit(real, labels=set())

    # Assert
    assert not off.active and not off.too_close(made).any()
    assert not long_table.active and not long_table.too_close(made).any()
    assert NearCopyGuard().fit({"x": np.arange(30.0)}, labels=set()).too_close({"x": np.arange(30.0)}).all()


def _violations(real: pd.DataFrame, made: pd.DataFrame) -> int:
    """Made rows closer to their nearest real row than that row is to its nearest other real row, counted with a
    plain pairwise distance written here (numbers scaled by the real range, mean over columns)."""
    span = (real.max() - real.min()).to_numpy()
    a, b = real.to_numpy(), made.to_numpy()
    among_real = (np.abs(a[:, None, :] - a[None, :, :]) / span).mean(axis=2)
    np.fill_diagonal(among_real, np.inf)
    gaps = among_real.min(axis=1)
    to_real = (np.abs(b[:, None, :] - a[None, :, :]) / span).mean(axis=2)
    nearest = to_real.argmin(axis=1)
    return int((to_real.min(axis=1) < gaps[nearest] - 1e-12).sum())


def test_sequential_trees_output_keeps_its_distance_and_the_option_turns_it_off():
    # Setup: a small all-number table, where the trees alone would put many rows right beside real ones
    rng = np.random.default_rng(8)
    base = rng.normal(0, 1, (150, 1))
    real = pd.DataFrame(np.round(base + 0.5 * rng.normal(0, 1, (150, 4)), 2), columns=list("abcd"))
    kinds = {c: "decimal" for c in real.columns}

    def made(**options):
        generator = SequentialTrees(**options)
        generator.fit(real, kinds, 0, lambda f, m: None)
        return generator.sample(300, 1, lambda f, m: None)

    # Run
    guarded, unguarded = made(), made(distance_from_real=0.0)

    # Assert
    assert _violations(real, guarded) == 0
    assert _violations(real, unguarded) > 30


def test_push_away_moves_too_close_rows_straight_away_from_their_real_row_by_rank_and_leaves_the_rest():
    # Setup: real rows (0, 0), (1, 1) ... (100, 100): ranks are x / 100 and each row's gap is (0.01 + 0.01) / 2
    real = {"x": np.arange(101.0), "y": np.arange(101.0)}
    made = {"x": np.array([50.2, 100.0, 25.0]), "y": np.array([50.1, 99.95, 75.0])}
    guard = NearCopyGuard().fit(real, labels=set())

    # Run
    moved = guard.push_away(made, np.random.default_rng(0), margin=1.05)

    # Assert
    # (50.2, 50.1) is 0.0015 from (50, 50): both ranks move up by the same share, the first of 1/4096, 1/2048 ...
    # that reaches 1.05 x 0.01: 0.0015 + share >= 0.0105 takes 1/64, 1.5625 in x and y
    assert (moved["x"][0], moved["y"][0]) == pytest.approx((51.7625, 51.6625))
    # (100, 99.95) next to (100, 100): x cannot pass the last real value, so both move down
    assert (moved["x"][1], moved["y"][1]) == pytest.approx((98.4375, 98.3875))
    assert (moved["x"][2], moved["y"][2]) == (25.0, 75.0)  # far from every real row: untouched
    assert made["x"].tolist() == [50.2, 100.0, 25.0]  # the input is not changed in place


def test_push_away_leaves_a_row_that_would_need_a_long_move():
    # Setup: each category is shared by two real rows 50 apart (gap (0.5 + 0) / 2 = 0.25): a made row beside real
    # row 50 in x and with its category would have to move about half the real values away
    real = {"x": np.arange(101.0), "c": np.arange(101) % 50}
    guard = NearCopyGuard().fit(real, labels={"c"})

    # Run
    moved = guard.push_away({"x": np.array([50.2]), "c": np.array([0])}, np.random.default_rng(0), margin=1.05)

    # Assert
    assert moved["x"][0] == 50.2 and guard.too_close(moved).all()


def test_push_away_keeps_a_skewed_columns_shape_where_a_move_by_range_would_not():
    # Setup: a long-tailed column (most values small, a few huge) beside an even one; every made row a real row
    rng = np.random.default_rng(2)
    real = {"pay": np.round(rng.lognormal(3.0, 1.2, 400)), "age": np.round(rng.uniform(20, 70, 400))}
    guard = NearCopyGuard().fit(real, labels=set())

    # Run
    moved = guard.push_away({n: v.copy() for n, v in real.items()}, np.random.default_rng(3), margin=1.05)

    # Assert: the median and the mean of the skewed column barely move (a share of its range is far past the median)
    assert abs(np.median(moved["pay"]) - np.median(real["pay"])) <= 0.1 * np.median(real["pay"])
    assert abs(moved["pay"].mean() - real["pay"].mean()) <= 0.1 * real["pay"].std()


def test_push_away_rounds_the_move_up_moves_only_the_columns_named_and_skips_missing_values():
    # Setup: whole numbers 0..200 on the diagonal (gaps 1/200 in each number); c is a category
    real = {name: np.arange(0.0, 201.0) for name in "xyz"} | {"c": np.zeros(201, int)}
    made = {
        "x": np.array([70.0, 70.0]),
        "y": np.array([70.0, np.nan]),
        "z": np.array([70.0, 70.0]),
        "c": np.zeros(2, int),
    }
    guard = NearCopyGuard().fit(real, labels={"c"})

    # Run
    moved = guard.push_away(made, np.random.default_rng(1), margin=1.05, steps={"x": 1.0, "y": 1.0})

    # Assert: the gap is (3 x 1/200 + 0) / 4 columns; x and y must together move 1.05 x 3 = 3.15 units: a rank
    # move of 1/128 (1.5625 units each) is the first enough once rounded up to 2 each
    assert abs(moved["x"][0] - 70.0) == 2.0 and abs(moved["y"][0] - 70.0) == 2.0
    assert moved["z"][0] == 70.0 and moved["c"].tolist() == [0, 0]
    # the second row's y is missing (1 against any real row): it is far enough already
    assert moved["x"][1] == 70.0 and np.isnan(moved["y"][1])


def test_a_short_move_keeps_a_value_many_real_rows_hold():
    # Setup: a rain column dry on 60% of days, a wind column; every made row a copy of a real row (all too close)
    rng = np.random.default_rng(7)
    rain = np.where(rng.random(400) < 0.6, 0.0, rng.gamma(1.5, 4.0, 400).round(1))
    real = {"rain": rain, "wind": rng.normal(3.0, 1.0, 400).round(2)}
    guard = NearCopyGuard().fit(real, labels=set())
    made = {name: values.copy() for name, values in real.items()}

    # Run
    moved = guard.push_away(made, np.random.default_rng(8), 1.05, {"rain": 0.1, "wind": 0.01})

    # Assert: dry days stay dry (a value within a run of 234 equal real values is seldom moved off it by a short
    # move; placed at the run's end, half of them were) and the rows move by their other column instead
    assert (real["rain"] == 0).mean() == 0.585 and guard.too_close(made).mean() > 0.7
    assert (moved["rain"] == 0).mean() > 0.57
    assert (moved["wind"] != made["wind"]).mean() > 0.5


def test_a_move_that_would_pass_the_first_real_value_goes_the_other_way_never_onto_the_last():
    # Setup: a count that is 0 on 60% of rows (w 0..299) with a tail up to 150 (w 400 and more); every made row is 0
    # with the w of a real row holding 1, so it sits closer to that row than the row's nearest real neighbour
    tail = np.r_[np.ones(60), np.arange(2.0, 40.0), np.full(2, 150.0)]
    real = {"count": np.r_[np.zeros(300), tail], "w": np.r_[np.arange(300.0), 400.0 + 10.0 * np.arange(len(tail))]}
    guard = NearCopyGuard().fit(real, labels=set())
    made = {"count": np.zeros(600), "w": np.repeat(400.0 + 10.0 * np.arange(60), 10)}

    # Run
    moved = guard.push_away(made, np.random.default_rng(12), 1.05, {"count": 1.0})

    # Assert: a zero placed near the bottom of its run of zeros and moved down went to the other side of the real
    # row's rank, past the last real value, and was clipped onto the maximum (150); now none leaves the real 99%
    assert guard.too_close(made).all()
    assert np.all(moved["count"] <= np.quantile(real["count"], 0.99))
    assert abs(moved["count"].mean() - made["count"].mean()) < 0.1 * real["count"].std()
