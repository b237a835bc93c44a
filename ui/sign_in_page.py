"""The password sign-in page that serve.py puts in front of the app: a plain form, the throttle, then the cookie."""

from __future__ import annotations

import html
import logging

from ui import access, sign_in_cookie

log = logging.getLogger("synth.sessions")
PATH = "/signin"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Doppel: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body {{ font-family: system-ui, sans-serif; color: #1d2733; background: #f2f5f9; margin: 0; }}
main {{ max-width: 26rem; margin: 12vh auto; background: #fff; padding: 2rem; border-radius: 0.5rem; }}
h1 {{ margin-top: 0; }} label {{ display: block; margin: 1rem 0 0.3rem; }}
input {{ width: 100%; padding: 0.5rem; font-size: 1rem; box-sizing: border-box; }}
button {{ margin-top: 1rem; padding: 0.5rem 1.2rem; font-size: 1rem; background: #3b6ea5; color: #fff;
  border: 0; border-radius: 0.3rem; cursor: pointer; }}
.error {{ color: #b3261e; background: #fdecea; padding: 0.6rem; border-radius: 0.3rem; }}
</style></head>
<body><main><h1>Doppel</h1>
<p>Enter the password to use Doppel.</p>{message}
<form method="post" action="{action}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" autofocus required>
<button type="submit">Sign in</button>
</form></main></body></html>
"""


def safe_next(path: str | None) -> str:
    """Where to go after signing in: a path on this server only (never '//other.site' or 'https://...')."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


def page(next_path: str, message: str = "") -> str:
    action = html.escape(f"{PATH}?next={next_path}", quote=True)
    shown = f'<p class="error" role="alert">{html.escape(message)}</p>' if message else ""
    return PAGE.format(action=action, message=shown)


async def sign_in(request):
    """GET: the form (or straight on when already signed in). POST: check the password, then set the cookie."""
    from starlette.responses import HTMLResponse, RedirectResponse

    expected = access.password()
    next_path = safe_next(request.query_params.get("next"))
    if not expected or access.company_sign_in():
        return RedirectResponse(next_path, status_code=303)
    if request.method != "POST":
        if sign_in_cookie.valid(request.cookies.get(sign_in_cookie.NAME), expected):
            return RedirectResponse(next_path, status_code=303)
        return HTMLResponse(page(next_path))
    address = request.client.host if request.client else "unknown"
    refusal = access.check_password(address, str((await request.form()).get("password", "")))
    if refusal is not None:
        return HTMLResponse(page(next_path, refusal.sentence), status_code=429 if refusal.throttled else 401)
    log.info("sign-in with the shared password from %s", address)
    response = RedirectResponse(next_path, status_code=303)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.headers.append("set-cookie", sign_in_cookie.header(sign_in_cookie.make(expected), secure))
    return response


def routes() -> list:
    from starlette.routing import Route

    return [Route(PATH, sign_in, methods=["GET", "POST"])]
