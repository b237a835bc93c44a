"""Each column as a small set of codes fixed without reading values: number and date bins, named categories."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from synth import date_ticks
from synth.errors import InputError
from synth.schema import KIND_LABELS
from synth.yes_no import boolean_meaning

BINS = 20  # the most bins of a number or date column (fewer on small tables: bins_for)
FEWEST_BINS = 5
BIN_DEVIATIONS = 3.0  # a bin of an even spread should hold this many noise deviations of its one-column count
OTHER = "Other"
SNAP = 0.25  # a bin edge this share of its narrower bin from zero moves to zero when zeros are cut apart
MOST_TRUST = 0.75  # the most weight the look's noisy counts get over an even spread when placing bin edges
_NUMBER_EDGES = np.concatenate([-(10.0 ** np.arange(12, -3.1, -0.2)), [0.0], 10.0 ** np.arange(-3, 12.1, 0.2)])
_DATE_EDGES = np.array(
    [pd.Timestamp("1678-01-01").timestamp()]
    + [pd.Timestamp(year=y, month=1, day=1).timestamp() for y in range(1900, 2101)]
    + [pd.Timestamp("2262-01-01").timestamp()]
)
# Dates that systems write for 'open' or 'no date' rather than a date (data warehouses close a row's validity at
# 9999-12-31; 0001-01-01 and 1900-01-01 are the defaults of .NET, SQL Server and spreadsheets). A fixed, public list,
# never read from data: a date column's rows holding exactly one of them are counted apart in its range looks
# (ranges.noisy_spread), and a marker whose noisy count stands out gets a code of its own (Codec.with_point).
DATE_MARKERS = ("0001-01-01", "1900-01-01", "2999-12-31", "3000-01-01", "9999-12-31", "9999-12-31 23:59:59")


def marker_seconds() -> dict[float, str]:
    """DATE_MARKERS as seconds since 1970 (as as_numbers gives a date column's values), with their text."""
    return {float(np.datetime64(m, "us").astype(np.int64)) / 1e6: m for m in DATE_MARKERS}


def grid(kind: str) -> np.ndarray:
    """The fixed edges bounds are looked for on: fifths of a decade for numbers (1e-3 to 1e12 either side of zero),
    years for dates; public, data-free."""
    return _DATE_EDGES if kind == "datetime" else _NUMBER_EDGES


def as_numbers(series: pd.Series, kind: str) -> np.ndarray:
    """Numbers as floats, dates as seconds since 1970 (times, not labels); missing as NaN."""
    if kind == "datetime":
        return date_ticks.seconds(pd.to_datetime(series, errors="coerce"))[0]  # in the dates' unit, not always ns
    return pd.to_numeric(series, errors="coerce").astype(float).to_numpy()


def grid_counts(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """How many present values fall in each grid bin (values beyond the grid count in its outer bins)."""
    present = values[np.isfinite(values)]
    where = np.clip(np.searchsorted(edges, present, side="right") - 1, 0, len(edges) - 2)
    return np.bincount(where, minlength=len(edges) - 1).astype(float)


def parse_bounds(text: str, kinds: dict[str, str]) -> dict[str, tuple[float, float]]:
    """'age=0..120; joined=2020-01-01..2024-12-31' as {column: (low, high)}, dates in seconds; a plain error else."""
    found = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        column, _, span = part.partition("=")
        column, (low, sep, high) = column.strip(), span.partition("..")
        _check_range_column(part, column, kinds, sep)
        example = "2020-01-01..2024-12-31" if kinds[column] == "datetime" else "0..120"
        if "=" in high or "," in high:  # two ranges run together: with ',' or with a space
            held = "holds a ','" if "," in high else "runs into the next one"
            raise InputError(f"The range '{part}' {held}: separate ranges with ';', as in age=0..120; year=1990..2020.")
        try:
            pair = as_numbers(pd.Series([low.strip(), high.strip()]), kinds[column])
        except (TypeError, ValueError):
            pair = np.array([np.nan, np.nan])
        far = [side.strip() for side in (low, high) if kinds[column] == "datetime" and _far_date(side)]
        if far and not np.isfinite(pair).all():
            raise InputError(
                f"The range for '{column}' reaches {far[0]}: a range of dates can only span 1678 to 2261. Leave it "
                "out and the range is found privately, and a date that marks open or missing rows (9999-12-31, "
                "0001-01-01) held by many rows comes back as that date; or give the range of the other dates."
            )
        if not np.isfinite(pair).all() or pair[0] >= pair[1]:
            written = " (dates as year-month-day)" if kinds[column] == "datetime" else ""
            raise InputError(f"The range for '{column}' must be two values, the lower first, like {example}{written}.")
        found[column] = (float(pair[0]), float(pair[1]))
    return found


def _far_date(text: str) -> bool:
    """Whether text is an ISO date (or date and time) outside 1678..2261, such as 9999-12-31."""
    try:
        year = int(str(np.datetime64(text.strip(), "us")).split("-")[0] or "-1")
    except ValueError:
        return False
    return not 1678 <= year <= 2261


def _check_range_column(part: str, column: str, kinds: dict[str, str], sep: str) -> None:
    """A plain error where a range names no learned column, a column that is not a number or date, or no '..'."""
    if column not in kinds:
        near = [c for c in kinds if c.lower() == column.lower()]
        hint = f" (did you mean '{near[0]}'? names must match exactly)" if near else ""
        raise InputError(f"The range '{part}' names no learned column '{column}'{hint}.")
    if kinds[column] not in ("integer", "decimal", "datetime"):
        kind = KIND_LABELS.get(kinds[column], kinds[column]).split(" (")[0].lower()
        raise InputError(f"The range '{part}' is for '{column}', a {kind} column: ranges are for numbers and dates.")
    if not sep:
        raise InputError(
            f"The range '{part}' is not understood: write column=low..high for a number or date column, "
            "ranges separated by ';'."
        )


def bins_for(rows: int, columns: int, rho: float) -> int:
    """How many bins a number or date column gets, from public figures only: as many as keep an even spread's bin
    BIN_DEVIATIONS noise deviations of MST's one-column counts above zero (MST measures every column's counts with
    a third of rho, shared by the columns), between FEWEST_BINS and BINS."""
    deviation = math.sqrt(3.0 * max(columns, 1) / (2.0 * rho)) if rho > 0 else math.inf
    return int(np.clip(rows // (BIN_DEVIATIONS * deviation), FEWEST_BINS, BINS))


def shaped_edges(low: float, high: float, bins: int, crowding=None, rows: int = 0) -> np.ndarray:
    """`bins` + 1 edges from low to high, each bin holding an equal share of a mix of an even spread and the
    released noisy counts of the range look (`crowding`), so bins are narrower where values crowd (a skewed column:
    stays of 1 to 116 days, most under 10, got bins of 6 days). The counts weigh more the less their noise could
    have made up (none where the noise of their total passes half the rows; at most MOST_TRUST). Post-processing
    of released counts and public figures only."""
    even = np.linspace(low, high, bins + 1)
    if crowding is None or not rows or high <= low or not np.isfinite(crowding.counts).all():
        return even
    counts = np.clip(np.asarray(crowding.counts, float), 0.0, None)
    noise = crowding.deviation * math.sqrt(len(counts))
    trust = float(np.clip(1.0 - 2.0 * noise / rows, 0.0, MOST_TRUST)) if counts.sum() > 0 else 0.0
    if trust <= 0.0:
        return even
    at = np.clip(np.asarray(crowding.edges, float), low, high)
    share = trust * np.concatenate([[0.0], np.cumsum(counts)]) / counts.sum() + (1 - trust) * (at - low) / (high - low)
    edges = np.interp(np.linspace(0.0, 1.0, bins + 1), share, at)
    edges[0], edges[-1] = low, high
    return edges


@dataclass(frozen=True)
class Codec:
    """One column's codes: bins between public bounds, or named values plus 'Other'; the last code is 'missing'."""

    column: str
    kind: str
    edges: tuple[float, ...] = ()
    values: tuple[str, ...] = ()
    whole: bool = False  # one bin per whole number: codes decode to exactly that number
    listed: bool = False  # its values are a public list: every one may come back, the outer ones too (no tail trimming)
    # yes/no: values are (the true spelling, the false one, 'Other'); cells coded by what they say
    meaning: bool = False
    # values with a code of their own (a number column's exact zeros, a date column's markers such as 9999-12-31),
    # ascending, each in value order among the bins; a row holding exactly one gets its code and comes back as it
    points: tuple[float, ...] = ()

    def with_zero(self) -> Codec:
        """This codec with exact zeros given a code of their own (with_point): zeros binned with the values beside
        them were placed evenly inside their bin, which turned a rain column's 57% dry days into 0.0001 mm. Used
        where a number column's released zero count stands out (ranges.Spread.zeros)."""
        return self if self.kind == "datetime" else self.with_point(0.0)

    def with_point(self, value: float) -> Codec:
        """This codec with `value` given a code of their own, placed in value order among the bins (so bins in
        order, tail trimming and the copula's ranks read it as the lowest, highest or a middle value): a bin holding
        it is cut there (a decimal's or date's at the value, a whole number's around it, where the value is then a
        bin of its own and needs no code). Used where a column's released count of the value stands out."""
        if not self.edges or value in self.points:
            return self
        edges = np.asarray(self.edges, float)
        if self.kind == "integer" and edges[0] < value < edges[-1]:  # bins end on halves: [v - 0.5, v + 0.5) holds v
            return replace(self, edges=tuple(np.unique(np.concatenate([edges, [value - 0.5, value + 0.5]]))))
        if edges[0] < value < edges[-1]:
            # cut at the value: the inner edge nearest it (never one another point was cut at) moves there where that
            # keeps widths (a new edge 0.002 from one made the column's rounding 5 places), else a new edge
            inner = np.setdiff1d(np.arange(1, len(edges) - 1), np.searchsorted(edges, self.points))
            near = inner[np.argmin(np.abs(edges[inner] - value))] if len(inner) else None
            if near is not None and abs(edges[near] - value) <= SNAP * np.diff(edges)[near - 1 : near + 1].min():
                edges[near] = value
            else:
                edges = np.unique(np.append(edges, value))
        return replace(self, edges=tuple(edges), points=tuple(sorted((*self.points, value))))

    def _places(self) -> np.ndarray:
        """How many bins lie below each point."""
        return np.minimum(np.searchsorted(np.asarray(self.edges), self.points), len(self.edges) - 1).astype(np.int64)

    @property
    def point_codes(self) -> tuple[int, ...]:
        """The code of each point: after the bins below it and the points before it."""
        return tuple(int(place) + i for i, place in enumerate(self._places()))

    @property
    def zero(self) -> int | None:
        """The code of exact zeros, where they have one (with_zero); None: zeros are binned."""
        return self.point_codes[self.points.index(0.0)] if 0.0 in self.points else None

    @classmethod
    def for_range(
        cls, column: str, kind: str, low: float, high: float, bins: int = BINS, crowding=None, rows: int = 0
    ) -> Codec:
        """Bins between low and high: one per whole number where an integer column spans BINS or fewer, else
        `bins` of them, narrower where the range look's released counts (`crowding`: a ranges.Spread) show values
        crowd (shaped_edges), even without them. Integer bins end on halves, so each holds whole numbers. A found
        range (`crowding` given) is a span of grid bins, which hold their low edge and not their high one: an
        integer column found in [0.63, 3.98) holds 1 to 3 (not 0 to 4, numbers no row could have)."""
        if kind == "integer":
            if crowding is None:
                low, high = math.floor(low), math.ceil(high)
            else:
                low, high = math.ceil(low), max(math.ceil(high) - 1, math.ceil(low))
            if high - low + 1 <= BINS:
                return cls(column, kind, tuple(np.arange(low - 0.5, high + 1.0)), whole=True)
        edges = shaped_edges(low, high, bins, crowding, rows)
        if kind == "integer":
            edges = np.unique(np.concatenate([[low - 0.5], np.floor(edges[1:-1]) + 0.5, [high + 0.5]]))
        return cls(column, kind, tuple(edges))

    @property
    def size(self) -> int:
        return (len(self.edges) - 1 + len(self.points) if self.edges else len(self.values)) + 1

    def encode(self, series: pd.Series) -> np.ndarray:
        missing = self.size - 1
        if self.edges:
            values = as_numbers(series, self.kind)
            edges = np.asarray(self.edges)
            codes = np.clip(np.searchsorted(edges, values, side="right") - 1, 0, len(edges) - 2)
            if self.points:  # a bin's code is after the points below it; a point's own value takes its code
                codes = codes + np.searchsorted(self._places(), codes, side="right")
                for value, code in zip(self.points, self.point_codes, strict=True):
                    codes = np.where(values == value, code, codes)
            return np.where(np.isfinite(values), codes, missing).astype(np.int64)
        if self.meaning:  # 'Yes', 'yes ' and 'YES' all say yes; a cell saying neither is 'Other'
            said = {True: 0, False: 1, None: 2}
            return np.array([missing if v is None or v != v else said[boolean_meaning(v)] for v in series], np.int64)
        index = {value: i for i, value in enumerate(self.values)}
        other = index.get(OTHER, missing)
        return np.array([missing if v is None or v != v else index.get(str(v), other) for v in series], np.int64)

    def decode(self, codes: np.ndarray, rng: np.random.Generator, place: np.ndarray | None = None) -> pd.Series:
        """Codes back to values: a bin's value lands at `place` (in [0, 1), even by default) within the bin."""
        missing = codes == self.size - 1
        if not self.edges:
            labels = np.array([*self.values, None], dtype=object)
            return pd.Series(labels[codes], dtype=object, name=self.column)
        edges = np.asarray(self.edges)
        point_codes = np.asarray(self.point_codes, np.int64)
        point = np.isin(codes, point_codes)
        safe = np.where(missing | point, 0, codes)
        safe = safe - np.searchsorted(point_codes, safe, side="left")  # less the points before it: its bin
        if place is None and not self.whole:
            place = rng.random(len(codes))
        if self.whole:
            numbers = (edges[safe] + 0.5).round()
        elif self.kind == "integer":  # bins end on halves: a whole number inside the bin, each as likely
            first, last = np.ceil(edges[safe]), np.floor(edges[safe + 1])
            numbers = first + np.floor(place * (last - first + 1))
        else:
            numbers = edges[safe] + place * (edges[safe + 1] - edges[safe])
            width = float(np.diff(edges).min())
            places = int(np.clip(2 - math.floor(math.log10(width)), 0, 8)) if width > 0 else 8
            numbers = numbers.round(0 if self.kind == "datetime" else places)
            if 0.0 in self.points:  # a value of a bin beside zero rounded to it: the nearest one that is not
                below = safe < self._places()[self.points.index(0.0)]
                step = np.where(below, -1.0, 1.0) * 10.0**-places
                numbers = np.where((numbers == 0.0) & ~point, step, numbers)
        for value, code in zip(self.points, point_codes, strict=True):  # exactly the value (9999-12-31, not a bin's)
            numbers = np.where(codes == code, value, numbers)
        numbers = np.where(missing, np.nan, numbers)
        if self.kind == "datetime":
            near = np.nanmax(np.abs(numbers), initial=0.0) < 9.2e9  # seconds nanoseconds hold (1677..2262)
            return date_ticks.from_seconds(numbers, "ns" if near else "us").rename(self.column)
        return pd.Series(numbers, dtype=float, name=self.column)
