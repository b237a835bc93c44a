"""Missing-value markers, and numbers written with decimal commas or thousands separators."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

MISSING_MARKERS = ("", "NA", "N/A", "NaN", "null", "None", "-", "#N/A")
MISSING_POLICY = (
    "Empty cells and the markers NA, N/A, NaN, null, None, #N/A and '-' (in any capitals, spaces around "
    "ignored) are read as missing values; nothing else is. Every other value keeps its exact spelling, spaces "
    "and capitals included."
)
MISSING_SET = frozenset(marker.lower() for marker in MISSING_MARKERS)
# Exact spellings pandas can match while parsing (fast path); the rest are caught by tidy_text afterwards.
PARSER_MISSING = sorted({variant for marker in MISSING_MARKERS for variant in (marker, marker.lower(), marker.upper())})
SPACES = "\u00a0\u202f"  # no-break and narrow no-break spaces, as French exports group thousands
_NUMBER_CHARS = re.compile(r"[+-]?[\d.,' ]*\d[\d.,' ]*")
_SCIENTIFIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_LEADING_ZERO = re.compile(r"[+-]?0\d")
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # '12', '-3.5', '.5': one way to read it, '.' decimal
_DIGIT = re.compile(r"\d")
_CURRENCIES = r"EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK"
_UNIT = re.compile(rf"^\s*([€$£¥%]|(?:{_CURRENCIES})\s)?\s*(.*?)\s*([€$£¥%]|\s(?:{_CURRENCIES}))?\s*$")
_CANDIDATES = ((".", ""), (",", ""), (",", "."), (".", ","), (",", " "), (".", " "), (".", "'"), (",", "'"))
_EVIDENCE = {
    ",": re.compile(r"[+-]?(\d+,(\d{1,2}|\d{4,})|0,\d+|\d{4,},\d+|\d{1,3}(\.\d{3})+,\d+)"),
    ".": re.compile(r"[+-]?(\d+\.(\d{1,2}|\d{4,})|0\.\d+|\d{4,}\.\d+|\d{1,3}(,\d{3})+\.\d+)"),
}
DECIMAL_NAMES = {",": "decimal comma", ".": "decimal point"}
THOUSANDS_NAMES = {".": "'.'", ",": "','", " ": "space", "'": "apostrophe"}


def _pattern(decimal: str, thousands: str) -> re.Pattern:
    d = re.escape(decimal)
    whole = rf"(\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+|\d+)" if thousands else r"\d+"
    return re.compile(rf"[+-]?({whole}({d}\d*)?|{d}\d+)")


_PATTERNS = {candidate: _pattern(*candidate) for candidate in _CANDIDATES}


def file_decimal_mark(cells: list[str]) -> str:
    """',' when more cells are unmistakably decimal-comma numbers ('3,14', '1.234,5') than decimal-point ones."""
    votes = {mark: sum(1 for cell in cells if pattern.fullmatch(cell.strip())) for mark, pattern in _EVIDENCE.items()}
    return "," if votes[","] > votes["."] else "."


def leading_zero_codes(cells: list[str]) -> bool:
    """True for codes such as '00123' or postcodes, whose leading zeros a number would lose."""
    return any(_LEADING_ZERO.match(cell.strip()) for cell in cells)


def _by_value(series: pd.Series, convert) -> pd.Series:
    """Apply convert to each distinct value once (fast on long columns with repeated values), missing stays missing."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    converted = convert(pd.Series(np.asarray(uniques, dtype=object)))
    if converted is None:
        return None
    values = np.append(converted.to_numpy(), np.nan)
    return pd.Series(values[codes], index=series.index, name=series.name)


def tidy_text(series: pd.Series) -> pd.Series:
    """Text values spelled exactly as written (spaces and capitals kept), missing markers as missing, all as str.

    Whitespace policy: surrounding spaces are ignored only to decide, never kept out of a value. A cell that is
    blank or a missing marker once stripped (' ', ' NA ') is missing; a number with spaces around it (' 12 ') is
    a number (to_numbers strips to read it); any other text keeps every space and capital ('x ' stays 'x ',
    another category than 'x'), because a label that changes spelling is a new category to any join downstream.
    """
    if not series.notna().any():
        return pd.Series(np.nan, index=series.index, dtype=object, name=series.name)

    def clean(values: pd.Series) -> pd.Series:
        text = values.map(str)
        return text.mask(text.str.strip().str.lower().isin(MISSING_SET)).astype(object)

    return _by_value(series, clean).astype(object)


def number_format(values: pd.Series, decimal_hint: str) -> tuple[str, str] | None:
    """(decimal mark, thousands separator) that reads every value as a number, or None for text."""
    sample = values.dropna().head(2000).map(str).str.strip().str.translate(str.maketrans(SPACES, "  "))
    sample = sample[~sample.str.fullmatch(_SCIENTIFIC.pattern)]
    if sample.empty:
        return (".", "") if len(values.dropna()) else None
    if not sample.str.fullmatch(_NUMBER_CHARS.pattern).all() or sample.str.match(_LEADING_ZERO.pattern).any():
        return None
    ranked = sorted(_CANDIDATES, key=lambda c: (c[0] != decimal_hint, c[1] != ""))
    for candidate in ranked:
        if sample.str.fullmatch(_PATTERNS[candidate].pattern).all():
            return candidate
    return None


def _without_unit(text: pd.Series) -> tuple[pd.Series, str]:
    """The values without a currency or percent sign that every one of them carries ('12,50 €', '$3'), and the sign."""
    parts = text.str.extract(_UNIT.pattern)
    for position in (0, 2):
        signs = parts[position].str.strip()
        if signs.notna().all() and signs.nunique() == 1:
            return parts[1], signs.iloc[0]
    return text, ""


def _plain(text: pd.Series) -> bool:
    """Every value a plain decimal-point number without a sign, unit, separator or leading zero ('12', '-3.5'): with
    a '.' hint, number_format's first candidate reads them all, no unit is taken off and the text goes to
    pd.to_numeric as it is, so the general path would read them the same way, only slower (about 45 ms of the
    0.25 s an upload of 3,376 rows took in bench/RESULTS-load-protocol.md)."""
    return (
        bool(len(text))
        and bool(text.str.fullmatch(_PLAIN.pattern).all())
        and not text.str.match(_LEADING_ZERO.pattern).any()
    )


def to_numbers(values: pd.Series, decimal_hint: str) -> tuple[pd.Series, tuple[str, str], str] | None:
    """The column as numbers (int64 when whole and complete, else float64), the format and sign removed; or None."""
    present = values.notna()
    if not present.any():
        return None
    sample = values[present].drop_duplicates().head(2000).map(str).str.translate(str.maketrans(SPACES, "  "))
    if not sample.str.contains(_DIGIT.pattern).all():
        return None  # a value without a digit is no number, with or without a sign (what number_format says too)
    if number_format(_without_unit(sample.str.strip())[0], decimal_hint) is None:
        return None  # cheap refusal for text columns, before touching every value
    found: dict = {}

    def convert(uniques: pd.Series) -> pd.Series | None:
        text = uniques.map(str).str.strip().str.translate(str.maketrans(SPACES, "  "))
        if decimal_hint == "." and _plain(text):  # the usual export: the general reading below gives the same
            found["unit"], found["format"] = "", (".", "")
            numbers = pd.to_numeric(text, errors="coerce").astype(float)
            return numbers if numbers.notna().all() and np.isfinite(numbers).all() else None
        text, found["unit"] = _without_unit(text)
        found["format"] = number_format(text, decimal_hint)
        if found["format"] is None:
            return None
        decimal, thousands = found["format"]
        fits = text.str.fullmatch(_PATTERNS[found["format"]].pattern) | text.str.fullmatch(_SCIENTIFIC.pattern)
        if not fits.all() or text.str.match(_LEADING_ZERO.pattern).any():
            return None
        if thousands:
            text = text.str.replace(thousands, "", regex=False)
        if decimal == ",":
            text = text.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(text, errors="coerce").astype(float)
        return numbers if numbers.notna().all() and np.isfinite(numbers).all() else None

    numbers = _by_value(values, convert)
    if numbers is None:
        return None
    out = numbers.astype(float)
    if present.all() and (out % 1 == 0).all() and out.abs().max() < 2**53:
        out = out.astype(np.int64)
    return out, found["format"], found["unit"]


def format_note(formats: set[tuple[str, str]], file_decimal: str) -> list[str]:
    """Plain notes on the number formats met, e.g. 'decimal comma', 'thousands separated by '.''."""
    notes = []
    if file_decimal == "," or any(decimal == "," for decimal, _ in formats):
        notes.append("decimal comma")
    separators = sorted({THOUSANDS_NAMES[t] for _, t in formats if t})
    if separators:
        notes.append(f"thousands separated by {' and '.join(separators)}")
    return notes
