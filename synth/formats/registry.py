"""The registered file formats, each imported from its own module when first asked for, and a table's download."""

from __future__ import annotations

import importlib
from pathlib import PurePath
from types import ModuleType
from typing import Any

import pandas as pd

from synth.errors import InputError
from synth.formats.contract import Export, FormatInfo
from synth.formats.stored_types import StoredType, with_stored_types

# One line per format: its name and the module that declares INFO and provides detect, read and write.
MODULES = {
    "csv": "synth.formats.csv",
    "xlsx": "synth.formats.xlsx",
    "parquet": "synth.formats.parquet",
}
DEFAULT_FORMAT = "csv"  # offered first for download, and how bytes no other format claims are read


def format_module(name: str) -> ModuleType:
    """The module of a registered format, imported on first use."""
    if name not in MODULES:
        raise InputError(f"'{name}' is not a download format. Choose one of: {', '.join(MODULES)}.")
    return importlib.import_module(MODULES[name])


def formats() -> dict[str, FormatInfo]:
    """Every registered format's description, in registry order (the Download page's order)."""
    return {name: format_module(name).INFO for name in MODULES}


def format_for_path(path: str) -> str:
    """The format whose files end with the path's extension ('out.xlsx' -> 'xlsx'); CSV for any other."""
    suffix = PurePath(path).suffix.lower().lstrip(".")
    return next((info.name for info in formats().values() if info.extension == suffix), DEFAULT_FORMAT)


def export_table(
    frame: pd.DataFrame,
    format_name: str = DEFAULT_FORMAT,
    base_name: str = "synthetic",
    stored_types: dict[str, StoredType] | None = None,
    **options: Any,
) -> Export:
    """The table in one of the registered formats; options go to the format (CSV: encoding, delimiter, decimal).
    stored_types: each column's type in the typed file it came from, given back by a format that keeps types."""
    module = format_module(format_name)
    frame = typed_for(frame, module.INFO, stored_types)
    return Export(module.write(frame, **options), module.INFO.file_name(base_name), module.INFO.mime)


def typed_for(frame: pd.DataFrame, info: FormatInfo, stored_types: dict[str, StoredType] | None) -> pd.DataFrame:
    """The table as the format writes it: in its stored types where the format keeps them (Parquet), else as it is."""
    return with_stored_types(frame, stored_types) if stored_types and info.keeps_stored_types else frame
