"""Deduplication stores: the claim / accept / release contract, and the in-memory store.

A report moves through three states in a store, keyed by `dedupe_key(report)`:

* `claim(key)` → "claimed" (new: this delivery now processes it), "accepted" (processed before:
  acknowledge without calling the callback) or "pending" (another delivery is processing it
  right now: neither process nor acknowledge, the platform delivers it again);
* `accept(key)` after the callback accepted it; `release(key)` after it did not (returned False
  or raised), so that a redelivery processes it again.

Three states, not two: a report in progress must be neither processed again nor acknowledged by
a concurrent delivery, as its callback may still reject it. A pending claim that is never settled
(the worker crashed) expires after `pending_ttl`, and a redelivery then processes the report.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Literal, Protocol, runtime_checkable

from .._exceptions import ConfigurationError
from .._settings import positive_seconds

__all__ = [
    "DEFAULT_PENDING_TTL",
    "AsyncDedupeStore",
    "ClaimState",
    "DedupeStore",
    "MemoryDedupeStore",
    "optional_seconds",
    "seconds",
]

DEFAULT_PENDING_TTL = 60.0
"""Seconds a claim stays pending when its delivery never settles it (a worker killed mid-batch)."""

ClaimState = Literal["claimed", "accepted", "pending"]
"""What `claim` found: a new report (now claimed), one accepted before, one being processed."""


@runtime_checkable
class DedupeStore(Protocol):
    """A store for sync code (`handle`, `wsgi_app`); each method must be atomic.

    A store may also offer `claim_many(keys) -> list[ClaimState]` (same meaning, one call per
    batch); the receiver uses it when present. Implementations: `MemoryDedupeStore` (one
    process), `RedisDedupeStore` (shared by processes and machines).
    """

    def claim(self, key: str) -> ClaimState: ...

    def accept(self, key: str) -> None: ...

    def release(self, key: str) -> None: ...


class AsyncDedupeStore(Protocol):
    """The same contract with coroutines (`handle_async`, `asgi_app`): `AsyncRedisDedupeStore`."""

    async def claim(self, key: str) -> ClaimState: ...

    async def accept(self, key: str) -> None: ...

    async def release(self, key: str) -> None: ...


class MemoryDedupeStore:
    """In-process, thread-safe DedupeStore (the default): one process only.

    Keeps at most `max_size` accepted keys, least recently delivered dropped first; with `ttl`
    (seconds) an accepted key is also forgotten `ttl` seconds after it was last delivered; a claim
    not settled within `pending_ttl` (60 s; None: never) expires, so that a callback that hangs for
    good does not block its report's redeliveries forever. Bad settings raise ConfigurationError.
    With several worker processes use `RedisDedupeStore` instead::

        store = MemoryDedupeStore(max_size=10_000)
        assert store.claim('["1","DELIVRD"]') == "claimed"
    """

    def __init__(
        self,
        max_size: int = 100_000,
        ttl: float | None = None,
        *,
        pending_ttl: float | None = DEFAULT_PENDING_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
            raise ConfigurationError(f"MemoryDedupeStore: max_size must be an integer of at least 1; got {max_size!r}")
        self.max_size = max_size
        self.ttl = optional_seconds("MemoryDedupeStore", "ttl", ttl)
        self.pending_ttl = optional_seconds("MemoryDedupeStore", "pending_ttl", pending_ttl)
        self._clock = clock
        self._lock = threading.Lock()
        self._accepted: OrderedDict[str, float] = OrderedDict()  # key -> last delivered, oldest first
        self._pending: dict[str, float] = {}  # key -> when claimed

    def claim(self, key: str) -> ClaimState:
        with self._lock:
            return self._claim(key, self._clock())

    def claim_many(self, keys: Sequence[str]) -> list[ClaimState]:
        with self._lock:
            now = self._clock()
            return [self._claim(key, now) for key in keys]

    def _claim(self, key: str, now: float) -> ClaimState:
        claimed_at = self._pending.get(key)
        if claimed_at is not None:
            if self.pending_ttl is None or now - claimed_at < self.pending_ttl:
                return "pending"
            del self._pending[key]  # the claim expired: its holder is taken to be gone
        self._expire(now)
        if key in self._accepted:
            self._accepted[key] = now
            self._accepted.move_to_end(key)
            return "accepted"
        self._pending[key] = now
        return "claimed"

    def accept(self, key: str) -> None:
        with self._lock:
            self._pending.pop(key, None)
            self._accepted[key] = self._clock()
            self._accepted.move_to_end(key)
            while len(self._accepted) > self.max_size:
                self._accepted.popitem(last=False)

    def release(self, key: str) -> None:
        with self._lock:
            self._pending.pop(key, None)

    def __len__(self) -> int:
        """How many accepted keys are remembered."""
        with self._lock:
            return len(self._accepted)

    def _expire(self, now: float) -> None:
        if self.ttl is None:
            return
        while self._accepted:
            key, seen = next(iter(self._accepted.items()))
            if now - seen < self.ttl:
                break
            del self._accepted[key]


def seconds(owner: str, name: str, value: object, *, optional: bool = False) -> float:
    """`value` as a positive, finite number of seconds, else ConfigurationError: a zero or negative
    TTL would expire every claim at once (each report processed by every concurrent copy), and a
    string would fail on every delivery instead of once, here."""
    if positive_seconds(value):
        return value
    expected = "a positive number of seconds" + (" or None" if optional else "")
    raise ConfigurationError(f"{owner}: {name} must be {expected}; got {value!r}")


def optional_seconds(owner: str, name: str, value: object) -> float | None:
    """Like `seconds`, and None (no limit) passes."""
    return None if value is None else seconds(owner, name, value, optional=True)
