"""Attacks on the server through Streamlit's websocket protocol, as a client that never signed in would send them."""

import pytest

from tests.e2e.protocol import ProtocolClient, clear_cache_message
from tests.e2e.server import server_log, start_app, stop_app

PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def gated_server():
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD, "SYNTH_MAX_JOBS": "1"})
    yield process, url
    stop_app(process)


def test_an_anonymous_clear_cache_does_not_start_a_second_job_pool(gated_server):
    # Setup: an anonymous session starts the server's one job pool
    process, url = gated_server
    first = ProtocolClient(url)
    first.run()
    assert "Password" in first.texts() or first.widget_id("text_input", "Password")

    # Run: it asks the server to clear its caches, then a new session arrives
    first.send(clear_cache_message())
    first.run()
    second = ProtocolClient(url)
    second.run()
    first.close()
    second.close()

    # Assert: still one pool, so SYNTH_MAX_JOBS holds and clean-up reaches every job
    assert server_log(process).count("job pool started") == 1
