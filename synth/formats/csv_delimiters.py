"""The delimiter of a CSV file: sniffed from its first rows, or named by the user in words or as a character."""

from __future__ import annotations

import csv
import io
from collections import Counter
from itertools import islice

from synth.errors import InputError

DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_DELIMITER_WORDS = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|", "space": " "}


def delimiter_text(delimiter: str) -> str:
    """How a loaded table's summary names its delimiter: 'tab separated' or "';' separated"."""
    return "tab separated" if delimiter == "\t" else f"'{delimiter}' separated"


def delimiter_from_choice(choice: str) -> str:
    """The one-character delimiter for what the user picked or typed (',', 'tab', '\\t', ';', ...)."""
    text = _DELIMITER_WORDS.get(choice.strip().lower(), choice) if choice.strip() else choice
    if len(text) != 1 or text in '"\r\n':
        raise InputError(f"'{choice}' cannot be a separator. Choose one character, such as , ; | or tab.")
    return text


def sniff_delimiter(text: str, rows: int = 200) -> str:
    """The delimiter that splits the first rows (quotes respected) into the same, largest number of fields."""
    sample = text[:131_072]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    best, best_key = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        counts = []
        try:
            for row in islice(csv.reader(io.StringIO(sample), delimiter=delimiter), rows):
                if any(field.strip() for field in row):
                    counts.append(len(row))
        except csv.Error:
            continue
        if not counts:
            continue
        width, seen = Counter(counts).most_common(1)[0]
        if width < 2 or counts[0] < 2:  # the header itself must be split by a real delimiter
            continue
        key = (round(seen / len(counts), 2), width)
        if key > best_key:
            best, best_key = delimiter, key
    return best
