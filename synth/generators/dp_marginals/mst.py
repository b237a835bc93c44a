"""smartnoise-synth's MST with our noise, a fast pair choice, and a catch-all group that never invents missing or 'Other'."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth.generators.dp_marginals.coarse import Coarsened, group_counts, pair_matrix, runs
from synth.generators.dp_marginals.estimate import estimate

STANDS_OUT = 3.0  # noise deviations a one-column count must clear to be kept apart: MST's own support rule
TAIL_DEVIATIONS = 2.0  # outer bins are left out while their noisy counts together stay below this many deviations
EMPTY_MARGIN = 2.0  # deviations of a difference by which 'missing' must pass 'Other' when neither stands out
TAIL_SHARE = 0.01  # ... and below this share of the rows
REFINE_DEVIATIONS = 3.0  # a coarse cell of a pair whose noisy count clears this many deviations is counted finely


@dataclass(frozen=True)
class Column:
    """What the decoding of one column may use: MST's kept codes, the released noisy one-column counts, and which
    codes mean 'missing' or 'Other' (kept only where their own noisy count stands out from the noise)."""

    support: np.ndarray  # bool per code: kept apart by MST; the rest share one catch-all code
    noisy: np.ndarray  # the noisy one-column counts, as released
    sigma: float
    special: tuple[int, ...]  # the codes for 'missing' and 'Other'
    tail_rows: float = 0.0  # bins only: outer runs of bins holding fewer noisy rows than this are not drawn
    points: tuple[int, ...] = ()  # codes no bin, always drawn: a number column's exact zeros (their look-up count
    # stood out, with less noise than MST's own count of them)

    @property
    def allowed(self) -> np.ndarray:
        """Codes a row may come back as: every value, bin and point (exact zeros), and 'missing' or 'Other' only
        where its noisy count stands out; a column of 'Other' alone (no value named) keeps 'Other' unless only
        'missing' stands out (an empty column comes back empty) or, where neither does, 'missing' is clearly the
        fuller (EMPTY_MARGIN). A number or date column's outer bins whose noisy counts together neither stand out
        from the noise nor reach tail_rows are left out, so rows do not spread to the ends of a range that noise
        alone widened; the trimming stops at the first outer run that does (a longer run whose inner bins drew
        negative noise is not cut past it: that cut real tails)."""
        allowed = np.ones(len(self.noisy), dtype=bool)
        special = np.asarray(self.special, dtype=int)
        allowed[special] = self.noisy[special] >= STANDS_OUT * self.sigma
        missing = len(self.noisy) - 1
        if self.tail_rows > 0:  # over the bins alone: a number column's exact zeros are a point, not a bin
            bins = np.setdiff1d(np.arange(missing), [*special, *self.points])
            outer = np.arange(1, len(bins) + 1)
            for order in (bins, bins[::-1]):
                held = np.cumsum(self.noisy[order])
                loud = held >= np.minimum(TAIL_DEVIATIONS * self.sigma * np.sqrt(outer), self.tail_rows)
                allowed[order[: int(np.argmax(loud)) if loud.any() else len(bins)]] = False
        allowed[list(self.points)] = True
        if allowed[:missing].any():
            return allowed
        only_other = set(range(missing)) <= set(special.tolist())  # no value named, no bin: 'Other' and 'missing'
        if not only_other:  # a column of values or bins always comes back as them
            allowed[:missing] = True
        elif not allowed[missing]:  # neither stands out: 'Other', unless 'missing' is clearly the fuller
            fuller = self.noisy[missing] - self.noisy[:missing].max() > EMPTY_MARGIN * self.sigma * np.sqrt(2.0)
            allowed[missing if fuller else slice(0, missing)] = True
        return allowed  # else only 'missing' stands out: an empty column comes back empty, not 'Other'

    def decode(self, drawn: np.ndarray) -> np.ndarray:
        """Codes of the compressed domain back to the column's codes. A row in the catch-all group gets one of its
        codes in proportion to their noisy counts (MST draws them uniformly, empty bins, 'missing' and 'Other'
        alike); a row that lands on a code not allowed gets an allowed one the same way. Post-processing of
        released counts only."""
        allowed = self.allowed
        weights = np.where(allowed, np.clip(self.noisy, 0.0, None), 0.0)
        kept = np.flatnonzero(self.support)
        rest = np.flatnonzero(~self.support)
        merged = drawn == len(kept)
        codes = np.empty(len(drawn), dtype=np.int64)
        codes[~merged] = kept[np.minimum(drawn[~merged], len(kept) - 1)]
        codes[merged] = _pick(rest, weights[rest], allowed[rest], int(merged.sum()))
        wrong = ~allowed[codes]
        codes[wrong] = _pick(np.arange(len(allowed)), weights, allowed, int(wrong.sum()))
        return codes


def _pick(codes: np.ndarray, weights: np.ndarray, allowed: np.ndarray, count: int) -> np.ndarray:
    """`count` draws from `codes` by weight (from numpy's global generator, seeded by the caller); uniform over the
    allowed ones when no weight is positive; codes not allowed are left to the caller's second pass."""
    if count == 0 or not len(codes):
        return np.zeros(count, dtype=np.int64) if not len(codes) else np.full(count, codes[0], dtype=np.int64)
    if weights.sum() <= 0:
        weights = allowed.astype(float) if allowed.any() else np.ones(len(codes))
    return np.random.choice(codes, count, p=weights / weights.sum()).astype(np.int64)


def combined(measurement, known: tuple[np.ndarray, float] | None):
    """A one-column measurement with the counts the look-up already released for the same codes folded in, each
    weighted by the inverse of its noise variance (post-processing: no budget). The measurement keeps its own
    noise deviation, an upper bound for every code, as the one the model and the 'stands out' rule use."""
    if known is None:
        return measurement
    from mbi import LinearMeasurement

    counts, deviation = known
    own = measurement.stddev
    noisy = np.asarray(measurement.noisy_measurement, dtype=float).copy()
    seen = np.isfinite(counts)
    weight = (1.0 / deviation**2) / (1.0 / deviation**2 + 1.0 / own**2)
    noisy[seen] = weight * counts[seen] + (1.0 - weight) * noisy[seen]
    return LinearMeasurement(noisy, measurement.clique, own)


def _refined(fine: np.ndarray, matrix: np.ndarray, deviation: float, noise, clique: tuple) -> list:
    """A coarsened pair measured in two steps, each with half its rho (noise deviation x sqrt 2), as adaptive grids
    do (Qardaji, Yang and Li 2013): the coarse cells; then the fine cells of those coarse cells whose noisy count
    stands out (two series that move together fill a diagonal of them), or the coarse cells again where none does.
    Each step counts a row at most once; the second is chosen from the first's released counts only."""
    from mbi import LinearMeasurement

    half = deviation * math.sqrt(2.0)
    coarse = matrix @ fine + noise.gaussian(half, matrix.shape[0])
    found = [LinearMeasurement(coarse, clique, half, query=Coarsened(matrix))]
    chosen = (coarse >= REFINE_DEVIATIONS * half) & (matrix.sum(axis=1) > 1)
    cells = np.flatnonzero(matrix[chosen].sum(axis=0))
    query = np.zeros((len(fine), len(fine)))  # as many rows as fine cells, the unused ones zero (they add nothing):
    if len(cells):  # one shape per table whatever the noise picks, so the compiled step is reused
        query[np.arange(len(cells)), cells] = 1.0
    else:
        query[: len(matrix)] = matrix
    counted = int(query.any(axis=1).sum())
    noisy = np.zeros(len(fine))
    noisy[:counted] = query[:counted] @ fine + noise.gaussian(half, counted)
    return found + [LinearMeasurement(noisy, clique, half, query=Coarsened(query))]


def special_codes(size: int, values: tuple[str, ...], other: str) -> tuple[int, ...]:
    """The codes of a column that are not a value of its own: 'missing' (the last) and 'Other' where named."""
    return (*([values.index(other)] if other in values else []), size - 1)


def mst(noise):
    """smartnoise-synth's MST, measuring with our noise source and any rho (its own takes epsilon and delta)."""
    from snsynth.mst.mst import MSTSynthesizer

    class _MST(MSTSynthesizer):
        def measure(self, data, cliques, sigma, weights=None):
            from mbi import LinearMeasurement

            weights = np.ones(len(cliques)) if weights is None else np.asarray(weights, dtype=float)
            weights = weights / np.linalg.norm(weights)
            found = []
            for clique, weight in zip(cliques, weights):
                counts = np.asarray(data.project(clique).datavector())
                found.append(
                    LinearMeasurement(counts + noise.gaussian(sigma / weight, counts.size), clique, sigma / weight)
                )
            return found

        def measure_pairs(self, data, pairs, sigma, ordered: dict, ones: dict):
            """The chosen pairs, each with the noise `measure` gives it, over coarser runs of neighbouring bins where
            the table is too small for the fine ones (coarse.py). `ordered`: how many leading codes of each
            (compressed) column are bins in order; `ones`: its one-column measurement."""
            from mbi import LinearMeasurement

            deviation = sigma * math.sqrt(len(pairs))
            found = []
            for a, b in pairs:
                sizes = (data.domain[a], data.domain[b])
                counts = group_counts(sizes, (ordered[a], ordered[b]), data.records, deviation)
                first = runs(np.asarray(ones[a].noisy_measurement, dtype=float), ordered[a], counts[0])
                second = runs(np.asarray(ones[b].noisy_measurement, dtype=float), ordered[b], counts[1])
                matrix = pair_matrix(first, second)
                fine = np.asarray(data.project((a, b)).datavector())
                if matrix is None:
                    found.append(LinearMeasurement(fine + noise.gaussian(deviation, fine.size), (a, b), deviation))
                    continue
                found += _refined(fine, matrix, deviation, noise, (a, b))
            return found

        def select(self, data, rho, measurement_log, total, cliques=()):
            """MST's choice of column pairs, as smartnoise makes it, but each pair's independent estimate comes from
            the noisy one-column counts directly: smartnoise fits a model and asks it for every pair, one compiled
            query each, which took minutes on 15 columns. The exponential mechanism and its budget are unchanged."""
            import itertools

            import networkx as nx
            from disjoint_set import DisjointSet

            shares = {}
            for measurement in measurement_log:
                counts = np.clip(np.asarray(measurement.noisy_measurement, dtype=float), 0.0, None)
                size = data.domain[measurement.clique[0]]
                shares[measurement.clique[0]] = counts / counts.sum() if counts.sum() > 0 else np.full(size, 1 / size)
            candidates = list(itertools.combinations(data.domain.attrs, 2))
            weights = {}
            for a, b in candidates:
                expected = total * np.outer(shares[a], shares[b]).ravel()
                weights[a, b] = np.linalg.norm(np.asarray(data.project([a, b]).datavector()) - expected, 1)
            tree, joined = nx.Graph(), DisjointSet()
            tree.add_nodes_from(data.domain.attrs)
            epsilon = np.sqrt(8 * rho / (len(data.domain.attrs) - 1))
            for _ in range(len(data.domain.attrs) - 1):
                candidates = [e for e in candidates if not joined.connected(*e)]
                chosen = candidates[
                    self.exponential_mechanism(np.array([weights[e] for e in candidates]), epsilon, 1.0)
                ]
                tree.add_edge(*chosen)
                joined.union(*chosen)
            return list(tree.edges)

        def run(
            self,
            codes: np.ndarray,
            sizes: list[int],
            rho: float,
            iterations: int,
            special=None,
            known=None,
            ranged=(),
            ordinal=(),
            progress=None,
            points=None,
        ) -> None:
            """Measure, compress, choose pairs, measure them, fit. `special` holds each column's 'missing' and
            'Other' codes (default: the last code, 'missing'); `known` each column's counts already released by the
            look-up (NaN where none) and their noise deviation, or None; `ranged` which columns are bins found privately
            (their noisy outer bins may be trimmed); `ordinal` which columns' codes are bins in order (a pair of them
            may be measured on runs of neighbouring bins); `progress(fraction, message)` hears of the fitting;
            `points` each column's codes that are always drawn and no bin (Column.points)."""
            from mbi import Dataset, Domain

            names = [f"col{i}" for i in range(len(sizes))]
            special = special or [(size - 1,) for size in sizes]
            data = Dataset(pd.DataFrame(codes, columns=names), Domain(names, sizes))
            ones = [(name,) for name in names]
            two_way = len(names) > 1  # a single column has no pairs: its whole budget measures it
            sigma = math.sqrt((3.0 if two_way else 1.0) / (2.0 * rho))
            log = [combined(m, k) for m, k in zip(self.measure(data, ones, sigma), known or [None] * len(names))]
            noisy = [np.asarray(m.noisy_measurement, dtype=float) for m in log]
            deviations = [float(m.stddev) for m in log]
            self.ordered = {names[i] for i in ordinal}
            data, log, _ = self.compress_domain(data, log)
            supports = [np.asarray(self.kept[name], dtype=bool) for name in names]
            tails = [TAIL_SHARE * len(codes) if i in ranged else 0.0 for i in range(len(names))]
            points = [tuple(p) for p in points] if points else [()] * len(names)
            parts = zip(supports, noisy, deviations, map(tuple, special), tails, points, strict=True)
            self.columns = [Column(*column) for column in parts]
            self.undo_compress_fn = self._undo
            if two_way:
                pairs = self.select(data, rho / 3.0, log, len(codes))
                kept = [int(supports[i][: sizes[i] - 1].sum()) if i in ordinal else 0 for i in range(len(names))]
                log += self.measure_pairs(data, pairs, sigma, dict(zip(names, kept)), dict(zip(names, log)))
            self.synthesizer, self.rounds = estimate(data.domain, log, float(len(codes)), iterations, progress=progress)

        def compress_domain(self, data, measurements):
            """smartnoise's compression of each column's codes whose noisy count does not stand out (3 deviations)
            into one catch-all code, except a number or date column's codes (`self.ordered`), which all stay apart: a
            catch-all of rare bins from both ends of the range undid the order (the Engel curve's correlation of
            0.92 came back 0.55), and a catch-all of 'missing' alone only scaled its count down."""
            from mbi import LinearMeasurement

            supports, kept = {}, []
            for m in measurements:
                y, column = np.asarray(m.noisy_measurement, dtype=float), m.clique[0]
                support = y >= STANDS_OUT * m.stddev
                if column in self.ordered:
                    support[:] = True  # whether 'missing' comes back is Column.allowed's to say, from its own count
                if support.sum() < 2 and y.size >= 2:
                    support[:] = True
                supports[column] = support
                if support.all():
                    kept.append(m)
                    continue
                rest = np.append(y[support], y[~support].sum())
                rest[-1] /= np.sqrt(y.size - support.sum() + 1.0)  # as smartnoise scales its catch-all count
                kept.append(LinearMeasurement(rest, m.clique, m.stddev))
            return self.transform_data(data, supports), kept, None

        def transform_data(self, data, supports):
            self.kept = dict(supports)  # the codes compress_domain kept apart, per column
            return super().transform_data(data, supports)

        def _undo(self, drawn):
            from mbi import Dataset, Domain

            frame = drawn.df.copy()
            for name, column in zip(drawn.domain.attrs, self.columns, strict=True):
                frame[name] = column.decode(frame[name].to_numpy().astype(np.int64))
            sizes = [len(column.noisy) for column in self.columns]
            return Dataset(frame, Domain(list(drawn.domain.attrs), sizes))

    return _MST(verbose=False)
