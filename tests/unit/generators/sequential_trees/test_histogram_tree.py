"""The numpy decision tree and the pruned leaf draws built on it."""

import numpy as np

from synth.generators.sequential_trees.histogram_tree import HistogramTree
from synth.generators.sequential_trees.leaf_draw import LeafDraw


def test_regression_tree_finds_a_step_and_keeps_leaves_large():
    # Setup
    rng = np.random.default_rng(0)
    x = rng.random((400, 2))
    y = np.where(x[:, 0] > 0.5, 10.0, 0.0) + rng.normal(0, 0.1, 400)

    # Run
    tree = HistogramTree(classes=0, min_leaf=20).fit(x, y)
    leaves = tree.apply(x)

    # Assert
    assert np.bincount(leaves)[np.unique(leaves)].min() >= 20
    for leaf in np.unique(leaves):
        inside = x[leaves == leaf, 0]
        assert (inside > 0.5).all() or (inside <= 0.5).all()


def test_classification_tree_separates_classes_and_routes_missing_values():
    # Setup
    rng = np.random.default_rng(1)
    x = rng.random((300, 1))
    x[:50, 0] = np.nan
    y = np.where(np.isnan(x[:, 0]), 2, (x[:, 0] > 0.3).astype(int))

    # Run
    tree = HistogramTree(classes=3, min_leaf=5).fit(x, y)
    leaves = tree.apply(x)

    # Assert
    majority = {leaf: np.bincount(y[leaves == leaf]).argmax() for leaf in np.unique(leaves)}
    assert np.mean([majority[leaf] == label for leaf, label in zip(leaves, y, strict=True)]) > 0.95
    assert set(y[np.isin(leaves, leaves[:50])]) == {2}  # missing values end up on their own
    assert tree.count[0] == 300 and tree.total[0].tolist() == np.bincount(y).tolist()


def test_pruning_on_held_back_rows_drops_splits_that_fit_noise():
    # Setup
    rng = np.random.default_rng(2)
    x = rng.random((1000, 3))
    noise = rng.integers(0, 4, 1000)
    signal = (x[:, 0] > 0.5).astype(int)
    grow = np.arange(0, 1000, 2)

    # Run
    noise_draw = LeafDraw(classes=4, min_leaf=5).fit(x, noise, grow)
    signal_draw = LeafDraw(classes=2, min_leaf=5).fit(x, signal, grow)

    # Assert
    assert len(noise_draw.counts) <= 3  # nearly everything pruned back to the root
    assert len(signal_draw.counts) >= 2
    drawn = signal_draw.draw(x, 1000, np.random.default_rng(0))
    assert (drawn == signal).mean() > 0.95


def test_many_classes_split_search_scores_every_cut_as_the_dense_table_does(monkeypatch):
    # Setup
    from synth.generators.sequential_trees import histogram_tree

    rng = np.random.default_rng(3)
    where, bins, target = rng.integers(0, 6, 3000), rng.integers(0, 33, 3000), rng.integers(0, 200, 3000)
    tree = HistogramTree(classes=200, min_leaf=5)

    # Run
    monkeypatch.setattr(histogram_tree, "SPARSE_CLASSES", 10_000)
    dense = tree._gains(where, bins, target, 6, 33)
    monkeypatch.setattr(histogram_tree, "SPARSE_CLASSES", 64)
    sparse = tree._gains(where, bins, target, 6, 33)

    # Assert
    for expected, got in zip(dense, sparse, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-9)


def test_a_tree_over_many_classes_groups_the_rows_of_each_predictor_value():
    # Setup: 300 classes, each belonging to one of three groups the predictor tells apart
    rng = np.random.default_rng(4)
    group = rng.integers(0, 3, 3000)
    y = group * 100 + rng.integers(0, 100, 3000)
    x = group[:, None].astype(float)

    # Run
    leaves = HistogramTree(classes=300, min_leaf=20).fit(x, y).apply(x)

    # Assert
    for leaf in np.unique(leaves):
        assert len(np.unique(group[leaves == leaf])) == 1
