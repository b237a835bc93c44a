"""Recognise personal data by column name and content: e-mail, phone, names, address, IBAN, card, IP, birth date."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

import pandas as pd

PERSONAL_TYPES = {
    "email": "e-mail addresses",
    "phone": "phone numbers",
    "person_name": "person names",
    "first_name": "first names",
    "last_name": "last names",
    "address": "postal addresses",
    "iban": "IBANs",
    "card": "payment card numbers",
    "ip": "IP addresses",
    "birth_date": "birth dates",
    "national_id": "national ID numbers",
    "username": "user names",
    "other": "personal data",
}
NAME_LOCALES = ("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_PT")
# Column-name hints, matched on the name in lower case with its words joined by '_' ('First Name' -> 'first_name').
_NAME_HINTS = (
    ("birth_date", r"birth|(^|_)dob($|_)|naissance|geburt|nacimiento"),
    ("email", r"e_?mail|courriel|correo"),
    ("phone", r"phone|mobile|portable|(^|_)(tel|tél|telefon|telefono|teléfono|handy|fax|cell|gsm)($|_)"),
    ("first_name", r"first_?name|given_?name|fore_?name|pr[eé]_?nom|vorname"),
    ("last_name", r"last_?name|sur_?name|family_?name|nachname|apellido|(^|_)nom($|_)|nom_de_famille|cognome"),
    ("person_name", r"full_?name|person|(customer|client|contact|employee|patient|user|owner)_name|nom_complet"),
    ("ip", r"(^|_)ip($|_|v4|v6|_?addr)"),
    ("address", r"address|adresse|(^|_)addr($|_)|street|(^|_)rue($|_)|stra(ss|ß)e|anschrift|direcci[oó]n|indirizzo"),
    ("iban", r"iban|bank_?account|account_?number|kontonummer"),
    ("card", r"card_?(number|num|no)|credit_?card|(^|_)cc_?(number|num|no)($|_)|(^|_)pan($|_)|kreditkarte"),
    (
        "national_id",
        r"(^|_)ssn($|_)|social_?security|passport|national_?id|(^|_)nir($|_)|insee|tax_?id|"
        r"(^|_)dni($|_)|licen[cs]e_?(number|no)|steuer_?id",
    ),
    ("username", r"user_?name|(^|_)login($|_)|(^|_)handle($|_)"),
)
_QUALIFIERS = frozenset(
    (
        "id",
        "code",
        "type",
        "count",
        "status",
        "flag",
        "domain",
        "country",
        "city",
        "verified",
        "valid",
        "consent",
        "optin",
        "opt",
        "format",
        "provider",
        "kind",
        "category",
        "length",
        "len",
        "score",
    )
)
_WEAK_NAME = re.compile(r"(^|_)(name|nom|nombre|naam|nome|customer|client|contact|employee|patient|owner)($|_)")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(r"(\+|00)?\(?\d[\d\s().\-/]{5,22}\d(\s*(x|ext\.?)\s*\d{1,6})?", re.IGNORECASE)
_LOOSE_PHONE = re.compile(r"(\+|00)?[\d\s().\-/]{7,25}(\s*(x|ext\.?)\s*\d{1,6})?", re.IGNORECASE)
_WORD_DATE = re.compile(r"\d{1,2}\.?\s+[^\W\d_]{3,9}\.?,?\s+\d{4}|[^\W\d_]{3,9}\.?\s+\d{1,2},?\s+\d{4}")
_STREET_WORD = re.compile(
    r"\b(street|st|avenue|avenues|ave|road|rd|boulevard|blvd|lane|drive|dr|freeway|highway|hwy|way|place|square|"
    r"rue|chemin|all[ée]e|impasse|quai|stra(ss|ß)e|str|weg|platz|gasse|calle|avenida|plaza|via|viale|piazza)\b\.?",
    re.IGNORECASE,
)
_EXTENSION = re.compile(r"\s*(?:x|ext\.?)\s*(?=\d)", re.IGNORECASE)
_HOUSE_FIRST = re.compile(r"\d+[a-z]?,?\s+[^\W\d_]", re.IGNORECASE)  # '943 Moses Loaf', '12, rue ...'
_FEW_DISTINCT = 20
_SMALL_NUMBER = 1_000_000  # phone numbers have 7 digits or more, card numbers 13 or more
_DATE_LIKE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}.*|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}.*")
_IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}")
_PERSON = re.compile(r"[^\W\d_][^\W\d_'’.-]*([ '’.-]+[^\W\d_][^\W\d_'’.-]*){0,3}\.?")
_STREET = re.compile(
    r"\d+\s*(bis|ter|[a-z])?,?\s+(rue|avenue|av\.|boulevard|bd|chemin|all[ée]e|place|impasse|route|quai|cours)\b|"
    r"\d+[a-z]?\s+([\w'.-]+\s+){1,4}(street|st\.?|avenue|ave\.?|road|rd\.?|lane|ln\.?|drive|dr\.?|blvd\.?|way|"
    r"court|ct\.?|place|pl\.?|square|terrace|highway|parkway|crescent|close)(\b|$)|"
    r"[\w.-]*(stra(ss|ß)e|str\.|weg|allee|platz|gasse|laan|straat|plein|via|calle|viale)\s+\d+",
    re.IGNORECASE,
)


def name_key(name: str) -> str:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1_\2", str(name))
    return "_".join(re.findall(r"[^\W_]+", spaced.lower()))


def type_from_name(name: str) -> str | None:
    """The personal-data type a column's name announces, or None ('email_domain' or 'phone_type' announce none)."""
    key = name_key(name)
    if key.rsplit("_", 1)[-1] in _QUALIFIERS and "_" in key:
        return None
    for kind, pattern in _NAME_HINTS:
        if re.search(pattern, key):
            return kind
    return None


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of payment card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    """The ISO 13616 mod-97 check of an IBAN (spaces ignored)."""
    compact = re.sub(r"\s+", "", text).upper()
    if not _IBAN.fullmatch(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in moved)) % 97 == 1


def _is_ip(text: str) -> bool:
    if "." not in text and ":" not in text:  # no address of either version: skip the costly parse
        return False
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_card(text: str) -> bool:
    digits = re.sub(r"[\s-]", "", text)
    return 13 <= len(digits) <= 19 and luhn_valid(digits)


def _is_phone(text: str) -> bool:
    if not _PHONE.fullmatch(text) or _DATE_LIKE.fullmatch(text):
        return False
    text = _EXTENSION.split(text)[0]
    digits = sum(char.isdigit() for char in text)
    separated = text.startswith(("+", "00")) or re.search(r"[\s().\-/]", text) is not None
    return 7 <= digits <= 15 and (separated or (text.startswith("0") and 10 <= digits <= 11))


@lru_cache(maxsize=2)
def names_by_locale(part: str = "first") -> dict[str, frozenset[str]]:
    """Lower-case first (or last) names of each locale Faker knows: static reference data, loaded once."""
    import importlib

    names = {}
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names[locale] = frozenset(name.lower() for name in getattr(provider, f"{part}_names", ()))
    return names


def first_names_by_locale() -> dict[str, frozenset[str]]:
    return names_by_locale("first")


def first_name_share(values: pd.Series) -> float:
    """The share of values whose first word is a first name in any known locale."""
    known = frozenset().union(*first_names_by_locale().values())
    words = values.str.split(r"[\s,]+", n=1, regex=True).str[0].str.lower()
    return float(words.isin(known).mean()) if len(words) else 0.0


def _share(values: pd.Series, test) -> float:
    return float(values.map(test).mean()) if len(values) else 0.0


def _texts(series: pd.Series) -> pd.Series:
    """Up to 300 distinct non-empty values as trimmed text, in order of first appearance among the first 5,000."""
    values = series.dropna().head(5000)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        numbers = values.astype(float)
        if not (numbers % 1 == 0).all() or (numbers.abs() >= 1e19).any():
            return values.iloc[:0].astype(str)
        values = numbers.map(lambda v: f"{v:.0f}")
    values = values.astype(str)
    values = values[~values.duplicated()].str.strip()  # each spelling trimmed once; the first of each kept, as before
    return values[values != ""].drop_duplicates().head(300)


def _looks_like_people(values: pd.Series, share: float) -> str | None:
    if values.str.fullmatch(_PERSON.pattern).mean() < 0.9 or first_name_share(values) < share:
        return None
    return "first_name" if (values.str.count(r"\s+") + 1).mean() < 1.2 else "person_name"


def could_be_personal(series: pd.Series) -> bool:
    """Whether a column may hold personal data at all: few distinct values that repeat (a flag, a surface type,
    'low' / 'not low'), fractions or small whole numbers (a count, a score) never are, whatever the name says."""
    values = series.dropna()
    distinct = values.nunique()
    if distinct < _FEW_DISTINCT and distinct <= len(values) / 2:
        return False
    if pd.api.types.is_bool_dtype(series):
        return False
    if pd.api.types.is_numeric_dtype(series):
        numbers = values.astype(float)
        return bool((numbers % 1 == 0).all() and (numbers.abs() >= _SMALL_NUMBER).mean() >= 0.9)
    return True


def _is_date(text: str) -> bool:
    return _DATE_LIKE.fullmatch(text) is not None or _WORD_DATE.fullmatch(text) is not None


def _is_loose_phone(text: str) -> bool:
    """Any phone spelling: only phone characters, 7 to 15 digits before an extension, not a date."""
    if not _LOOSE_PHONE.fullmatch(text) or _is_date(text):
        return False
    return 7 <= sum(char.isdigit() for char in _EXTENSION.split(text)[0]) <= 15


def _is_account(text: str) -> bool:
    compact = re.sub(r"[\s-]", "", text)
    return iban_valid(text) or (
        8 <= len(compact) <= 34 and compact.isalnum() and sum(c.isdigit() for c in compact) >= 6
    )


def _is_national_id(text: str) -> bool:
    compact = re.sub(r"[\s./-]", "", text)
    return 5 <= len(compact) <= 20 and compact.isalnum() and sum(c.isdigit() for c in compact) >= 5


def _is_address(text: str) -> bool:
    return (
        _STREET.search(text) is not None
        or _STREET_WORD.search(text) is not None
        or _HOUSE_FIRST.match(text) is not None
    )


def _known_share(values: pd.Series, part: str) -> float:
    known = frozenset().union(*names_by_locale(part).values())
    words = values.str.replace(r"\s+(jr|sr|ii|iii)\.?$", "", case=False, regex=True).str.split(r"[\s,]+").str[-1]
    return float(words.str.lower().isin(known).mean()) if len(words) else 0.0


def _people_shaped(values: pd.Series) -> bool:
    return values.str.fullmatch(_PERSON.pattern).mean() >= 0.8  # titles and degrees ('Prof. Ann Ritter B.Sc.')


# What the values of a column must look like to confirm the type its name proposes (shares of distinct values).
_CONFIRM = {
    "email": lambda v: v.str.fullmatch(_EMAIL.pattern, case=False).mean() >= 0.8,
    "phone": lambda v: _share(v, _is_loose_phone) >= 0.8,
    "card": lambda v: _share(v, _is_card) >= 0.8,
    "iban": lambda v: _share(v, _is_account) >= 0.8,
    "ip": lambda v: _share(v, _is_ip) >= 0.9,
    "birth_date": lambda v: _share(v, _is_date) >= 0.9,
    "address": lambda v: _share(v, _is_address) >= 0.5,
    "national_id": lambda v: _share(v, _is_national_id) >= 0.8,
    "username": lambda v: v.str.fullmatch(r"[\w.@+-]{2,40}").mean() >= 0.9 and not v.str.isdigit().all(),
    "first_name": lambda v: _people_shaped(v) and first_name_share(v) >= 0.3,
    "last_name": lambda v: _people_shaped(v) and _known_share(v, "last") >= 0.2,
    "person_name": lambda v: _people_shaped(v) and first_name_share(v) >= 0.3,
}


def type_from_values(series: pd.Series, values: pd.Series | None = None) -> str | None:
    """The personal-data type that most values look like, or None (values: _texts(series), when already made)."""
    values = _texts(series) if values is None else values
    if len(values) < 3 or not could_be_personal(series):
        return None
    if _share(values, _is_card) >= 0.8:
        return "card"
    if pd.api.types.is_numeric_dtype(series):
        return None
    if values.str.fullmatch(_EMAIL.pattern, case=False).mean() >= 0.8:
        return "email"
    if _share(values, _is_ip) >= 0.9:
        return "ip"
    if _share(values, iban_valid) >= 0.8:
        return "iban"
    if _share(values, _is_phone) >= 0.8:
        return "phone"
    if _share(values, lambda value: _STREET.search(value) is not None) >= 0.6:
        return "address"
    if (values.str.count(r"\s+") + 1).mean() >= 1.5:  # 'Ann Smith': one name alone could be a city or a brand
        return _looks_like_people(values, 0.5)
    return None


def personal_type(name: str, series: pd.Series) -> str | None:
    """What kind of personal data a column holds, or None. The name only proposes a type: the values must
    confirm it (card numbers pass the Luhn check, birth dates are dates, names are known names...)."""
    if not could_be_personal(series):
        return None
    values = _texts(series)
    if len(values) < 3:
        return None
    proposed = type_from_name(name)
    if proposed and _CONFIRM[proposed](values):
        return proposed
    from_values = type_from_values(series, values)
    if from_values:
        return from_values
    if _WEAK_NAME.search(name_key(name)) and not pd.api.types.is_numeric_dtype(series):
        return _looks_like_people(values, 0.3)
    return None
