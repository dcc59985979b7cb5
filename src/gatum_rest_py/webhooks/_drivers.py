"""The two drivers of the core's plans: they perform its effects (store calls, your callback).

`SyncDriver` (`handle`, `wsgi_app`) works in the calling thread: a sync callback on a sync store
needs no event loop at all. An async callback's awaitable goes to one background event loop; an
async store is refused when the driver is made, before anything is read.

`AsyncDriver` (`handle_async`, `asgi_app`) awaits an async callback and an async store; a sync
callback, and a sync store that does I/O, run in a worker thread so that the event loop never blocks.

A delivery abandoned half-way (the task cancelled, as `asyncio.wait_for` or a server dropping the
request does, or any exception escaping the driver) releases the claims it took and had not
settled, best effort, before the exception goes on: left pending, they would answer every
redelivery "being processed" until `pending_ttl` (with no `pending_ttl`, for good). A claim whose
answer never arrived is left to `pending_ttl`: releasing a key this delivery may not hold could
free another delivery's claim. A sync callback already running in its worker thread when the
task is cancelled runs on (a thread cannot be stopped), so a redelivery may overlap it.

The receiver makes a driver per delivery from its current settings (cheap: a few attributes).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeAlias, TypeVar

from gatum_client.models import DeliveryReport

from ._core import Call, Claim, Effect, Failed, Plan, Record, Reply, Settle
from ._errors import AsyncOnlyError
from ._stores import AsyncDedupeStore, DedupeStore, MemoryDedupeStore

__all__ = ["AsyncDriver", "ReportCallback", "Store", "SyncDriver"]

ReportCallback: TypeAlias = Callable[[DeliveryReport], bool | Awaitable[bool | None] | None]
"""Called once per new report (`dedupe_key`); returning False (or raising) leaves it unacknowledged."""

Store: TypeAlias = DedupeStore | AsyncDedupeStore

_T = TypeVar("_T")

logger = logging.getLogger("gatum_rest_py.webhooks")

_ASYNC_STORE = "the dedupe store is async: use handle_async or asgi_app (in sync code, RedisDedupeStore)"
_ASYNC_CALLBACK_IN_A_LOOP = "the callback is async and an event loop is running: use handle_async or asgi_app"


class SyncDriver:
    """Runs plans in the calling thread."""

    def __init__(self, callback: ReportCallback, store: Store, ledger: Any = None) -> None:
        if _is_async_store(store):
            raise AsyncOnlyError(_ASYNC_STORE)
        self.callback = callback
        self.store = store
        self.ledger = ledger

    def run(self, plan: Plan) -> Reply:
        held = _Held()
        try:
            step = plan.next()
            while not isinstance(step, Reply):
                result = self.perform(step)
                held.note(step, result)
                step = plan.next(result)
        except BaseException as exc:  # KeyboardInterrupt, a gevent Timeout, a bug: release, then go on
            for key in held.keys(exc):
                held.released(key, self.perform(Settle(key, False)))
            raise
        return step

    def perform(self, effect: Effect) -> object:
        if isinstance(effect, Call):
            return _result_of(self._call, effect.report)
        if isinstance(effect, Record):
            return _result_of(_record, self.ledger, effect)
        return _result_of(_on_sync_store, self.store, effect)

    def _call(self, report: DeliveryReport) -> object:
        result = self.callback(report)
        if not inspect.isawaitable(result):
            return result
        if _loop_running_in_this_thread():
            if inspect.iscoroutine(result):
                result.close()  # never to be awaited: say so now rather than warn "never awaited" later
            raise AsyncOnlyError(_ASYNC_CALLBACK_IN_A_LOOP)
        return _BACKGROUND_LOOP.run(result)


class AsyncDriver:
    """Runs plans on the running event loop."""

    def __init__(self, callback: ReportCallback, store: Store, ledger: Any = None) -> None:
        self.callback = callback
        self.store = store
        self.ledger = ledger
        target = getattr(callback, "__call__", None)  # noqa: B004 - an object with an async __call__
        self._callback_is_async = inspect.iscoroutinefunction(callback) or inspect.iscoroutinefunction(target)
        self._store_is_async = _is_async_store(store)
        # A store that does I/O must not block the event loop; the memory store never waits long.
        self._store_in_thread = not self._store_is_async and not isinstance(store, MemoryDedupeStore)

    async def run(self, plan: Plan) -> Reply:
        held = _Held()
        try:
            step = plan.next()
            while not isinstance(step, Reply):
                result = await self.perform(step)
                held.note(step, result)
                step = plan.next(result)
        except BaseException as exc:  # above all asyncio.CancelledError: release, then go on
            for key in held.keys(exc):
                held.released(key, await self.perform(Settle(key, False)))
            raise
        return step

    async def perform(self, effect: Effect) -> object:
        if isinstance(effect, Call):
            return await self._call(effect.report)
        if isinstance(effect, Record):  # a database write: never on the event loop
            return await asyncio.to_thread(_result_of, _record, self.ledger, effect)
        if self._store_is_async:
            return await self._on_async_store(effect)
        if self._store_in_thread:
            return await asyncio.to_thread(_result_of, _on_sync_store, self.store, effect)
        return _result_of(_on_sync_store, self.store, effect)

    async def _call(self, report: DeliveryReport) -> object:
        try:
            if self._callback_is_async:
                result = self.callback(report)
            else:
                result = await asyncio.to_thread(self.callback, report)
            return await result if inspect.isawaitable(result) else result
        except Exception as exc:
            return Failed(exc)

    async def _on_async_store(self, effect: Claim | Settle) -> object:
        store: Any = self.store
        try:
            if isinstance(effect, Settle):
                return await (store.accept if effect.accepted else store.release)(effect.key)
            claim_many = getattr(store, "claim_many", None)
            if claim_many is not None:
                return await claim_many(effect.keys)
            return [await store.claim(key) for key in effect.keys]
        except Exception as exc:
            return Failed(exc)


class _Held:
    """The keys a delivery has claimed and not settled yet: what to release if it is abandoned."""

    __slots__ = ("_keys",)

    def __init__(self) -> None:
        self._keys: dict[str, None] = {}

    def note(self, effect: Effect, result: object) -> None:
        if isinstance(effect, Claim) and isinstance(result, (list, tuple)) and len(result) == len(effect.keys):
            self._keys.update((key, None) for key, state in zip(effect.keys, result, strict=True) if state == "claimed")
        elif isinstance(effect, Settle):
            self._keys.pop(effect.key, None)

    def keys(self, exc: BaseException) -> list[str]:
        if self._keys:
            logger.warning(
                "delivery abandoned (%s): releasing its %d unsettled claim(s), not acknowledged",
                type(exc).__name__,
                len(self._keys),
            )
        return list(self._keys)

    def released(self, key: str, result: object) -> None:
        if isinstance(result, Failed):
            error = result.error
            logger.error(
                "a claim of an abandoned delivery could not be released (%s: %s); it stays pending for pending_ttl",
                type(error).__name__,
                error,
            )


def _record(ledger: Any, effect: Record) -> object:
    """The new reports into the ledger, in one transaction (`Ledger.record_reports`)."""
    return ledger.record_reports([report.to_dict() for report in effect.reports])


def _on_sync_store(store: Any, effect: Claim | Settle) -> object:
    if isinstance(effect, Settle):
        return (store.accept if effect.accepted else store.release)(effect.key)
    claim_many = getattr(store, "claim_many", None)
    if claim_many is not None:
        return claim_many(effect.keys)
    return [store.claim(key) for key in effect.keys]


def _result_of(function: Callable[..., object], *args: Any) -> object:
    """function(*args), or Failed(the exception it raised): the plan judges failures, not the driver."""
    try:
        return function(*args)
    except Exception as exc:
        return Failed(exc)


def _is_async_store(store: Store) -> bool:
    return inspect.iscoroutinefunction(getattr(store, "claim", None))


def _loop_running_in_this_thread() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class _BackgroundLoop:
    """One event loop in a daemon thread, started on first use, for awaiting from sync code.

    The caller blocks on the result, as with anyio's blocking portal. One lasting loop rather than
    asyncio.run per report: a callback's loop-bound clients (an async database pool, an
    httpx.AsyncClient) stay usable from one report to the next, and no loop is built per report.
    The caller's context variables go along (call_soon_threadsafe copies them).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._left_by_fork: list[asyncio.AbstractEventLoop] = []

    def run(self, awaitable: Awaitable[_T]) -> _T:
        return asyncio.run_coroutine_threadsafe(_awaited(awaitable), self._started()).result()

    def _started(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                name = "gatum-webhooks-async-callbacks"
                threading.Thread(target=self._loop.run_forever, name=name, daemon=True).start()
            return self._loop

    def forget_after_fork(self) -> None:
        # The loop's thread stayed in the parent. Its loop still counts as running, so it can be
        # neither closed nor dropped without a ResourceWarning: kept, and a new one started on use.
        if self._loop is not None:
            self._left_by_fork.append(self._loop)
        self._lock, self._loop = threading.Lock(), None


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


_BACKGROUND_LOOP = _BackgroundLoop()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_BACKGROUND_LOOP.forget_after_fork)
