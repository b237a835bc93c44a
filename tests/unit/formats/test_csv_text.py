"""Encodings and the refusal of what is not a text table."""

import unicodedata

import pytest

from synth.errors import InputError
from synth.formats import csv_text
from synth.formats.csv_text import decode, refuse_binary, refuse_non_table_text

WESTERN = {
    "french": "nom;ville;montant\nAndré;Orléans;12,50 €\nZoë;Besançon;3,14\nJosé Núñez;Saint-Étienne;1.234,56\n",
    "german": "Name;Straße;Betrag\nJürgen Müller;Königsallee 3;1.234,56 €\nGrüße;Öl;3\n",
    "spanish": "nombre,ciudad\nJosé Núñez,Málaga\nMaría,Cádiz\nÍñigo,León\n",
    "short": "a;b\nCafé;1\n",
    "euro only": "price\n10 €\n",
}


@pytest.mark.parametrize("name", sorted(WESTERN))
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_exports_decode_without_mojibake(name, encoding):
    # Setup
    text = WESTERN[name]
    if encoding == "latin-1" and "€" in text:
        text = text.replace("€", "EUR")

    # Run
    decoded, codec = decode(text.encode(encoding))

    # Assert
    assert decoded == text
    assert codec == ("utf-8" if text.isascii() else "cp1252")


def test_central_european_text_is_not_read_as_western():
    # Setup
    text = "imię;miasto\nŁukasz;Łódź\nŻaneta;Gdańsk\nPaweł;Kraków\n"

    # Run
    decoded, _ = decode(text.encode("cp1250"))

    # Assert
    assert decoded == text


@pytest.mark.parametrize(
    ("encoding", "codec"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32"),
    ],
)
def test_unicode_encodings_with_and_without_bom(encoding, codec):
    # Setup
    text = "id,name\n1,Zoë\n2,Łukasz\n3,東京\n"

    # Run
    decoded, found = decode(text.encode(encoding))

    # Assert
    assert decoded == text and found == codec


def test_an_override_on_a_bom_file_leaves_no_stray_character():
    # Run
    decoded, codec = decode("\ufeffa,b\n".encode("utf-8"), "utf-8")

    # Assert
    assert decoded == "a,b\n" and codec == "utf-8-sig"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4 ...", b"\x1f\x8b\x08\x00", b"SQLite format 3\x00", b"a,b\n\x00\x01\x02\x03"]
)
def test_binary_formats_are_refused_before_decoding(data):
    # Assert
    with pytest.raises(InputError, match="not a text table"):
        refuse_binary(data)


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html></html>",
        "  <html><body>x</body></html>",
        '<?xml version="1.0"?><a/>',
        '{"a": 1}',
        "a,b\n\x01\x02\x03\x04\x05\x06,1\n",
    ],
)
def test_web_pages_json_and_control_characters_are_refused(text):
    # Assert
    with pytest.raises(InputError, match="not a text table"):
        refuse_non_table_text(text)


def test_a_header_with_a_script_tag_is_not_mistaken_for_a_web_page():
    # Run / Assert
    refuse_non_table_text("<script>alert(1)</script>,b\n1,2\n")


def test_control_characters_are_counted_as_unicode_names_them():
    # Setup: C0 and C1 controls, tab and line ends, private-use, unassigned, accents, a surrogate, CJK
    text = "a\tb\r\n\x00\x07\x1b\x7f\x85\x9f é€\ue000\U000f0000\u0378\udc80漢"

    # Run
    counted = csv_text._control_count(text)

    # Assert: the same as asking unicodedata about every character
    expected = sum(unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\r\n" for c in text)
    assert counted == expected == 9
