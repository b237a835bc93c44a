"""Write the upload fixtures of tests/data/intake/ (run this file); outcomes: tests/unit/formats/test_reading.py."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "intake"

PEOPLE = [
    ("André", "Orléans", "12,50", "oui"),
    ("Zoë", "Besançon", "3,14", "non"),
    ("José", "Saint-Étienne", "-7,25", "oui"),
    ("Françoise", "Nîmes", "1.234,56", "non"),
    ("Jürgen", "Köln", "0,5", "oui"),
    ("Chloé", "Sète", "100", "non"),
]


def _rows(count: int, width: int = 3) -> list[list[str]]:
    rng = random.Random(width * 1000 + count)
    return [[str(rng.randint(0, 999)) for _ in range(width)] for _ in range(count)]


def _csv(header: list[str], rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    return newline.join(delimiter.join(row) for row in [header, *rows]) + newline


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Customers"
    sheet.append(["id", "city", "amount", "joined"])
    for i in range(8):
        sheet.append([i + 1, ["Lyon", "Paris"][i % 2], 10.5 * i, dt.date(2024, 1, i + 1)])
    book.create_sheet("Notes").append(["ignored"])
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so that regenerating the fixtures changes no bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2024-01-01T00:00:00Z", source.read(item.filename))
            target.writestr(zipfile.ZipInfo(item.filename, (2024, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _parquet() -> bytes:
    import pandas as pd

    frame = pd.DataFrame(
        {
            "id": range(1, 9),
            "city": ["Lyon", "Paris"] * 4,
            "score": [0.5 * i for i in range(8)],
            "day": pd.date_range("2024-01-01", periods=8, tz="Europe/Paris"),
        }
    )
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("table.csv", (2024, 1, 1, 0, 0, 0)), "a,b\n1,2\n")
    return buffer.getvalue()


def _french_export() -> bytes:
    rng = random.Random(3)
    lines = ["client_id;nom;email;ville;montant;date_achat;fidèle;visites"]
    for i in range(40):
        lines.append(
            f"C{i:04d};{rng.choice(['Dupont', 'Lefèvre', 'Müller', 'Garçon'])};client{i}@exemple.fr;"
            f"{rng.choice(['Orléans', 'Besançon', 'Nîmes'])};{rng.randint(1, 3000)},{rng.randint(0, 99):02d};"
            f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2024;{rng.choice(['oui', 'non'])};"
            f"{rng.choice(['NA', str(rng.randint(0, 9))])}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def fixtures() -> dict[str, bytes]:
    rng = random.Random(7)
    people = "nom;ville;montant;membre\r\n" + "".join(";".join(p) + "\r\n" for p in PEOPLE)
    ragged_few = [row if i not in (10, 50) else row[:2] for i, row in enumerate(_rows(100))]
    ragged_few[70] = ragged_few[70] + ["surplus"]
    ragged_many = [row if i % 5 else row[:2] for i, row in enumerate(_rows(50))]
    return {
        "utf8_bom_crlf.csv": (
            "\ufeff" + _csv(["id", "name", "price"], [["1", "Café", "2.5"], ["2", "Thé", "3"]], newline="\r\n")
        ).encode("utf-8"),
        "utf16_bom.csv": _csv(["id", "name"], [["1", "Zoë"], ["2", "Łukasz"]], "\t").encode("utf-16"),
        "utf16le_no_bom.csv": _csv(["id", "name"], [["1", "Zoë"], ["2", "Ana"]], ";").encode("utf-16-le"),
        "latin1_semicolon_decimal_comma.csv": people.encode("cp1252"),
        "french_export.csv": _french_export(),
        "cp1252_euro.csv": "produit;prix\r\nCafé;2,50 €\r\nThé;3,00 €\r\nCrème brûlée;6,90 €\r\n".encode("cp1252"),
        "tab_separated.tsv": _csv(["a", "b", "c"], [["1", "x, y", "2.5"], ["2", "z", "3.5"]], "\t").encode(),
        "pipe_separated.csv": _csv(["a", "b", "c"], [["1", "x; y", "2.5"], ["2", "z", "3.5"]], "|").encode(),
        "quoted_fields.csv": b'id,comment,n\r\n1,"a, b",1\r\n2,"she said ""hi""",2\r\n3,"two\r\nlines",3\r\n',
        "thousands_comma.csv": b'amount,label\n"1,234.56",x\n"12,000.00",y\n"999.5",z\n"-1,000",w\n',
        "thousands_dot_decimal_comma.csv": b"montant;x\n1.234,56;a\n12.000;b\n999,5;c\n-1.000.000,25;d\n",
        "thousands_space.csv": "montant;x\n1\u00a0234,5;a\n12 000;b\n999;c\n".encode(),
        "missing_markers.csv": b"x,y,z\n1,NA,a\n2,null,b\n3,-,c\nN/A,4,\n5,6,NULL\n,7,d\n",
        "leading_zero_codes.csv": b"postcode,n\n01234,1\n75001,2\n00501,3\n",
        "trailing_delimiter.csv": b"a;b;c\n1;2;3;\n4;5;6;\n7;8;9;\n",
        "empty.csv": b"",
        "blank_lines_only.csv": b"\n \r\n\t\n",
        "header_only.csv": b"a,b,c\r\n",
        "one_row.csv": b"a,b,c\n1,2,3\n",
        "binary.csv": bytes(rng.randrange(256) for _ in range(2048)),
        "png_renamed.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
        "zip_renamed.csv": _zip(),
        "xlsx_renamed.csv": _xlsx(),
        "old_xls_renamed.csv": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "html_page.csv": b"<!DOCTYPE html>\n<html><head><title>Export</title></head><body><table><tr><td>1</td></tr>"
        b"</table></body></html>\n",
        "json_renamed.csv": b'[{"a": 1, "b": 2}, {"a": 3, "b": 4}]\n',
        "unclosed_quote.csv": b'a,b\n1,"never closed\n2,3\n',
        "ragged_few.csv": _csv(["a", "b", "c"], ragged_few).encode(),
        "ragged_many.csv": _csv(["a", "b", "c"], ragged_many).encode(),
        "empty_columns.csv": b"a,empty1,b,empty2,empty3\n1,,x,,\n2,,y,NA,\n3,,z,,-\n",
        "all_columns_empty.csv": b"a,b\n,\nNA,-\n,null\n",
        "duplicate_headers.csv": b"amount,amount,name,name,amount\n1,2,a,b,3\n4,5,c,d,6\n",
        "constant_column.csv": b"country\nFR\nFR\nFR\nFR\nFR\nFR\n",
        "wide_2000_columns.csv": _csv([f"c{i}" for i in range(2000)], _rows(3, 2000)).encode(),
        "html_markdown_cells.csv": (
            b'"<script>alert(1)</script>",**bold**,"[link](http://x.test)"\n'
            b'<b>x</b>,# title,"<img src=x onerror=alert(1)>"\n'
            b"| a | b |,_under_,`code`\n"
        ),
        "formula_cells.csv": b"name,value\n=1+1,-5\n@SUM(A1),3\n+cmd,-2.5\n-x,7\n",
        "table.xlsx": _xlsx(),
        "table.parquet": _parquet(),
        "cr_line_endings.csv": b"a,b\r1,2\r3,4\r",
        "excel_sep_line.csv": b"sep=;\r\na;b\r\n1,5;x\r\n2;y\r\n",
        "dos_end_of_file_mark.csv": b"a,b\r\n1,2\r\n3,4\r\n\x1a",
    }


def main() -> None:
    HERE.mkdir(exist_ok=True)
    for name, data in fixtures().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(fixtures())} fixtures to {HERE}")


if __name__ == "__main__":
    main()
