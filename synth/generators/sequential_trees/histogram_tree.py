"""A small decision tree in numpy on binned features, grown level by level: quick to import and to fit."""

from __future__ import annotations

import numpy as np

BINS = 32  # quantile bins per feature; missing values get a bin of their own (0), left of the lowest
MAX_DEPTH = 32
# above this many classes the split search counts only the (node, bin, class) triples that occur: a dense table
# of nodes x bins x classes (a plane's tail number has 4,000 classes) took minutes on 300,000 rows
SPARSE_CLASSES = 64


class HistogramTree:
    """Splits "bin <= t goes left"; regression minimises squared error, classification Gini impurity.
    Every leaf keeps at least min_leaf rows. Parents always have smaller node numbers than their children."""

    def __init__(self, classes: int, min_leaf: int) -> None:
        self.classes = classes  # 0 for regression
        self.min_leaf = max(int(min_leaf), 1)

    def _binned(self, features: np.ndarray) -> np.ndarray:
        out = np.zeros(features.shape, dtype=np.int64)
        for j, edges in enumerate(self.edges):
            column = features[:, j]
            out[:, j] = np.where(np.isnan(column), 0, np.searchsorted(edges, column, side="right") + 1)
        return out

    def _stats(self, keys: np.ndarray, target: np.ndarray, slots: int) -> tuple[np.ndarray, np.ndarray]:
        """Per slot: row count and, for regression, the target sum or, for classification, class counts."""
        if self.classes:
            counts = np.bincount(keys * self.classes + target, minlength=slots * self.classes)
            counts = counts.reshape(slots, self.classes).astype(float)
            return counts.sum(axis=1), counts
        return np.bincount(keys, minlength=slots).astype(float), np.bincount(keys, target, minlength=slots)

    def _score(self, count: np.ndarray, total: np.ndarray) -> np.ndarray:
        """Sum of squared totals over count: the larger, the purer (squared error and Gini alike)."""
        squares = (total**2).sum(axis=-1) if self.classes else total**2
        return np.where(count > 0, squares / np.maximum(count, 1), 0.0)

    def _gains(
        self, where: np.ndarray, bins: np.ndarray, target: np.ndarray, nodes: int, slots: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each node and cut "bin <= t": rows on the left, the purity gain of the cut, and the node's purity."""
        if self.classes > SPARSE_CLASSES:
            return _sparse_class_gains(where, bins, target, nodes, slots, self.classes)
        count, total = self._stats(where * slots + bins, target, nodes * slots)
        count = count.reshape(nodes, slots).cumsum(axis=1)
        total = total.reshape(nodes, slots, -1).cumsum(axis=1)
        if not self.classes:
            total = total[..., 0]
        whole_count, whole_total = count[:, -1:], total[:, -1:]
        parent = self._score(whole_count, whole_total)
        return count, self._score(count, total) + self._score(whole_count - count, whole_total - total) - parent, parent

    def fit(self, features: np.ndarray, target: np.ndarray) -> HistogramTree:
        quantiles = np.linspace(0, 1, BINS + 1)[1:-1]
        self.edges = [
            np.unique(np.nanquantile(c, quantiles)) if (~np.isnan(c)).any() else np.zeros(0) for c in features.T
        ]
        binned, slots = self._binned(features), BINS + 1
        target = target.astype(np.int64) if self.classes else target.astype(float)
        left, right, feature, threshold = [-1], [-1], [-1], [-1]
        node = np.zeros(len(target), dtype=np.int64)
        frontier = np.zeros(1, dtype=np.int64)
        for _ in range(MAX_DEPTH):
            local = np.full(len(left), -1)
            local[frontier] = np.arange(len(frontier))
            rows = np.flatnonzero(local[node] >= 0)
            where = local[node[rows]]
            best = np.zeros(len(frontier))
            best_feature = np.full(len(frontier), -1)
            best_bin = np.zeros(len(frontier), dtype=np.int64)
            for j in range(binned.shape[1]):
                count, gain, parent = self._gains(where, binned[rows, j], target[rows], len(frontier), slots)
                whole_count = count[:, -1:]
                gain[gain <= 1e-9 * np.maximum(parent, 1.0)] = 0.0  # rounding noise, not a split
                gain[(count < self.min_leaf) | (whole_count - count < self.min_leaf)] = 0.0
                pick = gain.argmax(axis=1)
                better = gain[np.arange(len(frontier)), pick] > best
                best = np.where(better, gain[np.arange(len(frontier)), pick], best)
                best_feature = np.where(better, j, best_feature)
                best_bin = np.where(better, pick, best_bin)
            splitting = np.flatnonzero(best_feature >= 0)
            if not len(splitting):
                break
            children = len(left) + 2 * np.arange(len(splitting))
            for parent, child, j, cut in zip(
                frontier[splitting], children, best_feature[splitting], best_bin[splitting], strict=True
            ):
                left[parent], right[parent], feature[parent], threshold[parent] = child, child + 1, j, cut
                left += [-1, -1]
                right += [-1, -1]
                feature += [-1, -1]
                threshold += [-1, -1]
            moving = best_feature[where] >= 0
            rows, where = rows[moving], where[moving]
            goes_left = binned[rows, best_feature[where]] <= best_bin[where]
            node[rows] = np.asarray(left)[node[rows]] + np.where(goes_left, 0, 1)
            frontier = np.concatenate([children, children + 1])
        self.left, self.right = np.asarray(left), np.asarray(right)
        self.feature = np.asarray(feature)
        # "bin <= t" in values: missing, or below the t-th edge (t = 0: missing only)
        self.cut = np.array(
            [-np.inf if t <= 0 else self.edges[f][t - 1] for f, t in zip(feature, threshold, strict=True)]
        )
        self.count, self.total = self._stats(node, target, len(self.left))
        for parent in range(len(self.left) - 1, -1, -1):  # sum each subtree's rows into its root
            if self.left[parent] >= 0:
                for child in (self.left[parent], self.right[parent]):
                    self.count[parent] += self.count[child]
                    self.total[parent] += self.total[child]
        return self

    @property
    def node_count(self) -> int:
        return len(self.left)

    def paths(self, features: np.ndarray):
        """Yield, level by level, the rows that just entered a node and that node (the root first)."""
        node = np.zeros(len(features), dtype=np.int64)
        rows = np.arange(len(features))
        yield rows, node[rows]
        while len(rows):
            rows = rows[self.left[node[rows]] >= 0]
            at = node[rows]
            values = features[rows, self.feature[at]]
            goes_left = np.isnan(values) | (values < self.cut[at])
            node[rows] = np.where(goes_left, self.left[at], self.right[at])
            yield rows, node[rows]

    def apply(self, features: np.ndarray) -> np.ndarray:
        """The leaf each row ends in. Rows still inside the tree move down together, a level at a time; a right
        child is always its left sibling's number plus one, and NaN >= cut is False, so missing values go left."""
        leaf = np.zeros(len(features), dtype=np.int64)
        rows, node = np.arange(len(features)), np.zeros(len(features), dtype=np.int64)
        flat, width = np.ascontiguousarray(features).ravel(), features.shape[1] if features.ndim == 2 else 1
        while len(rows):
            child = self.left[node]
            inside = child >= 0
            if not inside.all():
                leaf[rows[~inside]] = node[~inside]
                rows, node, child = rows[inside], node[inside], child[inside]
            if len(rows):
                node = child + (flat[rows * width + self.feature[node]] >= self.cut[node])
        return leaf


def _sparse_class_gains(
    where: np.ndarray, bins: np.ndarray, target: np.ndarray, nodes: int, slots: int, classes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """HistogramTree._gains for many classes, exactly, from the (node, class, bin) triples that occur.

    Left of cut t, the purity is the sum over classes of (rows of that class up to bin t) squared, over the rows;
    it grows bin by bin by cum^2 - (cum - n)^2 for each class with n rows in the bin. The right side's sum of
    squares is sum(total^2) - 2 sum(total * cum) + sum(cum^2), which grows the same way.
    """
    keys, n = np.unique((where * classes + target) * slots + bins, return_counts=True)  # sorted: node, class, bin
    group = keys // slots  # node * classes + class
    starts = np.r_[True, group[1:] != group[:-1]]
    running = np.cumsum(n)
    before = (running - n)[starts]  # rows counted before each (node, class) run starts
    run = np.cumsum(starts) - 1
    cum = running - before[run]
    ends = np.r_[np.flatnonzero(starts)[1:] - 1, len(cum) - 1] if len(cum) else np.zeros(0, dtype=np.int64)
    totals = cum[ends].astype(float)[run]
    cum = cum.astype(float)
    cell = (group // classes) * slots + keys % slots
    size = nodes * slots
    count = np.bincount(cell, n.astype(float), minlength=size).reshape(nodes, slots).cumsum(axis=1)
    left_squares = np.bincount(cell, cum**2 - (cum - n) ** 2, minlength=size).reshape(nodes, slots).cumsum(axis=1)
    cross = np.bincount(cell, totals * n, minlength=size).reshape(nodes, slots).cumsum(axis=1)
    whole_count, whole_squares = count[:, -1:], left_squares[:, -1:]
    right_squares = whole_squares - 2 * cross + left_squares
    right_count = whole_count - count
    parent = np.where(whole_count > 0, whole_squares / np.maximum(whole_count, 1), 0.0)
    left = np.where(count > 0, left_squares / np.maximum(count, 1), 0.0)
    right = np.where(right_count > 0, right_squares / np.maximum(right_count, 1), 0.0)
    return count, left + right - parent, parent
