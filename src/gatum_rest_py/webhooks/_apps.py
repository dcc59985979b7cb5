"""The receiver as a complete WSGI or ASGI application (any path; POST only, other methods 405).

Each app takes the request head from the server, asks the core whether to refuse it before
reading the body (the secret from the query string, the peer from the server — `REMOTE_ADDR`,
ASGI `scope["client"]` — never `X-Forwarded-For`), reads at most `max_body_size + 1` bytes, has
the driver it was given (`run`) carry out the core's plan, and writes the reply. The core and the
driver come in as parameters: this module imports nothing of the receiver.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from http import HTTPStatus
from typing import Any

from ._core import Plan, ReceiverCore, Reply, RequestHead

__all__ = ["asgi_app", "wsgi_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
StartResponse = Callable[..., Any]


def wsgi_app(
    core: ReceiverCore, run: Callable[[Plan], Reply], environ: dict[str, Any], start_response: StartResponse
) -> list[bytes]:
    method, query = environ.get("REQUEST_METHOD", "GET"), environ.get("QUERY_STRING", "")
    head = RequestHead(method, query, environ.get("REMOTE_ADDR"), environ.get("CONTENT_LENGTH"))
    reply = core.refusal(head) or run(core.process(_read_wsgi(environ, head, core.max_body_size)))
    content, headers = reply.encode()
    start_response(f"{reply.status} {HTTPStatus(reply.status).phrase}", headers)
    return [content]


def _read_wsgi(environ: dict[str, Any], head: RequestHead, limit: int) -> bytes:
    length = head.declared_length
    stream = environ["wsgi.input"]
    if length is None:  # no Content-Length: read to the end only if the server says it is there
        return stream.read(limit + 1) if environ.get("wsgi.input_terminated") else b""
    return bytes(stream.read(length)) if length else b""


async def asgi_app(
    core: ReceiverCore, run: Callable[[Plan], Awaitable[Reply]], scope: Scope, receive: Receive, send: Send
) -> None:
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    if scope["type"] != "http":
        return
    client = scope.get("client")
    length = dict(scope.get("headers", [])).get(b"content-length")
    head = RequestHead(
        scope["method"],
        scope.get("query_string", b""),
        str(client[0]) if client else None,
        length.decode("latin-1") if length is not None else None,
    )
    reply = core.refusal(head)
    if reply is None:
        body = await _read_asgi(receive, core.max_body_size)
        if body is None:  # the client went away
            return
        reply = await run(core.process(body))
    content, headers = reply.encode()
    raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    await send({"type": "http.response.start", "status": reply.status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": content})


async def _read_asgi(receive: Receive, limit: int) -> bytes | None:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        body += message.get("body", b"")
        # Over the limit: stop reading; the core answers 413 from the length alone.
        if len(body) > limit or not message.get("more_body", False):
            return bytes(body)
