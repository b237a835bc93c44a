"""Yes/no cells: the words that say yes or no, what a cell says, and the fixed public list of spellings."""

from __future__ import annotations

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
    """What a yes/no cell says, whatever its spelling ('Yes ', 'FALSE', 'ja', '1'); None where it says neither."""
    text = str(value).strip().lower()
    return True if text in TRUE_WORDS else False if text in FALSE_WORDS else None


def boolean_spellings() -> tuple[tuple[str, str], ...]:
    """Every (true, false) spelling pair a yes/no column may take, in lower, title and upper case: fixed, public."""
    cases = (str.lower, str.title, str.upper)
    return tuple(dict.fromkeys((case(true), case(false)) for true, false in BOOLEAN_PAIRS for case in cases))
