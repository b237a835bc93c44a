"""Leaf draws: ranks, category scores, runs, marginal draws, smoothing inside the real range, trees and pruning."""

import numpy as np
import pytest

from synth.generators.sequential_trees.leaf_draw import TREND, LeafDraw, _runs, label_scores, ranks


def two_groups(rows=400, seed=0):
    """One predictor x; the target sits near -10 where x < 0 and near +10 where x >= 0."""
    rng = np.random.default_rng(seed)
    x = rng.normal(0, 1, (rows, 1))
    target = np.where(x[:, 0] < 0, rng.normal(-10, 1, rows), rng.normal(10, 1, rows))
    return x, target


def test_ranks_are_scaled_to_0_1_and_ties_share_their_mean_rank():
    # Setup
    values = np.array([3.0, 1.0, 3.0, 2.0, 5.0])

    # Run
    scaled = ranks(values)

    # Assert
    np.testing.assert_allclose(scaled, [2.5 / 4, 0.0, 2.5 / 4, 1 / 4, 1.0])
    np.testing.assert_allclose(ranks(np.array([100.0, 1e9, -3.0])), [0.5, 1.0, 0.0])  # outliers cannot stretch it
    np.testing.assert_allclose(ranks(np.array([7.0])), [0.0])


def test_runs_give_each_distinct_value_its_start_and_length():
    # Run
    values, starts, lengths = _runs(np.array([1, 1, 2, 5, 5, 5]))
    empty = _runs(np.array([], dtype=np.int64))

    # Assert
    assert values.tolist() == [1, 2, 5]
    assert starts.tolist() == [0, 2, 3]
    assert lengths.tolist() == [2, 1, 3]
    assert [len(part) for part in empty] == [0, 0, 0]


def test_label_scores_for_a_number_target_are_smoothed_means():
    # Setup
    codes = np.array([0, 0, 1, 1, 1])
    target = np.array([1.0, 3.0, 10.0, 10.0, 10.0])  # overall mean 6.8

    # Run
    scores = label_scores(codes, 3, target, classes=0, prior=1.0)

    # Assert
    np.testing.assert_allclose(scores, [(4 + 6.8) / 3, (30 + 6.8) / 4, 6.8])  # an unseen level gets the mean


def test_label_scores_for_a_binary_target_are_smoothed_shares_of_class_1():
    # Setup
    codes = np.array([0, 0, 0, 0, 1, 1, 2])
    target = np.array([1, 0, 0, 0, 1, 1, 0])  # overall share of class 1: 3/7

    # Run
    raw = label_scores(codes, 3, target, classes=2, prior=0.0)
    smoothed = label_scores(codes, 3, target, classes=2, prior=2.0)

    # Assert
    np.testing.assert_allclose(raw, [0.25, 1.0, 0.0])
    np.testing.assert_allclose(smoothed, [(1 + 6 / 7) / 6, (2 + 6 / 7) / 4, (0 + 6 / 7) / 3])


def test_label_scores_for_more_classes_order_levels_along_their_main_difference():
    # Setup: levels 0 and 3 are all class 0, level 2 all class 2, level 1 half and half
    codes = np.repeat([0, 1, 2, 3], 10)
    target = np.concatenate([np.zeros(10), np.r_[np.zeros(5), np.full(5, 2)], np.full(10, 2), np.zeros(10)])

    # Run
    scores = label_scores(codes, 4, target.astype(np.int64), classes=3, prior=1.0)
    alike = label_scores(codes, 4, np.tile([0, 1, 2, 0, 1], 8), classes=3, prior=0.0)

    # Assert
    assert scores[0] == pytest.approx(scores[3])
    assert min(scores[0], scores[2]) < scores[1] < max(scores[0], scores[2])  # the mixed level sits between
    np.testing.assert_allclose(alike, 0.0)  # levels that do not differ get one score


def test_without_predictors_draws_are_real_values_in_their_real_shares():
    # Setup
    target = np.r_[np.full(80, 1.5), np.full(20, 7.25)]

    # Run
    draw = LeafDraw(classes=0, min_leaf=5).fit(None, target)
    drawn = draw.draw(None, 2000, np.random.default_rng(0))

    # Assert
    assert draw.tree is None and draw.widths is None
    assert set(drawn) == {1.5, 7.25}
    assert np.mean(drawn == 1.5) == pytest.approx(0.8, abs=0.03)
    assert draw.draw(None, 0, np.random.default_rng(0)).size == 0


def test_smoothed_draws_are_reflected_back_inside_the_real_range():
    # Setup
    rng = np.random.default_rng(1)
    even = rng.uniform(0, 10, 300)  # many values near both edges: noise crosses them
    edges = np.r_[rng.uniform(0, 0.01, 150), rng.uniform(9.99, 10, 150)]  # wide noise crosses the whole range

    # Run
    reflected = (
        LeafDraw(classes=0, min_leaf=5).fit(None, even, bandwidth=1.0).draw(None, 3000, np.random.default_rng(2))
    )
    wide = LeafDraw(classes=0, min_leaf=5).fit(None, edges, bandwidth=5.0).draw(None, 3000, np.random.default_rng(2))

    # Assert
    assert reflected.min() >= even.min() and reflected.max() <= even.max()
    assert wide.min() >= edges.min() and wide.max() <= edges.max()
    assert np.isin(reflected, even).mean() < 0.01  # values few rows share are blurred, and none piles up on an edge
    assert (reflected < 0.5).mean() == pytest.approx((even < 0.5).mean(), abs=0.03)
    assert (reflected > 9.5).mean() == pytest.approx((even > 9.5).mean(), abs=0.03)


def test_values_at_least_min_leaf_rows_share_are_kept_exact_when_smoothing():
    # Setup
    rng = np.random.default_rng(3)
    target = np.r_[np.full(50, 5.0), np.full(4, 6.0), rng.uniform(0, 10, 100)]  # 5.0: 50 rows; 6.0: only 4

    # Run
    drawn = LeafDraw(classes=0, min_leaf=5).fit(None, target, bandwidth=1.0).draw(None, 3000, np.random.default_rng(4))

    # Assert
    assert np.mean(drawn == 5.0) == pytest.approx(50 / 154, abs=0.03)
    assert np.mean(drawn == 6.0) < 0.005  # too few rows share it: blurred like any other value


def test_a_predictor_splits_two_clearly_different_groups():
    # Setup
    x, target = two_groups()
    new = np.array([[-1.5], [-0.5], [0.5], [1.5]] * 50)

    # Run
    draw = LeafDraw(classes=0, min_leaf=5).fit(x, target, grow=np.arange(0, 400, 2))
    drawn = draw.draw(new, len(new), np.random.default_rng(0))

    # Assert
    assert draw.tree is not None and len(draw.counts) >= 2
    assert (drawn[new[:, 0] < 0] < 0).all()
    assert (drawn[new[:, 0] >= 0] > 0).all()
    assert np.isin(drawn, target).all()


def test_too_few_rows_to_grow_on_give_one_leaf():
    # Setup
    x, target = two_groups(rows=40)

    # Run
    draw = LeafDraw(classes=0, min_leaf=5).fit(x, target, grow=np.arange(9))

    # Assert
    assert draw.tree is None
    assert draw.counts.tolist() == [40]


def test_pruning_collapses_splits_that_do_not_predict_the_check_rows():
    # Setup
    rng = np.random.default_rng(5)
    x = rng.random((600, 3))
    noise = rng.normal(0, 1, 600)
    signal = np.where(x[:, 0] > 0.5, 5.0, 0.0) + noise
    grow = np.arange(0, 600, 2)

    # Run
    noise_draw = LeafDraw(classes=0, min_leaf=5).fit(x, noise, grow)
    signal_draw = LeafDraw(classes=0, min_leaf=5).fit(x, signal, grow)
    grown = len(np.unique(noise_draw.tree.apply(x)))

    # Assert
    assert grown > 5  # the tree did fit the noise on the rows it grew on ...
    assert len(noise_draw.counts) <= 2  # ... and pruning on the other rows took those splits back
    assert len(signal_draw.counts) >= 2


def test_smoothed_draws_follow_the_linear_trend_within_a_leaf():
    # Setup: the last predictor is the trend; it equals each row's rank, so a new row should land at its rank
    rng = np.random.default_rng(6)
    target = rng.uniform(0, 100, 400)
    features = np.column_stack([rng.random(400), ranks(target)])
    new = np.column_stack([rng.random(300), np.full(300, 0.1)])
    following, plain = LeafDraw(classes=0, min_leaf=100), LeafDraw(classes=0, min_leaf=100)
    following.encodings[TREND] = np.zeros(3)  # only its presence matters to the draw

    # Run
    grow = np.arange(0, 400, 2)
    followed = following.fit(features, target, grow, bandwidth=1.0).draw(new, 300, np.random.default_rng(7))
    spread = plain.fit(features, target, grow, bandwidth=1.0).draw(new, 300, np.random.default_rng(7))

    # Assert
    assert following.follow is not None and plain.follow is None
    assert abs(np.median(followed) - np.quantile(target, 0.1)) < 3
    assert followed.std() < spread.std() / 2


def test_seeded_draws_repeat_and_other_seeds_differ():
    # Setup
    x, target = two_groups()
    draw = LeafDraw(classes=0, min_leaf=5).fit(x, target, grow=np.arange(0, 400, 2), bandwidth=1.0)

    # Run
    first = draw.draw(x, 400, np.random.default_rng(9))
    again = draw.draw(x, 400, np.random.default_rng(9))
    other = draw.draw(x, 400, np.random.default_rng(10))

    # Assert
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, other)


def test_smoothing_by_periods_moves_values_by_whole_periods_inside_the_real_range():
    # Setup: hourly times over a year, each at a whole hour; blurred by whole days
    rng = np.random.default_rng(5)
    hour, day = 3600.0, 86_400.0
    values = rng.integers(0, 365 * 24, 600) * hour
    draw = LeafDraw(0, 5)
    draw.period = day
    draw.fit(None, values, bandwidth=1.0)

    # Run
    made = draw.draw(None, 2000, np.random.default_rng(6))

    # Assert: every made time is a real time of day moved by whole days, inside the real range, and most moved
    assert np.all(np.mod(made, hour) == 0)
    assert set(np.mod(made, day)) <= set(np.mod(values, day))
    assert made.min() >= values.min() and made.max() <= values.max()
    assert (~np.isin(made, values)).mean() > 0.5


def test_smoothed_draws_never_cross_a_value_many_rows_share():
    # Setup: a ratio capped at 1 (1.0 on 20% of rows, 0.0 on 15%), with 0.5% of values just above the cap: its 99%
    # quantile is the cap itself
    rng = np.random.default_rng(5)
    ratio = np.r_[np.ones(400), np.zeros(300), rng.uniform(0.02, 0.98, 1290), rng.uniform(1.01, 1.27, 10)]

    # Run
    drawn = (
        LeafDraw(classes=0, min_leaf=11).fit(None, ratio, bandwidth=1.0).draw(None, 20_000, np.random.default_rng(6))
    )

    # Assert: the share of values on each side of the cap, and past the real 1% and 99% quantiles, stays real (blurred
    # across the cap, about 3% of draws landed above it); values between spikes still move
    assert np.quantile(ratio, 0.99) == 1.0
    assert (drawn > 1.0).mean() == pytest.approx((ratio > 1.0).mean(), abs=0.002)
    assert ((drawn > 0.0) & (drawn < 1.0)).mean() == pytest.approx(((ratio > 0) & (ratio < 1)).mean(), abs=0.01)
    assert drawn.min() >= 0.0 and drawn.max() <= ratio.max()
    assert np.isin(drawn[(drawn > 0) & (drawn < 1)], ratio).mean() < 0.01


def test_a_blur_wider_than_the_gap_between_spikes_folds_back_and_forth_without_piling_on_them():
    # Setup: two spikes 1 apart and a few values between them, blurred far wider than the gap
    target = np.r_[np.full(100, 0.0), np.full(100, 1.0), np.linspace(0.1, 0.9, 60), np.linspace(5, 6, 60)]

    # Run
    drawn = (
        LeafDraw(classes=0, min_leaf=5).fit(None, target, bandwidth=5.0).draw(None, 20_000, np.random.default_rng(7))
    )

    # Assert: draws between the spikes stay between them, spread over the gap (not clipped onto its ends)
    inner = drawn[(drawn > 0) & (drawn < 1)]
    assert len(inner) / len(drawn) == pytest.approx(60 / 320, abs=0.015)
    assert np.all((drawn == 0) | (drawn == 1) | ((drawn > 0) & (drawn < 1)) | ((drawn > 1) & (drawn <= 6)))
    assert np.histogram(inner, bins=4, range=(0, 1))[0].min() > 0.15 * len(inner)


def test_one_far_value_in_a_leaf_does_not_widen_the_blur_of_the_others():
    # Setup: 300 values around 0 and one at 100 in the same leaf
    rng = np.random.default_rng(8)
    target = np.r_[rng.normal(0.0, 1.0, 300), 100.0]
    low, high = np.quantile(target, [0.01, 0.99])

    # Run
    drawn = (
        LeafDraw(classes=0, min_leaf=5).fit(None, target, bandwidth=1.0).draw(None, 20_000, np.random.default_rng(9))
    )

    # Assert: the blur follows the spread of the middle half (Silverman's rule), not the sd the far value inflates
    # (about 7: 20% of draws landed past the real 1% or 99% quantile, against 2% in a fresh sample)
    assert ((drawn < low) | (drawn > high)).mean() < 0.03
    assert np.std(drawn[drawn < 50]) == pytest.approx(np.std(target[:300]), rel=0.1)
