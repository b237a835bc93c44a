"""The sign-in cookie and page: signed for this server and password, short-lived, and no open redirect."""

import pytest

from ui import sign_in_cookie
from ui.sign_in_page import page, safe_next


def test_a_cookie_is_valid_only_for_its_password_and_for_a_working_day():
    # Setup
    value = sign_in_cookie.make("open sesame", now=1_000_000)

    # Assert
    assert sign_in_cookie.valid(value, "open sesame", now=1_000_000 + 60)
    assert not sign_in_cookie.valid(value, "changed password", now=1_000_000 + 60)
    assert not sign_in_cookie.valid(value, "open sesame", now=1_000_000 + sign_in_cookie.MAX_AGE_S + 1)


@pytest.mark.parametrize("forged", [None, "", "x", "1.2", "1000000.abc.signature", "9999999999.abc.x.y"])
def test_forged_or_damaged_cookies_are_refused(forged):
    # Assert
    assert not sign_in_cookie.valid(forged, "open sesame", now=1_000_000)


def test_a_changed_timestamp_breaks_the_signature():
    # Setup
    issued, nonce, signature = sign_in_cookie.make("open sesame", now=1_000_000).split(".")

    # Assert
    assert not sign_in_cookie.valid(f"{int(issued) + 3600}.{nonce}.{signature}", "open sesame", now=1_000_100)


def test_the_cookie_header_is_httponly_and_strict():
    # Run
    header = sign_in_cookie.header("v", secure=True)

    # Assert
    assert header.startswith("doppel_signin=v;") and "HttpOnly" in header and "SameSite=Strict" in header
    assert "Secure" in header and "Secure" not in sign_in_cookie.header("v", secure=False)


@pytest.mark.parametrize(
    ("asked", "goes"),
    [("/generate", "/generate"), ("//evil.example/x", "/"), ("https://evil.example", "/"), (None, "/"), ("/\\x", "/")],
)
def test_after_sign_in_only_paths_on_this_server_are_followed(asked, goes):
    # Assert
    assert safe_next(asked) == goes


def test_the_page_shows_its_message_and_next_path_as_text():
    # Run
    html = page('/x"><script>', "<b>hi</b>")

    # Assert
    assert "<script>" not in html and "<b>hi</b>" not in html and "&lt;b&gt;hi&lt;/b&gt;" in html
