"""Receiving delivery reports (DLRs): parse, deduplicate, acknowledge.

The platform POSTs a JSON array of reports to your webhook and expects 200 with a JSON array
of the `id_state` values you accepted, as strings; reports left out are delivered again, so
the same report can arrive more than once. `DeliveryReportReceiver` does that protocol:

* the body is checked against the spec's `DeliveryReportBatch` schema (`parse_delivery_reports`);
  a malformed body is answered 400, a body over `max_body_size` 413;
* your callback gets each report once as a `gatum_client.models.DeliveryReport`; a report is
  accepted unless the callback returns `False` or raises (logged); only accepted ones are
  acknowledged;
* a report accepted before is acknowledged again without calling the callback; one that a
  concurrent delivery is still processing is not acknowledged (the platform retries it).

Flask::

    from flask import Flask, request
    from gatum_rest_py.webhooks import DeliveryReportReceiver

    def save(report):  # DeliveryReport; return False (or raise) to have it delivered again
        print(report.id_state, report.phone, report.state)

    receiver = DeliveryReportReceiver(save)
    app = Flask(__name__)

    @app.post("/restdlr")
    def restdlr():
        status, ack = receiver.handle(request.get_data())
        return ack, status

FastAPI (the callback may be async; a sync one runs in a worker thread)::

    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse
    from gatum_rest_py.webhooks import DeliveryReportReceiver

    async def save(report):
        await db.execute("INSERT ...", report.id_state, report.state)  # your storage

    receiver = DeliveryReportReceiver(save)
    app = FastAPI()

    @app.post("/restdlr")
    async def restdlr(request: Request) -> JSONResponse:
        status, ack = await receiver.handle_async(await request.body())
        return JSONResponse(ack, status_code=status)

Without a framework, `receiver.wsgi_app` and `receiver.asgi_app` are complete apps (any path;
POST only, other methods 405), e.g. `wsgiref.simple_server.make_server("", 5000, receiver.wsgi_app)`.
Deduplication is in memory per process by default; several workers need a shared DedupeStore.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from http import HTTPStatus
from typing import Any, Literal, Protocol

from gatum_client.models import DeliveryReport
from gatum_client.spec_facts import SCHEMAS

from ._exceptions import WebhookPayloadError
from ._validation import _check, _resolve, _Violation

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "ClaimState",
    "DedupeStore",
    "DeliveryReportReceiver",
    "MemoryDedupeStore",
    "ReportCallback",
    "acknowledgement",
    "parse_delivery_reports",
]

logger = logging.getLogger("gatum_rest_py.webhooks")

DEFAULT_MAX_BODY_SIZE = 1024 * 1024
"""Largest request body the receiver reads (1 MiB); larger ones are answered 413."""

ReportCallback = Callable[[DeliveryReport], bool | Awaitable[bool | None] | None]
"""Called once per new report; returning False (or raising) leaves it unacknowledged."""

ClaimState = Literal["claimed", "accepted", "pending"]
"""What DedupeStore.claim found: a new report (now claimed), one accepted before, one being processed."""

_BATCH = {"$ref": "#/components/schemas/DeliveryReportBatch"}
_DIGITS = re.compile("[0-9]+")
_INTEGER_FIELDS = frozenset(  # integral floats (598933232.0) are JSON Schema integers: made ints
    name for name, prop in SCHEMAS["DeliveryReport"]["properties"].items() if _resolve(prop)[0].get("type") == "integer"
)


# ---- parsing -----------------------------------------------------------------------------------


def parse_delivery_reports(body: bytes | bytearray | str | list[Any]) -> list[DeliveryReport]:
    """The reports in a webhook request body (raw JSON, or the already decoded list).

    The body must match the spec's `DeliveryReportBatch`: a non-empty array of objects with
    `id_state` (integer; a digit string or a boolean is refused, 598933232.0 is taken as 598933232),
    `phone` and `state`, every known field of its spec type; unknown fields are kept in
    `additional_properties`. Anything else raises WebhookPayloadError naming the report's index
    and the field.
    """
    data: Any = body
    if isinstance(body, (bytes, bytearray, str)):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise WebhookPayloadError(f"delivery-report body is not JSON: {exc}") from None
    try:
        _check(data, _BATCH, (), "invalid value")
    except _Violation as violation:
        raise WebhookPayloadError(_describe(data, violation)) from None
    reports = []
    for index, item in enumerate(data):
        fields = {k: int(v) if k in _INTEGER_FIELDS and isinstance(v, float) else v for k, v in item.items()}
        try:
            reports.append(DeliveryReport.from_dict(fields))
        except (KeyError, TypeError, ValueError) as exc:  # only if the model and the spec disagree
            raise WebhookPayloadError(f"delivery report [{index}] is invalid: {exc}") from None
    return reports


def _describe(data: Any, violation: _Violation) -> str:
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in violation.path)
    if violation.rule == "required":
        return f"invalid delivery report {where}: required, missing (or null)"
    value: Any = data
    for part in violation.path:
        value = value[part]
    got = json.dumps(value, ensure_ascii=False, default=str)
    got = got if len(got) <= 80 else got[:80] + "…"
    what = f"delivery report {where}" if where else "delivery-report body"
    return f"invalid {what}: {' '.join(violation.rule.split())}; got {_json_type(value)} {got}"


def _json_type(value: Any) -> str:
    names = {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def acknowledgement(reports_or_ids: Iterable[DeliveryReport | int | str]) -> list[str]:
    """The acknowledgement body for these reports (or `id_state` values): ["598933232", …].

    Order is kept and repeats are dropped. Ids must be integers or digit strings.
    """
    ack: dict[str, None] = {}
    for item in reports_or_ids:
        value = item.id_state if isinstance(item, DeliveryReport) else item
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not _DIGITS.fullmatch(str(value)):
            raise ValueError(f"not an id_state: {value!r}")
        ack[str(int(value))] = None
    return list(ack)


# ---- deduplication -----------------------------------------------------------------------------


class DedupeStore(Protocol):
    """Remembers which reports (keys: id_state as text) were accepted; each method must be atomic.

    * `claim(key)`: "accepted" if accepted before, "pending" if claimed by a delivery still in
      progress, else claims it and returns "claimed";
    * `accept(key)`: the claimed report was accepted: remember it;
    * `release(key)`: it was not: drop the claim, so that a redelivery is processed.

    Three states, not two: a report in progress must be neither processed again nor acknowledged
    by a concurrent delivery, as its callback may still reject it. A store shared by several
    worker processes could be Redis: `SET key pending NX EX 600`, `SET key accepted EX ttl`, `DEL key`.
    """

    def claim(self, key: str) -> ClaimState: ...

    def accept(self, key: str) -> None: ...

    def release(self, key: str) -> None: ...


class MemoryDedupeStore:
    """In-process, thread-safe DedupeStore (the default).

    Keeps at most `max_size` accepted keys, least recently delivered dropped first; with `ttl`
    (seconds) a key is also forgotten `ttl` seconds after it was last delivered. Per process:
    with several worker processes, pass a shared store instead.
    """

    def __init__(
        self, max_size: int = 100_000, ttl: float | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_size < 1:
            raise ValueError("max_size must be at least 1")
        self.max_size = max_size
        self.ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._accepted: OrderedDict[str, float] = OrderedDict()  # key -> last delivered, oldest first
        self._pending: set[str] = set()

    def claim(self, key: str) -> ClaimState:
        with self._lock:
            if key in self._pending:
                return "pending"
            now = self._clock()
            self._expire(now)
            if key in self._accepted:
                self._accepted[key] = now
                self._accepted.move_to_end(key)
                return "accepted"
            self._pending.add(key)
            return "claimed"

    def accept(self, key: str) -> None:
        with self._lock:
            self._pending.discard(key)
            self._accepted[key] = self._clock()
            self._accepted.move_to_end(key)
            while len(self._accepted) > self.max_size:
                self._accepted.popitem(last=False)

    def release(self, key: str) -> None:
        with self._lock:
            self._pending.discard(key)

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


# ---- the receiver ------------------------------------------------------------------------------

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
StartResponse = Callable[..., Any]
Payload = list[str] | dict[str, str]


class _Rejected(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def reply(self) -> tuple[int, Payload]:
        logger.warning("delivery-report request rejected (%d): %s", self.status, self)
        return self.status, {"error": str(self)}


class DeliveryReportReceiver:
    """Webhook endpoint for delivery reports: `handle`/`handle_async` for your own route, or the
    ready `wsgi_app`/`asgi_app`. See the module docstring for the protocol and examples.

    `callback(report)` may be sync or async. Reports are processed in order, one at a time.
    """

    def __init__(
        self,
        callback: ReportCallback,
        *,
        dedupe_store: DedupeStore | None = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
    ) -> None:
        self.callback = callback
        self.dedupe_store: DedupeStore = dedupe_store if dedupe_store is not None else MemoryDedupeStore()
        self.max_body_size = max_body_size
        target = getattr(callback, "__call__", None)  # noqa: B004 - an object with an async __call__
        self._is_async = inspect.iscoroutinefunction(callback) or inspect.iscoroutinefunction(target)

    # -- the core: body in, (status, acknowledgement) out

    def handle(self, body: bytes | bytearray | str) -> tuple[int, list[str]]:
        """Process one delivery: (200, acknowledged ids), or (400 or 413, []) for a rejected body.

        An async callback is run with asyncio.run; inside a running event loop use handle_async.
        """
        status, payload = self._respond(body)
        return status, payload if isinstance(payload, list) else []

    async def handle_async(self, body: bytes | bytearray | str) -> tuple[int, list[str]]:
        """Like handle, for async code: async callbacks are awaited, sync ones run in a worker thread."""
        status, payload = await self._respond_async(body)
        return status, payload if isinstance(payload, list) else []

    def _parse(self, body: bytes | bytearray | str) -> list[DeliveryReport]:
        if len(body.encode() if isinstance(body, str) else body) > self.max_body_size:
            raise _Rejected(413, f"delivery-report body is larger than {self.max_body_size} bytes")
        try:
            return parse_delivery_reports(body)
        except WebhookPayloadError as exc:
            raise _Rejected(400, str(exc)) from None

    def _respond(self, body: bytes | bytearray | str) -> tuple[int, Payload]:
        try:
            reports = self._parse(body)
        except _Rejected as rejected:
            return rejected.reply()
        return 200, list(dict.fromkeys(key for report in reports if (key := self._process(report))))

    async def _respond_async(self, body: bytes | bytearray | str) -> tuple[int, Payload]:
        try:
            reports = self._parse(body)
        except _Rejected as rejected:
            return rejected.reply()
        return 200, list(dict.fromkeys([key for report in reports if (key := await self._process_async(report))]))

    def _claim(self, report: DeliveryReport) -> tuple[str, ClaimState]:
        key = str(report.id_state)
        state = self.dedupe_store.claim(key)
        if state == "pending":
            logger.info("delivery report id_state=%s is being processed by another delivery; not acknowledged", key)
        return key, state

    def _settle(self, key: str, accepted: bool) -> str | None:
        (self.dedupe_store.accept if accepted else self.dedupe_store.release)(key)
        return key if accepted else None

    def _process(self, report: DeliveryReport) -> str | None:
        key, state = self._claim(report)
        if state != "claimed":
            return key if state == "accepted" else None
        accepted = False
        try:
            accepted = self._call_sync(report) is not False
        except Exception:
            logger.exception("delivery report id_state=%s not acknowledged: the callback raised", key)
        finally:
            settled = self._settle(key, accepted)
        return settled

    async def _process_async(self, report: DeliveryReport) -> str | None:
        key, state = self._claim(report)
        if state != "claimed":
            return key if state == "accepted" else None
        accepted = False
        try:
            result = self.callback(report) if self._is_async else await asyncio.to_thread(self.callback, report)
            accepted = (await result if inspect.isawaitable(result) else result) is not False
        except Exception:
            logger.exception("delivery report id_state=%s not acknowledged: the callback raised", key)
        finally:
            settled = self._settle(key, accepted)
        return settled

    def _call_sync(self, report: DeliveryReport) -> object:
        result = self.callback(report)
        if not inspect.isawaitable(result):
            return result
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(_await(result))
        if inspect.iscoroutine(result):
            result.close()
        raise RuntimeError("the callback is async and an event loop is running: use handle_async or asgi_app")

    # -- WSGI

    def wsgi_app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """A WSGI application: POST a delivery → 200 with the acknowledgement (JSON)."""
        if environ.get("REQUEST_METHOD", "GET").upper() != "POST":
            return _wsgi_reply(start_response, 405, _METHOD_NOT_ALLOWED)
        try:
            body = self._read_wsgi(environ)
        except _Rejected as rejected:
            return _wsgi_reply(start_response, *rejected.reply())
        return _wsgi_reply(start_response, *self._respond(body))

    def _read_wsgi(self, environ: dict[str, Any]) -> bytes:
        length = _content_length(environ.get("CONTENT_LENGTH"), self.max_body_size)
        stream = environ["wsgi.input"]
        if length is None:  # no Content-Length: read to the end only if the server says it is there
            return stream.read(self.max_body_size + 1) if environ.get("wsgi.input_terminated") else b""
        return bytes(stream.read(length)) if length else b""

    # -- ASGI

    async def asgi_app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """An ASGI 3 application: POST a delivery → 200 with the acknowledgement (JSON)."""
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        if scope["type"] != "http":
            return
        if scope["method"].upper() != "POST":
            await _asgi_reply(send, 405, _METHOD_NOT_ALLOWED)
            return
        try:
            body = await self._read_asgi(scope, receive)
        except _Rejected as rejected:
            await _asgi_reply(send, *rejected.reply())
            return
        if body is not None:  # None: the client went away
            await _asgi_reply(send, *await self._respond_async(body))

    async def _read_asgi(self, scope: Scope, receive: Receive) -> bytes | None:
        headers = dict(scope.get("headers", []))
        raw_length = headers.get(b"content-length")
        _content_length(raw_length.decode("latin-1") if raw_length is not None else None, self.max_body_size)
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_body_size:
                raise _Rejected(413, f"delivery-report body is larger than {self.max_body_size} bytes")
            if not message.get("more_body", False):
                return bytes(body)


_METHOD_NOT_ALLOWED = {"error": "method not allowed: POST the delivery reports"}


def _content_length(raw: str | None, limit: int) -> int | None:
    if raw is None or raw == "":
        return None
    if not _DIGITS.fullmatch(raw.strip()):
        raise _Rejected(400, f"invalid Content-Length: {raw!r}")
    if int(raw) > limit:
        raise _Rejected(413, f"delivery-report body is larger than {limit} bytes")
    return int(raw)


def _encode(status: int, payload: Payload) -> tuple[bytes, list[tuple[str, str]]]:
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if status == 405:
        headers.append(("Allow", "POST"))
    return body, headers


def _wsgi_reply(start_response: StartResponse, status: int, payload: Payload) -> list[bytes]:
    body, headers = _encode(status, payload)
    start_response(f"{status} {HTTPStatus(status).phrase}", headers)
    return [body]


async def _asgi_reply(send: Send, status: int, payload: Payload) -> None:
    body, headers = _encode(status, payload)
    raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


async def _await(awaitable: Awaitable[Any]) -> Any:
    return await awaitable
