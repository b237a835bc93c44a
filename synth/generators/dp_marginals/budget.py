"""The privacy budget: how it is split, the noise it pays for, and the private look at bounds and category values."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

LOOKUP_SHARE = 0.15  # of rho, for finding where numbers and dates lie and which category values to name
FALSE_RANGE = 1e-3  # chance that noise alone widens a range
COVER = 0.9  # a small table's range: the narrowest window of grid bins whose noisy count holds this share of rows
LOOKUP_DELTA_SHARE = 0.1  # of delta, for the chance that a value only one row holds is named


class Noise:
    """Random draws for the mechanisms: secret, from OpenDP's sampler (the default), or from the run's seed, so a
    run can be repeated."""

    def __init__(self, seed: int, reproducible: bool) -> None:
        self.reproducible = reproducible
        self.rng = np.random.default_rng(seed if reproducible else secrets.randbits(128))

    def gaussian(self, sigma: float, size: int) -> np.ndarray:
        if self.reproducible:
            return self.rng.normal(0.0, sigma, size)
        import opendp.prelude as dp

        dp.enable_features("contrib", "floating-point")
        vectors = dp.vector_domain(dp.atom_domain(T=float, nan=False))
        draw = dp.m.make_gaussian(vectors, dp.l2_distance(T=float), scale=float(sigma))
        return np.asarray(draw([0.0] * size), dtype=float).reshape(size)


def rho_for(epsilon: float, delta: float) -> float:
    """The zCDP rho whose (epsilon, delta) conversion is as stated (Canonne, Kamath, Steinke 2020), via OpenDP."""
    from snsynth.utils import cdp_rho

    return float(cdp_rho(epsilon, delta))


@dataclass(frozen=True)
class Split:
    """How the stated (epsilon, delta) is spent, all in zero-concentrated DP (rho): ranges and category values of the
    columns that need them, then the marginals; part of delta pays for naming values (a value one row holds)."""

    epsilon: float
    delta: float
    rho: float  # the whole, converted from (epsilon, delta - threshold_delta)
    lookup_rho: float  # per column whose range or values are found privately
    lookups: int
    threshold_delta: float  # per column whose category values are named privately
    thresholds: int

    @property
    def marginals_rho(self) -> float:
        return self.rho - self.lookup_rho * self.lookups

    def describe(self) -> dict:
        return {
            "rho_total": round(self.rho, 8),
            "rho_per_column_range_or_values": round(self.lookup_rho, 8),
            "columns_looked_up": self.lookups,
            "delta_per_category_column": self.threshold_delta,
            "rho_marginals": round(self.marginals_rho, 8),
            "conversion": "zero-concentrated DP to (epsilon, delta), Canonne, Kamath and Steinke 2020, via OpenDP",
        }


def split_budget(epsilon: float, delta: float, categories: int, ranges: int) -> Split:
    """The whole (epsilon, delta) shared out; what nobody needs (no private categories, every range given) goes to
    the marginals."""
    lookups = categories + ranges
    threshold_delta = delta * LOOKUP_DELTA_SHARE / categories if categories else 0.0
    rho = rho_for(epsilon, delta - threshold_delta * categories)
    share = LOOKUP_SHARE * lookups / max(lookups, 4) if lookups else 0.0
    lookup_rho = rho * share / lookups if lookups else 0.0
    return Split(epsilon, delta, rho, lookup_rho, lookups, threshold_delta, categories)


def common_values(counts: dict[str, int], rho: float, delta: float, noise: Noise) -> list[str]:
    """Values whose count plus Gaussian noise (rho-zCDP, L2 sensitivity 1) clears a threshold that a value held by
    one row passes with chance at most delta: rare values, which could single a person out, are never named."""
    if not counts:
        return []
    values = sorted(counts)
    sigma = math.sqrt(1.0 / (2.0 * rho))
    noisy = np.array([counts[v] for v in values], dtype=float) + noise.gaussian(sigma, len(values))
    threshold = 1.0 + sigma * float(NormalDist().inv_cdf(1.0 - delta))
    return [value for value, count in zip(values, noisy) if count >= threshold]


def noisy_range(
    counts: np.ndarray, edges: np.ndarray, rho: float, noise: Noise, rows: int | None = None
) -> tuple[float, float]:
    """The span of a fixed grid whose bins hold clearly more than noise (Gaussian, L2 sensitivity 1, rho-zCDP; an
    empty bin passes by chance once in a thousand tables); when none does (a small table), the narrowest window of
    1, 2, 4, ... bins whose noisy sum holds COVER of the rows (a public number), else the window whose sum stands
    out most from its noise (sum / sqrt(width)).
    Windows are sums of the same noisy counts: post-processing, no more budget. Never fails."""
    sigma = math.sqrt(1.0 / (2.0 * rho))
    noisy = counts + noise.gaussian(sigma, len(counts))
    clear = np.flatnonzero(noisy >= sigma * NormalDist().inv_cdf(1.0 - FALSE_RANGE / len(counts)))
    if len(clear):
        return float(edges[clear.min()]), float(edges[clear.max() + 1])
    best = []  # (noisy sum, width, first bin) of the fullest window of each width
    for width in 2 ** np.arange(int(math.log2(len(counts))) + 1):
        sums = np.convolve(noisy, np.ones(width), mode="valid")
        best.append((float(sums.max()), int(width), int(np.argmax(sums))))
    covering = [b for b in best if rows is not None and b[0] >= COVER * rows]
    _, width, low = covering[0] if covering else max(best, key=lambda b: b[0] / math.sqrt(b[1]))
    return float(edges[low]), float(edges[low + width])
