"""One deadline per call: a `Deadline` on the request, and the `Budget` each socket operation gets.

A call's `total_timeout` becomes one `Deadline` (a `time.monotonic()` instant) that the policy
client (`_http`) puts on the request as `request.extensions[DEADLINE]` when the call starts; the
requests a login makes on the way carry the same object. It is enforced in one place per flavour:

* asyncio: around the whole send, in `_http`'s asyncio client;
* blocking: on every socket operation. Before each attempt the retry policy writes the request's
  per-operation timeouts (httpx's public `timeout` request extension) as `Budget`s: floats, the
  timeout capped to what is left, that also know the deadline. httpcore hands these values to the
  network stream untouched, and ours (`_transports`) waits at most for what is left at that moment,
  so a server trickling a byte at a time cannot stretch a call past its deadline.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

__all__ = ["DEADLINE", "Budget", "Deadline", "budgets", "capped"]

DEADLINE = "gatum_deadline"
"""Request extension: the call's `Deadline` (absent when the call has no total timeout)."""

_TIMEOUT_KEYS = ("connect", "read", "write", "pool")


class Deadline:
    """The `time.monotonic()` instant by which a whole call must be done."""

    __slots__ = ("at",)

    def __init__(self, at: float) -> None:
        self.at = at

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.at - time.monotonic()

    def __repr__(self) -> str:
        return f"Deadline(remaining={self.remaining():.3f}s)"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Deadline, (self.at,))


class Budget(float):
    """A per-operation timeout in seconds that also knows the call's deadline (see the module docstring)."""

    deadline: Deadline

    def __new__(cls, seconds: float, deadline: Deadline) -> Budget:
        budget = super().__new__(cls, seconds)
        budget.deadline = deadline
        return budget

    def __reduce__(self) -> tuple[Any, ...]:
        return (Budget, (float(self), self.deadline))


def budgets(timeouts: Mapping[str, Any], deadline: Deadline) -> dict[str, float]:
    """`timeouts` (httpx's `timeout` extension) as Budgets within `deadline`; all finite.

    Raises TimeoutError when the deadline has passed already (the caller maps it).
    """
    remaining = deadline.remaining()
    if remaining <= 0:
        raise TimeoutError("the call's total deadline passed")
    return {key: Budget(min(remaining, timeouts.get(key) or remaining), deadline) for key in _TIMEOUT_KEYS}


def capped(timeout: float | None, error: type[Exception]) -> float | None:
    """What one socket operation given `timeout` may wait: all of it, or, for a Budget, what is
    left of its deadline now. Raises `error` once the deadline has passed."""
    if not isinstance(timeout, Budget):
        return timeout
    remaining = timeout.deadline.remaining()
    if remaining <= 0:
        raise error("the call's total deadline passed")
    return min(float(timeout), remaining)
