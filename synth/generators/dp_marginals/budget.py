"""The privacy budget: how it is split, the noise it pays for, and the private look at bounds and category values."""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from synth.generators.dp_marginals.domain import DATE_MARKERS
from synth.generators.dp_marginals.ranges import LEVELS, NARROW, ZOOM_BINS, zoom_cost
from synth.yes_no import boolean_meaning, boolean_spellings

LOOKUP_SHARE = (0.15, 0.5)  # least and most of rho for finding where numbers and dates lie and which values to name
NAMED_SHARE = 0.02  # the look-up share grows (to its most) until a value this share of the rows hold clears...
NAMED_DEVIATIONS = 6.0  # ...this many noise deviations of one look-up (about the naming threshold at delta 1e-8)
OTHER_WORD_MARGIN = 3.0  # a yes/no column's other side leaves the word listed with its leading one only this clearly
LEAD_DEVIATIONS = 3.0  # a yes/no column's leading word must stand this many deviations above zero to be used
PARTNER_MARGIN = 2.0  # another word listed with the leading one replaces the first listed where it stands this many
# deviations above zero, and as many of a difference above it
UNCLEAR_SPELLING = ("Yes", "No")  # a yes/no column's spelling where no word stands out of the noise (tiny epsilon)
FLAG_WORDS = {"1.0": "1", "0.0": "0"}  # a 0/1 flag's cells as a number column writes them
MIXED_FALSE = 1e-3  # chance noise alone makes another word of a yes/no column stand out (its counts then unused)
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
    lookup_share: float  # of rho, for all the look-ups together
    lookup_rho: float  # per column whose range or values are found privately
    lookups: int
    threshold_delta: float  # per column whose category values are named privately
    thresholds: int
    zooms: int = 0  # ranges found in a narrow window and zoomed into, each at zoom_cost(lookup_rho) more

    @property
    def marginals_rho(self) -> float:
        """What is left for the marginals: the whole, less the look-ups and the zooms they led to. How many zooms
        there are depends on released counts only, and the sum spent never passes rho (a privacy filter for
        zCDP: Feldman and Zrnic 2021, Whitehouse et al. 2023), so the whole stays rho-zCDP."""
        return self.rho - self.lookup_rho * self.lookups - zoom_cost(self.lookup_rho) * self.zooms

    def describe(self) -> dict:
        return {
            "rho_total": round(self.rho, 8),
            "lookup_share": round(self.lookup_share, 6),
            "rho_per_column_range_or_values": round(self.lookup_rho, 8),
            "columns_looked_up": self.lookups,
            "delta_per_category_column": self.threshold_delta,
            "rho_marginals": round(self.marginals_rho, 8),
            "range_looks": f"{len(LEVELS)} per range (fixed grid bins merged by {', '.join(map(str, LEVELS))}), each "
            f"1/{len(LEVELS)} of the column's rho",
            "exact_zeros": "counted apart, as one more bin of each of a number column's range looks (no further "
            "budget); where their count stands out they come back as exact zeros, that count reused in the one-column "
            "counts",
            "date_markers": "rows of a date column holding exactly one of a fixed list of dates that mark open or "
            f"missing rows ({', '.join(DATE_MARKERS)}) counted apart, as one more bin each of its range looks (no "
            "further budget); where one's count stands out it comes back as exactly that date, that count reused in "
            "the one-column counts",
            "range_zooms": f"{self.zooms} (a range found within {NARROW} grid bins is counted again in {ZOOM_BINS} "
            "even bins of them, at one more look's rho, taken from the marginals' share)",
            "named_value_counts": "released with the names and reused in the one-column counts (no further budget)",
            "conversion": "zero-concentrated DP to (epsilon, delta), Canonne, Kamath and Steinke 2020, via OpenDP",
        }


def lookup_share(rho: float, lookups: int, rows: int) -> float:
    """The share of rho for the look-ups, from public figures only (rho, how many columns are looked up, the number
    of rows): the least share where it already lets a value NAMED_SHARE of the rows hold stand NAMED_DEVIATIONS
    noise deviations clear, more on small tables or at small epsilon (up to the most). Up to four look-ups share
    it as four would (each gets at most a quarter): a narrow table's marginals keep the rest."""
    if not lookups:
        return 0.0
    held = NAMED_SHARE * rows
    shared_by = max(lookups, 4)
    needed = shared_by * (NAMED_DEVIATIONS / held) ** 2 / (2.0 * rho) if held > 0 else math.inf
    return float(np.clip(needed, *LOOKUP_SHARE)) * lookups / shared_by


def split_budget(epsilon: float, delta: float, categories: int, ranges: int, rows: int = 0) -> Split:
    """The whole (epsilon, delta) shared out; what nobody needs (no private categories, every range given) goes to
    the marginals."""
    lookups = categories + ranges
    threshold_delta = delta * LOOKUP_DELTA_SHARE / categories if categories else 0.0
    rho = rho_for(epsilon, delta - threshold_delta * categories)
    share = lookup_share(rho, lookups, rows)
    lookup_rho = rho * share / lookups if lookups else 0.0
    return Split(epsilon, delta, rho, share, lookup_rho, lookups, threshold_delta, categories)


def common_values(counts: dict[str, int], rho: float, delta: float, noise: Noise) -> dict[str, float]:
    """Values whose count plus Gaussian noise (rho-zCDP, L2 sensitivity 1) clears a threshold that a value held by
    one row passes with chance at most delta: rare values, which could single a person out, are never named. Returns
    each named value with its noisy count (released with it: the marginals reuse it)."""
    if not counts:
        return {}
    values = sorted(counts)
    noisy = np.array([counts[v] for v in values], dtype=float) + noise.gaussian(lookup_deviation(rho), len(values))
    threshold = naming_threshold(rho, delta)
    return {value: float(count) for value, count in zip(values, noisy) if count >= threshold}


@dataclass(frozen=True)
class Spelling:
    """A yes/no column's spelling, picked privately, and what the pick released about its two answers."""

    pair: tuple[str, str]  # the true spelling, the false one
    counts: np.ndarray  # noisy rows saying yes, and no: the picked words' in any case (NaN where other words stand out)
    deviation: float  # the noise deviation of either count (at most: a word without cases, such as 1, has less)
    guessed: bool = False  # no listed word stood out of the noise: the fixed UNCLEAR_SPELLING, not the real one


def yes_no_spelling(counts: dict[str, int], rho: float, noise: Noise) -> Spelling:
    """The spelling of a yes/no column, picked privately from the fixed public list of words (yes/no, True/False,
    1/0, ...): each listed word's count, and the count of cells that say yes (or no) in a word not listed ('yEs'),
    with Gaussian noise at rho-zCDP (spaces around a cell ignored; a row counts in one bin: L2 sensitivity 1). Then
    post-processing only. The side (yes or no) whose best word stands highest leads with it, where it stands
    LEAD_DEVIATIONS above zero (else the column is spelled UNCLEAR_SPELLING, `guessed`, rather than in a word noise
    picked, such as 'Falsch' for a column of Si/No at epsilon 0.1); the other side takes the word listed first with it
    ('no' goes with yes, si and sí: yes) unless another listed with it stands PARTNER_MARGIN deviations above zero
    and of a difference above that one ('Si' of 91 rows in 300 at epsilon 1), or another word of that side clears
    the noise of every word (`clear`) and stands OTHER_WORD_MARGIN deviations of a difference above it (a column of
    't' and 'n'). No value is named from the data, so no threshold (nor delta) is needed: a rare spelling is never
    released. The picked words' noisy counts, summed over their cases ('Yes', 'yes', 'YES'), are released with it:
    the marginals reuse them as the column's counts, unless another word's or the unlisted cells' noisy count clears
    the noise (then not every cell of a side would be counted)."""
    pairs = boolean_spellings()
    words = sorted({word for pair in pairs for word in pair})
    unlisted = ("unlisted yes", "unlisted no")  # bins, never spellings: cells that say yes or no in another word
    held: dict[str, int] = {}
    for value, count in counts.items():
        text = str(value).strip()
        text = FLAG_WORDS.get(text, text)  # a 0/1 flag read as numbers: '1.0' is the listed '1' (fixed, data-free)
        said = boolean_meaning(text)
        key = text if text in words else unlisted[0] if said else unlisted[1] if said is False else None
        if key is not None:
            held[key] = held.get(key, 0) + count
    bins = [*words, *unlisted]
    sigma = lookup_deviation(rho)
    drawn = np.array([held.get(w, 0) for w in bins], float) + noise.gaussian(sigma, len(bins))
    noisy = dict(zip(bins, drawn, strict=True))
    clear = sigma * NormalDist().inv_cdf(1.0 - MIXED_FALSE / len(bins))  # noise alone passes it: 1 column in 1,000
    best = [max(sorted({pair[side] for pair in pairs}), key=noisy.__getitem__) for side in (0, 1)]
    lead = 0 if noisy[best[0]] >= noisy[best[1]] else 1
    if noisy[best[lead]] <= LEAD_DEVIATIONS * sigma:  # no word stands out: a fixed spelling, not one noise picked
        pair, lead, guessed = UNCLEAR_SPELLING, 0, True
    else:  # the word listed first with the leading one, or another listed with it standing clearly above it
        partners = [p[1 - lead] for p in pairs if p[lead] == best[lead]]
        partner, fullest = partners[0], max(partners, key=noisy.__getitem__)
        margin = PARTNER_MARGIN * sigma
        if noisy[fullest] > margin and noisy[fullest] - noisy[partner] > margin * math.sqrt(2.0):
            partner = fullest  # 'Si' beside 'No' (before, 'Yes' unless 'Si' cleared every word's noise)
        other = best[1 - lead]
        if noisy[other] > clear and noisy[other] - noisy[partner] > OTHER_WORD_MARGIN * sigma * math.sqrt(2.0):
            partner = other
        pair, guessed = ((best[0], partner) if lead == 0 else (partner, best[1])), False
    cased = [sorted({w for w in words if w.lower() == picked.lower()}) for picked in pair]
    sides = np.array([sum(noisy[w] for w in same) for same in cased])
    others = [w for w in bins if w not in cased[0] and w not in cased[1]]
    if guessed or any(noisy[w] > clear for w in others):  # words mixed ('yes' with 'n'): not every cell counted
        sides = np.full(2, np.nan)
    return Spelling(pair, sides, sigma * math.sqrt(max(len(same) for same in cased)), guessed)


def naming_threshold(rho: float, delta: float) -> float:
    """The noisy count a category value must reach to be named: one a single row holds passes it with chance at
    most delta (common_values)."""
    return 1.0 + lookup_deviation(rho) * float(NormalDist().inv_cdf(1.0 - delta))


def lookup_deviation(rho: float) -> float:
    """The Gaussian noise deviation of a count (L2 sensitivity 1) measured at rho-zCDP."""
    return math.sqrt(1.0 / (2.0 * rho))
