"""The per-account rate limit (`--rate-limit 50/s`): a sliding window on the sandbox clock.

No rate limit is published for the platform (the MindCloud connector retries 429, which says
one can come); the sandbox answers a request over the limit with 429 and `Retry-After` (whole
seconds until the window has room), and does nothing else with it.

Example:
    >>> from ._clock import SandboxClock
    >>> limiter = RateLimiter(SandboxClock())
    >>> [limiter.retry_after("alice", (2, 1.0)) for _ in range(3)]
    [None, None, 1]
"""

from __future__ import annotations

import math
import threading
from collections import deque

from ._clock import SandboxClock


class RateLimiter:
    """Counts each account's requests in the last `per` sandbox seconds."""

    def __init__(self, clock: SandboxClock) -> None:
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, login: str, limit: tuple[int, float]) -> int | None:
        """None when `login` may make one more request now (it is counted); else the seconds to wait."""
        count, per = limit
        now = self._clock.now()
        with self._lock:
            times = self._seen.setdefault(login, deque())
            while times and times[0] <= now - per:
                times.popleft()
            if len(times) >= count:
                return max(1, math.ceil(times[0] + per - now))
            times.append(now)
            return None

    def clear(self) -> None:
        with self._lock:
            self._seen.clear()
