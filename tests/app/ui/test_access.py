"""Access: nothing of any page before sign-in (password or company sign-in), deep links included."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import ROOT, TIMEOUT, new_app
from ui import access

PAGES = ("data", "columns", "generate", "compare", "download")
PAGE_TITLES = ("1. Your data", "2. Columns", "3. Generate", "4. Compare real and synthetic", "5. Download")


def test_password_gate_hides_everything_until_the_right_password(monkeypatch):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "open sesame")
    app = new_app()

    # Run
    gated_titles = [t.value for t in app.title]
    app.switch_page("app_pages/download.py").run()
    deep_link_titles = [t.value for t in app.title]
    app.text_input[0].set_value("wrong")
    app.button[0].click().run()
    wrong = [e.value for e in app.error]
    app.text_input[0].set_value("open sesame")
    app.button[0].click().run()

    # Assert
    assert gated_titles == ["Doppel"] and deep_link_titles == ["Doppel"]
    assert not app.file_uploader or len(app.file_uploader) == 0
    assert wrong == ["That password is not right."]
    assert "No synthetic data yet" in app.info[0].value


@pytest.mark.parametrize("page", PAGES)
def test_a_deep_link_before_sign_in_shows_the_sign_in_only(monkeypatch, page):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "open sesame")
    app = new_app()

    # Run
    app.switch_page(f"app_pages/{page}.py").run()

    # Assert: the password form and nothing of the page, not even its pointer to an earlier step
    assert not app.exception
    assert [t.value for t in app.title] == ["Doppel"] and not set(PAGE_TITLES) & {t.value for t in app.title}
    assert [t.label for t in app.text_input] == ["Password"] and [b.label for b in app.button] == ["Sign in"]
    assert len(app.info) == 0 and len(app.file_uploader) == 0 and len(app.sidebar.button) == 0
    assert not [key for key in app.session_state.keys() if not key.startswith(("_", "FormSubmitter:sign_in"))]


COMPANY_AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "doppel",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}


def _company_app(user: dict, auth: dict = COMPANY_AUTH) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    app.secrets["auth"] = auth
    app.user = user
    return app.run()


@pytest.fixture
def authlib_present():
    assert access._authlib_installed()  # pinned in requirements.txt: company sign-in works on a fresh install


def test_company_sign_in_comes_before_any_page(authlib_present):
    # Run
    app = _company_app({"is_logged_in": False})
    app.switch_page("app_pages/data.py").run()

    # Assert
    assert [t.value for t in app.title] == ["Doppel"]
    assert [b.label for b in app.button] == ["Sign in"]
    assert len(app.file_uploader) == 0 and len(app.get("text_input")) == 0  # not the password form either


def test_company_sign_in_offers_each_named_provider(authlib_present):
    # Setup
    named = {
        "redirect_uri": COMPANY_AUTH["redirect_uri"],
        "cookie_secret": "x",
        "okta": {k: COMPANY_AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")},
    }

    # Run
    app = _company_app({"is_logged_in": False}, named)

    # Assert
    assert [b.label for b in app.button] == ["Sign in with okta"]


def test_company_sign_in_without_authlib_stays_closed(monkeypatch):
    # Setup
    monkeypatch.setattr(access, "_authlib_installed", lambda: False)

    # Run
    app = _company_app({"is_logged_in": False})

    # Assert
    assert "lacks the Authlib package" in app.error[0].value
    assert len(app.button) == 0 and len(app.file_uploader) == 0


def test_a_signed_in_company_user_gets_the_app_and_the_password_is_not_asked(monkeypatch):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "ignored when company sign-in is configured")

    # Run
    app = _company_app({"is_logged_in": True, "email": "ann@example.com", "name": "Ann Analyst"})

    # Assert
    assert app.title[0].value == "1. Your data"
    assert any("Signed in as Ann Analyst" in c.value for c in app.sidebar.caption)


def test_wrong_passwords_are_throttled_across_sessions_and_logged_without_the_guess(monkeypatch, caplog):
    # Setup: a server-wide count (the same address for every session here), one free try
    from ui.throttle import SignInThrottle

    monkeypatch.setenv("SYNTH_PASSWORD", "open sesame")
    monkeypatch.setattr(access, "THROTTLE", SignInThrottle(free=1, base_wait_s=1))
    first, second = new_app(), new_app()

    # Run: one wrong guess in one session, then the right password in a fresh session at once
    first.text_input[0].set_value("guess-one-MARKER")
    first.button[0].click().run()
    second.text_input[0].set_value("open sesame")
    second.button[0].click().run()

    # Assert: the fresh session must wait too, and the log names the address, never the guess
    assert [e.value for e in first.error] == ["That password is not right."]
    assert "Too many wrong passwords. Wait 1 second," in second.error[0].value
    assert [t.value for t in second.title] == ["Doppel"]
    assert "sign-in failed from" in caplog.text and "MARKER" not in caplog.text


def test_a_password_without_serve_py_in_front_is_warned_about_in_the_log(monkeypatch, caplog):
    # Setup
    monkeypatch.setenv("SYNTH_PASSWORD", "open sesame")
    monkeypatch.setattr(access, "_warned", False)

    # Run
    new_app()

    # Assert
    assert "start with 'streamlit run serve.py'" in caplog.text
