"""AppTest fixtures."""

import pytest

from tests.app.helpers import new_app


@pytest.fixture
def app():
    return new_app()


@pytest.fixture(autouse=True)
def fresh_sign_in_throttle(monkeypatch):
    """The sign-in throttle counts across sessions by design; each test starts with a clean count."""
    from ui import access
    from ui.throttle import SignInThrottle

    monkeypatch.setattr(access, "THROTTLE", SignInThrottle())
