"""Sandbox time: the wall clock plus an offset that `advance` moves forward (never back).

Everything in the sandbox that waits or expires reads this clock: token and code expiry,
scheduled sends, lifetimes, the report delays and the redelivery back-off. Waits are until an
absolute sandbox time, so one `advance` past several deadlines releases them all at once and a
test need not sleep. `POST /_sandbox/clock/advance?seconds=N` calls `advance`.

Example (inside the app's event loop):
    clock = SandboxClock()
    await clock.sleep_until(clock.now() + 60)  # returns at once when someone advances by 60 s
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time


class SandboxClock:
    """Wall-clock seconds (Unix time) plus the total of every `advance`."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()
        # Waits in progress: their loop and event, woken (thread-safely) by `advance`.
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    def now(self) -> float:
        return time.time() + self._offset

    @property
    def offset(self) -> float:
        """Seconds the sandbox is ahead of the wall clock."""
        return self._offset

    def advance(self, seconds: float) -> float:
        """Move sandbox time forward by `seconds` (>= 0) and wake every wait; the new `now()`."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += seconds
            waiters = list(self._waiters)
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # a loop that has closed waits for nothing
                loop.call_soon_threadsafe(event.set)
        return self.now()

    def reset(self) -> None:
        """Back to the wall clock (a fresh sandbox); waits already running keep their deadlines."""
        with self._lock:
            self._offset = 0.0

    async def sleep_until(self, at: float) -> None:
        """Return once sandbox time reaches `at` (by the wall clock passing or an `advance`)."""
        loop = asyncio.get_running_loop()
        while (remaining := at - self.now()) > 0:
            waiter = (loop, asyncio.Event())
            with self._lock:
                self._waiters.add(waiter)
            try:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(waiter[1].wait(), remaining)
            finally:
                with self._lock:
                    self._waiters.discard(waiter)
        await asyncio.sleep(0)  # a wait always yields, so a zero delay still lets others run first

    async def sleep(self, seconds: float) -> None:
        await self.sleep_until(self.now() + seconds)
