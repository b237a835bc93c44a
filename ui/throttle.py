"""Password guessing slowed per client address and across the whole server, not per session (sessions are free)."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class SignInThrottle:
    """Counts wrong passwords. An address gets `free` tries, then waits 10, 20, 40 ... seconds (at most max_wait_s)
    between tries; its count is forgotten after window_s without a failure, or on a right password. Across the
    server, more than server_per_minute failures in a minute pause every password sign-in until the minute is up.
    A refused try is not compared with the password at all, so it tells a guesser nothing."""

    def __init__(
        self,
        free: int = 3,
        base_wait_s: float = 10,
        window_s: float = 900,
        max_wait_s: float = 300,
        server_per_minute: int = 30,
        max_addresses: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base_wait_s, self.window_s, self.max_wait_s = free, base_wait_s, window_s, max_wait_s
        self.server_per_minute, self.max_addresses, self.clock = server_per_minute, max_addresses, clock
        self._lock = threading.Lock()
        self._by_address: dict[str, tuple[int, float]] = {}  # address -> (failures, time of the last one)
        self._recent: deque[float] = deque()  # times of the server's failures in the last minute

    def wait_s(self, address: str) -> float:
        """Seconds before this address may try a password again; 0 when it may try now."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            waits = [0.0]
            if len(self._recent) >= self.server_per_minute:
                waits.append(self._recent[0] + 60 - now)
            failures, last = self._by_address.get(address, (0, now))
            if failures >= self.free:
                waits.append(last + min(self.base_wait_s * 2.0 ** (failures - self.free), self.max_wait_s) - now)
            return max(waits)

    def failed(self, address: str) -> int:
        """Record a wrong password from this address; returns its failures in the window, this one included."""
        now = self.clock()
        with self._lock:
            self._forget_old(now)
            failures = self._by_address.pop(address, (0, now))[0] + 1
            self._by_address[address] = (failures, now)  # re-inserted: the dict stays ordered by last failure
            while len(self._by_address) > self.max_addresses:
                del self._by_address[next(iter(self._by_address))]
            self._recent.append(now)
            return failures

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._by_address.pop(address, None)

    def _forget_old(self, now: float) -> None:
        while self._recent and self._recent[0] <= now - 60:
            self._recent.popleft()
        while self._by_address:
            oldest = next(iter(self._by_address))
            if self._by_address[oldest][1] > now - self.window_s:
                break
            del self._by_address[oldest]
