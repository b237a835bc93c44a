"""The password sign-in held by the browser: a signed, HttpOnly, SameSite=Strict cookie, not a session id.

A Streamlit session id travels in upload URLs (so in proxy logs and HAR files); a cookie that scripts cannot read
and other sites cannot send is what proves a request comes from the browser that typed the password.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time

NAME = "doppel_signin"
MAX_AGE_S = 12 * 3600  # a working day; then the password again
_PROCESS_KEY = secrets.token_bytes(32)  # without SYNTH_COOKIE_SECRET: sign-ins end when the server restarts


def _key(password: str) -> bytes:
    """The signing key: the server's secret and the password, so that changing the password ends every sign-in."""
    secret = os.environ.get("SYNTH_COOKIE_SECRET", "").encode() or _PROCESS_KEY
    return hmac.new(secret, password.encode(), hashlib.sha256).digest()


def make(password: str, now: float | None = None) -> str:
    """A new cookie value: when it was issued, a random nonce, and their signature."""
    issued = str(int(time.time() if now is None else now))
    body = f"{issued}.{secrets.token_urlsafe(12)}"
    return f"{body}.{_signature(password, body)}"


def valid(value: str | None, password: str, now: float | None = None) -> bool:
    """Whether this cookie value was made here, for this password, less than MAX_AGE_S ago."""
    if not value or value.count(".") != 2:
        return False
    body, _, signature = value.rpartition(".")
    if not hmac.compare_digest(signature, _signature(password, body)):
        return False
    try:
        issued = int(body.split(".", 1)[0])
    except ValueError:
        return False
    return 0 <= (time.time() if now is None else now) - issued < MAX_AGE_S


def header(value: str, secure: bool) -> str:
    """The Set-Cookie header value: HttpOnly (no script reads it), SameSite=Strict (no other site sends it)."""
    flags = f"{NAME}={value}; Path=/; Max-Age={MAX_AGE_S}; HttpOnly; SameSite=Strict"
    return flags + ("; Secure" if secure else "")


def _signature(password: str, body: str) -> str:
    digest = hmac.new(_key(password), body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
