"""Write tests/data/detection_corpus.csv: columns of real public tables, labelled by hand, plus made-up ones.

Run: .venv/bin/python tests/data/build_detection_corpus.py. Every table ships inside an installed package or this
repository (nothing is downloaded). Each row of the corpus is one column: its table, name, true kind (number,
category, date, boolean, identifier, text, or personal:<type>), whether it is real or made up, and up to 200 of
its values (a seeded sample of rows, missing values kept) as a JSON list. The labels are written by hand below:
for each table, a kind for most of its columns and the exceptions by name; every column was looked at.
"""

from __future__ import annotations

import csv
import importlib
import json
import random
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).with_name("detection_corpus.csv")
SAMPLE = 120
WIDE = 8  # per table: the labelled exceptions, then the first other columns up to this many (more of the same)


def _vega(name):
    from vega_datasets import local_data

    return lambda: getattr(local_data, name)()


def _plotly(name):
    return lambda: getattr(importlib.import_module("plotly.express").data, name)()


def _sm(name):
    return lambda: importlib.import_module(f"statsmodels.datasets.{name}").load_pandas().data


def _sk(name, **options):
    return lambda: getattr(importlib.import_module("sklearn.datasets"), f"load_{name}")(as_frame=True, **options).frame


def _csv(path):
    return lambda: pd.read_csv(ROOT / path)


# table: (loader, kind of every column not listed, {column: kind}). 0/1 and yes/no columns are "boolean".
REAL = {
    "vega_airports": (
        _vega("airports"),
        "category",
        {"iata": "identifier", "name": "text", "city": "category", "latitude": "number", "longitude": "number"},
    ),
    "vega_la_riots": (
        _vega("la_riots"),
        "category",
        {
            "first_name": "personal:first_name",
            "last_name": "personal:last_name",
            "address": "personal:address",
            "age": "number",
            "death_date": "date",
            "longitude": "number",
            "latitude": "number",
        },
    ),
    "vega_iowa_electricity": (_vega("iowa_electricity"), "number", {"year": "date", "source": "category"}),
    "vega_seattle_temps": (_vega("seattle_temps"), "number", {"date": "date"}),
    "vega_stocks": (_vega("stocks"), "number", {"symbol": "category", "date": "date"}),
    "vega_us_employment": (_vega("us_employment"), "number", {"month": "date"}),
    "vega_anscombe": (_vega("anscombe"), "number", {"Series": "category"}),
    "vega_barley": (_vega("barley"), "category", {"yield": "number", "year": "number"}),
    "vega_burtin": (
        _vega("burtin"),
        "number",
        {"Bacteria": "category", "Gram_Staining": "boolean", "Genus": "category"},
    ),
    "vega_cars": (_vega("cars"), "number", {"Name": "category", "Year": "date", "Origin": "category"}),
    "vega_crimea": (_vega("crimea"), "number", {"date": "date"}),
    "vega_driving": (_vega("driving"), "number", {"side": "category"}),
    "vega_ohlc": (_vega("ohlc"), "number", {"date": "date", "signal": "category"}),
    "vega_wheat": (_vega("wheat"), "number", {}),
    "vega_seattle_weather": (_vega("seattle_weather"), "number", {"date": "date", "weather": "category"}),
    "plotly_carshare": (_plotly("carshare"), "number", {}),
    "plotly_election": (
        _plotly("election"),
        "number",
        {"district": "category", "district_id": "identifier", "winner": "category", "result": "category"},
    ),
    "plotly_experiment": (_plotly("experiment"), "number", {"gender": "category", "group": "category"}),
    "plotly_gapminder": (
        _plotly("gapminder"),
        "number",
        {"country": "category", "continent": "category", "iso_alpha": "category", "iso_num": "category"},
    ),
    "plotly_medals_long": (_plotly("medals_long"), "category", {"count": "number"}),
    "plotly_tips": (
        _plotly("tips"),
        "category",
        {"total_bill": "number", "tip": "number", "sex": "category", "smoker": "boolean", "size": "number"},
    ),
    "plotly_wind": (_plotly("wind"), "category", {"frequency": "number"}),
    "plotly_iris": (_plotly("iris"), "number", {"species": "category", "species_id": "category"}),
    "sm_anes96": (_sm("anes96"), "number", {"vote": "boolean"}),
    "sm_cancer": (_sm("cancer"), "number", {}),
    "sm_ccard": (_sm("ccard"), "number", {"OWNRENT": "boolean"}),
    "sm_china_smoking": (_sm("china_smoking"), "number", {"Location": "category"}),
    "sm_committee": (_sm("committee"), "number", {"PRESTIGE": "boolean"}),
    "sm_copper": (_sm("copper"), "number", {}),
    "sm_cpunish": (_sm("cpunish"), "number", {"SOUTH": "boolean"}),
    "sm_danish_data": (_sm("danish_data"), "number", {}),
    "sm_elnino": (_sm("elnino"), "number", {}),
    "sm_engel": (_sm("engel"), "number", {}),
    "sm_fair": (_sm("fair"), "number", {"occupation": "category", "occupation_husb": "category"}),
    "sm_fertility": (
        _sm("fertility"),
        "number",
        {
            "Country Name": "category",
            "Country Code": "identifier",
            "Indicator Name": "category",
            "Indicator Code": "category",
        },
    ),
    "sm_grunfeld": (_sm("grunfeld"), "number", {"firm": "category"}),
    "sm_heart": (_sm("heart"), "number", {"censors": "boolean"}),
    "sm_interest_inflation": (_sm("interest_inflation"), "number", {}),
    "sm_longley": (_sm("longley"), "number", {}),
    "sm_macrodata": (_sm("macrodata"), "number", {}),
    "sm_modechoice": (
        _sm("modechoice"),
        "number",
        {"individual": "identifier", "mode": "category", "choice": "boolean"},
    ),
    "sm_nile": (_sm("nile"), "number", {}),
    "sm_randhie": (
        _sm("randhie"),
        "number",
        {"idp": "boolean", "hlthg": "boolean", "hlthf": "boolean", "hlthp": "boolean"},
    ),
    "sm_scotland": (_sm("scotland"), "number", {}),
    "sm_spector": (_sm("spector"), "number", {"PSI": "boolean", "GRADE": "boolean"}),
    "sm_stackloss": (_sm("stackloss"), "number", {}),
    "sm_star98": (_sm("star98"), "number", {}),
    "sm_statecrime": (_sm("statecrime"), "number", {"state": "category"}),
    "sm_strikes": (_sm("strikes"), "number", {}),
    "sm_sunspots": (_sm("sunspots"), "number", {}),
    "sk_breast_cancer": (_sk("breast_cancer"), "number", {"target": "boolean"}),
    "sk_diabetes": (_sk("diabetes", scaled=False), "number", {"sex": "category"}),
    "sk_wine": (_sk("wine"), "number", {"target": "category"}),
    "sk_linnerud": (_sk("linnerud"), "number", {}),
    "synth_cars": (
        _csv("synth/datasets/cars.csv"),
        "number",
        {"Name": "category", "Year": "date", "Origin": "category"},
    ),
    "us_macro": (_csv("tests/data/us_macro.csv"), "number", {"quarter_start": "date", "decade": "category"}),
}


def _made_up_personal() -> dict[str, tuple[str, list]]:
    """Personal columns made with Faker (seeded): real tables rarely hold e-mails, phones or card numbers."""
    from faker import Faker

    columns = {}
    for locale, rows in (("en_US", 80), ("fr_FR", 60), ("de_DE", 40)):
        fake = Faker(locale)
        fake.seed_instance(11)
        tag = locale[:2]

        def make(method, count=rows, fake=fake):
            return [method(fake) for _ in range(count)]

        columns |= {
            f"{tag}_people/email": ("personal:email", make(lambda f: f.email())),
            f"{tag}_people/contact": ("personal:email", make(lambda f: f.free_email())),
            f"{tag}_people/phone_number": ("personal:phone", make(lambda f: f.phone_number())),
            f"{tag}_people/reach_at": ("personal:phone", make(lambda f: f.phone_number())),
            f"{tag}_people/full_name": ("personal:person_name", make(lambda f: f.name())),
            f"{tag}_people/customer": ("personal:person_name", make(lambda f: f.name())),
            f"{tag}_people/first_name": ("personal:first_name", make(lambda f: f.first_name())),
            f"{tag}_people/last_name": ("personal:last_name", make(lambda f: f.last_name())),
            f"{tag}_people/street": ("personal:address", make(lambda f: f.street_address())),
            f"{tag}_people/address": ("personal:address", make(lambda f: f.address().replace("\n", ", "))),
            f"{tag}_people/date_of_birth": (
                "personal:birth_date",
                make(lambda f: f.date_of_birth(minimum_age=18, maximum_age=90).isoformat()),
            ),
            f"{tag}_people/iban": ("personal:iban", make(lambda f: f.iban())),
            f"{tag}_people/card_number": ("personal:card", make(lambda f: f.credit_card_number())),
            f"{tag}_people/payment": ("personal:card", make(lambda f: f.credit_card_number())),
            f"{tag}_people/ip_address": ("personal:ip", make(lambda f: f.ipv4())),
            f"{tag}_people/username": ("personal:username", make(lambda f: f.user_name())),
        }
    fake = Faker("en_US")
    fake.seed_instance(12)
    columns["en_people/ssn"] = ("personal:national_id", [fake.ssn() for _ in range(80)])
    columns["en_people/dob"] = (
        "personal:birth_date",
        [fake.date_of_birth(minimum_age=18, maximum_age=90).strftime("%m/%d/%Y") for _ in range(80)],
    )
    columns["en_people/account_number"] = ("personal:iban", [fake.bban() for _ in range(80)])
    columns["en_people/name"] = ("personal:person_name", [fake.name() for _ in range(80)])
    columns["crm/name"] = ("text", [fake.company() for _ in range(80)])
    columns["crm/contact_phone"] = ("personal:phone", [fake.basic_phone_number() for _ in range(80)])
    columns["en_people/customer_id"] = ("identifier", random.Random(3).sample(range(10_000, 99_999), 80))
    columns["en_people/order_ref"] = ("identifier", [f"ORD-{n:06d}" for n in random.Random(4).sample(range(10**6), 80)])
    return columns


def _made_up_ordinary() -> dict[str, tuple[str, list]]:
    """Ordinary columns named like personal data or identifiers: the failures issue 11 reports, and their cousins."""
    rng = np.random.default_rng(11)
    n = 200
    return {
        # Issue 11: a 0/1 flag whose name starts with a phone word.
        "health_survey/phone_interview": ("boolean", rng.integers(0, 2, n).tolist()),
        "telecom/mobile_user": ("boolean", rng.choice(["Yes", "No"], n).tolist()),
        # Issue 11: small integers (4 to 107) whose name holds a card-number abbreviation.
        "clinic/cc_no": ("number", rng.integers(4, 108, n).tolist()),
        "retail/card_num_uses": ("number", rng.poisson(12, n).tolist()),
        # Issue 11: a two-valued surface type named like an address part.
        "roads/street_surface": ("category", rng.choice(["paved", "gravel"], n).tolist()),
        # Issue 11: a two-valued low / not low column whose name mentions birth.
        "births/low_birth_weight": ("category", rng.choice(["low", "not low"], n, p=[0.3, 0.7]).tolist()),
        # Issue 11: more ordinary columns named with "birth".
        "births/birth_weight": ("number", rng.normal(3300, 500, n).round().astype(int).tolist()),
        "births/birth_order": ("number", rng.integers(1, 7, n).tolist()),
        "births/birthplace_region": ("category", rng.choice(["North", "South", "East", "West"], n).tolist()),
        "births/birth_year": ("number", rng.integers(1940, 2005, n).tolist()),
        "survey/address_years": ("number", rng.integers(0, 40, n).tolist()),
        "survey/email_opt_in": ("boolean", rng.choice(["yes", "no"], n).tolist()),
        "survey/phone_minutes": ("number", rng.gamma(2, 30, n).round(1).tolist()),
        "survey/user_name_length": ("number", rng.integers(4, 16, n).tolist()),
        "survey/patient_name_known": ("boolean", rng.choice(["True", "False"], n).tolist()),
        "shop/birth_country": (
            "category",
            rng.choice([f"Country {c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXY"], n).tolist(),
        ),
        "shop/card_last4": ("number", rng.integers(0, 10_000, n).tolist()),
        "shop/phone_model": ("category", rng.choice([f"Galaxy S{i}" for i in range(1, 25)], n).tolist()),
        "shop/ip_version": ("category", rng.choice(["IPv4", "IPv6"], n).tolist()),
        "shop/email_sent": ("number", rng.integers(0, 2_000_000, n).tolist()),
        "lab/sample_no": ("identifier", rng.permutation(np.arange(5000, 5000 + 3 * n))[:n].tolist()),
        "lab/weight_mg": ("number", rng.lognormal(6, 1.2, n).round().astype(int).tolist()),
        "lab/subject": ("identifier", sorted(rng.choice(np.arange(100_000, 999_999), n, replace=False).tolist())),
        "trials/participant": ("identifier", rng.permutation(np.arange(1, 2 * n + 1))[:n].tolist()),
    }


def _sample(series: pd.Series, seed: int) -> list:
    if len(series) > SAMPLE:
        series = series.sample(SAMPLE, random_state=seed).sort_index()
    if pd.api.types.is_datetime64_any_dtype(series):
        times = series.dt.strftime("%Y-%m-%d %H:%M:%S").str.replace(" 00:00:00", "", regex=False)
        return [None if pd.isna(v) else v for v in times]
    return [None if pd.isna(v) else (v.item() if isinstance(v, np.generic) else v) for v in series]


def rows() -> list[dict]:
    out = []
    for index, (table, (load, default, labels)) in enumerate(REAL.items()):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = load()
        if not isinstance(frame.index, pd.RangeIndex):
            frame = frame.reset_index()
        unknown = set(labels) - set(frame.columns)
        assert not unknown, f"{table}: no column {unknown}"
        others = [column for column in frame.columns if column not in labels]
        for column in [
            column for column in frame.columns if column in labels or column in others[: WIDE - len(labels)]
        ]:
            kind = labels.get(column, default)
            out.append(
                dict(table=table, column=str(column), kind=kind, source="real", values=_sample(frame[column], index))
            )
    for made, origin in ((_made_up_personal(), "made up (Faker, seeded)"), (_made_up_ordinary(), "made up")):
        for key, (kind, values) in made.items():
            table, column = key.split("/")
            out.append(dict(table=table, column=column, kind=kind, source=origin, values=values[:SAMPLE]))
    return out


def main() -> None:
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["table", "column", "kind", "source", "values"])
        writer.writeheader()
        for row in rows():
            writer.writerow({**row, "values": json.dumps(row["values"], ensure_ascii=False)})


if __name__ == "__main__":
    main()
