"""Hostile files built on the spot, shared by the reader tests and bench/bounded_reading.py."""

import io
import zipfile

import pandas as pd

from synth.formats import xlsx


def crafted_workbook(sheet_data: str, dimension: str | None = None, filler: int = 0) -> bytes:
    """A real workbook whose first sheet's XML is replaced: its rows, its declared size, and optional padding
    that packs small and unpacks big."""
    source = zipfile.ZipFile(io.BytesIO(xlsx.write(pd.DataFrame({"a": [1]}))))
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    padding = f"<!--{' ' * filler}-->" if filler else ""
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{declared}{padding}<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in source.infolist():
            body = sheet.encode() if part.filename.endswith("sheet1.xml") else source.read(part.filename)
            archive.writestr(part.filename, body)
    return buffer.getvalue()
