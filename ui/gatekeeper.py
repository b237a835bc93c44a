"""The server-side gate in front of Streamlit's routes (serve.py installs it): nothing before sign-in.

With a password, every request but the sign-in page, health checks and static files needs the browser's signed
sign-in cookie (ui.sign_in_cookie): pages are sent to the sign-in page, the websocket, uploads and downloads
(media) are refused. A session id alone (upload URLs carry it) opens nothing. With any sign-in, an upload goes only
into a session that passed the app's gate, and a session holds a few files at most.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote

log = logging.getLogger("synth.sessions")

MAX_FILES_PER_SESSION = 3  # the Data page keeps one; a few more for a re-upload in flight
_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")
OPEN_PATHS = ("/signin", "/_stcore/health", "/_stcore/script-health-check", "/static/", "/favicon")
API_PATHS = ("/_stcore/", "/media/", "/component/", "/app/")

_admitted: set[str] = set()
_lock = threading.Lock()
installed = False  # serve.py sets it: the sign-in cookie is then the only proof of a password sign-in


def admit(session_id: str) -> None:
    """This session passed the sign-in gate."""
    with _lock:
        _admitted.add(session_id)


def forget(session_id: str) -> None:
    """This session signed out or ended."""
    with _lock:
        _admitted.discard(session_id)


def admitted(session_id: str) -> bool:
    with _lock:
        return session_id in _admitted


def upload_refusal(session_id: str, gated: bool) -> tuple[int, str] | None:
    """Why an upload into this session is refused (HTTP status and a sentence), or None to let it through."""
    if gated and not admitted(session_id):
        return 403, "Sign in first."
    if _files_held(session_id) >= MAX_FILES_PER_SESSION:
        return 429, "Too many files in this session. Use Delete my data, then upload again."
    return None


def _files_held(session_id: str) -> int:
    from streamlit import runtime

    if not runtime.exists():
        return 0
    storage = getattr(runtime.get_instance().uploaded_file_mgr, "file_storage", {})
    return len(storage.get(session_id, {}))


def _has_cookie(scope, password: str) -> bool:
    from starlette.requests import HTTPConnection

    from ui import sign_in_cookie

    return sign_in_cookie.valid(HTTPConnection(scope).cookies.get(sign_in_cookie.NAME), password)


class Gatekeeper:
    """ASGI middleware: the sign-in cookie on every request (password), then the upload checks (any sign-in)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        from ui import access

        path = scope["path"]
        client = (scope.get("client") or ("?",))[0]
        password = access.password()  # read once a request (environment, then secrets)
        cookie_needed = bool(password) and not access.company_sign_in() and not path.startswith(OPEN_PATHS)
        if cookie_needed and not _has_cookie(scope, password):
            if scope["type"] == "websocket":
                log.warning("websocket refused from %s: not signed in", client)
                return await send({"type": "websocket.close", "code": 1008})
            if scope["method"] == "GET" and not path.startswith(API_PATHS):
                location = "/signin?next=" + quote(path, safe="/")
                return await _respond(send, 303, "Sign in first.", [(b"location", location.encode())])
            log.warning("%s %s refused from %s: not signed in", scope["method"], path.split("/")[1:3], client)
            return await _respond(send, 403, "Sign in first.")
        match = _UPLOAD.search(path) if scope["type"] == "http" and scope["method"] == "PUT" else None
        if match:
            refusal = upload_refusal(match.group(1), access.required())
            if refusal is not None:
                status, sentence = refusal
                log.warning("upload refused (%d) from %s: %s", status, client, sentence)
                return await _respond(send, status, sentence)
        if _page_without_browser_cookie(scope):
            send = _with_browser_cookie(scope, send)
        await self.app(scope, receive, send)


def _page_without_browser_cookie(scope) -> bool:
    """A page request from a browser that has no ui.resume cookie yet (the websocket then sends it back)."""
    from starlette.requests import HTTPConnection

    from ui import resume

    if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith((*OPEN_PATHS, *API_PATHS)):
        return False
    return resume.BROWSER_COOKIE not in HTTPConnection(scope).cookies


def _with_browser_cookie(scope, send):
    from starlette.datastructures import Headers

    from ui import resume

    headers = Headers(scope=scope)
    secure = scope.get("scheme") == "https" or headers.get("x-forwarded-proto") == "https"

    async def sending(message) -> None:
        if message["type"] == "http.response.start":
            cookie = resume.browser_cookie_header(secure).encode()
            message = {**message, "headers": [*message.get("headers", []), (b"set-cookie", cookie)]}
        await send(message)

    return sending


async def _respond(send, status: int, text: str, headers: list | None = None) -> None:
    body = text.encode()
    plain = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": plain + (headers or [])})
    await send({"type": "http.response.body", "body": body})
