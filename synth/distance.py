"""Distance to closest record with SDMetrics' DCR definition, fast: a nearest-neighbour search, then exact re-ranking.

SDMetrics' distance between two rows is the mean over columns of: for numbers and dates, |a - b| divided by the
reference column's range, capped at 1 (a constant reference column gives 0 if equal, else 1); for categories,
0 if equal, else 1; missing against present is 1, missing against missing is 0. So 0 = identical rows, 1 =
nothing in common. We search by Manhattan distance on a scaled encoding that equals this distance whenever values
lie inside the reference range (categories one-hot): with scipy's k-d tree when the encoding is narrow, else with
scikit-learn's sparse brute force. Then the exact distance is recomputed for ten candidates; only values outside
the reference range can make a result a slight overestimate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, one_thread, scaled_column, shared_codes

CANDIDATES = 10
DENSE_WIDTH = 64  # search encodings up to this many columns go to scipy's k-d tree; wider ones stay sparse


class _Encoded:
    """Columns of a reference table and the tables compared with it, in both search and exact form."""

    def __init__(self, reference: pd.DataFrame, others: list[pd.DataFrame], kinds: dict[str, str], columns):
        from scipy import sparse

        frames = [reference, *others]
        self.exact: list[list[tuple]] = [[] for _ in frames]  # per frame, per column: (kind, values, range)
        search: list[list[np.ndarray]] = [[] for _ in frames]
        onehot: list[list] = [[] for _ in frames]
        for column in columns:
            if kinds[column] in CONTINUOUS:
                values = [numeric_values(f[column]) for f in frames]
                values = [np.where(np.isinf(v), np.nan, v) for v in values]  # an infinite value counts as missing
                values, _ = scaled_column(*values)  # values near the float maximum: a range that overflows no more
                low, high = np.nanmin(values[0], initial=np.inf), np.nanmax(values[0], initial=-np.inf)
                span = high - low if np.isfinite(low) else 0.0
                has_missing = any(np.isnan(v).any() for v in values)
                for i, v in enumerate(values):
                    self.exact[i].append(("number", v, span))
                    scaled = (v - low) / span if span > 0 else (v != low).astype(float)
                    if has_missing:  # |a-b| for two values, 1 against a missing one, 0 for two missing
                        missing = np.isnan(scaled)
                        search[i] += [
                            np.where(missing, 0, scaled / 2),
                            np.where(missing, 0, (1 - scaled) / 2),
                            missing * 0.5,
                        ]
                    else:
                        search[i].append(scaled)
            else:
                codes, size, _ = shared_codes(*(f[column] for f in frames))
                for i, code in enumerate(codes):
                    self.exact[i].append(("category", code, None))
                    onehot[i].append(
                        sparse.csr_matrix(
                            (np.full(len(code), 0.5), (np.arange(len(code)), code)), shape=(len(code), size)
                        )
                    )
        self.search = []
        for numbers, categories, frame in zip(search, onehot, frames, strict=True):
            dense = np.column_stack(numbers) if numbers else np.zeros((len(frame), 0))
            # one-hot categories stay sparse: the search then costs the same for 3 or 3,000 categories
            self.search.append(sparse.hstack([sparse.csr_matrix(dense), *categories]).tocsr() if categories else dense)
        self.width = len(columns)

    def exact_distances(self, other: int, candidates: np.ndarray) -> np.ndarray:
        """SDMetrics' distance between each row of table `other` and its candidate reference rows."""
        total = np.zeros(candidates.shape)
        for (kind, mine, span), (_, theirs, _) in zip(self.exact[other], self.exact[0], strict=True):
            a, b = mine[:, None], theirs[candidates]
            if kind == "category":
                total += a != b
                continue
            with np.errstate(invalid="ignore", divide="ignore"):
                gap = np.abs(a - b)
                part = (gap > 0).astype(float) if span == 0 else np.minimum(gap / span, 1.0)
            part = np.where(np.isnan(a) != np.isnan(b), 1.0, part)
            total += np.where(np.isnan(a) & np.isnan(b), 0.0, part)
        return total / self.width


def _search(reference, dataset, k: int) -> np.ndarray:
    """Each dataset row's k nearest reference rows by Manhattan distance on the search encoding: scipy's k-d tree
    when the encoding is narrow (several times faster), scikit-learn's sparse brute force when it is wide."""
    from scipy import sparse

    if reference.shape[1] <= DENSE_WIDTH:
        from scipy.spatial import cKDTree

        reference, dataset = (m.toarray() if sparse.issparse(m) else m for m in (reference, dataset))
        _, found = cKDTree(reference).query(dataset, k=k, p=1, workers=1)
        return np.asarray(found).reshape(len(dataset), k)
    from sklearn.neighbors import NearestNeighbors

    with one_thread():
        search = NearestNeighbors(n_neighbors=k, metric="manhattan").fit(reference)
        return search.kneighbors(dataset, return_distance=False)


def nearest_rows(
    dataset: pd.DataFrame,
    reference: pd.DataFrame,
    kinds: dict[str, str],
    neighbours: int = 1,
    candidates: int = CANDIDATES,
) -> tuple[np.ndarray, np.ndarray]:
    """For each row of dataset, SDMetrics' DCR to its `neighbours` closest reference rows and which rows those
    are, closest first (both rows x neighbours; NaN and -1 where there are fewer reference rows). The search
    looks at `candidates` rows per row; more than `neighbours` are only needed for values outside the reference
    range, where the search's distance can differ from the exact one."""
    distances = np.full((len(dataset), neighbours), np.nan)
    rows = np.full((len(dataset), neighbours), -1, dtype=np.int64)
    columns = [
        c for c in reference.columns if c in dataset.columns and kinds.get(c) in (*CONTINUOUS, "category", "boolean")
    ]
    if not columns or not len(reference) or not len(dataset):
        return distances, rows
    encoded = _Encoded(reference, [dataset], kinds, columns)
    k = min(max(candidates, neighbours), len(reference))
    found = _search(encoded.search[0], encoded.search[1], k)
    exact = encoded.exact_distances(1, found)
    order = np.argsort(exact, axis=1, kind="stable")[:, :neighbours]
    distances[:, : order.shape[1]] = np.take_along_axis(exact, order, axis=1)
    rows[:, : order.shape[1]] = np.take_along_axis(found, order, axis=1)
    return distances, rows


def nearest_distances(
    dataset: pd.DataFrame, reference: pd.DataFrame, kinds: dict[str, str], neighbours: int = 1
) -> np.ndarray:
    """For each row of dataset, SDMetrics' DCR to its `neighbours` closest reference rows, closest first
    (shape rows x neighbours). 0 means an identical reference row exists; 1 that no value is shared."""
    return nearest_rows(dataset, reference, kinds, neighbours)[0]


def dcr(dataset: pd.DataFrame, reference: pd.DataFrame, kinds: dict[str, str]) -> np.ndarray:
    """Distance to closest record of every dataset row (sdmetrics' calculate_dcr): 0 copy, 1 nothing shared."""
    return nearest_distances(dataset, reference, kinds)[:, 0]
