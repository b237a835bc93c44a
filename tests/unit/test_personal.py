"""Personal data by column name and by content, with the card and IBAN checksums."""

import numpy as np
import pandas as pd
import pytest

from synth import personal
from synth.personal import (
    PERSONAL_TYPES,
    could_be_personal,
    iban_valid,
    luhn_valid,
    personal_type,
    type_from_name,
)


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("E-mail", "email"),
        ("customerEmail", "email"),
        ("Téléphone", "phone"),
        ("tel", "phone"),
        ("Handy", "phone"),
        ("First Name", "first_name"),
        ("prénom", "first_name"),
        ("Nachname", "last_name"),
        ("nom", "last_name"),
        ("full_name", "person_name"),
        ("Street", "address"),
        ("Adresse", "address"),
        ("IBAN", "iban"),
        ("card_number", "card"),
        ("ip_address", "ip"),
        ("date_of_birth", "birth_date"),
        ("DOB", "birth_date"),
        ("SSN", "national_id"),
        ("username", "username"),
        ("hotel", None),
        ("card_type", None),
        ("email_domain", None),
        ("address_id", None),
        ("city", None),
        ("description", None),
        ("zip", None),
        ("shipping", None),
    ],
)
def test_column_names_announce_personal_data(name, found):
    # Assert
    assert type_from_name(name) == found


def test_checksums():
    # Assert
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112") and not luhn_valid("41x1")
    assert iban_valid("FR76 3000 6000 0112 3456 7890 189") and iban_valid("DE89370400440532013000")
    assert not iban_valid("FR76 3000 6000 0112 3456 7890 188") and not iban_valid("hello")


@pytest.mark.parametrize(
    ("values", "found"),
    [
        (["ann@x.com", "bob@y.org", "c@d.fr"], "email"),
        (["+33 6 12 34 56 78", "06 12 34 56 79", "+49 30 1234567"], "phone"),
        (["0612345678", "0712345678", "0145678901"], "phone"),
        (["192.168.0.1", "10.0.0.2", "2001:db8::1"], "ip"),
        (["4111 1111 1111 1111", "5500-0000-0000-0004", "340000000000009"], "card"),
        (["FR7630006000011234567890189", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"], "iban"),
        (["Jean Dupont", "Marie Curie", "John Smith", "Anna Müller"], "person_name"),
        (["12 rue de la Paix", "3 avenue Foch", "221B Baker Street", "Königsallee 3"], "address"),
        (["Paris", "Lyon", "Nice", "Florence", "Charlotte"], None),
        (["2024-01-05", "2024-02-05", "2024-03-05"], None),
        (["4111111111111112", "1234567890123456", "9999999999999999"], None),
        (["red", "green", "blue"], None),
    ],
)
def test_content_reveals_personal_data(values, found):
    # Assert
    assert personal_type("column", pd.Series(values)) == found
    assert found is None or found in PERSONAL_TYPES


def test_a_plain_name_column_is_personal_only_when_it_holds_first_names():
    # Assert
    assert personal_type("name", pd.Series(["Alice", "Bob", "Carol", "Dave"])) == "first_name"
    assert personal_type("name", pd.Series(["Widget", "Gadget", "Sprocket", "Gizmo"])) is None


RNG = np.random.default_rng(11)
ROWS = 200


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("phone_interview", RNG.integers(0, 2, ROWS)),  # issue 11: a 0/1 flag named with a phone word
        ("cc_no", RNG.integers(4, 108, ROWS)),  # issue 11: small integers named like a card number
        ("street_surface", RNG.choice(["paved", "gravel"], ROWS)),  # issue 11: two values named like an address
        ("low_birth_weight", RNG.choice(["low", "not low"], ROWS)),  # issue 11: two values named with 'birth'
        ("birth_weight", RNG.normal(3300, 500, ROWS).round()),  # issue 11: grams named with 'birth'
        ("birth_order", RNG.integers(1, 7, ROWS)),
        ("birth_year", RNG.integers(1940, 2005, ROWS)),  # a birth-date column must hold dates
        ("phone_minutes", RNG.gamma(2, 30, ROWS).round(1)),
        ("card_number", [f"{n:016d}" for n in RNG.integers(10**15, 10**16 - 1, ROWS)]),  # fails the Luhn check
        ("email", RNG.choice([f"group {i}" for i in range(30)], ROWS)),
    ],
)
def test_a_name_only_proposes_and_the_values_must_confirm(name, values):
    # Setup
    series = pd.Series(values)

    # Assert
    assert type_from_name(name) is not None
    assert personal_type(name, series) is None


@pytest.mark.parametrize(
    ("name", "values", "found"),
    [
        (
            "phone",
            [f"({n // 10**7:03d}){n // 10**4 % 1000:03d}-{n % 10**4:04d}x12" for n in range(10**9, 10**9 + 40)],
            "phone",
        ),
        ("mobile", [33612345600 + i for i in range(40)], "phone"),
        ("date_of_birth", pd.date_range("1950-01-01", periods=40, freq="37D"), "birth_date"),
        ("dob", pd.date_range("1950-01-01", periods=40, freq="37D").strftime("%d %b %Y"), "birth_date"),
        ("street", [f"{i} Moses Loaf Apt. {i + 3}" for i in range(40)], "address"),
        ("last_name", ["Smith", "Martin", "Weber", "Rossi", "Garcia", "Dupont", "Jones", "Brown"], "last_name"),
    ],
)
def test_values_confirm_the_type_a_name_proposes(name, values, found):
    # Assert
    assert personal_type(name, pd.Series(values)) == found


def test_few_repeated_values_and_small_numbers_are_never_personal():
    # Assert
    assert not could_be_personal(pd.Series(["ann@x.com", "bob@y.org"] * 10))
    assert not could_be_personal(pd.Series(np.arange(100, 200)))
    assert not could_be_personal(pd.Series(np.linspace(1e9, 2e9, 50)))
    assert could_be_personal(pd.Series(["ann@x.com", "bob@y.org", "c@d.fr"]))
    assert could_be_personal(pd.Series(np.arange(10**9, 10**9 + 50)))


def test_the_values_looked_at_are_the_first_distinct_spellings_trimmed_in_order():
    # Setup: repeats, spellings that differ only by spaces, blanks and numbers kept as objects
    series = pd.Series(["b ", "a", "b", " a", "  ", None, "c", 1, "1", 2.0], dtype=object)

    # Run
    values = personal._texts(series)

    # Assert: each trimmed value once, at the row where it first appears
    assert values.tolist() == ["b", "a", "c", "1", "2.0"]
    assert values.index.tolist() == [0, 1, 6, 7, 9]


@pytest.mark.parametrize(
    ("text", "found"), [("10.0.0.1", True), ("::1", True), ("fe80::1", True), ("1234", False), ("ab", False)]
)
def test_ip_addresses_of_both_versions_are_recognised(text, found):
    # Run / Assert
    assert personal._is_ip(text) is found
