"""New values for columns that are never learned: identifiers, personal data, free text, constants."""

from __future__ import annotations

import os
import re
import string
from functools import lru_cache

import numpy as np
import pandas as pd

from synth import personal
from synth.date_text import strftime_form
from synth.errors import InputError
from synth.schema import datetime_format

DEFAULT_LOCALE = "en_US"
# The Faker locales a user may choose for fakes, in the words the Columns page shows.
LOCALES = {
    "en_US": "English (United States)",
    "en_GB": "English (United Kingdom)",
    "en_IE": "English (Ireland)",
    "en_CA": "English (Canada)",
    "en_AU": "English (Australia)",
    "fr_FR": "French (France)",
    "fr_BE": "French (Belgium)",
    "fr_CH": "French (Switzerland)",
    "fr_CA": "French (Canada)",
    "de_DE": "German (Germany)",
    "de_AT": "German (Austria)",
    "de_CH": "German (Switzerland)",
    "es_ES": "Spanish (Spain)",
    "es_MX": "Spanish (Mexico)",
    "it_IT": "Italian (Italy)",
    "nl_NL": "Dutch (Netherlands)",
    "nl_BE": "Dutch (Belgium)",
    "pt_PT": "Portuguese (Portugal)",
    "pt_BR": "Portuguese (Brazil)",
    "pl_PL": "Polish (Poland)",
    "cs_CZ": "Czech (Czechia)",
    "sv_SE": "Swedish (Sweden)",
    "da_DK": "Danish (Denmark)",
    "no_NO": "Norwegian (Norway)",
    "fi_FI": "Finnish (Finland)",
}
_ENGLISH = ("en_US", "en_GB")
MIN_EVIDENCE = 0.8  # votes another language needs (about four words of its own), and twice English's
FAKE_POOL = 5_000  # distinct fakes made per column; larger outputs draw from them
_PHONE_PREFIXES = {
    "33": "fr_FR",
    "49": "de_DE",
    "34": "es_ES",
    "39": "it_IT",
    "31": "nl_NL",
    "44": "en_GB",
    "351": "pt_PT",
    "1": "en_US",
}
_COUNTRIES = {
    "fr": "fr_FR",
    "de": "de_DE",
    "es": "es_ES",
    "it": "it_IT",
    "nl": "nl_NL",
    "uk": "en_GB",
    "gb": "en_GB",
    "pt": "pt_PT",
    "us": "en_US",
    "at": "de_DE",
    "be": "fr_FR",
}
_LETTERS = {"fr_FR": "éèêàçùœâîô", "de_DE": "äöüß", "es_ES": "ñáíóú¿¡", "it_IT": "ìò", "pt_PT": "ãõ"}
_WORDS = {
    "fr_FR": r"\b(rue|avenue|boulevard|chemin|allée|cedex)\b",
    "de_DE": r"(straße|strasse|str\.|weg|platz)\b",
    "es_ES": r"\b(calle|avenida|plaza)\b",
    "it_IT": r"\b(via|viale|piazza)\b",
    "nl_NL": r"(straat|laan|plein)\b",
    "pt_PT": r"\b(rua|travessa|largo|praça|bairro)\b",
    "en_US": r"\b(street|avenue|road|drive|lane)\b",
}
_FAKER_METHODS = {
    "email": "email",
    "phone": "phone_number",
    "person_name": "name",
    "first_name": "first_name",
    "last_name": "last_name",
    "iban": "iban",
    "card": "credit_card_number",
    "username": "user_name",
}


def _reshape_like(value: str, rng: np.random.Generator, keep: int = 0) -> str:
    """A value with the same shape: after the first keep characters, each digit or letter becomes a random one."""
    out = list(value[:keep])
    for char in value[keep:]:
        if char.isdigit():
            out.append(str(rng.integers(10)))
        elif char in string.ascii_uppercase:
            out.append(string.ascii_uppercase[rng.integers(26)])
        elif char in string.ascii_lowercase:
            out.append(string.ascii_lowercase[rng.integers(26)])
        else:
            out.append(char)
    return "".join(out)


def _fixed_prefix(templates: np.ndarray) -> int:
    """How many leading characters every value shares, up to the first digit ('ORD-00012' keeps 'ORD-')."""
    prefix = os.path.commonprefix(list(templates[:2000]))
    return len(re.match(r"\D*", prefix).group(0))


def new_identifiers(real: pd.Series, rows: int, rng: np.random.Generator) -> pd.Series:
    """Unique values in the pattern of the real ones, none of them equal to a real value."""
    if pd.api.types.is_numeric_dtype(real) and not pd.api.types.is_bool_dtype(real) and real.notna().any():
        numbers = pd.to_numeric(real, errors="coerce").dropna()
        offsets = rng.permutation(rows * 2)[:rows]
        start = int(np.floor(numbers.max())) + 1
        if start + 2 * rows < 2**62:
            return pd.Series(start + offsets, name=real.name, dtype="int64")
        return pd.Series(int(np.ceil(numbers.min())) - 1 - offsets, name=real.name, dtype="int64")
    real_values = set(real.dropna().astype(str))
    templates = real.dropna().astype(str).to_numpy()
    if len(templates) == 0:
        return pd.Series([None] * rows, name=real.name, dtype=object)
    keep = _fixed_prefix(templates)
    made: set[str] = set()
    values = []
    attempts = 0
    while len(values) < rows:
        candidate = _reshape_like(str(templates[rng.integers(len(templates))]), rng, keep)
        attempts += 1
        if attempts > rows * 20:  # the pattern has too few free characters: lengthen it
            candidate = f"{candidate}{rng.integers(10)}{len(values)}"
        if candidate not in real_values and candidate not in made:
            made.add(candidate)
            values.append(candidate)
    return pd.Series(values, name=real.name, dtype=object)


def check_locale(locale: str | None) -> None:
    """InputError with the choices, for a locale that is not one of LOCALES (None means: from the values)."""
    if locale is not None and locale not in LOCALES:
        raise InputError(f"'{locale}' is not a locale Doppel makes fakes in. Choose one of: {', '.join(LOCALES)}.")


@lru_cache(maxsize=1)
def _name_languages() -> dict[str, tuple[str, ...]]:
    """Each known first or last name, with the locales whose name lists hold it (English counted once)."""
    found: dict[str, set[str]] = {}
    for part in ("first", "last"):
        for locale, names in personal.names_by_locale(part).items():
            for name in names:
                found.setdefault(name, set()).add(_ENGLISH[0] if locale in _ENGLISH else locale)
    return {name: tuple(sorted(locales)) for name, locales in found.items()}


def guess_locale(data: pd.Series | pd.DataFrame) -> str:
    """The Faker locale of the table's language: English unless the values clearly say otherwise (phone prefixes,
    e-mail and IBAN countries, accented letters, street words, names that only another language has)."""
    columns = [data] if isinstance(data, pd.Series) else [data[c] for c in data.columns]
    texts = [c.dropna().astype(str).head(300) for c in columns if not pd.api.types.is_numeric_dtype(c)]
    text = pd.concat(texts) if texts else pd.Series([], dtype=object)
    if text.empty:
        return DEFAULT_LOCALE
    votes: dict[str, float] = {}

    def vote(locale: str, weight: float) -> None:
        votes[locale] = votes.get(locale, 0.0) + weight

    for prefix in text.str.extract(r"^\s*(?:\+|00)(351|\d{2}|1)\b", expand=False).dropna():
        if prefix in _PHONE_PREFIXES:
            vote(_PHONE_PREFIXES[prefix], 2)
    for country in text.str.extract(r"@[\w.-]+\.([a-z]{2})$", expand=False).dropna().str.lower():
        if country in _COUNTRIES:
            vote(_COUNTRIES[country], 2)
    for country in text.str.extract(r"^([A-Z]{2})\d{2}[A-Z0-9 ]{11,}$", expand=False).dropna().str.lower():
        if country in _COUNTRIES:
            vote(_COUNTRIES[country], 2)
    joined = " ".join(text.head(2000)).lower()
    for locale, pattern in _WORDS.items():
        vote(locale, len(re.findall(pattern, joined)) * 1.0)
    names = _name_languages()
    for word in set(re.findall(r"[^\W\d_]+", joined)):  # distinct words: one 'Café' label repeated is one word
        for locale, letters in _LETTERS.items():
            if any(letter in word for letter in letters):
                vote(locale, 0.5)
        for locale in names.get(word, ()):  # a name many languages share says little about any of them
            vote(locale, 0.2 / len(names[word]))
    english = max(votes.get(locale, 0.0) for locale in _ENGLISH)
    other = max((locale for locale in votes if locale not in _ENGLISH), key=votes.get, default=None)
    if other is not None and votes[other] >= MIN_EVIDENCE and votes[other] >= 2 * english:
        return other
    return "en_GB" if votes.get("en_GB", 0.0) > votes.get("en_US", 0.0) else DEFAULT_LOCALE


def _faker(locale: str, seed: int):
    from faker import Faker

    faker = Faker(locale)
    faker.seed_instance(seed)
    return faker


def _maker(real: pd.Series, kind: str, faker, rng: np.random.Generator):
    """A function that makes one fake value in the style of the real column."""
    if kind == "text":
        lengths = real.dropna().astype(str).head(500).str.split().str.len()
        words = int(np.clip(lengths.median() if len(lengths) else 8, 3, 40))
        return lambda: faker.sentence(nb_words=words)
    found = personal.personal_type(str(real.name), real) or "other"
    sample = real.dropna().astype(str).head(200)
    if found in _FAKER_METHODS:
        method = getattr(faker, _FAKER_METHODS[found])
        if found in ("card", "iban") and sample.str.contains(" ").mean() > 0.5:
            return lambda: " ".join(re.findall(".{1,4}", method().replace(" ", "")))
        return method
    if found == "address":
        full = sample.str.contains(r"[,\n]").mean() > 0.5
        return (lambda: faker.address().replace("\n", ", ")) if full else faker.street_address
    if found == "ip":
        return faker.ipv6 if sample.str.contains(":").mean() > 0.5 else faker.ipv4
    if found == "birth_date" and not pd.api.types.is_numeric_dtype(real):
        fmt = strftime_form(datetime_format(real) or "%Y-%m-%d")
        return lambda: faker.date_of_birth(minimum_age=16, maximum_age=95).strftime(fmt)
    if pd.api.types.is_numeric_dtype(real) and real.notna().any():
        low, high = int(real.min()), int(real.max())
        return lambda: int(rng.integers(low, high + 1))
    templates = real.dropna().astype(str).to_numpy()
    if len(templates) == 0:
        return lambda: None
    keep = _fixed_prefix(templates)
    return lambda: _reshape_like(str(templates[rng.integers(len(templates))]), rng, keep)


def fake_values(real: pd.Series, rows: int, seed: int, kind: str, locale: str | None = None) -> pd.Series:
    """Realistic fakes (Faker, in the locale the data hints at) for personal data and free text; never a real value.

    Numbers in a small range (a birth year) may coincide with real ones; every text value is checked."""
    rng = np.random.default_rng(seed)
    faker = _faker(locale or guess_locale(real), seed)
    make = _maker(real, kind, faker, rng)
    real_values = {value.casefold() for value in real.dropna().astype(str).str.strip()}
    pool: list = []
    made: set = set()
    for _ in range(min(rows, FAKE_POOL) * 3):
        value = make()
        if isinstance(value, str):
            if value.strip().casefold() in real_values or value in made:
                continue
        elif value in made and len(made) < rows:
            continue
        made.add(value)
        pool.append(value)
        if len(pool) >= min(rows, FAKE_POOL):
            break
    if not pool:
        pool = [None]
    values = pool if len(pool) == rows else [pool[i] for i in rng.integers(len(pool), size=rows)]
    series = pd.Series(values, name=real.name, dtype=object)
    missing = real.isna().mean() if len(real) else 0.0
    return series.mask(rng.random(rows) < missing)


def carried(real: pd.Series, rows: int) -> pd.Series:
    """A constant or empty column, carried through as it is."""
    value = real.dropna().iloc[0] if real.notna().any() else None
    return pd.Series([value] * rows, name=real.name, dtype=real.dtype)  # an empty column keeps its type, empty
