"""DeliveryReportReceiver: access check, per-report judgement, deduplication, acknowledgement."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, TypeAlias

from gatum_client.models import DeliveryReport
from gatum_client.types import Unset

from .._exceptions import WebhookPayloadError
from ._access import Network, WebhookAccess
from ._apps import asgi_app, wsgi_app
from ._errors import Payload, Rejected
from ._parsing import ack_id, dedupe_key, split_delivery_reports
from ._stores import AsyncDedupeStore, ClaimState, DedupeStore, MemoryDedupeStore

__all__ = ["DEFAULT_MAX_BODY_SIZE", "DeliveryReportReceiver", "ReportCallback"]

logger = logging.getLogger("gatum_rest_py.webhooks")

DEFAULT_MAX_BODY_SIZE = 1024 * 1024
"""Largest request body the receiver reads (1 MiB); larger ones are answered 413."""

ReportCallback: TypeAlias = Callable[[DeliveryReport], bool | Awaitable[bool | None] | None]
"""Called once per new (id_state, state); returning False (or raising) leaves it unacknowledged."""

Body: TypeAlias = bytes | bytearray | str
_Batch: TypeAlias = list[tuple[str, str, DeliveryReport]]  # (ack id, dedupe key, report), first of each key


class DeliveryReportReceiver:
    """Webhook endpoint for delivery reports: `handle`/`handle_async` for your own route, or the
    ready `wsgi_app`/`asgi_app`. See `gatum_rest_py.webhooks` for the protocol and examples.

    * `secret`: required as the query parameter `secret` of every delivery (else 403);
    * `allow_networks`: CIDRs the peer address must be in (else 403);
    * `dedupe_store`: a `DedupeStore` (sync) or `AsyncDedupeStore`; default: in memory, per process.

    `callback(report)` may be sync or async; reports are processed in order, one at a time::

        receiver = DeliveryReportReceiver(save, secret=os.environ["DLR_SECRET"])
        status, ack = receiver.handle(body, query_string="secret=...", client_ip="203.0.113.9")
    """

    def __init__(
        self,
        callback: ReportCallback,
        *,
        secret: str | None = None,
        allow_networks: Iterable[str | Network] | None = None,
        dedupe_store: DedupeStore | AsyncDedupeStore | None = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        self.callback = callback
        self.access = WebhookAccess(secret, allow_networks)
        self.dedupe_store = dedupe_store if dedupe_store is not None else MemoryDedupeStore()
        self.max_body_size = max_body_size
        target = getattr(callback, "__call__", None)  # noqa: B004 - an object with an async __call__
        self._is_async = inspect.iscoroutinefunction(callback) or inspect.iscoroutinefunction(target)
        self._store_is_async = inspect.iscoroutinefunction(getattr(self.dedupe_store, "claim", None))
        # A store that does I/O must not block the event loop; the memory store never waits long.
        self._store_in_thread = not self._store_is_async and not isinstance(self.dedupe_store, MemoryDedupeStore)

    def __repr__(self) -> str:
        store = self.dedupe_store
        return f"DeliveryReportReceiver(callback={self.callback!r}, access={self.access!r}, dedupe_store={store!r})"

    # -- the core: body in, (status, acknowledgement) out

    def handle(
        self, body: Body, *, query_string: str | bytes | None = None, client_ip: str | None = None
    ) -> tuple[int, list[str]]:
        """Process one delivery: (200, acknowledged ids), or (403, 400, 413 or 503, []).

        Pass the request's query string (for the secret) and peer address (for the allow-list)
        when the receiver checks them. An async callback is run with asyncio.run (inside a
        running event loop use handle_async); an async store needs handle_async.
        """
        if self._store_is_async:
            raise RuntimeError(_ASYNC_STORE)
        status, payload = self.respond(body, query_string, client_ip)
        return status, payload if isinstance(payload, list) else []

    async def handle_async(
        self, body: Body, *, query_string: str | bytes | None = None, client_ip: str | None = None
    ) -> tuple[int, list[str]]:
        """Like handle, for async code: async callbacks are awaited, sync ones run in a worker thread."""
        status, payload = await self.respond_async(body, query_string, client_ip)
        return status, payload if isinstance(payload, list) else []

    def check_access(self, query_string: str | bytes | None, client_ip: str | None) -> None:
        """Raise Rejected(403) unless the secret and the peer address pass."""
        reason = self.access.allowed(query_string, client_ip)
        if reason is not None:
            raise Rejected(403, f"{reason}; nothing processed")

    def respond(self, body: Body, query_string: str | bytes | None, client_ip: str | None) -> tuple[int, Payload]:
        if self._store_is_async:
            raise RuntimeError(_ASYNC_STORE)
        try:
            self.check_access(query_string, client_ip)
            batch = self._judge(body)
            states = self._claim_sync([key for _, key, _ in batch])
        except Rejected as rejected:
            return rejected.reply()
        outcome: dict[str, bool] = {}
        for (_, key, report), state in zip(batch, states, strict=True):
            outcome[key] = self._process(key, report, state)
        return 200, self._acknowledge(batch, outcome)

    async def respond_async(
        self, body: Body, query_string: str | bytes | None, client_ip: str | None
    ) -> tuple[int, Payload]:
        try:
            self.check_access(query_string, client_ip)
            batch = self._judge(body)
            states = await self._claim_async([key for _, key, _ in batch])
        except Rejected as rejected:
            return rejected.reply()
        outcome: dict[str, bool] = {}
        for (_, key, report), state in zip(batch, states, strict=True):
            outcome[key] = await self._process_async(key, report, state)
        return 200, self._acknowledge(batch, outcome)

    # -- steps

    def _judge(self, body: Body) -> _Batch:
        if len(body.encode() if isinstance(body, str) else body) > self.max_body_size:
            raise Rejected(413, f"delivery-report body is larger than {self.max_body_size} bytes")
        try:
            reports, skipped = split_delivery_reports(body)
        except WebhookPayloadError as exc:
            raise Rejected(400, str(exc)) from None
        for reason in skipped:
            logger.warning("delivery report %s; skipped, not acknowledged", reason)
        batch: dict[str, tuple[str, str, DeliveryReport]] = {}
        for report in reports:
            key = dedupe_key(report)
            batch.setdefault(key, (ack_id(report.id_state) or "", key, report))  # a repeat in one batch: once
        return list(batch.values())

    @staticmethod
    def _acknowledge(batch: _Batch, outcome: dict[str, bool]) -> list[str]:
        # An id is acknowledged only when every report of it in this batch was accepted: the
        # platform acknowledges by id, so acknowledging one state would drop a rejected sibling.
        ok: dict[str, bool] = {}
        for ack, key, _ in batch:
            ok[ack] = ok.get(ack, True) and outcome[key]
        return [ack for ack, good in ok.items() if good]

    def _claim_sync(self, keys: Sequence[str]) -> list[ClaimState]:
        store: Any = self.dedupe_store
        try:
            many = getattr(store, "claim_many", None)
            return _checked(keys, many(keys) if many is not None else [store.claim(key) for key in keys])
        except Exception as exc:
            raise _unavailable(exc) from None

    async def _claim_async(self, keys: Sequence[str]) -> list[ClaimState]:
        if not self._store_is_async and not self._store_in_thread:
            return self._claim_sync(keys)
        if not self._store_is_async:
            return await asyncio.to_thread(self._claim_sync, keys)
        store: Any = self.dedupe_store
        try:
            many = getattr(store, "claim_many", None)
            return _checked(keys, await many(keys) if many is not None else [await store.claim(key) for key in keys])
        except Exception as exc:
            raise _unavailable(exc) from None

    def _process(self, key: str, report: DeliveryReport, state: ClaimState) -> bool:
        if state != "claimed":
            return _seen(report, state)
        accepted = False
        try:
            accepted = self._call_sync(report) is not False
        except Exception:
            logger.exception("delivery report %s not acknowledged: the callback raised", _label(report))
        store: Any = self.dedupe_store
        try:
            (store.accept if accepted else store.release)(key)
        except Exception:
            logger.exception("delivery report %s not acknowledged: the dedupe store failed", _label(report))
            return False
        return accepted

    async def _process_async(self, key: str, report: DeliveryReport, state: ClaimState) -> bool:
        if state != "claimed":
            return _seen(report, state)
        accepted = False
        try:
            result = self.callback(report) if self._is_async else await asyncio.to_thread(self.callback, report)
            accepted = (await result if inspect.isawaitable(result) else result) is not False
        except Exception:
            logger.exception("delivery report %s not acknowledged: the callback raised", _label(report))
        store: Any = self.dedupe_store
        settle = store.accept if accepted else store.release
        try:
            if self._store_is_async:
                await settle(key)
            elif self._store_in_thread:
                await asyncio.to_thread(settle, key)
            else:
                settle(key)
        except Exception:
            logger.exception("delivery report %s not acknowledged: the dedupe store failed", _label(report))
            return False
        return accepted

    def _call_sync(self, report: DeliveryReport) -> object:
        result = self.callback(report)
        if not inspect.isawaitable(result):
            return result
        try:
            _no_running_loop("the callback is async")
        except RuntimeError:
            if inspect.iscoroutine(result):
                result.close()
            raise
        return asyncio.run(_await(result))

    # -- ready-made apps (see _apps)

    def wsgi_app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """A WSGI application: POST a delivery → 200 with the acknowledgement (JSON)."""
        return wsgi_app(self, environ, start_response)

    async def asgi_app(self, scope: Any, receive: Any, send: Any) -> None:
        """An ASGI 3 application: POST a delivery → 200 with the acknowledgement (JSON)."""
        await asgi_app(self, scope, receive, send)


_ASYNC_STORE = "the dedupe store is async: use handle_async or asgi_app (in sync code, RedisDedupeStore)"


def _seen(report: DeliveryReport, state: ClaimState) -> bool:
    if state == "pending":
        logger.info("delivery report %s is being processed by another delivery; not acknowledged", _label(report))
    return state == "accepted"


def _label(report: DeliveryReport) -> str:
    state = None if isinstance(report.state, Unset) else report.state
    return f"id_state={ack_id(report.id_state)} state={state}"


def _checked(keys: Sequence[str], states: Iterable[ClaimState]) -> list[ClaimState]:
    answer = list(states)
    if len(answer) != len(keys) or not all(state in ("claimed", "accepted", "pending") for state in answer):
        raise ValueError(f"claim answered {len(answer)} states for {len(keys)} keys (or an unknown state)")
    return answer


def _unavailable(exc: Exception) -> Rejected:
    logger.error("delivery reports not processed: the dedupe store failed: %s: %s", type(exc).__name__, exc)
    return Rejected(503, "the dedupe store is unavailable; deliver again later")


def _no_running_loop(what: str) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    raise RuntimeError(f"{what} and an event loop is running: use handle_async or asgi_app")


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable
