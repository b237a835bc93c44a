"""Password guessing is slowed per client address and across the server, whatever the session."""

from ui.throttle import SignInThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_address_gets_a_few_tries_then_waits_longer_each_time():
    # Setup
    clock = Clock()
    throttle = SignInThrottle(free=3, clock=clock)

    # Run
    waits = []
    for _ in range(6):
        waits.append(throttle.wait_s("10.0.0.7"))
        throttle.failed("10.0.0.7")

    # Assert: three free tries, then 10, 20, 40 seconds from the last failure; another address is not held up
    assert waits[:4] == [0, 0, 0, 10.0] and throttle.wait_s("10.0.0.7") == 80.0
    assert throttle.wait_s("10.0.0.8") == 0
    clock.now += 80
    assert throttle.wait_s("10.0.0.7") == 0


def test_a_right_password_or_a_quiet_window_clears_an_address():
    # Setup
    clock = Clock()
    throttle = SignInThrottle(free=1, window_s=900, clock=clock)
    for address in ("a", "b"):
        throttle.failed(address)
        throttle.failed(address)

    # Run
    throttle.succeeded("a")
    clock.now += 901

    # Assert
    assert throttle.wait_s("a") == 0 and throttle.wait_s("b") == 0


def test_many_addresses_at_once_pause_every_sign_in_for_the_minute():
    # Setup: one failure each from 30 addresses, as a guesser with many machines would
    clock = Clock()
    throttle = SignInThrottle(server_per_minute=30, clock=clock)
    for n in range(30):
        throttle.failed(f"10.0.0.{n}")
        clock.now += 1

    # Run
    paused = throttle.wait_s("192.168.1.1")
    clock.now += 31
    after = throttle.wait_s("192.168.1.1")

    # Assert
    assert paused == 30 and after == 0


def test_the_count_of_addresses_is_bounded():
    # Setup
    throttle = SignInThrottle(max_addresses=100, server_per_minute=10**6, clock=Clock())

    # Run
    for n in range(1_000):
        throttle.failed(f"address {n}")

    # Assert
    assert len(throttle._by_address) == 100 and "address 999" in throttle._by_address
