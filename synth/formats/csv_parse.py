"""Parse decoded CSV text: header, ragged rows (counted, fixed or refused), decimal mark, then pandas."""

from __future__ import annotations

import csv
import io
import warnings
from itertools import islice

import pandas as pd

from synth.errors import InputError
from synth.formats.contract import RawTable
from synth.formats.csv_numbers import PARSER_MISSING, file_decimal_mark, leading_zero_codes
from synth.limits import Limits

RAGGED_SHARE_LIMIT = 0.05  # above this share of rows with a wrong number of fields, the file is refused
_SAMPLE_ROWS = 500


def _blank(row: list[str]) -> bool:
    return not row or not any(field.strip() for field in row)


def _reader(text: str, delimiter: str):
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(f"{n:,}" for n in numbers[:5])
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{', ...' if len(numbers) > 5 else ''}"


def parse_csv_text(text: str, delimiter: str, limits: Limits) -> RawTable:
    """The header names and a pandas frame with positional column names; InputError for what cannot be read."""
    try:
        return _parse(text, delimiter, limits)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise InputError(
                "A quoted value runs on for more than 131,072 characters, so a quote mark is probably "
                "not closed. Check the file's quoting."
            ) from None
        raise InputError(
            "The file's quoting cannot be read (a quote mark is probably not closed). "
            "Check the file's quoting and separator."
        ) from None


def _parse(text: str, delimiter: str, limits: Limits) -> RawTable:
    head = text[:1_048_576]  # a bounded look first, so that a huge header line costs no memory
    for row in _reader(head, delimiter):
        if not _blank(row):
            limits.check_columns(len(row), at_least="\n" not in head and len(text) > len(head))
            break
    reader = _reader(text, delimiter)
    header, skipped = None, 0
    for row in reader:
        if not _blank(row):
            header = row
            break
        skipped = reader.line_num
    if header is None:
        raise InputError("The file is empty. Choose a CSV file with a header row and some data.")
    limits.check_columns(len(header))
    rows = [header] + [row for row in islice(reader, _SAMPLE_ROWS * 2) if not _blank(row)][:_SAMPLE_ROWS]
    cells = [cell for row in rows[1:] for cell in row]
    decimal = file_decimal_mark(cells)
    text_columns = frozenset(
        i for i in range(len(header)) if leading_zero_codes([row[i] for row in rows[1:] if i < len(row)])
    )
    notes, ragged, needs_rewrite = _check_ragged(text, delimiter, header)
    if needs_rewrite:
        text, skipped = _rewrite(text, delimiter, len(header)), 0
    frame = _read_frame(text, delimiter, len(header), decimal, text_columns, skipped)
    return RawTable(
        [str(name) for name in header],
        frame,
        tuple(notes),
        delimiter=delimiter,
        decimal=decimal,
        text_columns=text_columns,
        ragged_rows=ragged,
    )


def _check_ragged(text: str, delimiter: str, header: list[str]) -> tuple[list[str], int, bool]:
    """Count rows with missing fields or with values beyond the last column; refuse above the allowed share."""
    width = len(header)
    named = width
    while named > 1 and not header[named - 1].strip():
        named -= 1  # a trailing delimiter in the header adds an unnamed, empty column: not required in the rows
    total, short, long, trailing = 0, [], [], False
    reader = _reader(text, delimiter)
    for row in reader:
        if not _blank(row):
            break  # the header
    for row in reader:
        count = len(row)
        if count == width:
            total += 1
            continue
        if _blank(row):
            continue
        total += 1
        if count < named:
            short.append(reader.line_num)
        elif count > width:
            if any(field.strip() for field in row[width:]):
                long.append(reader.line_num)
            trailing = True
    ragged = len(short) + len(long)
    if total and ragged / total > RAGGED_SHARE_LIMIT:
        raise InputError(
            f"{ragged:,} of the {total:,} rows ({ragged / total:.0%}) have a different number of fields than the "
            f"header's {named} (first at {_lines(sorted(short + long))}), too many to fix safely. Check the "
            "separator and the quoting, or choose the separator yourself."
        )
    notes = []
    if short:
        notes.append(
            f"{len(short):,} row{'s' if len(short) > 1 else ''} with too few fields padded with empty "
            f"cells ({_lines(short)})"
        )
    if long:
        notes.append(
            f"{len(long):,} row{'s' if len(long) > 1 else ''} with more fields than the header: the extra "
            f"values were left out ({_lines(long)})"
        )
    return notes, ragged, trailing


def _rewrite(text: str, delimiter: str, width: int) -> str:
    """The same table with every row cut or padded to the header's width (only for files that need it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in _reader(text, delimiter):
        if not _blank(row):
            writer.writerow((row + [""] * (width - len(row)))[:width])
    return out.getvalue()


def _read_frame(
    text: str, delimiter: str, width: int, decimal: str, text_columns: frozenset[int], skipped: int
) -> pd.DataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                skiprows=skipped,
                header=0,
                names=list(range(width)),
                index_col=False,
                dtype={i: str for i in text_columns} or None,
                decimal=decimal if delimiter != decimal else ".",
                na_values=PARSER_MISSING,
                keep_default_na=False,
                skip_blank_lines=True,
                engine="c",
                quotechar='"',
                doublequote=True,
            )
    except pd.errors.EmptyDataError:
        raise InputError("The file is empty. Choose a CSV file with a header row and some data.") from None
    except (pd.errors.ParserError, ValueError, OverflowError, csv.Error) as error:
        message = str(error).splitlines()[0] if str(error) else ""
        if "EOF" in message:
            raise InputError(
                "A quote mark in the file is never closed, so its rows cannot be told apart. Check the file's quoting."
            ) from None
        raise InputError(
            "The file's rows cannot be read as a table. Check the separator and the quoting, "
            "or choose the separator yourself."
        ) from None
