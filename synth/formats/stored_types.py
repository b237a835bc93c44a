"""How a typed file (Parquet) stored each column, so that a typed download stores the synthetic column so again."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

FAILED_CASTS = (TypeError, ValueError, OverflowError, AttributeError)
NULLABLE = {"bool": "boolean"} | {
    f"{sign}int{bits}": f"{sign.upper()}Int{bits}" for sign in ("", "u") for bits in (8, 16, 32, 64)
}  # the numpy types that hold no missing value, and pandas' types that do


@dataclass(frozen=True)
class StoredType:
    """A column's type as its file declared it, by pandas name: 'category', 'int16', 'Int8', 'float32', 'boolean',
    'string', 'datetime64[ns, Europe/Paris]'. Learning never sees it (it learns text, numbers and naive UTC times)."""

    dtype: str
    categories: tuple | None = None  # a category column's categories in order, unused ones too; None: the values'
    ordered: bool = False


def stored_types(frame: pd.DataFrame) -> dict[int, StoredType]:
    """Each column's type by position, where it is one a download would not give it again by itself: every type but
    text, 64-bit floats and naive times in nanoseconds (a file's index, a timedelta or a list is not kept)."""
    out = {}
    for position, dtype in enumerate(frame.dtypes):
        if isinstance(dtype, pd.CategoricalDtype):
            out[position] = StoredType("category", tuple(dtype.categories.tolist()), bool(dtype.ordered))
        elif _restorable(str(dtype)):
            out[position] = StoredType(str(dtype))
    return out


def _restorable(name: str) -> bool:
    if name.startswith("datetime64"):
        return name != "datetime64[ns]"
    return name in NULLABLE or name in NULLABLE.values() or name in ("float32", "Float32", "Float64", "string")


def fitted(stored: StoredType, values: pd.Series) -> StoredType | None:
    """The stored type that holds every one of these values unchanged (a category column's list grows by the values
    it lacks; a whole-number or yes/no column with missing values takes pandas' nullable type), or None: the column
    is written as it is (a value would change, e.g. a decimal in an int16 column, or 'Other' in a yes/no one)."""
    if stored.dtype == "category":
        stored = _categories_for(stored, values.dropna())
    elif not _same_family(stored.dtype, values):
        return None
    elif values.isna().any():
        stored = StoredType(NULLABLE.get(stored.dtype, stored.dtype))
    if stored is None:
        return None
    try:
        cast = cast_to(values, stored)
    except FAILED_CASTS:
        return None
    return stored if _unchanged(values, cast, stored) else None


def _same_family(dtype: str, values: pd.Series) -> bool:
    """Whether the values are of the stored type's family: text, yes/no, naive times (UTC) or numbers."""
    present = values.dropna()
    if dtype == "string":
        return all(isinstance(v, str) for v in present)
    if dtype in ("bool", "boolean"):
        return all(isinstance(v, (bool, np.bool_)) for v in present)
    if dtype.startswith("datetime64"):  # text (a time column chosen as category, say) stays text
        return pd.api.types.is_datetime64_dtype(values)
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _categories_for(stored: StoredType, present: pd.Series) -> StoredType | None:
    """The categories with the values they lack after them, sorted; None where those are of another type (text
    among numbers); with no categories given, the values' own, sorted and unordered."""
    listed = stored.categories or ()
    known = set(listed)
    lacking = [v for v in pd.unique(present) if v not in known]
    if listed and lacking and pd.api.types.infer_dtype(list(listed)) != pd.api.types.infer_dtype(lacking):
        return None
    try:
        lacking = sorted(lacking)
    except TypeError:
        lacking = sorted(lacking, key=str)
    ordered = stored.ordered and stored.categories is not None
    return StoredType("category", tuple(listed) + tuple(lacking), ordered)


def _unchanged(values: pd.Series, cast: pd.Series, stored: StoredType) -> bool:
    missing = values.isna().to_numpy()
    if not np.array_equal(missing, cast.isna().to_numpy()):
        return False
    if stored.dtype.startswith("datetime64"):
        return True  # the same instants, written in the file's time zone and unit
    before, after = values[~missing], cast[~missing]
    if stored.dtype.lower().startswith("float"):  # a 32-bit float column: as precise as the file's own values
        return bool(np.allclose(after.to_numpy(dtype=float), before.to_numpy(dtype=float), rtol=1e-6, atol=0))
    return bool((before.astype(object).to_numpy() == after.astype(object).to_numpy()).all())


def cast_to(values: pd.Series, stored: StoredType) -> pd.Series:
    """The values in the stored type (times, naive in UTC, localized back to the file's zone)."""
    if stored.dtype == "category":
        return values.astype(pd.CategoricalDtype(list(stored.categories or ()), stored.ordered))
    dtype = pd.api.types.pandas_dtype(stored.dtype)
    if isinstance(dtype, pd.DatetimeTZDtype):
        return values.dt.tz_localize("UTC").dt.tz_convert(dtype.tz).astype(dtype)
    return values.astype(dtype)


def with_stored_types(frame: pd.DataFrame, types: dict[str, StoredType]) -> pd.DataFrame:
    """The table with each column named in types stored in that type, where every value stays as it is (fitted).
    Types fitted to a whole table (synth.release.released_types) give each of its chunks the same type."""
    out = frame.copy()
    for column, stored in types.items():
        if column in out.columns and (kept := fitted(stored, out[column])) is not None:
            out[column] = cast_to(out[column], kept)
    return out
