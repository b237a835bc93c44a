"""Differentially private synthetic rows: privately binned columns, noisy marginals joined by MST (smartnoise-synth)."""

from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from dataclasses import replace

import numpy as np
import pandas as pd

from synth.errors import GeneratorError, InputError
from synth.generators.base import Capability, Generator, OptionInfo, Progress
from synth.generators.dp_marginals.budget import (
    Noise,
    common_values,
    lookup_deviation,
    naming_threshold,
    split_budget,
    yes_no_spelling,
)
from synth.generators.dp_marginals.domain import (
    BINS,
    DATE_MARKERS,
    OTHER,
    Codec,
    as_numbers,
    bins_for,
    grid,
    grid_counts,
    marker_seconds,
    parse_bounds,
)
from synth.generators.dp_marginals.estimate import draw
from synth.generators.dp_marginals.mst import mst, special_codes
from synth.generators.dp_marginals.ranges import noisy_spread
from synth.generators.dp_marginals.within import positions
from synth.schema import LEARNED_KINDS

RANGED = ("integer", "decimal", "datetime")
FITTING = (0.3, 0.98)  # the share of fit's progress bar the model's fitting rounds fill (the most rounds: the end)
SENTENCE = (
    "Differential privacy at epsilon {epsilon:g} (delta {delta:g}): the result would look almost the same "
    "whether or not any one person's row was in the table. The number of rows is not hidden: it is treated as "
    "public."
)


@contextmanager
def _seeded_numpy(seed: int):
    """smartnoise and private-pgm draw from numpy's global generator: seed it for them, then give it back. Also
    quiets private-pgm's warning that smartnoise hands it a pandas frame (theirs to change; it printed on every run)."""
    state = np.random.get_state()
    np.random.seed(seed % 2**32)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Pandas dataframe inputs are deprecated", category=UserWarning)
            yield
    finally:
        np.random.set_state(state)


def _kept_apart(codecs: list[Codec], columns: list, grouping: bool) -> dict:
    """Which columns come back with 'Other' (rarer values grouped) or with missing values: only those whose own noisy
    count stood out from the noise, so a column that had none never gets them from noise alone."""
    other, missing = [], []
    for codec, column in zip(codecs, columns, strict=True):
        allowed = column.allowed
        missing += [codec.column] if allowed[-1] else []
        grouped = grouping and OTHER in codec.values
        other += [codec.column] if grouped and allowed[codec.values.index(OTHER)] else []
    return {"grouped_as_other": other, "missing_values_kept": missing}


def _code_ranges(data: pd.DataFrame, kinds: dict[str, str], given: dict) -> dict[str, tuple[float, float]]:
    """Whole-number columns whose values span BINS or fewer numbers (0/1 flags, 1-7 scales, class codes): with the
    category lists stated public, their lists are public too, as smartnoise's ordinal columns are, so no budget is
    spent finding their ranges. Read only where the user stated the lists public."""
    found = {}
    for column in data.columns:
        if kinds[column] != "integer" or column in given:
            continue
        present = pd.to_numeric(data[column], errors="coerce").dropna()
        if len(present) and present.max() - present.min() + 1 <= BINS:
            found[column] = (float(present.min()), float(present.max()))
    return found


def _private_split(epsilon: float, delta: float, kinds: dict[str, str], given: dict, lists: str, rows: int):
    """The budget split and the columns it serves, from public figures only (the kinds, the ranges given, whether
    category lists are public, the number of rows): the category columns whose values are named (each with a share
    of delta), the yes/no columns (spelled from a public list: no delta), the number and date columns whose range is
    looked up. The same before a run (advice) as in it."""
    private = [] if lists == "public" else [c for c, kind in kinds.items() if kind not in RANGED]
    yes_no = [c for c in private if kinds[c] == "boolean"]
    named = [c for c in private if c not in yes_no]
    unbounded = [c for c, kind in kinds.items() if kind in RANGED and c not in given]
    split = split_budget(epsilon, delta, len(named), len(unbounded) + len(yes_no), rows=rows)
    return split, named, yes_no, unbounded


def _found_spread(series: pd.Series, kind: str, rho: float, noise: Noise):
    """Where a number or date column's values lie, found privately (ranges.noisy_spread); a number column's exact
    zeros are counted apart, so a column of mostly zeros has the range of its other values found, and its zeros
    may come back as zeros (Codec.with_zero); so are a date column's rows holding one of the fixed markers
    (DATE_MARKERS: 9999-12-31 of open rows), which may come back as exactly that date (Codec.with_point). Which
    values are counted apart is fixed by the kind alone; their counts are released only with the looks' noise."""
    edges = grid(kind)
    values = as_numbers(series, kind)
    apart = [0.0] if kind != "datetime" else list(marker_seconds())
    held = np.isin(values, apart)
    zeros = float((values == 0.0).sum()) if kind != "datetime" else None
    marks = {m: float((values == m).sum()) for m in apart} if kind == "datetime" else None
    counts = grid_counts(np.where(held, np.nan, values), edges)
    return noisy_spread(counts, edges, rho, noise, rows=len(series), values=values, zeros=zeros, marks=marks)


class DPMarginals(Generator):
    """Each column cut into codes whose bins and names are found privately; MST's noisy one- and two-column counts
    are fitted into one model (private-pgm) that rows are drawn from. Nothing reads real rows after fit."""

    name = "dp_marginals"
    label = "Differentially private marginals (MST)"
    description = (
        "Counts values and pairs of columns with calibrated noise and makes rows from those noisy counts only. "
        "Comes with a stated privacy budget (epsilon) that holds for every column it learns."
    )
    speed = "Fast: under a minute for 10,000 rows and 15 columns; no neural network."
    fidelity = (
        "Fair to good: keeps each column's shape and the strongest links between pairs of columns; numbers come "
        "back in 5 to 20 steps (fewer on small tables; narrower where values crowd), and rare categories are "
        "grouped as 'Other'. Lower epsilon, more noise."
    )
    privacy = (
        "Guaranteed (differential privacy): the result would look almost the same whether or not any one "
        "person's row was in the table; the number of rows is treated as public. Epsilon 1 or less is strong "
        "protection, up to 3 moderate; 10 is weaker but still bounded."
    )
    when_to_use = (
        "When a privacy officer needs a formal guarantee with a stated budget, or the data is sensitive and "
        "some loss of detail is acceptable."
    )
    capabilities = Capability.DIFFERENTIALLY_PRIVATE
    # bench/RESULTS-estimates-dp.md: at the load where sequential trees and the Gaussian copula ran at about a third
    # of their estimates, this ran at 0.6 to 0.8 of the old 8 s + 1e-4 s per cell, 2.5 to 2.8 times the copula's
    # time, and longer with more columns (a pair per column to fit): a start and a cost per column, so the one pace
    # the server learns fits it as it fits the others. Epsilon 1, 3 and 10 showed no steady difference.
    seconds_per_cell = 1e-4
    seconds_per_column = 1.7
    startup_s = 5.0
    iterations = 2000  # most private-pgm fitting rounds; it stops sooner once the loss has stopped moving
    option_info = {
        "epsilon": OptionInfo(
            "Privacy budget (epsilon)",
            "Smaller is more private and noisier: 0.1 hides a lot and blurs the data; 1 is a common strong "
            "choice; 10 keeps more detail with a weaker (still bounded) guarantee.",
            minimum=0.1,
            maximum=10.0,
            slider=True,
        ),
        "delta": OptionInfo(
            "Chance the guarantee fails (delta)",
            "A tiny probability the guarantee may not hold; keep it far below one divided by the number of rows.",
            minimum=1e-12,
            maximum=1e-3,
        ),
        "bounds": OptionInfo(
            "Known ranges of number and date columns",
            "Public ranges, such as 'age=0..120; joined=2020-01-01..2024-12-31'. A column without one has its "
            "range found privately, from a small share of the budget. Values outside a range are moved to its edge "
            "(a date column given one keeps no marker date such as 9999-12-31 apart: leave its range to be found).",
        ),
        "category_lists": OptionInfo(
            "Category values",
            "'private': only values many rows share are named, found from a small share of the budget; the rest "
            "become 'Other'. 'public': the list of values is not secret (countries, yes/no) and is kept whole, as "
            "are the values of whole-number columns of 20 or fewer (0/1 flags, 1-7 scales).",
            choices=("private", "public"),
        ),
        "noise": OptionInfo(
            "Noise",
            "'secret': fresh noise each run, as the guarantee needs. 'reproducible': noise from the seed, so the "
            "same seed gives the same data; the guarantee then holds only while the seed stays secret.",
            choices=("secret", "reproducible"),
        ),
    }

    @classmethod
    def advice(cls, rows: int, kinds: dict[str, str], options: dict) -> list[str]:
        """Before a run: how many rows a category value needs to be named at this epsilon on this many rows (the
        budget split reads only these public figures), and what helps where hardly any value can be."""
        options = cls.defaults() | {k: v for k, v in options.items() if v is not None}
        kinds = {c: kind for c, kind in kinds.items() if kind in LEARNED_KINDS}  # identifiers, text: not learned
        refused = []
        try:
            given = parse_bounds(options["bounds"] or "", kinds)
        except InputError as error:  # said now, not only once Generate is pressed
            given, refused = {}, [f"Known ranges: {error} A run refuses it until it is corrected."]
        lists = options["category_lists"]
        split, named, _, _ = _private_split(options["epsilon"], options["delta"], kinds, given, lists, max(rows, 1))
        if not named or rows < 1:
            return refused
        needed = math.ceil(naming_threshold(split.lookup_rho, split.threshold_delta))
        said = (
            f"At epsilon {options['epsilon']:g}, learning from {rows:,} rows, a category value comes back by name only "
            f"where about {needed:,} rows or more hold it; rarer values come back as 'Other'."
        )
        if 4 * needed > rows:  # a value would need a quarter of the rows or more
            said += (
                " On this table hardly any value can be named: if the lists of values are not secret (countries, "
                "product names), set the option 'Category values' (category_lists) to public; a larger epsilon also "
                "helps."
            )
        return [*refused, said]

    def __init__(
        self,
        epsilon: float = 1.0,
        delta: float = 1e-7,
        bounds: str = "",
        category_lists: str = "private",
        noise: str = "secret",
    ) -> None:
        self.epsilon, self.delta, self.bounds = epsilon, delta, bounds
        self.category_lists, self.noise = category_lists, noise
        self._codecs: list[Codec] = []
        self._guarantee: dict | None = None

    def _codecs_for(self, data: pd.DataFrame, kinds: dict[str, str], noise: Noise) -> tuple[list[Codec], dict, dict]:
        given = parse_bounds(self.bounds, {c: kinds[c] for c in data.columns})
        coded = _code_ranges(data, kinds, given) if self.category_lists == "public" else {}
        given |= coded
        learned = {c: kinds[c] for c in data.columns}
        split, named, yes_no, unbounded = _private_split(
            self.epsilon, self.delta, learned, given, self.category_lists, len(data)
        )
        codecs, known, zooms, unnamed, unspelled, zeros_kept, marked = [], {}, 0, [], [], [], []
        bins = bins_for(len(data), len(data.columns), split.marginals_rho)
        for column in data.columns:
            kind = kinds[column]
            if kind in RANGED:
                if column in given:
                    (low, high), spread = given[column], None
                else:
                    spread = _found_spread(data[column], kind, split.lookup_rho, noise)
                    low, high, zooms = spread.low, spread.high, zooms + spread.zoomed
                codec = Codec.for_range(column, kind, low, high, bins, crowding=spread, rows=len(data))
                if spread is not None and spread.zeros_stand_out:  # from the released count only
                    codec = codec.with_zero()
                    zeros_kept.append(column)
                for value in spread.marks_standing_out if spread is not None else ():  # from released counts only
                    codec = codec.with_point(value)
                    marked.append(f"{column} ({marker_seconds()[value]})")
                if codec.points:  # the counts the look-up released for them, reused (as named values' are)
                    released, said = np.full(codec.size, np.nan), {0.0: spread.zeros, **dict(spread.marks)}
                    for value, code in zip(codec.points, codec.point_codes, strict=True):
                        released[code] = said[value]
                    deviation = spread.zeros_deviation if 0.0 in codec.points else spread.marks_deviation
                    known[column] = (released, deviation)
                codecs.append(replace(codec, listed=True) if column in coded else codec)
                continue
            counts = data[column].dropna().astype(str).value_counts().to_dict()
            if column in yes_no:
                spelling = yes_no_spelling(counts, split.lookup_rho, noise)
                unspelled += [column] if spelling.guessed else []  # from released counts only
                codecs.append(Codec(column, kind, values=(*spelling.pair, OTHER), meaning=True))
                known[column] = (np.append(spelling.counts, [np.nan, np.nan]), spelling.deviation)
            elif column in named:
                found = common_values(counts, split.lookup_rho, split.threshold_delta, noise)
                codecs.append(Codec(column, kind, values=(*[v for v in found if v != OTHER], OTHER)))
                unnamed += [column] if codecs[-1].values == (OTHER,) else []  # from released names only
                released = np.array([found.get(v, np.nan) if v != OTHER else np.nan for v in codecs[-1].values])
                known[column] = (np.append(released, np.nan), lookup_deviation(split.lookup_rho))
            else:
                codecs.append(Codec(column, kind, values=tuple(sorted(counts))))
        split = replace(split, zooms=zooms)
        public = [
            "the column names and kinds (with how a date column is written: days or times, its format)",
            "the number of rows (not hidden by the noise)",
        ]
        public += [f"the range of '{c}', as you gave it" for c in given if c not in coded]
        public += [
            f"the values of '{c}' ({low:g} to {high:g}), a whole-number column of {BINS} or fewer values, as part "
            "of the category lists you stated public"
            for c, (low, high) in coded.items()
        ]
        public += ["the lists of category values, as you stated"] if self.category_lists == "public" else []
        public += (
            [
                f"the dates a date column may use to mark open or missing rows ({', '.join(DATE_MARKERS)}), a fixed "
                "list: rows holding one are counted apart in the column's range looks"
            ]
            if any(kinds[c] == "datetime" for c in unbounded)
            else []
        )
        public += (
            [
                "the spellings a yes/no column may take (true/false, yes/no, y/n, t/f, 1/0 and some translations, "
                "in lower, title or upper case), from which each column's is picked privately"
            ]
            if yes_no
            else []
        )
        guarantee = {
            "epsilon": self.epsilon,
            "delta": self.delta,
            "method": "MST (McKenna et al. 2021) from smartnoise-synth on OpenDP and private-pgm",
            "neighbouring_tables": "differ by adding or removing one row; the number of rows is treated as public",
            "budget_split": split.describe(),
            "marginals_rho": split.marginals_rho,
            "treated_as_public": public,
            "noise": "secret" if self.noise == "secret" else "reproducible from the seed (keep the seed secret)",
            "sentence": SENTENCE.format(epsilon=self.epsilon, delta=self.delta),
            "no_value_named": unnamed,  # category columns of which no value was named: every present one is 'Other'
            "ranges_found": unbounded,  # number and date columns whose range was found from the budget
            "spelling_not_found": unspelled,  # yes/no columns written Yes/No: no listed word stood out of the noise
            "zeros_kept": zeros_kept,  # number columns whose exact zeros stood out: they come back as exact zeros
            "date_markers_kept": marked,  # 'column (9999-12-31)': markers that stood out come back as exactly them
        }
        return codecs, guarantee, known

    def fit(self, data: pd.DataFrame, kinds: dict[str, str], seed: int, progress: Progress) -> None:
        progress(0.0, "Finding ranges and common values privately")
        noise = Noise(seed, self.noise == "reproducible")
        codecs, guarantee, known = self._codecs_for(data, kinds, noise)
        progress(0.2, "Measuring noisy counts of columns and pairs")
        codes = np.column_stack([codec.encode(data[codec.column]) for codec in codecs])
        model = mst(noise)
        sizes = [codec.size for codec in codecs]
        grouped = [codec.values if self.category_lists == "private" else () for codec in codecs]  # 'Other' ours
        special = [special_codes(codec.size, values, OTHER) for codec, values in zip(codecs, grouped)]
        points = [codec.point_codes for codec in codecs]

        def fitting(fraction: float, message: str) -> None:
            progress(FITTING[0] + (FITTING[1] - FITTING[0]) * fraction, message)

        try:
            with _seeded_numpy(int(noise.rng.integers(2**32))):
                released = [known.get(codec.column) for codec in codecs]
                ranged = [i for i, codec in enumerate(codecs) if codec.edges and not codec.listed]
                ordinal = [i for i, codec in enumerate(codecs) if codec.edges]
                rho = guarantee.pop("marginals_rho")
                model.run(codes, sizes, rho, self.iterations, special, released, ranged, ordinal, fitting, points)
        except (ValueError, RuntimeError, np.linalg.LinAlgError) as error:
            raise GeneratorError(f"The private model could not be fitted ({type(error).__name__}).") from error
        guarantee.update(_kept_apart(codecs, model.columns, self.category_lists == "private"))
        self._codecs, self._model, self._guarantee = codecs, model, guarantee
        progress(1.0, "Training finished")

    def privacy_guarantee(self) -> dict | None:
        return self._guarantee

    def sample(self, rows: int, seed: int, progress: Progress) -> pd.DataFrame:
        if not self._codecs:
            raise GeneratorError("The generator has not been trained yet.")
        progress(0.0, "Drawing rows from the private model")
        with _seeded_numpy(seed):
            drawn = self._model.undo_compress_fn(draw(self._model.synthesizer, rows))
        codes = drawn.df.to_numpy().astype(np.int64)
        rng = np.random.default_rng(seed)
        order = rng.permutation(rows)  # private-pgm rounds counts in blocks: shuffle so no order is implied
        codes = codes[order]
        binned = [i for i, codec in enumerate(self._codecs) if codec.edges and not codec.whole]
        sizes = np.array([self._codecs[i].size for i in binned])
        placed = positions(codes[:, binned], codes[:, binned] == sizes - 1, rng)
        place = {i: placed[:, k] for k, i in enumerate(binned)}
        out = {
            codec.column: codec.decode(codes[:, i], rng, place.get(i)).to_numpy()
            for i, codec in enumerate(self._codecs)
        }
        progress(1.0, "Sampling finished")
        return pd.DataFrame(out)
