"""Identifiers, personal data and free text are replaced by new values; no real value ever comes back."""

import numpy as np
import pandas as pd
import pytest
from faker import Faker
from faker.config import AVAILABLE_LOCALES

from synth import replace
from synth.errors import InputError

N = 300
REAL = pd.DataFrame(
    {
        "order_id": [f"ORD-{i:05d}" for i in range(N)],
        "customer_id": np.arange(1000, 1000 + N),
        "email": [f"client{i}@exemple.fr" for i in range(N)],
        "phone": [f"+33 6 {i % 90 + 10:02d} {i % 97:02d} {i % 89:02d} {i % 83:02d}" for i in range(N)],
        "nom": np.resize(["Dupont", "Martin", "Bernard", "Petit", "Durand", "Leroy"], N),
        "full_name": [f"Jean{i} Dupont" for i in range(N)],
        "address": [f"{i} rue de la Paix, 75002 Paris" for i in range(N)],
        "iban": np.resize(["FR7630006000011234567890189", "FR1420041010050500013M02606"], N),
        "card_number": np.resize(["4111 1111 1111 1111", "5500 0000 0000 0004"], N),
        "ip": [f"10.1.{i % 250}.{i % 200}" for i in range(N)],
        "date_of_birth": pd.date_range("1960-01-01", periods=N, freq="7D").strftime("%d/%m/%Y"),
        "comment": [f"Le colis {i} est arrivé en retard, merci de rappeler" for i in range(N)],
    }
)


@pytest.mark.parametrize("column", ["order_id", "customer_id"])
def test_identifiers_are_new_unique_values_in_the_same_pattern(column):
    # Run
    made = replace.new_identifiers(REAL[column], 500, np.random.default_rng(0))

    # Assert
    assert made.is_unique and len(made) == 500
    assert not set(made) & set(REAL[column])
    if column == "order_id":
        assert made.str.fullmatch(r"ORD-\d{5}").all()
    else:
        assert pd.api.types.is_integer_dtype(made)


def test_identifiers_with_few_free_characters_still_come_out_unique():
    # Run
    made = replace.new_identifiers(pd.Series(["A1", "B2", "C3"]), 400, np.random.default_rng(0))

    # Assert
    assert made.is_unique and not set(made) & {"A1", "B2", "C3"}


@pytest.mark.parametrize(
    "column", ["email", "phone", "nom", "full_name", "address", "iban", "card_number", "ip", "date_of_birth", "comment"]
)
def test_no_real_value_of_a_personal_or_text_column_appears_in_its_fakes(column):
    # Setup
    kind = "text" if column == "comment" else "personal"

    # Run
    fakes = replace.fake_values(REAL[column], N, seed=1, kind=kind)

    # Assert
    assert len(fakes) == N and fakes.notna().all()
    real = {value.casefold() for value in REAL[column].astype(str)}
    assert not {value.casefold() for value in fakes.astype(str)} & real


def test_fakes_look_like_the_real_kind_of_value():
    # Run
    made = {
        c: replace.fake_values(REAL[c], 50, seed=2, kind="personal")
        for c in ("email", "iban", "ip", "date_of_birth", "card_number")
    }

    # Assert
    assert made["email"].str.fullmatch(r"[^@\s]+@[^@\s]+\.\w+").all()
    assert made["iban"].str.startswith("FR").all()
    assert made["ip"].str.fullmatch(r"\d+\.\d+\.\d+\.\d+").all()
    assert pd.to_datetime(made["date_of_birth"], format="%d/%m/%Y").notna().all()
    assert made["card_number"].str.fullmatch(r"[\d ]+").all()


def test_locale_is_guessed_from_the_data():
    # Assert
    assert replace.guess_locale(REAL) == "fr_FR"
    assert replace.guess_locale(pd.Series(["Müller", "Schmidt", "Schneider", "Fischer", "Weber"])) == "de_DE"
    assert replace.guess_locale(pd.Series(["+34 612 345 678", "+34 699 999 999"])) == "es_ES"
    assert replace.guess_locale(pd.Series(["Smith", "Jones", "Brown"])) == "en_US"
    assert replace.guess_locale(pd.Series([1, 2, 3])) == "en_US"


def test_fakes_are_seeded_and_keep_the_missing_share():
    # Setup
    real = pd.Series([f"p{i}@example.org" if i % 4 else None for i in range(400)], name="email")

    # Run
    first = replace.fake_values(real, 400, seed=5, kind="personal")
    again = replace.fake_values(real, 400, seed=5, kind="personal")

    # Assert
    pd.testing.assert_series_equal(first, again)
    assert abs(first.isna().mean() - 0.25) < 0.08


def test_constant_columns_are_carried_through():
    # Assert
    assert replace.carried(pd.Series(["FR"] * 3, name="country"), 5).tolist() == ["FR"] * 5


def _table(locale: str, rows: int) -> pd.DataFrame:
    faker = Faker(locale)
    faker.seed_instance(3)
    return pd.DataFrame(
        {
            "name": [faker.name() for _ in range(rows)],
            "city": [faker.city() for _ in range(rows)],
            "address": [faker.address() for _ in range(rows)],
        }
    )


@pytest.mark.parametrize("rows", [5, 20, 300])
def test_an_english_table_gets_english_fakes(rows):
    # Setup: English names that German, Dutch or Spanish name lists also hold ('Lara', 'Roman', 'Arnold')
    table = _table("en_US", rows)

    # Run / Assert
    assert replace.guess_locale(table) == "en_US"
    assert replace.guess_locale(table[["name"]]) == "en_US"
    assert replace.guess_locale(_table("en_GB", rows)[["name"]]) == "en_US"


@pytest.mark.parametrize("locale", ["fr_FR", "de_DE", "es_ES", "it_IT", "nl_NL", "pt_PT"])
def test_a_table_in_another_language_gets_fakes_in_it(locale):
    # Run / Assert
    assert replace.guess_locale(_table(locale, 20)) == locale
    assert replace.guess_locale(_table(locale, 300)) == locale


def test_labels_without_people_or_places_stay_english():
    # Setup
    table = pd.DataFrame({"grade": ["low", "not low", "high"] * 40, "colour": ["Rot", "Blau", "Grün"] * 40})

    # Run / Assert
    assert replace.guess_locale(table) == "en_US"


def test_every_listed_locale_is_one_faker_knows_and_others_are_refused():
    # Assert
    assert set(replace.LOCALES) <= set(AVAILABLE_LOCALES) and replace.DEFAULT_LOCALE in replace.LOCALES
    replace.check_locale(None)
    replace.check_locale("de_AT")
    with pytest.raises(InputError, match="'klingon' is not a locale.*en_US"):
        replace.check_locale("klingon")


def test_fakes_use_the_locale_given():
    # Setup
    real = _table("en_US", 50)["name"].rename("full_name")

    # Run
    german = replace.fake_values(real, 100, seed=0, kind="personal", locale="de_DE")

    # Assert
    first = german.str.split().str[0].str.lower()
    assert first.isin(replace.personal.names_by_locale("first")["de_DE"]).mean() > 0.6  # the rest: titles (Dr.)
