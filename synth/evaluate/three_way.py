"""Three-way combinations of binned columns: what pairwise scores cannot see, 0 (unlike) to 1 (same)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from synth.encoding import CONTINUOUS, numeric_values, scaled_column, scored_columns, shared_codes
from synth.evaluate.base import Cost, Metric, Result, Tables

BINS = 5
TOP_CATEGORIES = 10
MAX_TRIPLES = 200


def binned_codes(real: pd.Series, synthetic: pd.Series, kind: str, bins: int = BINS) -> tuple[np.ndarray, ...]:
    """The same coarse bins for a real and a synthetic column, plus the number of bins.

    Numbers and dates: quantile bins of the real values (at most `bins`), one bin below the real minimum and one
    above the real maximum. Categories: the most common real categories, the other real ones together, and
    categories the real column lacks. Missing values are one more bin either way."""
    if kind in CONTINUOUS:
        # values up to the float maximum divided by a power of two: the same bins, and a last edge past the maximum
        (real_values, synthetic_values), _ = scaled_column(numeric_values(real), numeric_values(synthetic))
        finite = real_values[~np.isnan(real_values)]
        if not len(finite):
            finite = np.array([0.0])
        inner = np.unique(np.quantile(finite, np.linspace(0, 1, bins + 1)[1:-1]))
        edges = np.concatenate([[finite.min()], inner, [np.nextafter(finite.max(), np.inf)]])
        size = len(edges) + 2
        codes = [
            np.where(np.isnan(v), size - 1, np.searchsorted(edges, v, side="right"))
            for v in (real_values, synthetic_values)
        ]
        return codes[0], codes[1], size
    (real_codes, synthetic_codes), size, _ = shared_codes(real, synthetic)
    counts = np.bincount(real_codes[real_codes < size - 1], minlength=size - 1)
    keep = np.argsort(-counts, kind="stable")[:TOP_CATEGORIES]
    keep = keep[counts[keep] > 0]
    mapping = np.full(size, len(keep) + 1, dtype=np.int64)  # categories the real column lacks
    mapping[:-1][counts > 0] = len(keep)  # the other real categories
    mapping[keep] = np.arange(len(keep))
    mapping[size - 1] = len(keep) + 2  # missing
    return mapping[real_codes], mapping[synthetic_codes], len(keep) + 3


@dataclass(frozen=True)
class ThreeWayResult(Result):
    score: float | None
    triples: int  # how many column triples were scored
    worst: list[dict] = field(default_factory=list)  # the three worst triples: {"columns": [...], "score": ...}


def three_way_similarity(
    real: pd.DataFrame, synthetic: pd.DataFrame, kinds: dict[str, str], max_triples: int = MAX_TRIPLES, seed: int = 0
) -> ThreeWayResult:
    """Accuracy of three-way combinations: 1 - total variation distance between the real and synthetic shares
    of every combination of three binned columns, averaged over column triples (a seeded sample of at most
    max_triples when there are more).

    1 means every combination of three columns is as frequent as in the real table; 0 that the synthetic
    rows fall in combinations the real ones never do. Returns the score, the number of triples scored and
    the three worst triples. None as score when the table has fewer than three columns or no rows.
    """
    columns = scored_columns(real, kinds)
    triples = list(itertools.combinations(range(len(columns)), 3))
    if not triples or not len(real) or not len(synthetic):
        return ThreeWayResult(None, 0, [])
    if len(triples) > max_triples:
        chosen = np.random.default_rng(seed).choice(len(triples), size=max_triples, replace=False)
        triples = [triples[i] for i in sorted(chosen)]
    binned = [binned_codes(real[c], synthetic[c], kinds[c]) for c in columns]
    results = []
    for a, b, c in triples:
        sizes = (binned[a][2], binned[b][2], binned[c][2])
        keys = [(binned[a][t] * sizes[1] + binned[b][t]) * sizes[2] + binned[c][t] for t in (0, 1)]
        cells = math.prod(sizes)
        real_shares = np.bincount(keys[0], minlength=cells) / len(real)
        synthetic_shares = np.bincount(keys[1], minlength=cells) / len(synthetic)
        score = 1.0 - 0.5 * float(np.abs(real_shares - synthetic_shares).sum())
        results.append(((columns[a], columns[b], columns[c]), score))
    results.sort(key=lambda item: item[1])
    return ThreeWayResult(
        score=float(np.mean([s for _, s in results])),
        triples=len(results),
        worst=[{"columns": list(names), "score": s} for names, s in results[:3]],
    )


class ThreeWay(Metric):
    name = "three_way"
    label = "Three-column patterns"
    description = "1: every combination of three columns is as frequent as in the real table; 0: none is shared."
    section = "fidelity"
    result = ThreeWayResult
    headline = "score"
    good, fair = 0.8, 0.6
    cost = Cost.QUICK
    extra = "three_way"
    timing = "three_way_s"

    @classmethod
    def compute_breakdown(cls, tables: Tables) -> ThreeWayResult:
        return three_way_similarity(tables.real, tables.synthetic, tables.kinds, seed=tables.seed)
