"""AppTest fixtures."""

import pytest

from tests.app.helpers import new_app


@pytest.fixture
def app():
    return new_app()
