"""Yes/no cells: the words that say yes or no, what a cell says, and the fixed public list of spellings."""

from __future__ import annotations

import re

# Yes/no words, each true one with its false one: with their title and upper case, the fixed public list a private
# generator picks a yes/no column's spelling from (boolean_spellings)
BOOLEAN_PAIRS = (
    ("true", "false"),
    ("yes", "no"),
    ("y", "n"),
    ("t", "f"),
    ("1", "0"),
    ("oui", "non"),
    ("ja", "nein"),
    ("si", "no"),
    ("sí", "no"),
    ("vrai", "faux"),
    ("wahr", "falsch"),
)
TRUE_WORDS = {true for true, _ in BOOLEAN_PAIRS}
FALSE_WORDS = {false for _, false in BOOLEAN_PAIRS}


def boolean_meaning(value: object) -> bool | None:
    """What a yes/no cell says, whatever its spelling ('Yes ', 'FALSE', 'ja', '1', 1.0); None where it says neither."""
    text = str(value).strip().lower()
    if text in TRUE_WORDS or text in FALSE_WORDS:
        return text in TRUE_WORDS
    if re.fullmatch(r"[01]\.0+", text):  # a 0/1 flag read as a number with blanks: 1.0 and 0.0
        return text.startswith("1")
    return None


def says_yes_or_no(values) -> bool:
    """Whether every present cell of a column says yes or no (boolean_meaning)."""
    return all(boolean_meaning(v) is not None for v in values if v is not None and v == v)


def boolean_spellings() -> tuple[tuple[str, str], ...]:
    """Every (true, false) spelling pair a yes/no column may take, in lower, title and upper case: fixed, public."""
    cases = (str.lower, str.title, str.upper)
    return tuple(dict.fromkeys((case(true), case(false)) for true, false in BOOLEAN_PAIRS for case in cases))
