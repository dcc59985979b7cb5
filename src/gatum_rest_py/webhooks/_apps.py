"""The receiver as a complete WSGI or ASGI application (any path; POST only, other methods 405).

Both check access before reading the body: the secret from the query string, the peer from the
server (`REMOTE_ADDR`, ASGI `scope["client"]`), never from `X-Forwarded-For`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from ._errors import Payload, Rejected

if TYPE_CHECKING:
    from ._receiver import DeliveryReportReceiver

__all__ = ["asgi_app", "wsgi_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
StartResponse = Callable[..., Any]

_DIGITS = re.compile("[0-9]+")
_METHOD_NOT_ALLOWED: Payload = {"error": "method not allowed: POST the delivery reports"}


def wsgi_app(receiver: DeliveryReportReceiver, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
    if environ.get("REQUEST_METHOD", "GET").upper() != "POST":
        return _wsgi_reply(start_response, 405, _METHOD_NOT_ALLOWED)
    query, peer = environ.get("QUERY_STRING", ""), environ.get("REMOTE_ADDR")
    try:
        receiver.check_access(query, peer)
        body = _read_wsgi(environ, receiver.max_body_size)
    except Rejected as rejected:
        return _wsgi_reply(start_response, *rejected.reply())
    return _wsgi_reply(start_response, *receiver.respond(body, query, peer))


def _read_wsgi(environ: dict[str, Any], limit: int) -> bytes:
    length = _content_length(environ.get("CONTENT_LENGTH"), limit)
    stream = environ["wsgi.input"]
    if length is None:  # no Content-Length: read to the end only if the server says it is there
        return stream.read(limit + 1) if environ.get("wsgi.input_terminated") else b""
    return bytes(stream.read(length)) if length else b""


async def asgi_app(receiver: DeliveryReportReceiver, scope: Scope, receive: Receive, send: Send) -> None:
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
    query = scope.get("query_string", b"")
    client = scope.get("client")
    peer = str(client[0]) if client else None
    try:
        receiver.check_access(query, peer)
        body = await _read_asgi(scope, receive, receiver.max_body_size)
    except Rejected as rejected:
        await _asgi_reply(send, *rejected.reply())
        return
    if body is not None:  # None: the client went away
        await _asgi_reply(send, *await receiver.respond_async(body, query, peer))


async def _read_asgi(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    headers = dict(scope.get("headers", []))
    raw_length = headers.get(b"content-length")
    _content_length(raw_length.decode("latin-1") if raw_length is not None else None, limit)
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        if len(body) > limit:
            raise Rejected(413, f"delivery-report body is larger than {limit} bytes")
        if not message.get("more_body", False):
            return bytes(body)


def _content_length(raw: str | None, limit: int) -> int | None:
    if raw is None or raw == "":
        return None
    if not _DIGITS.fullmatch(raw.strip()):
        raise Rejected(400, f"invalid Content-Length: {raw!r}")
    if int(raw) > limit:
        raise Rejected(413, f"delivery-report body is larger than {limit} bytes")
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
