"""Hostile files against the readers: how fast each is refused and how much memory reading takes (issue 14).

python -m bench.bounded_reading  -> bench/RESULTS-bounded-reading.md
Each file is built here; each read runs in a fresh child process so its peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import io
import multiprocessing
import sys
import time
from pathlib import Path

OUT = Path(__file__).with_name("RESULTS-bounded-reading.md")


def _workbook(sheet_data: str, dimension: str | None = None, filler: int = 0) -> bytes:
    from tests.data.hostile_files import crafted_workbook  # the reader tests build the same files

    return crafted_workbook(sheet_data, dimension, filler)


def _far_cell() -> tuple[bytes, str]:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    rows += '<row r="999999999"><c r="A999999999"><v>1</v></c></row>'
    return _workbook(rows, "A1:A999999999"), "far.xlsx"


def _far_cell_undeclared() -> tuple[bytes, str]:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    rows += '<row r="999999999"><c r="A999999999"><v>1</v></c></row>'
    return _workbook(rows), "far.xlsx"


def _balloon() -> tuple[bytes, str]:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    return _workbook(rows, filler=400 * 1024 * 1024), "balloon.xlsx"


def _parquet_rows() -> tuple[bytes, str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"a": pa.array([1] * 20_000_000, pa.int8())}), buffer, compression="zstd")
    return buffer.getvalue(), "many.parquet"


def _parquet_nested() -> tuple[bytes, str]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    buffer = io.BytesIO()
    pq.write_table(pa.table({"id": list(range(1000)), "tags": [[i, i] for i in range(1000)]}), buffer)
    return buffer.getvalue(), "nested.parquet"


def _excel_within_limits() -> tuple[bytes, str]:
    """A legitimate large sheet: 200,000 rows x 5 columns of numbers (the reader's own speed, for scale)."""
    header = "<row r='1'>" + "".join(f'<c r="{c}1" t="inlineStr"><is><t>{c}</t></is></c>' for c in "ABCDE") + "</row>"
    body = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>{n}</v></c>' for c in "ABCDE") + "</row>"
        for n in range(2, 200_002)
    )
    return _workbook(header + body, "A1:E200001"), "large.xlsx"


CASES = (
    ("Excel, one cell at row 999,999,999 (declared)", _far_cell),
    ("Excel, one cell at row 999,999,999 (no dimension)", _far_cell_undeclared),
    ("Excel that unpacks to 400 MB", _balloon),
    ("Parquet declaring 20,000,000 rows", _parquet_rows),
    ("Parquet with a list column", _parquet_nested),
    ("Excel 200,000 x 5 within the limits (accepted)", _excel_within_limits),
)


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> int:
    """Reset this process's peak resident memory to its current size (Linux clear_refs 5); the size in KB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kb("VmRSS")


def _measure(data: bytes, name: str, answer) -> None:
    from synth.errors import SynthError
    from synth.formats import read_table

    before = _reset_peak()
    started = time.perf_counter()
    try:
        loaded = read_table(data, file_name=name)
        outcome = f"read: {len(loaded.frame):,} rows"
    except SynthError as error:
        outcome = "refused: " + str(error).split(". ")[0]
    seconds = time.perf_counter() - started
    peak = (_status_kb("VmHWM") - before) / 1024
    answer.send((len(data), seconds, peak, outcome))


def main() -> None:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: its peak memory is the read's own
    lines = [
        "## Bounded reading (issue 14)",
        "",
        "`python -m bench.bounded_reading`: hostile files built in the benchmark, read with the default limits",
        "(200 MB upload, 1,000,000 rows, 500 columns), each in a fresh process. Before issue 14 the first two ran",
        "for days (about 1.7 ms per missing row), a 1.3 MB workbook peaked at 975 MB and a 91 KB Parquet file at",
        "1,137 MB. Peak: growth of a fresh process's peak memory while it reads (the file already in memory).",
        "",
        "| file | size | time to answer | peak memory while reading | answer |",
        "|---|---|---|---|---|",
    ]
    for label, build in CASES:
        receiver, sender = context.Pipe(duplex=False)
        data, name = build()
        child = context.Process(target=_measure, args=(data, name, sender))
        child.start()
        size, seconds, peak, outcome = receiver.recv()
        child.join()
        lines.append(f"| {label} | {size / 1024:,.0f} KB | {seconds:.2f} s | {peak:,.0f} MB | {outcome} |")
        print(lines[-1], file=sys.stderr)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
