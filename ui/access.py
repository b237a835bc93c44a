"""Who may use the app: company sign-in (OIDC) when [auth] is in secrets, else SYNTH_PASSWORD when set."""

from __future__ import annotations

import hmac
import importlib.util
import logging
import math
import os
from collections.abc import Mapping
from typing import NamedTuple

import streamlit as st

from ui import gatekeeper, sign_in_cookie
from ui.keys import SIGNED_IN
from ui.throttle import SignInThrottle

log = logging.getLogger("synth.sessions")
THROTTLE = SignInThrottle()  # one for the server: a new session or tab does not reset the count


def signed_in() -> bool:
    """Company sign-in: Streamlit's signed user cookie. Password: the browser's signed sign-in cookie (set by the
    sign-in page serve.py puts in front), read on every run; or, run without serve.py, this session's own form."""
    if company_sign_in():
        return bool(st.user.get("is_logged_in"))
    expected = password()
    if not expected:
        return True
    if sign_in_cookie.valid(_cookie(), expected):
        return True
    # Behind serve.py only the cookie counts: a session flag would let anyone who presents the session id in
    return not gatekeeper.installed and bool(st.session_state.get(SIGNED_IN))


def required() -> bool:
    """Whether this server asks people to sign in at all (company sign-in or a password)."""
    return company_sign_in() or bool(password())


def gate() -> None:
    """Nothing shows before sign-in: the sign-in form or button, then a stop. app.py calls this before any page.
    The server-side gate (ui.gatekeeper) learns here which sessions may upload."""
    _warn_without_serve()
    session_id = _session_id()
    if signed_in():
        if session_id:
            gatekeeper.admit(session_id)
        return
    if session_id:
        gatekeeper.forget(session_id)
    st.title("Doppel")
    if company_sign_in():
        _company_sign_in()
    elif gatekeeper.installed:  # the sign-in page in front of the app: only an ended sign-in comes here
        st.write("Your sign-in has ended. Reload the page to sign in again.")
    else:
        _password_form()
    st.stop()


def _warn_without_serve() -> None:
    """Once per server: a sign-in is configured but the app was started without serve.py's gate in front."""
    global _warned
    if required() and not gatekeeper.installed and not _warned:
        _warned = True
        log.warning(
            "started as 'streamlit run app.py': pages are gated, but uploads and downloads are guarded by the "
            "session id alone; start with 'streamlit run serve.py' (docs/DEPLOY.md)"
        )


_warned = False


def company_sign_in() -> bool:
    """An [auth] section in secrets means company sign-in (OIDC) through st.login, instead of the password."""
    return bool(secret("auth"))


def user() -> Mapping:
    """The signed-in company user (name, email), or nothing with the password or no sign-in."""
    return st.user if company_sign_in() else {}


def signed_in_with() -> str:
    """How this session got in, for the log: the company account, the shared password, or no sign-in at all."""
    if company_sign_in():
        return user().get("email") or "a company account"
    return "the shared password" if password() else "no sign-in (none configured)"


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(sign_in_cookie.NAME)
    except Exception:  # no client context (a bare run)
        return None


def password() -> str | None:
    """The shared password (SYNTH_PASSWORD or the secret of that name); None when none is set."""
    return os.environ.get("SYNTH_PASSWORD") or secret("SYNTH_PASSWORD")


def _authlib_installed() -> bool:
    return importlib.util.find_spec("authlib") is not None


def _company_sign_in() -> None:
    if not _authlib_installed():
        st.error(
            "Company sign-in is configured, but this server lacks the Authlib package it needs. "
            "Ask the administrator to install it (pip install Authlib)."
        )
        return
    st.write("Sign in with your company account to use Doppel.")
    auth = secret("auth")
    providers = [name for name, value in auth.items() if isinstance(value, Mapping) and "client_id" in value]
    for provider in providers if "client_id" not in auth else [None]:
        label = f"Sign in with {provider}" if provider else "Sign in"
        if st.button(label, key=f"login_{provider or 'default'}", type="primary"):
            st.login(provider)


def _password_form() -> None:
    with st.form("sign_in"):
        given = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in")
    if not submitted:
        return
    refusal = check_password(_client_address(), given)
    if refusal is None:
        st.session_state[SIGNED_IN] = True
        st.rerun()
    st.error(refusal.sentence)


class Refusal(NamedTuple):
    sentence: str
    throttled: bool  # too many wrong tries lately: this one was not even compared


def check_password(address: str, given: str) -> Refusal | None:
    """None when the shared password is right (the address's count of wrong tries is forgotten), else why not.
    Used by the app's form and serve.py's sign-in page alike; failures are logged with the address, never the
    guess."""
    wait = THROTTLE.wait_s(address)
    if wait > 0:  # not even compared: a guess while waiting tells nothing
        seconds = math.ceil(wait)
        log.warning("sign-in from %s refused: too many wrong passwords, %d s to wait", address, seconds)
        return Refusal(
            f"Too many wrong passwords. Wait {seconds} second{'s' if seconds != 1 else ''}, then try again.", True
        )
    if hmac.compare_digest(given.encode(), str(password()).encode()):
        THROTTLE.succeeded(address)
        return None
    failures = THROTTLE.failed(address)
    log.warning("sign-in failed from %s: wrong password (%d from this address lately)", address, failures)
    return Refusal("That password is not right.", False)


def _client_address() -> str:
    """The client's address as the server sees it (behind a reverse proxy: the proxy's, see docs/DEPLOY.md)."""
    try:
        address = st.context.ip_address
    except Exception:  # no client context (a bare run): one shared count
        return "unknown"
    return address if isinstance(address, str) and address else "localhost" if address is None else "unknown"


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def secret(name: str) -> str | None:
    """A value from .streamlit/secrets.toml, or None when there is no such file or key."""
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets file is the usual case, and st.secrets then raises
        return None
