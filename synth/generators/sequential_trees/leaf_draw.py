"""One column's model for sequential trees: a decision tree whose leaves hold real values to draw from."""

from __future__ import annotations

import numpy as np

from synth.generators.sequential_trees.histogram_tree import HistogramTree

TREND = "\x00linear trend"  # key of the linear trend, the last feature column when present


def label_scores(codes: np.ndarray, levels: int, target: np.ndarray, classes: int, prior: float) -> np.ndarray:
    """A number per level of a category predictor, ordered so that a tree can split it like rpart does.

    For a number target (classes == 0) it is the level's smoothed mean of the target; for a category target
    it is the level's position along the first principal axis of its smoothed class shares (one axis keeps
    a binary target's optimal order and is a good heuristic for more classes).
    """
    counts = np.bincount(codes, minlength=levels).astype(float)
    if classes == 0:
        overall = float(target.mean()) if len(target) else 0.0
        sums = np.bincount(codes, weights=target, minlength=levels)
        return (sums + prior * overall) / (counts + prior)
    table = np.zeros((levels, classes))
    np.add.at(table, (codes, target), 1.0)
    overall = table.sum(axis=0) / max(table.sum(), 1.0)
    shares = (table + prior * overall) / (counts[:, None] + prior)
    if classes == 2:
        return shares[:, 1]
    centred = shares - shares.mean(axis=0)
    if not np.any(centred):
        return np.zeros(levels)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return centred @ axes[0]


class LeafDraw:
    """Fits a tree of the target on its predictors; draws, for new rows, a real target value from their leaf.

    With no predictors the whole column is one leaf, so draws follow its marginal distribution. Number
    targets can be smoothed: a drawn value that few rows share first moves along the leaf's linear trend
    (in rank, mapped back through the real quantiles), then by Gaussian noise whose width follows the spread
    of its leaf (a kernel density estimate per leaf), reflected back between the nearest values many rows share
    (or the real extremes).
    """

    def __init__(self, classes: int, min_leaf: int) -> None:
        self.classes = classes  # 0 for a number target
        self.min_leaf = min_leaf
        self.tree = None
        self.inputs: list[str] = []  # names of the predictor columns, in order
        self.encodings: dict[str, np.ndarray] = {}  # category predictor -> a score per level
        self._slot = np.zeros(1, dtype=np.int64)
        self._kept = np.zeros(1, dtype=np.int64)
        self.period = 0.0  # > 0: smoothing moves a value by whole periods only (dates: see seasons.noise_period)
        # True for a column whose values may span hundreds of powers of ten (encoding.HUGE): each leaf's spread is
        # measured on its values scaled by a power of two (their squares neither overflow nor vanish), and a blurred
        # value inside its bounds is kept as it is, not folded (folding measures from the lower bound, and where the
        # range is ~1e300 times wider than the values that lost every digit of them)
        self.wide_range = False
        # True for dates: a leaf's blur width is measured without the values spikes hold (self.spikes: shared values
        # held by SPIKE_SHARE of the rows or more, and far dates), no trend move lands next to one, and a row moved
        # away from a real one stays among the other values (self.ordinary); numbers are not looked at for this yet.
        # Dates shared by a few rows each (five stocks a month) are no spikes: taken for ones, their fit fell 0.01.
        self.spikes_apart = False
        self.spikes = np.empty(0)
        self.ordinary: tuple[float, float] | None = None

    def fit(
        self, features: np.ndarray | None, target: np.ndarray, grow: np.ndarray | None = None, bandwidth: float = 0.0
    ) -> LeafDraw:
        """features: rows x predictors (floats, NaN allowed) or None; target: values or class codes.

        The tree grows on the rows in `grow` only; the other rows then prune every split that does not
        predict them better (reduced-error pruning), so the tree keeps real patterns and drops the noise
        that would make it copy rows. Every training row then lands in a leaf to be drawn from.
        """
        leaves = np.zeros(len(target), dtype=np.int64)
        rank = None if self.classes else ranks(target)
        if features is not None and features.shape[1] and grow is not None and len(grow) >= 2 * self.min_leaf:
            fit_target = target if self.classes else rank
            self.tree = HistogramTree(self.classes, self.min_leaf).fit(features[grow], fit_target[grow])
            check = np.ones(len(target), dtype=bool)
            check[grow] = False
            self._kept = self._prune(features[check], fit_target[check])
            leaves = self._kept[self.tree.apply(features)]
        order = np.argsort(leaves, kind="stable")
        self.values = target[order]
        ids, self.starts, self.counts = _runs(leaves[order])
        self._slot = np.full(max(int(ids.max()) + 1, 1), -1, dtype=np.int64)
        self._slot[ids] = np.arange(len(ids))
        self.follow = None
        if self.tree is not None and not self.classes and TREND in self.encodings:
            # where the donor stood, in rank, against the trend: a new row is moved by its own trend's gap
            trend = features[order, -1]
            # a new row follows its trend only within the trends its leaf's training rows span: never beyond
            low, high = np.minimum.reduceat(trend, self.starts), np.maximum.reduceat(trend, self.starts)
            self.follow = (rank[order], trend, np.sort(target), low, high)
        self.widths = None
        if bandwidth > 0:
            self.low, self.high = float(np.min(target)), float(np.max(target))
            values, _, counts = _runs(np.sort(target))
            # values many rows share identify nobody: kept exact; so are dates past 2262 or before 1677 that two rows
            # share (9999-12-31 marking open rows, however few: blurred, it became 9999-10-22, a date no row has)
            far = self.spikes_apart & (np.abs(values) >= FAR_SECONDS) & (counts >= 2)
            self.shared = values[(counts >= self.min_leaf) | far]
            if self.spikes_apart:
                self.spikes = values[((counts >= self.min_leaf) & (counts >= SPIKE_SHARE * len(target))) | far]
            alone = target[~member(target, self.spikes)]
            # where the values no spike holds lie: a row moved away from a real one stays among them (a 2020 date of a
            # column with 10% at 1700-01-01 was moved to 1988)
            self.ordinary = (float(np.min(alone)), float(np.max(alone))) if len(alone) else None
            self.widths = self._leaf_widths(bandwidth)
        return self

    def _node_losses(self, features: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Each node's loss on the check rows that pass through it, if that node were a leaf."""
        tree = self.tree
        if self.classes:
            prior = (tree.total[0] + 1.0) / (tree.count[0] + self.classes)
            cost = -np.log((tree.total + prior) / (tree.count[:, None] + 1.0))
        else:
            means = tree.total / np.maximum(tree.count, 1)
        losses = np.zeros(tree.node_count)
        for rows, nodes in tree.paths(features):
            each = cost[nodes, target[rows]] if self.classes else (target[rows] - means[nodes]) ** 2
            losses += np.bincount(nodes, each, minlength=tree.node_count)
        return losses

    def _prune(self, features: np.ndarray, target: np.ndarray) -> np.ndarray:
        """For each node, the node that serves as its leaf once useless splits are pruned away."""
        tree = self.tree
        left, right = tree.left, tree.right
        loss = self._node_losses(features, target) if len(target) else np.zeros(tree.node_count)
        best = loss.copy()
        collapse = np.zeros(tree.node_count, dtype=bool)
        for node in range(tree.node_count - 1, -1, -1):  # children come after their parent
            if left[node] < 0:
                continue
            below = best[left[node]] + best[right[node]]
            if loss[node] <= below + 1e-9:
                collapse[node] = True
            else:
                best[node] = below
        kept = np.arange(tree.node_count)
        for node in range(tree.node_count):
            if left[node] >= 0 and (collapse[node] or kept[node] != node):
                kept[left[node]] = kept[right[node]] = kept[node]
        return kept

    def _leaf_widths(self, bandwidth: float) -> np.ndarray:
        if not self.spikes_apart:
            return self._widths_of(self.values.astype(float), self.starts, self.counts, bandwidth)
        # only values no spike holds are ever blurred: their spread alone sets the width (a leaf of end dates in
        # 2020-2022 with 60% at 9999-12-31 blurred its 2021 dates by thousands of years)
        leaf = np.repeat(np.arange(len(self.starts)), self.counts)
        alone = ~member(self.values, self.spikes)
        widths = np.zeros(len(self.starts))
        kept = np.bincount(leaf[alone], minlength=len(self.starts))
        some = kept > 0
        if some.any():
            starts = np.cumsum(np.r_[0, kept[some][:-1]])
            widths[some] = self._widths_of(self.values[alone].astype(float), starts, kept[some], bandwidth)
        return widths

    def _widths_of(self, values: np.ndarray, starts: np.ndarray, counts: np.ndarray, bandwidth: float) -> np.ndarray:
        scales = None
        if self.wide_range:  # each leaf's largest value brought near 1 (exact: a power of two), scaled back below
            scales = np.frexp(np.maximum.reduceat(np.abs(values), starts))[1]
            values = np.ldexp(values, -np.repeat(scales, counts))
        sums = np.add.reduceat(values, starts)
        squares = np.add.reduceat(values * values, starts)
        means = sums / counts
        spread = np.sqrt(np.maximum(squares / counts - means * means, 0.0))
        # Silverman's rule takes the smaller of the sd and the spread of the middle half (IQR / 1.34): one far value
        # in a leaf inflates its sd, and the blur then carried its other values far past the real 1% or 99% quantile
        # (nyc_airports: a leaf of longitudes -84..-80 and one at 118 blurred by 18 degrees, 38% of its draws past)
        leaf = np.repeat(np.arange(len(starts)), counts)
        ordered = values[np.lexsort((values, leaf))]
        quartiles = [_leaf_quantile(ordered, starts, counts, q) for q in (0.25, 0.75)]
        middle = (quartiles[1] - quartiles[0]) / 1.34
        spread = np.where(middle > 0, np.minimum(spread, middle), spread)
        widths = bandwidth * 0.9 * spread * counts**-0.2
        return widths if scales is None else np.ldexp(widths, scales)

    def leaves_of(self, features: np.ndarray | None, rows: int) -> np.ndarray:
        if self.tree is None:
            return np.zeros(rows, dtype=np.int64)
        return self._slot[self._kept[self.tree.apply(features)]]

    def draw(self, features: np.ndarray | None, rows: int, rng: np.random.Generator) -> np.ndarray:
        """A real target value for each new row, taken from a training row in the same leaf (then smoothed)."""
        if rows == 0 or not len(self.values):
            return np.empty(0, dtype=self.values.dtype)
        leaf = self.leaves_of(features, rows)
        picks = self.starts[leaf] + (rng.random(rows) * self.counts[leaf]).astype(np.int64)
        drawn = self.values[picks]
        if self.widths is None:
            return drawn
        shared = member(drawn, self.shared)
        if self.period:
            return self._by_periods(drawn, shared, rng.standard_normal(rows) * self.widths[leaf])
        if self.follow is not None:
            rank, trend, ordered, low, high = self.follow
            moved_rank = rank[picks] + np.clip(features[:, -1], low[leaf], high[leaf]) - trend[picks]
            # a move past the real extremes would pile values up at the minimum or maximum: keep the donor's value
            inside = (moved_rank >= 0.0) & (moved_rank <= 1.0)
            followed = _on_even_grid(np.clip(moved_rank, 0.0, 1.0), ordered)
            if self.spikes_apart:  # a move onto a spike or into the gap up to it (2023 towards 9999-12-31): kept
                inside &= ~self._near_spike(np.clip(moved_rank, 0.0, 1.0), ordered)
            drawn = np.where(shared | ~inside, drawn, followed)
        noise = rng.standard_normal(rows) * self.widths[leaf]
        low, high = self._between(drawn)
        moved = drawn + noise
        folded = _folded(moved, low, high)
        if self.wide_range:
            folded = np.where((moved >= low) & (moved <= high), moved, folded)
        return np.where(shared, drawn, folded)

    def _near_spike(self, positions: np.ndarray, ordered: np.ndarray) -> np.ndarray:
        """Whether each position (0..1 along the sorted values, as _on_even_grid reads it) falls next to a spike."""
        if len(ordered) < 2 or not len(self.spikes):
            return np.zeros(len(positions), dtype=bool)
        below = np.minimum((positions * (len(ordered) - 1)).astype(np.int64), len(ordered) - 2)
        return member(ordered[below], self.spikes) | member(ordered[below + 1], self.spikes)

    def _between(self, drawn: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each drawn value, the nearest shared values (spikes) below and above it, else the real extremes: the
        blur stays between them. A value blurred across a spike changes the share of values on each side of it, and
        where a spike sits at a real 1% or 99% quantile (a ratio capped at 1, with a few values above) values
        crossed it into the thin tail past it: 3% past the real 99% quantile, against 0.1% in a fresh real sample."""
        spikes = self.shared
        if not len(spikes):
            return np.full(len(drawn), self.low), np.full(len(drawn), self.high)
        above = np.searchsorted(spikes, drawn, side="right")
        below = np.searchsorted(spikes, drawn, side="left") - 1
        low = np.where(below >= 0, spikes[np.maximum(below, 0)], self.low)
        high = np.where(above < len(spikes), spikes[np.minimum(above, len(spikes) - 1)], self.high)
        return low, high

    def _by_periods(self, drawn: np.ndarray, shared: np.ndarray, noise: np.ndarray) -> np.ndarray:
        """The drawn values moved by the noise rounded to whole periods; a move past the real range goes the other
        way instead (a reflection at the bound would move by a part of a period), and past both stays put."""
        steps = np.round(noise / self.period) * self.period
        moved = np.where(shared, drawn, drawn + steps)
        outside = (moved < self.low) | (moved > self.high)
        moved = np.where(outside, drawn - steps, moved)
        return np.where((moved < self.low) | (moved > self.high), drawn, moved)


def _leaf_quantile(ordered: np.ndarray, starts: np.ndarray, counts: np.ndarray, q: float) -> np.ndarray:
    """The q quantile (linear, as np.quantile) of each leaf's values, sorted within each leaf."""
    place = starts + q * (counts - 1)
    below = np.floor(place).astype(np.int64)
    above = np.minimum(below + 1, starts + counts - 1)
    return ordered[below] + (place - below) * (ordered[above] - ordered[below])


def _folded(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """values reflected back into [low, high] as often as needed (a reflection once, then a clip, piled values
    that moved further than the interval is wide onto its ends)."""
    width = high - low
    safe = np.where(width > 0, width, 1.0)
    offset = np.mod(values - low, 2 * safe)
    return np.where(width > 0, low + safe - np.abs(offset - safe), low)


SPIKE_SHARE = 0.02  # a date shared by at least this share of the rows is a spike (see LeafDraw.spikes_apart)
FAR_SECONDS = 9.2e9  # dates as seconds since 1970 past this are outside 1677..2262 (what nanoseconds hold)


def member(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """np.isin(values, ordered) for a sorted array of distinct values, by binary search (no sort of values)."""
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    return ordered[at] == values


def _on_even_grid(positions: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """np.interp(positions, np.linspace(0, 1, len(ordered)), ordered) for positions in 0..1, without a search."""
    if len(ordered) < 2:
        return np.full(len(positions), ordered[0] if len(ordered) else np.nan)
    scaled = positions * (len(ordered) - 1)
    below = np.minimum(scaled.astype(np.int64), len(ordered) - 2)
    return ordered[below] + (scaled - below) * (ordered[below + 1] - ordered[below])


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct values of a sorted array, where each run of them starts, and how long it is."""
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if len(ordered) else np.zeros(0, dtype=int)
    return ordered[starts], starts, np.diff(np.r_[starts, len(ordered)])


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks scaled to 0..1 (ties share their mean rank), so a few large values cannot steer the tree."""
    order = np.argsort(values)
    ordered = values[order]
    starts = np.r_[True, ordered[1:] != ordered[:-1]]
    group = np.cumsum(starts) - 1
    middle = np.flatnonzero(starts) + (np.bincount(group) - 1) / 2.0
    scaled = np.empty(len(values))
    scaled[order] = middle[group]
    return scaled / max(len(values) - 1, 1)
