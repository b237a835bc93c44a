"""Zip archives that no registered format reads: one plain sentence on what each is and what to do instead."""

from __future__ import annotations

import io
import zipfile

from synth.errors import InputError
from synth.formats.csv_text import NOT_TEXT

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def refuse_archive(data: bytes) -> None:
    """InputError for zip-based bytes (damaged zip, OpenDocument, Word, plain zip); nothing for other bytes."""
    if not data.startswith(ZIP_MAGIC):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        raise InputError(f"This file is a damaged zip or Excel archive, {NOT_TEXT}. Save it again as CSV.") from None
    if b"opendocument.spreadsheet" in mimetype:
        raise InputError(
            f"This file is an OpenDocument spreadsheet (.ods), {NOT_TEXT}. "
            "Save it as CSV or as an Excel .xlsx workbook."
        )
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise InputError(f"This file is a word-processor document, {NOT_TEXT}. Export the table as CSV.")
    raise InputError(f"This file is a zip archive, {NOT_TEXT}. Unzip it and choose the CSV inside.")
