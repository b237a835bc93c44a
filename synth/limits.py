"""Size limits for uploads (bytes, rows, columns), read from the environment, and the training sample."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from synth.errors import InputError

log = logging.getLogger("synth")

DEFAULT_MAX_UPLOAD_MB = 200  # Streamlit's own default for server.maxUploadSize
DEFAULT_MAX_COLUMNS = 500
DEFAULT_MAX_TABLE_ROWS = 1_000_000  # the most rows a table may have at all (and the most the app generates)
DEFAULT_MAX_ROWS = DEFAULT_MAX_TABLE_ROWS  # every row is learned from; a sample only when the user asks for one
DEFAULT_MAX_READ_S = 120
MAX_GENERATED_ROWS = DEFAULT_MAX_TABLE_ROWS  # the most synthetic rows the Generate page makes at a time


@dataclass(frozen=True)
class Limits:
    """Above max_bytes, max_columns or max_table_rows a file is refused; above max_rows (by default the same
    1,000,000: every row is learned from) it is read and trained on a sample, said in the notes and the record. A packed file (Excel, Parquet) may not unpack to more than max_bytes either, and reading stops after
    max_read_s seconds or when stop() raises (the app passes Streamlit's check for a tab closed or a new click)."""

    max_bytes: int = DEFAULT_MAX_UPLOAD_MB * 1024 * 1024
    max_rows: int = DEFAULT_MAX_ROWS
    max_columns: int = DEFAULT_MAX_COLUMNS
    max_table_rows: int = DEFAULT_MAX_TABLE_ROWS
    max_read_s: float = DEFAULT_MAX_READ_S
    stop: Callable[[], None] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """SYNTH_MAX_UPLOAD_MB, SYNTH_MAX_ROWS and SYNTH_MAX_COLUMNS, each falling back to its default."""
        environ = os.environ if environ is None else environ
        megabytes = _positive(environ, "SYNTH_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, float)
        return cls(
            max_bytes=int(megabytes * 1024 * 1024),
            max_rows=int(_positive(environ, "SYNTH_MAX_ROWS", DEFAULT_MAX_ROWS, int)),
            max_columns=int(_positive(environ, "SYNTH_MAX_COLUMNS", DEFAULT_MAX_COLUMNS, int)),
            max_table_rows=int(_positive(environ, "SYNTH_MAX_TABLE_ROWS", DEFAULT_MAX_TABLE_ROWS, int)),
            max_read_s=_positive(environ, "SYNTH_MAX_READ_S", DEFAULT_MAX_READ_S, float),
        )

    @property
    def max_megabytes(self) -> str:
        return f"{self.max_bytes / 1024 / 1024:,.0f} MB"

    def check_columns(self, count: int, *, at_least: bool = False) -> None:
        """InputError for a table wider than max_columns (at_least: only part of its header was counted)."""
        if count > self.max_columns:
            raise InputError(
                f"The table has {'at least ' if at_least else ''}{count:,} columns; at most {self.max_columns:,} "
                "can be used. Keep only the columns you need and try again."
            )

    def check_rows(self, count: int, *, declared: bool = False) -> None:
        """InputError for a table longer than max_table_rows (declared: as the file's own header says)."""
        if count > self.max_table_rows:
            said = "says it has" if declared else "has"
            raise InputError(
                f"The table {said} {count:,} rows; at most {self.max_table_rows:,} rows can be used. "
                "Keep a sample of the rows (or split the file) and try again."
            )

    def check_unpacked(self, size: int, what: str) -> None:
        """InputError for a packed file (what: 'This Excel workbook') that would unpack to more than max_bytes."""
        if size > self.max_bytes:
            raise InputError(
                f"{what} unpacks to {size_text(size)}, more than the upload limit of {self.max_megabytes}. "
                "Keep only the rows and columns you need, or save the table as CSV."
            )

    def reading_check(self) -> Callable[[], None]:
        """A check for a reader to call now and then: stops past max_read_s, or when stop() raises."""
        deadline = time.monotonic() + self.max_read_s

        def check() -> None:
            if self.stop is not None:
                self.stop()
            if time.monotonic() > deadline:
                raise InputError(
                    f"Reading this file took longer than {self.max_read_s:,.0f} seconds and was stopped. "
                    "Save a smaller table, or save it as CSV."
                )

        return check


def _positive(environ: Mapping[str, str], name: str, default: float, kind: type) -> float:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = 0
    if value <= 0:
        log.warning("%s=%r is not a positive number; using the default %s", name, text, default)
        return default
    return value


def size_text(size: int) -> str:
    """A byte count as people say it: 512 bytes, 3.2 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size / 1024 / 1024:,.1f} MB"


def training_sample(frame: pd.DataFrame, max_rows: int, seed: int) -> pd.DataFrame:
    """The whole table when it is small enough, else a seeded random sample of max_rows rows in table order."""
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    if len(frame) <= max_rows:
        return frame
    return frame.sample(n=max_rows, random_state=seed).sort_index()
