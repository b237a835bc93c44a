"""Column kinds: detect them, let the user override them, and convert columns to and from model form."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from synth import personal
from synth.date_forms import dates_in_any_form, datetime_format, text_sample
from synth.date_text import several_offsets, written_dates
from synth.durations import duration_form, duration_summary, elapsed_form, seconds, time_spans, written_durations
from synth.errors import InputError
from synth.number_forms import decimal_places, model_numbers, number_summary, numbers_in_form, rounded_like
from synth.yes_no import FALSE_WORDS, TRUE_WORDS, boolean_meaning, says_yes_or_no

KIND_LABELS = {
    "integer": "Whole number",
    "decimal": "Decimal number",
    "category": "Category",
    "datetime": "Date/time",
    "boolean": "Yes/no",
    "identifier": "Identifier (never learned; new values made)",
    "text": "Free text (never learned; dropped)",
    "personal": "Personal data (never learned; replaced by fakes)",
}
KINDS = tuple(KIND_LABELS)
LEARNED_KINDS = ("integer", "decimal", "category", "datetime", "boolean")
NUMERIC_KINDS = ("integer", "decimal")
# How SDV and SDMetrics name each learned kind (yes/no as categorical: its two labels are kept as they are).
SDV_SDTYPES = {
    "integer": "numerical",
    "decimal": "numerical",
    "category": "categorical",
    "datetime": "datetime",
    "boolean": "categorical",
}

_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)
_ID_NAME = re.compile(r"(^|_)(id|key|uuid|guid|code|ref|reference|no|nr|num|number|nummer|numero|número)$|^id_")
# Whom or what a row is about: whole numbers named so number the rows ('patient': 1043); text named so may be names.
_ROW_NAME = re.compile(r"(^|_)(seqn|subject|subj|participant|patient|respondent|customer|client|member|case|specimen)$")
_TIME_NAME = re.compile(r"(^|_)(year|years|yr|jahr|annee|année|anno|año|time|period|month|week|day|hour|quarter)($|_)")


EXAMPLE_TIME = pd.Timestamp("2024-01-31 13:05:09.123456")  # shows a date column's written form on the Columns page


@dataclass(frozen=True)
class ColumnProfile:
    name: str
    kind: str
    missing_share: float
    distinct: int
    summary: str


def varies(series: pd.Series) -> bool:
    """Whether a column's cells differ, so there is something to learn: two values or more, or one value and some
    missing cells (a note 'ok' in a third of the rows, blank elsewhere: which rows are blank is learned too)."""
    return series.nunique(dropna=False) > 1


def _is_boolean(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return True
    if pd.api.types.is_numeric_dtype(series):
        return False
    if series.nunique(dropna=True) > 8:  # spellings such as 'Yes', 'yes ', 'YES' before trimming
        return False
    values = set(text_sample(pd.Series(series.dropna().unique())).str.lower().unique())
    return 1 <= len(values) <= 2 and values <= (TRUE_WORDS | FALSE_WORDS)


def _whole(values: pd.Series) -> bool:
    numbers = values.astype(float).to_numpy()
    return bool(np.isfinite(numbers).all() and (np.mod(numbers, 1) == 0).all())


def _identifier_numbers(name: str, values: pd.Series) -> bool:
    """Whole numbers that number the rows: near-unique and named like a key ('id', 'order_no', 'patient'), or unique
    and packed in their range (a quarter of it or more). Measured values that packed would repeat (20 draws from 80
    values repeat 9 times in 10), so unique packed numbers were handed out; years and time steps stay numbers."""
    count, distinct = len(values), values.nunique()
    key = personal.name_key(name)
    if _ID_NAME.search(key) or _ROW_NAME.search(key):
        return count >= 10 and distinct >= 0.95 * count
    if count < 20 or distinct < count or _TIME_NAME.search(key):
        return False
    numbers = values.astype(float)
    return numbers.min() >= 0 and distinct / (numbers.max() - numbers.min() + 1) >= 0.25


def _codes(sample: pd.Series) -> bool:
    """Values that read as codes rather than words: mostly holding a digit, or nearly all short capitals and digits
    (airport and ticker codes: 'JFK', 'AAPL'); unique capitalised words ('Alabama') stay labels."""
    return bool(sample.str.contains(r"\d").mean() >= 0.5 or sample.str.fullmatch(r"[A-Z0-9]{2,6}").mean() >= 0.95)


def _detect_text(name: str, series: pd.Series) -> str:
    if form := elapsed_form(name, series):  # durations are numbers of seconds, written back in their form
        return "decimal" if "." in form else "integer"
    if datetime_format(series):
        return "datetime"
    present = series.dropna()
    count, distinct = len(present), present.nunique()
    sample = text_sample(present.head(500))
    if count >= 5 and distinct >= 0.95 * count and _ID_NAME.search(personal.name_key(name)):
        return "identifier"
    if count >= 5 and distinct == count and sample.str.fullmatch(_UUID.pattern, case=False).all():
        return "identifier"
    words = sample.str.count(r"\s+").mean() + 1
    if count >= 20 and distinct / count > 0.9:
        if words >= 3 or sample.str.contains(r"\s").mean() > 0.5:
            return "text"
        if distinct / count > 0.98 and _codes(sample):  # codes ('04G', 'JFK'); unique words are labels
            return "identifier"
    if count >= 20 and distinct / count > 0.5 and words >= 6:
        return "text"
    return "category"


def _detect_one(name: str, series: pd.Series) -> str:
    values = series.dropna()
    if values.empty:
        return "category"
    if _is_boolean(series):
        return "boolean"
    if personal.personal_type(name, series):
        return "personal"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    if pd.api.types.is_timedelta64_dtype(series):  # time spans (Excel's [h]:mm:ss cells): numbers of seconds
        return "integer" if _whole(values / pd.Timedelta(seconds=1)) else "decimal"
    if pd.api.types.is_numeric_dtype(series):
        whole = _whole(values)
        if whole and _identifier_numbers(name, values):
            return "identifier"
        return "integer" if whole else "decimal"
    return _detect_text(name, series)


def detect_kinds(frame: pd.DataFrame) -> dict[str, str]:
    """Best guess of each column's kind; the user may correct any of them."""
    return {str(column): _detect_one(str(column), frame[column]) for column in frame.columns}


def personal_types(frame: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str]:
    """For each personal-data column, what it holds ('email', 'phone', ...; 'other' when unsure)."""
    return {
        column: personal.personal_type(column, frame[column]) or "other"
        for column, kind in kinds.items()
        if kind == "personal" and column in frame.columns
    }


def validate_kinds(frame: pd.DataFrame, kinds: dict[str, str]) -> dict[str, str]:
    """Check user-chosen kinds against the data, raising InputError with a plain sentence."""
    for column, kind in kinds.items():
        if column not in frame.columns:
            raise InputError(f"The column '{column}' is not in the table.")
        if kind not in KIND_LABELS:
            raise InputError(f"'{kind}' is not a column kind. Choose one of: {', '.join(KINDS)}.")
        if (
            kind in NUMERIC_KINDS
            and not pd.api.types.is_numeric_dtype(frame[column])
            and not duration_form(frame[column])
        ):
            converted = pd.to_numeric(frame[column], errors="coerce")
            bad = converted.isna() & frame[column].notna()
            if bad.mean() > 0.05:
                raise InputError(
                    f"The column '{column}' cannot be treated as a number: {int(bad.sum())} of its values "
                    "are not numbers. Choose 'Category' or 'Free text' instead."
                )
        if kind == "boolean" and not says_yes_or_no(frame[column].dropna().unique()):
            raise InputError(
                f"The column '{column}' cannot be treated as yes/no: some of its values are not yes/no words "
                "(yes/no, true/false, 1/0 and their translations). Choose 'Category' instead."
            )
        if kind == "datetime" and not pd.api.types.is_datetime64_any_dtype(frame[column]):
            if datetime_format(frame[column]) is None:
                raise InputError(
                    f"The column '{column}' cannot be read as dates. Choose 'Category' or 'Free text' instead."
                )
    return dict(kinds)


def to_model_frame(
    frame: pd.DataFrame, kinds: dict[str, str], formats: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Columns of the learned kinds, in the types the generators expect (floats, datetimes, strings). formats: how
    the date and duration columns are written, where the run knows it (written_forms): read in those forms rather
    than from the values (made rows are read back so, each time rules are checked on them)."""
    out = {}
    for column, kind in kinds.items():
        if kind not in LEARNED_KINDS:
            continue
        series = frame[column]
        if kind in NUMERIC_KINDS:
            numbers = model_numbers(series) if formats is None else numbers_in_form(series, formats.get(column))
            out[column] = numbers.where(np.isfinite(numbers))
        elif kind == "datetime":
            out[column] = _model_dates(series, _written_format(series, (formats or {}).get(column)))
        elif kind == "boolean" and pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
            out[column] = series.map(lambda v: None if pd.isna(v) else "1" if v == 1 else "0" if v == 0 else str(v))
        else:
            out[column] = series.astype(object).where(series.notna(), None).map(lambda v: v if v is None else str(v))
    return pd.DataFrame(out, index=frame.index)


def unread_values(frame: pd.DataFrame, model: pd.DataFrame) -> dict[str, int]:
    """For each column of model (to_model_frame of frame), how many of frame's present values it could not read as
    its kind (a date in no known form, 'n/a' in a number column), which are learned as missing."""
    out = {}
    for column in model.columns:
        raw = frame[column][model[column].isna() & frame[column].notna()]  # few: read only those
        unread = int((raw.astype(str).str.strip() != "").sum()) if raw.dtype == object else len(raw)
        if unread:
            out[column] = unread
    return out


def _written_format(series: pd.Series, known: str | None = None) -> str | None:
    """A date column's written format: known (written_forms) or its text's (datetime_format); None for date values."""
    return None if pd.api.types.is_datetime64_any_dtype(series) else known or datetime_format(series)


def _model_dates(series: pd.Series, fmt: str | None) -> pd.Series:
    """A date column in model form, its text read in its written format fmt (spaces around a date read past, as when
    its format was found), date values as they are."""
    if fmt:
        return dates_in_any_form(series.astype(object).where(series.isna(), series.astype(str).str.strip()), fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pd.to_datetime(series, errors="coerce")


def from_model_frame(
    synthetic: pd.DataFrame, original: pd.DataFrame, kinds: dict[str, str], formats: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Give synthetic columns the look of the originals: whole numbers, date and duration forms, original labels and
    types. formats: the date and duration columns' written forms (written_forms, read once per run), used whenever
    given (the private path's `original` holds no rows to read them from); None: read from `original`."""
    out = synthetic.copy()
    for column in synthetic.columns:
        kind, source = kinds[column], original[column]
        form = (
            (formats.get(column) if formats is not None else duration_form(source)) if kind in NUMERIC_KINDS else None
        )
        if form or (kind in NUMERIC_KINDS and pd.api.types.is_timedelta64_dtype(source)):
            numbers = pd.to_numeric(out[column], errors="coerce").astype(float)  # seconds: written as durations
            numbers = numbers.round() if kind == "integer" else numbers  # ('25:12:26') or time spans again
            out[column] = written_durations(numbers, form) if form else time_spans(numbers)
        elif kind == "integer":
            numbers = pd.to_numeric(out[column], errors="coerce").astype(float)
            numbers = numbers.where(np.isfinite(numbers)).round()
            out[column] = (
                numbers.astype("Int64") if numbers.abs().max(skipna=True) < 2**63 or numbers.isna().all() else numbers
            )
        elif kind == "decimal":
            out[column] = rounded_like(pd.to_numeric(out[column], errors="coerce").astype(float), source)
        elif kind == "datetime" and pd.api.types.is_datetime64_any_dtype(source):
            if formats is not None and formats.get(column) == "%Y-%m-%d":  # days without times, as they were
                out[column] = pd.to_datetime(out[column], errors="coerce").dt.floor("D")
        elif kind == "datetime":
            fmt = (formats.get(column) if formats is not None else datetime_format(source)) or "%Y-%m-%d"
            out[column] = written_dates(pd.to_datetime(out[column], errors="coerce"), fmt)
        elif kind in ("category", "boolean") and pd.api.types.is_bool_dtype(source):
            out[column] = _said(out[column])
        elif kind == "boolean" and pd.api.types.is_numeric_dtype(source):  # a 0/1 flag: any yes/no spelling drawn
            out[column] = _said(out[column]).map({True: 1, False: 0}).astype(source.dtype, errors="ignore")
        elif kind == "category" and pd.api.types.is_numeric_dtype(source):
            out[column] = pd.to_numeric(out[column], errors="coerce").astype(source.dtype, errors="ignore")
    return out


def _said(cells: pd.Series) -> pd.Series:
    """What each yes/no cell says (True, False, or None where it says neither or is missing)."""
    return cells.map(lambda v: boolean_meaning(v) if v is not None and v == v else None)


def column_pattern(values: pd.Series) -> str:
    """The shape of a typical value without revealing it: digits as 9, letters as A or a ('ORD-0012' -> 'AAA-9999')."""
    text = text_sample(values.dropna().head(1000))
    if text.empty:
        return ""
    shapes = text.str.replace(r"\d", "9", regex=True).str.replace(r"[A-Z]", "A", regex=True)
    return shapes.str.replace(r"[^\W\dA-Z_]", "a", regex=True).value_counts().index[0]


def _summary(series: pd.Series, kind: str, column: str) -> str:
    if kind in NUMERIC_KINDS and (form := duration_form(series)):
        return duration_summary(seconds(series), form)
    if kind in NUMERIC_KINDS and pd.api.types.is_timedelta64_dtype(series):
        numbers = model_numbers(series)
        form = ("-" if (numbers < 0).any() else "") + ("[h]:mm:ss" if kind == "integer" else "[h]:mm:ss.000")
        return duration_summary(numbers, form, shown=False)
    if kind in NUMERIC_KINDS:
        values = pd.to_numeric(series, errors="coerce")
        if values.notna().any():
            return number_summary(values.dropna(), decimal_places(values))
        return "no numbers"
    if kind == "datetime":
        fmt = _written_format(series)  # found once: reading its form tries a few written forms of the sample
        dates = _model_dates(series, fmt)
        if not dates.notna().any():
            return "no dates"
        example = written_dates(pd.Series([EXAMPLE_TIME]), fmt)[0] if fmt else ""
        several = fmt is not None and several_offsets(series)  # read and written in UTC (date_text)
        written = f", written like {example}" + (
            "; its times have several UTC offsets, so they are made with the commonest (the same instants)"
            if several
            else ""
        )
        return f"from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" + (written if fmt else "")
    if kind == "personal":
        found = personal.personal_type(column, series) or "other"
        return f"{personal.PERSONAL_TYPES[found]} (values hidden; replaced by fakes)"
    if kind == "identifier":
        pattern = column_pattern(series)
        legend = "; 9 stands for a digit, A or a for a letter" if any(c in pattern for c in "9Aa") else ""
        return f"unique keys like {pattern} (new ones are made{legend})"
    if kind == "text":
        words = text_sample(series, 1000).str.split().str.len().mean()
        return f"free text, about {words:.0f} words each (values hidden)"
    top = series.dropna().astype(str).value_counts().head(3)
    if not len(top):
        return "empty"
    spaced = [value != value.strip() for value in top.index]  # 'USA ' would read as 'USA': quoted, never trimmed
    shown = ", ".join(f"'{v}' ({n:,})" if quote else f"{v} ({n:,})" for (v, n), quote in zip(top.items(), spaced))
    return f"most common: {shown}" + ("; quotes show spaces at the ends of a value" if any(spaced) else "")


def profile(frame: pd.DataFrame, kinds: dict[str, str]) -> list[ColumnProfile]:
    """A one-line summary of each column, for the Data and Columns pages (no personal values shown)."""
    rows = []
    for column, kind in kinds.items():
        series = frame[column]
        missing = float(series.isna().mean()) if len(series) else 0.0
        distinct = int(series.nunique(dropna=True))
        rows.append(ColumnProfile(column, kind, missing, distinct, _summary(series, kind, column)))
    return rows
