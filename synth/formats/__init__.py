"""File formats behind one registry: each module detects, reads and writes one format (tablib's layout)."""

from synth.formats.contract import Export, FormatInfo, MissingDependency
from synth.formats.csv import csv_like_input
from synth.formats.formulas import neutralise_formulas
from synth.formats.reading import LoadedTable, read_table, read_upload
from synth.formats.registry import DEFAULT_FORMAT, export_table, format_for_path, formats

__all__ = [
    "DEFAULT_FORMAT",
    "Export",
    "FormatInfo",
    "LoadedTable",
    "MissingDependency",
    "csv_like_input",
    "export_table",
    "format_for_path",
    "formats",
    "neutralise_formulas",
    "read_table",
    "read_upload",
]
