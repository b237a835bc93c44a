"""Benchmark: precision and recall of personal-data and identifier detection on the hand-labelled corpus.

The corpus (tests/data/detection_corpus.csv, built by tests/data/build_detection_corpus.py) holds columns of real
public tables and a few made-up ones, each with its true kind. Each column is detected on its own, as a one-column
table. Run: python -m bench.detection (prints the table and writes bench/RESULTS-detection.md)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pandas as pd

from synth import schema

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "detection_corpus.csv"
RESULTS = Path(__file__).with_name("RESULTS-detection.md")
# The corpus's plain kinds, as schema.detect_kinds names them.
_AS_CORPUS = {"integer": "number", "decimal": "number", "datetime": "date", "boolean": "boolean"}


def load(path: Path = CORPUS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{**row, "values": pd.Series(json.loads(row["values"]))} for row in csv.DictReader(handle)]


def detected_kind(column: str, values: pd.Series) -> str:
    """The detected kind in the corpus's words: 'personal:<type>' for personal data."""
    frame = values.to_frame(column)
    kind = schema.detect_kinds(frame)[column]
    if kind == "personal":
        return "personal:" + schema.personal_types(frame, {column: kind})[column]
    return _AS_CORPUS.get(kind, kind)


def _scores(pairs: list[tuple[str, str]], positive) -> dict:
    counts = Counter((positive(truth), positive(found)) for truth, found in pairs)
    hits, false_alarms, misses = counts[(True, True)], counts[(False, True)], counts[(True, False)]
    return {
        "columns": hits + misses,
        "found": hits + false_alarms,
        "precision": hits / (hits + false_alarms) if hits + false_alarms else 1.0,
        "recall": hits / (hits + misses) if hits + misses else 1.0,
    }


def measure(rows: list[dict] | None = None) -> dict:
    """Precision and recall for personal data and identifiers, the share of right personal types, the mistakes."""
    rows = load() if rows is None else rows
    pairs = [(row["kind"], detected_kind(row["column"], row["values"])) for row in rows]
    personal = [
        (truth, found) for truth, found in pairs if truth.startswith("personal") and found.startswith("personal")
    ]
    return {
        "columns": len(rows),
        "tables": len({row["table"] for row in rows}),
        "real_tables": len({row["table"] for row in rows if row["source"] == "real"}),
        "personal": _scores(pairs, lambda kind: kind.startswith("personal")),
        "identifier": _scores(pairs, lambda kind: kind == "identifier"),
        "personal_type_right": sum(truth == found for truth, found in personal) / len(personal) if personal else 1.0,
        "kind_right": sum(truth == found for truth, found in pairs) / len(pairs),
        "mistakes": [
            (row["table"], row["column"], truth, found)
            for row, (truth, found) in zip(rows, pairs)
            if truth != found and ("personal" in truth + found or "identifier" in truth + found)
        ],
    }


def table(result: dict) -> str:
    lines = [
        f"Corpus: {result['columns']} columns from {result['tables']} tables ({result['real_tables']} real).",
        "",
        "| detection | true columns | detected | precision | recall |",
        "|---|---|---|---|---|",
    ]
    for name in ("personal", "identifier"):
        s = result[name]
        lines.append(f"| {name} | {s['columns']} | {s['found']} | {s['precision']:.3f} | {s['recall']:.3f} |")
    lines += [
        "",
        f"Personal columns found with the right type: {result['personal_type_right']:.3f}; "
        f"all columns with the right kind: {result['kind_right']:.3f}.",
        "",
        "Mistakes on personal data or identifiers (table, column, true kind, detected):",
        "",
    ]
    lines += [f"- {t} / {c}: {truth} -> {found}" for t, c, truth, found in result["mistakes"]] or ["- none"]
    return "\n".join(lines)


# The same corpus scored by the detection before issue 11 (commit db88ad4: names decided alone).
BEFORE = """| detection | true columns | detected | precision | recall |
|---|---|---|---|---|
| personal | 56 | 64 | 0.812 | 0.929 |
| identifier | 9 | 20 | 0.300 | 0.667 |"""
NOTE = """The corpus was labelled while the rules were written, so these figures are in-sample: the real tables are
ordinary ones (3 real personal columns, all in vega's la-riots), and most personal columns are made up with Faker.
Labels: tests/data/build_detection_corpus.py; each row of the corpus says whether it is real or made up."""


def main() -> None:
    text = table(measure())
    print(text)
    RESULTS.write_text(
        f"# Column-kind detection on the labelled corpus\n\n{text}\n\nBefore issue 11:\n\n{BEFORE}\n\n{NOTE}\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
