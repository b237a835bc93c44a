"""Attacks on the server through Streamlit's websocket protocol, as a client that never signed in would send them."""

import pytest

from tests.e2e.protocol import ProtocolClient, clear_cache_message
from tests.e2e.server import server_log, start_app, stop_app, wait_for_log

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


def test_an_upload_before_sign_in_is_refused_and_after_it_accepted(gated_server):
    # Setup: a session that has not signed in knows its own session id, as every client does
    process, url = gated_server
    anonymous = ProtocolClient(url)
    anonymous.run()
    member = ProtocolClient(url)
    member.sign_in(PASSWORD)

    # Run
    refused = anonymous.upload(url, "big.csv", b"a,b\n" + b"1,2\n" * 1000)
    accepted = member.upload(url, "small.csv", b"a,b\n1,2\n")
    anonymous.close()
    member.close()

    # Assert: refused by the server before its body was kept; the same upload after sign-in goes through
    assert refused.status_code == 403 and refused.text == "Sign in first."
    assert accepted.status_code == 204
    assert "upload refused (403)" in server_log(process)


def test_a_session_cannot_pile_up_uploads(gated_server):
    # Setup
    _, url = gated_server
    member = ProtocolClient(url)
    member.sign_in(PASSWORD)

    # Run
    statuses = [member.upload(url, f"f{i}.csv", b"a,b\n1,2\n").status_code for i in range(5)]
    member.close()

    # Assert
    assert statuses[:3] == [204, 204, 204] and statuses[3:] == [429, 429]


def test_a_closed_tabs_session_is_cleaned_up_when_its_reconnect_window_ends():
    # Setup: a server that keeps a closed tab's session 2 s for a reconnect
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD}, {"server.disconnectedSessionTTL": 2})
    try:
        member = ProtocolClient(url)
        member.sign_in(PASSWORD)
        assert member.upload(url, "small.csv", b"a,b\n1,2\n").status_code == 204

        # Run: the tab closes
        member.close()

        # Assert: its jobs and files are freed without waiting for the garbage collector
        assert wait_for_log(process, "ended; its jobs were cancelled and its files freed")
        assert member.upload(url, "again.csv", b"a,b\n1,2\n").status_code in (400, 403)
    finally:
        stop_app(process)


def test_password_guessing_from_fresh_sessions_is_throttled_and_logged_without_the_guess():
    # Setup
    process, url = start_app({"SYNTH_PASSWORD": PASSWORD})
    try:
        # Run: eight fresh sessions from one address, one guess each (a new session used to reset the count)
        answers = []
        for n in range(8):
            guesser = ProtocolClient(url)
            answers.append(guesser.sign_in(f"guess-{n}-MARKER"))
            guesser.close()
        rightful = ProtocolClient(url)
        refused = rightful.sign_in(PASSWORD)
        rightful.close()
        log = server_log(process)
    finally:
        stop_app(process)

    # Assert: three wrong guesses, then every session waits, the right password included; no guess in the log
    assert all("That password is not right." in answer for answer in answers[:3])
    assert all("Too many wrong passwords" in answer for answer in answers[3:])
    assert "Too many wrong passwords" in refused and "1. Your data" not in rightful.texts()
    assert log.count("sign-in failed from") == 3 and "MARKER" not in log
