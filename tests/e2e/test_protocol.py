"""Attacks on the server through Streamlit's websocket protocol and HTTP routes, as a script would send them."""

import pytest
import requests
from websockets.exceptions import InvalidStatus

from tests.e2e.protocol import ProtocolClient, clear_cache_message, sign_in
from tests.e2e.server import server_log, start_app, stop_app, wait_for_log

PASSWORD = "correct horse"


@pytest.fixture(scope="module")
def gated_server():
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD, "SYNTH_MAX_JOBS": "1"})
    yield process, url
    stop_app(process)


@pytest.fixture
def cookie(gated_server):
    value, response = sign_in(gated_server[1], PASSWORD)
    assert response.status_code == 303 and value
    return value


def test_nothing_but_the_sign_in_page_answers_before_sign_in(gated_server):
    # Setup
    _, url = gated_server

    # Run
    with pytest.raises(InvalidStatus) as websocket:
        ProtocolClient(url)
    page = requests.get(f"{url}/generate", allow_redirects=False, timeout=30)
    media = requests.get(f"{url}/media/0123456789abcdef.csv", timeout=30)

    # Assert: no session can even start, so nothing it could send reaches the server
    assert websocket.value.response.status_code == 403
    assert page.status_code == 303 and page.headers["location"] == "/signin?next=/generate"
    assert media.status_code == 403


def test_a_session_id_without_the_browsers_cookie_gets_nothing(gated_server, cookie):
    # Setup: a signed-in user's session, whose id an attacker read in a proxy log
    _, url = gated_server
    member = ProtocolClient(url, cookie)
    member.run()
    assert "1. Your data" in member.texts()
    member.close()  # the tab closed a moment ago: its session waits for a reconnect

    # Run: resume that session with its id, without the cookie, then with a forged one
    with pytest.raises(InvalidStatus) as bare:
        ProtocolClient(url, session_id=member.session_id)
    with pytest.raises(InvalidStatus) as forged:
        ProtocolClient(url, cookie="1999999999.abc.forged", session_id=member.session_id)
    upload = requests.put(
        f"{url}/_stcore/upload_file/{member.session_id}/x", files={"file": ("a.csv", b"a\n1\n")}, timeout=30
    )

    # Assert
    assert bare.value.response.status_code == 403 and forged.value.response.status_code == 403
    assert upload.status_code == 403


def test_an_anonymous_clear_cache_does_not_start_a_second_job_pool(gated_server, cookie):
    # Setup: a session starts the server's one job pool
    process, url = gated_server
    first = ProtocolClient(url, cookie)
    first.run()

    # Run: it asks the server to clear its caches, then a new session arrives
    first.send(clear_cache_message())
    first.run()
    second = ProtocolClient(url, cookie)
    second.run()
    first.close()
    second.close()

    # Assert: still one pool, so SYNTH_MAX_JOBS holds and clean-up reaches every job
    assert server_log(process).count("job pool started") == 1


def test_an_upload_needs_the_sign_in_cookie(gated_server, cookie):
    # Setup
    _, url = gated_server
    member = ProtocolClient(url, cookie)
    member.run()

    # Run: the same session's upload URL, from a client without the cookie and from the browser
    stranger = ProtocolClient.__new__(ProtocolClient)
    stranger.cookie, stranger.session_id = None, member.session_id
    refused = stranger.upload(url, "big.csv", b"a,b\n" + b"1,2\n" * 1000)
    accepted = member.upload(url, "small.csv", b"a,b\n1,2\n")
    member.close()

    # Assert: refused before its body was read; the browser's own upload goes through
    assert refused.status_code == 403 and refused.text == "Sign in first."
    assert accepted.status_code == 204


def test_a_session_cannot_pile_up_uploads(gated_server, cookie):
    # Setup
    _, url = gated_server
    member = ProtocolClient(url, cookie)
    member.run()

    # Run
    statuses = [member.upload(url, f"f{i}.csv", b"a,b\n1,2\n").status_code for i in range(5)]
    member.close()

    # Assert
    assert statuses[:3] == [204, 204, 204] and statuses[3:] == [429, 429]


def test_a_closed_tabs_session_is_cleaned_up_when_its_reconnect_window_ends():
    # Setup: a server that keeps a closed tab's session 2 s for a reconnect
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD}, {"server.disconnectedSessionTTL": 2})
    try:
        cookie, _ = sign_in(url, PASSWORD)
        member = ProtocolClient(url, cookie)
        member.run()
        assert member.upload(url, "small.csv", b"a,b\n1,2\n").status_code == 204

        # Run: the tab closes
        member.close()

        # Assert: its jobs and files are freed without waiting for the garbage collector
        assert wait_for_log(process, "ended; its jobs were cancelled and its files freed")
        assert member.upload(url, "again.csv", b"a,b\n1,2\n").status_code in (400, 403)
    finally:
        stop_app(process)


def test_password_guessing_from_fresh_connections_is_throttled_and_logged_without_the_guess():
    # Setup
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD})
    try:
        # Run: eight guesses, each on a fresh connection (a new session used to reset the count)
        answers = [sign_in(url, f"guess-{n}-MARKER")[1] for n in range(8)]
        cookie, rightful = sign_in(url, PASSWORD)
        log = server_log(process)
    finally:
        stop_app(process)

    # Assert: three wrong guesses, then every try waits, the right password included; no guess in the log
    assert [a.status_code for a in answers] == [401] * 3 + [429] * 5
    assert "That password is not right." in answers[0].text and "Too many wrong passwords" in answers[3].text
    assert rightful.status_code == 429 and cookie is None
    assert log.count("sign-in failed from") == 3 and "MARKER" not in log
