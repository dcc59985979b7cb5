"""The ASGI app (Starlette): the spec's 22 operations, the inbox page and its JSON twin, and the
sandbox's own routes (`_control.py`: clock, report queue, reset, balance, webhook sink).

Every operation follows the same steps, in the platform's order: the token (401 when missing,
unknown, expired or logged out), the per-account rate limit (429 with `Retry-After` when
`rate_limit` is set and exceeded; nothing else happens), the JSON body (400 when it is not JSON or breaks the spec's
request schema), then the handler in `_api.py`. Paths are matched with repeated slashes
collapsed: the vendor's own client sends `//v1/authorize` when the base URL ends with `/`.

Example:
    import uvicorn
    uvicorn.run(create_app(SandboxConfig(dlr_delay=1.0)), port=4010)
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from gatum_client.spec_facts import OPERATIONS
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from . import _control
from ._api import TOO_MANY_REQUESTS, UNAUTHORIZED, Reply, SandboxAPI, refused
from ._config import SandboxConfig, parse_rate
from ._delivery import Deliveries
from ._inbox import INBOX_HTML, PAGE, inbox_json
from ._limits import RateLimiter
from ._requests import normalized, number_list, problems, request_schema
from ._sms import outcome_for
from ._store import Store

logger = logging.getLogger("gatum_rest_py.sandbox")
TOKEN_HEADER = "x-access-token"  # noqa: S105 - a header name; Starlette's headers are case-insensitive, as HTTP's are


@dataclass
class Sandbox:
    """What a running app holds; `app.state.sandbox` in the Starlette app."""

    config: SandboxConfig
    store: Store
    deliveries: Deliveries
    api: SandboxAPI
    limiter: RateLimiter
    base_config: SandboxConfig  # what a reset starts from
    webhook_down: bool = False  # the built-in webhook sink answers 503 (reports are not acknowledged)
    _stall_generation: list[int] = field(default_factory=lambda: [0])

    def configure(self, config: SandboxConfig) -> None:
        self.config = self.api.config = self.deliveries.config = config

    async def reset(self, config: SandboxConfig) -> None:
        """A fresh sandbox with `config`: nothing pending, no state, the wall clock (runs in the app's loop)."""
        await self.deliveries.cancel_all()
        self.release_stalls()
        self.store.clear()
        self.store.clock.reset()
        self.limiter.clear()
        self.api.limited_once.clear()
        self.webhook_down = False
        self.configure(config)
        self.api.add_users()

    def release_stalls(self) -> None:
        """Answer every stalled send now (the sandbox stops or resets); safe from any thread."""
        self._stall_generation[0] += 1

    async def stall(self) -> None:
        """Hold an answer back for `stall_seconds` (wall clock), or until `release_stalls`."""
        generation, deadline = self._stall_generation[0], time.monotonic() + self.config.stall_seconds
        while self._stall_generation[0] == generation and time.monotonic() < deadline:
            await asyncio.sleep(0.05)


def create_app(config: SandboxConfig | None = None, store: Store | None = None) -> Starlette:
    """A Starlette app serving the sandbox; state in `store` (default: a new one at `config.db`)."""
    config = config or SandboxConfig()
    own_store = store is None
    store = store or Store(config.db)
    deliveries = Deliveries(store, config)
    sandbox = Sandbox(
        config, store, deliveries, SandboxAPI(store, config, deliveries), RateLimiter(store.clock), base_config=config
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await deliveries.start()
        try:
            yield
        finally:
            sandbox.release_stalls()
            await deliveries.stop()
            if own_store:
                store.close()

    routes = [Route(op["path"], _endpoint(sandbox, op_id), methods=[op["method"]]) for op_id, op in OPERATIONS.items()]
    routes += [
        Route("/", lambda request: HTMLResponse(INBOX_HTML), methods=["GET"]),
        Route("/_sandbox/messages", lambda request: _messages(store, request), methods=["GET"]),
        *_control.routes(sandbox),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.sandbox = sandbox
    app.add_middleware(_CollapseSlashes)
    return app


def _endpoint(sandbox: Sandbox, operation_id: str) -> Callable[[Request], Any]:
    facts = OPERATIONS[operation_id]
    schema = request_schema(operation_id)
    handler = sandbox.api.handler(operation_id)

    async def endpoint(request: Request) -> Response:
        login, token = None, request.headers.get(TOKEN_HEADER, "")
        if facts["needs_token"]:
            login = sandbox.store.token_login(token) if token else None
            if login is None:
                return _json(UNAUTHORIZED)
            if sandbox.config.rate_limit:
                wait = sandbox.limiter.retry_after(login, parse_rate(sandbox.config.rate_limit))
                if wait is not None:
                    return _json(TOO_MANY_REQUESTS, retry_after=wait)
        body: Any = None
        if schema is not None:
            try:
                body = normalized(operation_id, json.loads(await request.body()))
            except ValueError:
                return _json(refused("body", "The request body is not valid JSON."))
            found = problems(schema, body)
            if found:
                return _json((400, {"status": False, "error_code": 400, "errors": found}))
        if operation_id == "logout":
            return _json(sandbox.api.logout(login, body, token=token))
        reply = handler(login, body)
        if operation_id == "sendSms" and reply[0] == 200 and _stalls(body):
            await sandbox.stall()  # stored and delivered; the answer comes after any client gave up
        return _json(reply, retry_after=1 if reply[0] == 429 else None)

    endpoint.__name__ = operation_id
    return endpoint


def _json(reply: Reply, retry_after: int | None = None) -> JSONResponse:
    status, payload = reply
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse(payload, status_code=status, headers=headers)


def _stalls(body: Any) -> bool:
    """A send to the stalling magic number."""
    return any(outcome_for(n).stalls for message in body for n in number_list(message["number"]))


class _CollapseSlashes:
    """`//v1/send` is `/v1/send`."""

    _SLASHES = re.compile(r"/{2,}")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "//" in scope["path"]:
            scope = {**scope, "path": self._SLASHES.sub("/", scope["path"])}
        await self.app(scope, receive, send)


def _messages(store: Store, request: Request) -> JSONResponse:
    """`GET /_sandbox/messages?number=…&limit=N`: the inbox as JSON (`limit=0`: every message part)."""
    text = request.query_params.get("limit", str(PAGE))
    if not text.isdecimal():
        return JSONResponse({"error": "limit: a whole number, 0 for every message"}, status_code=400)
    return JSONResponse(inbox_json(store, request.query_params.get("number"), int(text)))
