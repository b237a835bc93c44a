"""Missing-value markers, and numbers written with decimal commas, thousands separators, units or signs."""

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
# Read as plain spaces and '-' to decide: the spaces above, and the minus sign U+2212 of some exports ('−1 234,56')
_READ_AS = str.maketrans({**dict.fromkeys(SPACES, " "), "\u2212": "-"})
_NUMBER_CHARS = re.compile(r"[+-]?[\d.,' ]*\d[\d.,' ]*")
_SCIENTIFIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
_LEADING_ZERO = re.compile(r"[+-]?0\d")
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")  # '12', '-3.5', '.5': one way to read it, '.' decimal
_DIGIT = re.compile(r"\d")
_CURRENCIES = r"EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK"
# Units of measure written after a number ('79.1 kg', '2,474 sq ft', '23.6°C', '4.3/5'), longest first so that
# 'kWh' is not read as 'kW' and a trailing 'h'. Only a unit every value of a column carries makes it numbers, and only
# where the column holds MEASURED_VALUES distinct values or more (race events '100m'/'400m', RAM sizes '8GB'/'16GB'
# and '36 months' are labels); no single letters ('320d', '4K', '698M' are models and codes; '1990s' are decades).
MEASURE_UNITS = sorted(
    [
        *"kg mg lb lbs oz km cm mm mi ft in yd sqft m² m2 km² ha ac acres ml mL cl gal cc CC km/h kmh kph".split(),
        *"mph m/s kn knots °C °F ºC ºF ° kWh Wh kW MW GW hp bhp PS kcal cal kJ kV mA mAh Ah Hz kHz MHz GHz".split(),
        *"KB kB MB GB TB PB Kbps Mbps Gbps kmpl mpg km/kg km/l Nm sec secs min mins hr hrs hours days wk".split(),
        *"weeks mo months yr yrs years ms ppm ppb dB rpm pts px /5 /10 /100".split(),
        "sq ft",
        "sq m",
    ],
    key=len,
    reverse=True,
)
MEASURED_VALUES = 10
_OUT_OF = {"/5": 5.0, "/10": 10.0, "/100": 100.0}  # a rating out of N lies in 0..N ('12/5' is a day and a month)
_MEASURES = "|".join(re.escape(unit) for unit in MEASURE_UNITS)
_UNIT = re.compile(rf"^\s*([€$£¥%]|(?:{_CURRENCIES})\s)?\s*(.*?)\s*([€$£¥%]|\s(?:{_CURRENCIES})|(?:{_MEASURES}))?\s*$")
_BRACKETS = re.compile(r"\(\s*([^()]*?)\s*\)")  # accounting negatives: '(1,234.56)'
_TRAILING_MINUS = re.compile(r"([^-]*\d)\s*-")  # SAP and German exports: '1.234,56-'
# Excel's Accounting format writes zero as the currency and a dash ('$ -   ', ' -   € '): a zero only beside that unit
_ACCOUNTING_ZERO = re.compile(rf"\s*(?:(?P<before>[€$£¥]|{_CURRENCIES})\s*-|-\s*(?P<after>[€$£¥]|{_CURRENCIES}))\s*")
NEGATIVE_FORMS = {"brackets": "in brackets, like ({})", "trailing minus": "with the minus after them, like {}-"}
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
    sample = values.dropna().head(2000).map(str).str.strip().str.translate(_READ_AS)
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


def _without_unit(text: pd.Series) -> tuple[pd.Series, tuple[str, ...]]:
    """The values without the currency, percent sign or unit of measure that every one of them carries ('12,50 €',
    '$3', '79.1 kg', '$113k'), and those signs, as written before and after the number (none when values differ).
    A sign or bracket around the whole value stays with the number: '-$12', '- $12' and '($12)' give '-12', '(12)'."""
    opened = text.str[:1].isin(("+", "-", "("))  # the wrapper is split off only those values, rarely all
    core, before, after = text, None, None
    if opened.any():
        wrapped = text[opened]
        closed = wrapped.str.startswith("(") & wrapped.str.endswith(")")
        before, after = wrapped.str[:1], closed.map({True: ")", False: ""})
        core = text.mask(opened, wrapped.str[1:].where(~closed, wrapped.str[1:-1]).str.strip())
    parts = core.str.extract(_UNIT.pattern)
    units = []
    for position in (0, 2):  # before the number, after it: each one all values share, or none carries
        signs = parts[position].str.strip()
        if signs.notna().any() and not (signs.notna().all() and signs.nunique() == 1):
            return text, ()
        if signs.notna().any():
            units.append(signs.iloc[0])
    if not units:
        return text, ()
    body = parts[1] if before is None else parts[1].mask(opened, before + parts[1][opened] + after)
    return body, tuple(units)


def _zeros_written(text: pd.Series) -> pd.Series:
    """Excel's accounting zeros ('$ -', '- €') as the unit and 0 ('$ 0', '0 €'), for _without_unit to take the unit off:
    so the dash reads as 0 only where the whole column carries that unit. A lone '-' is a missing marker already."""
    undigited = ~text.str.contains(_DIGIT.pattern)
    if not undigited.any():
        return text
    parts = text[undigited].str.extract(f"^{_ACCOUNTING_ZERO.pattern}$")
    zeros = (parts["before"] + " 0").fillna("0 " + parts["after"])
    return text.mask(undigited & zeros.reindex(text.index).notna(), zeros.reindex(text.index))


def accounting_zero(values: pd.Series) -> str:
    """The first accounting zero met ('$ -'), as the note shows it; '' when there is none."""
    text = values.dropna().drop_duplicates().map(str).str.translate(_READ_AS)
    zeros = text[text.str.fullmatch(_ACCOUNTING_ZERO.pattern)]
    return " ".join(zeros.iloc[0].split()) if len(zeros) else ""


def _with_leading_minus(text: pd.Series) -> tuple[pd.Series, pd.Series, str] | None:
    """The values with a negative in brackets or a trailing minus written as a leading minus ('(12)' -> '-12'),
    which values carry that form, and its name ('' when none is); None when a column mixes two forms.
    Only where the rest fits the column's format is the value a number: number_format decides that afterwards."""
    last = text.str[-1:]
    bracketed, trailing = (
        _matching(text, last == end, pattern) for end, pattern in ((")", _BRACKETS), ("-", _TRAILING_MINUS))
    )
    leading = text.str.startswith("-")
    used = [form for form, mask in (("", leading), ("brackets", bracketed), ("trailing minus", trailing)) if mask.any()]
    if len(used) > 1:
        return None  # '-12' beside '(12)': no one way of writing negatives, so no number column
    if not used or not used[0]:
        return text, leading, ""
    pattern = _BRACKETS if used[0] == "brackets" else _TRAILING_MINUS
    marked = bracketed if used[0] == "brackets" else trailing
    inner = text[marked].str.extract(f"^{pattern.pattern}$")[0]
    return text.mask(marked, "-" + inner), marked, used[0]


def _amounts(text: pd.Series, marked: pd.Series, decimal: str, thousands: str) -> bool:
    """Whether negatives in brackets or with a trailing minus, in a column without a unit, are amounts: the marked
    ones show thousands separated ('(1,234.56)', even when every value is marked), or some value is positive (a
    column of '(0.123)', '(1.5)' is standard errors, '(1)', '(2)' list labels) and the marked ones carry cents
    ('(12.50)', '1.234,56-') or are whole numbers that look like amounts ('(120)' beside '450', SAP's '10-' beside
    '140'). Whole numbers stay text when every whole number of the column lies in 1..20 (grades '4-', footnotes
    '(4)'), has as many digits as the others (codes '690-' beside '678') or, for the marked ones, 5 digits or more
    (codes '(73960)'): they would otherwise flip sign."""
    inner = text[marked].str[1:]  # the marked values, written with a leading minus by now
    if thousands and inner.str.match(rf"[1-9]\d{{0,2}}{re.escape(thousands)}\d{{3}}").any():
        return True
    if marked.all():
        return False
    if thousands:
        return True
    cents = inner.str.contains(rf"{re.escape(decimal)}\d", regex=True)
    if cents.all():
        return True
    whole = text.str.lstrip("+-")
    whole = whole[~whole.str.contains(decimal, regex=False)]
    return bool(
        not pd.to_numeric(whole, errors="coerce").between(1, 20).all()
        and whole.str.len().nunique() > 1
        and not (inner[~cents].str.len() >= 5).all()
    )


def _matching(text: pd.Series, ends: pd.Series, pattern: re.Pattern) -> pd.Series:
    """Which values match pattern; the regular expression runs only when some value ends as it must (rarely)."""
    return ends & text.str.fullmatch(pattern.pattern) if ends.any() else ends


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


def _readable(text: pd.Series) -> tuple[pd.Series, str, pd.Series, str] | None:
    """The values as number_format reads them (unit off, any negative with a leading minus), the unit, which values
    were written in an unusual negative form and its name; None when negatives are written two ways."""
    text, unit = _without_unit(_zeros_written(text))
    signed = _with_leading_minus(text)
    return None if signed is None else (signed[0], unit, signed[1], signed[2])


def to_numbers(values: pd.Series, decimal_hint: str) -> tuple[pd.Series, tuple[str, str], tuple[str, ...], str] | None:
    """The column as numbers (int64 when whole and complete, else float64), the format, the signs or units removed
    (unit_note), and the negative form met ('brackets', 'trailing minus' or ''); or None."""
    present = values.notna()
    if not present.any():
        return None
    sample = values[present].drop_duplicates().head(2000).map(str).str.translate(_READ_AS)
    if not (sample.str.contains(_DIGIT.pattern) | sample.str.fullmatch(_ACCOUNTING_ZERO.pattern)).all():
        return None  # a value without a digit is no number, but for Excel's accounting zero ('$ -', its unit checked later)
    readable = _readable(sample.str.strip())
    if readable is None or number_format(readable[0], decimal_hint) is None:
        return None  # cheap refusal for text columns, before touching every value
    found: dict = {}

    def convert(uniques: pd.Series) -> pd.Series | None:
        text = uniques.map(str).str.strip().str.translate(_READ_AS)
        if decimal_hint == "." and _plain(text):  # the usual export: the general reading below gives the same
            found["unit"], found["format"], found["negatives"] = (), (".", ""), ""
            numbers = pd.to_numeric(text, errors="coerce").astype(float)
            return numbers if numbers.notna().all() and np.isfinite(numbers).all() else None
        readable = _readable(text)
        if readable is None:
            return None
        text, found["unit"], marked, found["negatives"] = readable
        found["format"] = number_format(text, decimal_hint)
        if found["format"] is None:
            return None
        decimal, thousands = found["format"]
        measures = [unit for unit in found["unit"] if unit in MEASURE_UNITS]
        if measures and found["negatives"]:
            return None  # '(15 min)' is no negative duration, '(0.12 kg)' a standard error
        if found["negatives"] and not found["unit"] and not _amounts(text, marked, decimal, thousands):
            return None
        fits = text.str.fullmatch(_PATTERNS[found["format"]].pattern) | text.str.fullmatch(_SCIENTIFIC.pattern)
        if not fits.all() or text.str.match(_LEADING_ZERO.pattern).any():
            return None
        if thousands:
            text = text.str.replace(thousands, "", regex=False)
        if decimal == ",":
            text = text.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(text, errors="coerce").astype(float)
        if measures and numbers.nunique() < MEASURED_VALUES:  # few values are labels ('8 kg' and '8  kg' are one)
            return None
        if any(not numbers.between(0.0, _OUT_OF[unit]).all() for unit in measures if unit in _OUT_OF):
            return None
        return numbers if numbers.notna().all() and np.isfinite(numbers).all() else None

    numbers = _by_value(values, convert)
    if numbers is None:
        return None
    out = numbers.astype(float)
    if present.all() and (out % 1 == 0).all() and out.abs().max() < 2**53:
        out = out.astype(np.int64)
    return out, found["format"], found["unit"], found["negatives"]


def unit_note(units: tuple[str, ...], column: str) -> str:
    """The note for a column read as numbers once its currency, percent signs or unit of measure were taken off."""
    signs = [unit for unit in units if unit not in MEASURE_UNITS]
    measures = [unit for unit in units if unit in MEASURE_UNITS]
    said = ([" and ".join(f"'{sign}'" for sign in signs) + " signs"] if signs else []) + [
        f"the unit '{unit}'" for unit in measures
    ]
    return f"{' and '.join(said)} removed from '{column}' to read it as numbers"


def negative_note(form: str, column: str, decimal: str, negatives: pd.Series) -> str:
    """The note for a column whose negatives are written in brackets or with a trailing minus; its example has the
    shape of the values read as negative: 'like (12.50)' when they carry cents, 'like (120)' when they are whole."""
    cents = negatives.dropna().map(str).str.contains(rf"{re.escape(decimal)}\d", regex=True).any()
    example = NEGATIVE_FORMS[form].format(("12,50" if decimal == "," else "12.50") if cents else "120")
    return f"negative amounts written {example}, in '{column}' read as negative numbers"


def format_note(formats: set[tuple[str, str]], file_decimal: str) -> list[str]:
    """Plain notes on the number formats met, e.g. 'decimal comma', 'thousands separated by '.''."""
    notes = []
    if file_decimal == "," or any(decimal == "," for decimal, _ in formats):
        notes.append("decimal comma")
    separators = sorted({THOUSANDS_NAMES[t] for _, t in formats if t})
    if separators:
        notes.append(f"thousands separated by {' and '.join(separators)}")
    return notes
