"""The server-side gate in front of Streamlit's HTTP routes (serve.py installs it): no upload before sign-in.

Streamlit accepts an upload for any live session id. The script's gate only hides the uploader, so a client that
never signed in could still fill the server's memory; this middleware refuses such uploads before reading a byte.
"""

from __future__ import annotations

import logging
import re
import threading

log = logging.getLogger("synth.sessions")

MAX_FILES_PER_SESSION = 3  # the Data page keeps one; a few more for a re-upload in flight
_UPLOAD = re.compile(r"/_stcore/upload_file/([^/]+)/[^/]+/?$")

_admitted: set[str] = set()
_lock = threading.Lock()
installed = False  # serve.py sets it; app.py warns once when the app runs without it


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


class Gatekeeper:
    """ASGI middleware: an upload PUT into a session that has not signed in is refused, before its body is read."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] == "PUT":
            match = _UPLOAD.search(scope["path"])
            if match:
                from ui import access

                refusal = upload_refusal(match.group(1), access.required())
                if refusal is not None:
                    status, sentence = refusal
                    client = (scope.get("client") or ("?",))[0]
                    log.warning("upload refused (%d) from %s: %s", status, client, sentence)
                    await _respond(send, status, sentence)
                    return
        await self.app(scope, receive, send)


async def _respond(send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
