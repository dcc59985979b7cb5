"""A delivery abandoned half-way releases the claims it took, so that a redelivery is processed.

`asyncio.wait_for` around `handle_async`, a server cancelling `asgi_app` when the platform hangs
up, a KeyboardInterrupt (or a gevent Timeout) in `handle`: the claims were left pending, and with
the default MemoryDedupeStore (no `pending_ttl` then) every redelivery answered "being processed
by another delivery" until the process restarted. Elsewhere: the same on Redis (test_webhook_stores.py).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from gatum_client.models import DeliveryReport

from gatum_rest_py.webhooks import ClaimState, DeliveryReportReceiver, MemoryDedupeStore, dedupe_key

BODY = b'[{"id_state": 1, "state": "DELIVRD"}]'
KEY_1 = '["1","DELIVRD"]'


def body_of(*ids: int) -> bytes:
    return json.dumps([{"id_state": i, "state": "DELIVRD"} for i in ids]).encode()


class ThreadedStore:
    """A sync store that is not the memory store: the async driver calls it in a worker thread."""

    def __init__(self) -> None:
        self.inner = MemoryDedupeStore(pending_ttl=None)  # no expiry: only a release frees a claim

    def claim(self, key: str) -> ClaimState:
        return self.inner.claim(key)

    def accept(self, key: str) -> None:
        self.inner.accept(key)

    def release(self, key: str) -> None:
        self.inner.release(key)


class AsyncStore:
    """An async store (as AsyncRedisDedupeStore), over the memory store without expiry."""

    def __init__(self) -> None:
        self.inner = MemoryDedupeStore(pending_ttl=None)

    async def claim(self, key: str) -> ClaimState:
        return self.inner.claim(key)

    async def accept(self, key: str) -> None:
        self.inner.accept(key)

    async def release(self, key: str) -> None:
        self.inner.release(key)


STORES: dict[str, Callable[[], Any]] = {
    "default": lambda: None,
    "memory-no-expiry": lambda: MemoryDedupeStore(pending_ttl=None),
    "sync-in-a-thread": ThreadedStore,
    "async": AsyncStore,
}


class SlowFirst:
    """An async callback whose first call hangs (a slow database); later calls return at once."""

    def __init__(self) -> None:
        self.calls: list[Any] = []

    async def __call__(self, report: DeliveryReport) -> None:
        self.calls.append(report.id_state)
        if len(self.calls) == 1:
            await asyncio.sleep(5)


@pytest.mark.parametrize("store", list(STORES))
async def test_a_timed_out_handle_async_leaves_nothing_pending(store: str) -> None:
    callback = SlowFirst()
    receiver = DeliveryReportReceiver(callback, dedupe_store=STORES[store]())
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(receiver.handle_async(BODY), 0.2)
    assert await receiver.handle_async(BODY) == (200, ["1"])  # the redelivery is processed, not "pending"
    assert callback.calls == [1, 1]
    assert await receiver.handle_async(BODY) == (200, ["1"])  # and accepted: no third call
    assert callback.calls == [1, 1]


async def test_a_sync_callback_cut_off_in_its_thread_is_released_too() -> None:
    go_on, calls = threading.Event(), []

    def save(report: DeliveryReport) -> None:
        calls.append(report.id_state)
        if len(calls) == 1:
            go_on.wait(5)  # a thread cannot be cancelled: it runs on after the timeout

    receiver = DeliveryReportReceiver(save)
    try:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(receiver.handle_async(BODY), 0.2)
        assert await receiver.handle_async(BODY) == (200, ["1"])
        assert calls == [1, 1]
    finally:
        go_on.set()


async def test_a_cancelled_asgi_delivery_leaves_nothing_pending() -> None:
    started, calls = asyncio.Event(), []

    async def save(report: DeliveryReport) -> None:
        calls.append(report.id_state)
        if len(calls) == 1:
            started.set()
            await asyncio.sleep(5)

    receiver = DeliveryReportReceiver(save)
    messages = [{"type": "http.request", "body": BODY, "more_body": False}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else await asyncio.Future()  # then: wait for good

    async def send(message: dict[str, Any]) -> None:
        raise AssertionError(f"a cancelled delivery answers nothing: {message}")

    scope = {"type": "http", "method": "POST", "query_string": b"", "headers": [], "client": ("127.0.0.1", 1)}
    task = asyncio.ensure_future(receiver.asgi_app(scope, receive, send))
    await asyncio.wait_for(started.wait(), 5)
    task.cancel()  # what a server does when the platform hangs up
    with pytest.raises(asyncio.CancelledError):
        await task
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.asgi_app), base_url="http://t") as http:
        assert (await http.post("/restdlr", content=BODY)).json() == ["1"]
    assert calls == [1, 1]


class Abort(BaseException):
    """Not an Exception: as KeyboardInterrupt or gevent's Timeout, it goes past the callback's handler."""


def test_an_interrupted_handle_leaves_nothing_pending() -> None:
    calls: list[Any] = []

    def save(report: DeliveryReport) -> None:
        calls.append(report.id_state)
        if len(calls) == 2:
            raise Abort

    receiver = DeliveryReportReceiver(save)
    with pytest.raises(Abort):
        receiver.handle(body_of(1, 2, 3))
    assert receiver.handle(body_of(1, 2, 3)) == (200, ["1", "2", "3"])  # 1 accepted before; 2 and 3 released
    assert calls == [1, 2, 2, 3]


async def test_a_cancelled_delivery_releases_only_its_own_claims() -> None:
    store = MemoryDedupeStore(pending_ttl=None)
    held_elsewhere = dedupe_key(DeliveryReport.from_dict({"id_state": 9, "state": "DELIVRD"}))
    assert store.claim(held_elsewhere) == "claimed"  # another delivery is processing 9 right now
    callback = SlowFirst()
    receiver = DeliveryReportReceiver(callback, dedupe_store=store)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(receiver.handle_async(body_of(9, 10)), 0.2)
    assert store.claim(held_elsewhere) == "pending"  # still the other delivery's
    assert await receiver.handle_async(body_of(10)) == (200, ["10"])
    assert callback.calls == [10, 10]


async def test_a_release_that_fails_is_logged_and_the_cancellation_goes_on(caplog: pytest.LogCaptureFixture) -> None:
    class StuckRelease(AsyncStore):
        async def release(self, key: str) -> None:
            raise ConnectionError("redis went away")

    receiver = DeliveryReportReceiver(SlowFirst(), dedupe_store=StuckRelease())
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py.webhooks"), pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(receiver.handle_async(BODY), 0.2)
    assert "delivery abandoned (CancelledError): releasing its 1 unsettled claim(s)" in caplog.text
    assert "could not be released (ConnectionError: redis went away); it stays pending for pending_ttl" in caplog.text


def test_the_memory_store_expires_a_stuck_claim_after_60_seconds_by_default() -> None:
    now = [0.0]
    store = MemoryDedupeStore(clock=lambda: now[0])
    assert store.pending_ttl == 60
    assert store.claim(KEY_1) == "claimed"  # ...and its delivery is never settled
    now[0] = 59.9
    assert store.claim(KEY_1) == "pending"
    now[0] = 60.0
    assert store.claim(KEY_1) == "claimed"
    never = MemoryDedupeStore(pending_ttl=None, clock=lambda: now[0])  # still possible, on purpose
    assert never.claim(KEY_1) == "claimed"
    now[0] = 10**9
    assert never.claim(KEY_1) == "pending"
