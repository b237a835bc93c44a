"""What a format module declares (FormatInfo), reads into (RawTable) and writes out (Export)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, NamedTuple

import pandas as pd

from synth.errors import SynthError
from synth.formats.stored_types import StoredType


@dataclass(frozen=True)
class FormatInfo:
    """A format as people and files see it. Its module also provides detect(data, file_name), read(data, limits,
    encoding=None, delimiter=None) -> RawTable and write(frame, **options) -> bytes."""

    name: str  # the registry key, also LoadedTable.file_format: 'csv', 'xlsx', 'parquet'
    label: str  # short plain name: 'Excel'
    description: str  # one line on when to choose it
    read_as: str  # how a loaded table's summary names it: 'Excel workbook'
    article: str  # in the note when the file's name says otherwise: 'an Excel workbook'
    extension: str  # the extension written files get, and the one --out picks this format by
    read_extensions: tuple[str, ...]  # file names that announce this format
    mime: str
    download_label: str  # the Download page's button
    neutralises_formulas: bool  # spreadsheets open it: text that starts like a formula is written inert
    keeps_stored_types: bool = False  # writes each column in the type its typed input file gave it (stored_types)
    missing_policy: str | None = None  # what is read as missing, where a text table's sentence (cells) does not fit
    missing_examples: str = "empty, NA, null, - ..."  # the kinds of missing cell the Data page's count covers

    def file_name(self, base_name: str = "synthetic") -> str:
        return f"{file_stem(base_name)}.{self.extension}"


@dataclass(frozen=True)
class RawTable:
    """Cells as a format read them, before the common tidy-up: header names and positionally named columns."""

    names: list[str]
    frame: pd.DataFrame
    notes: tuple[str, ...] = ()
    encoding: str = ""  # text formats only
    delimiter: str = ""
    decimal: str = "."
    text_columns: frozenset[int] = frozenset()  # positions to keep as text (codes with leading zeros)
    ragged_rows: int = 0
    stored_types: dict[int, StoredType] = field(default_factory=dict)  # typed formats: each column's own, by position


class Export(NamedTuple):
    data: bytes
    file_name: str
    mime: str


class MissingDependency(SynthError, ImportError):
    """An optional library a format needs is not installed."""


def file_stem(base_name: str) -> str:
    """A safe file name stem: 'my data.csv' -> 'my_data'."""
    stem = re.sub(r"[^\w.-]+", "_", base_name.rsplit(".", 1)[0] if "." in base_name else base_name).strip("._")
    return stem or "synthetic"


def is_missing(value: Any) -> bool:
    """True for None, NaN and NaT; False for anything pd.isna cannot judge as one value."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def optional_import(module: str, package: str, what: str) -> ModuleType:
    """The module, or one sentence saying which package to install for this format."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependency(f"{what} need the {package} package. Install it with: pip install {package}") from None
