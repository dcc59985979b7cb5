"""The ASGI app (Starlette): the spec's 22 operations, the inbox page and its JSON twin.

Every operation follows the same steps, in the platform's order: the token (401 when missing,
unknown, expired or logged out), the JSON body (400 when it is not JSON or breaks the spec's
request schema), then the handler in `_api.py`. Paths are matched with repeated slashes
collapsed: the vendor's own client sends `//v1/authorize` when the base URL ends with `/`.

Example:
    import uvicorn
    uvicorn.run(create_app(SandboxConfig(dlr_delay=1.0)), port=4010)
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from gatum_client.spec_facts import OPERATIONS
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from ._api import UNAUTHORIZED, SandboxAPI, refused
from ._config import SandboxConfig
from ._delivery import Deliveries
from ._inbox import INBOX_HTML, inbox_json
from ._requests import normalized, problems, request_schema
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


def create_app(config: SandboxConfig | None = None, store: Store | None = None) -> Starlette:
    """A Starlette app serving the sandbox; state in `store` (default: a new one at `config.db`)."""
    config = config or SandboxConfig()
    own_store = store is None
    store = store or Store(config.db)
    deliveries = Deliveries(store, config)
    sandbox = Sandbox(config, store, deliveries, SandboxAPI(store, config, deliveries))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await deliveries.start()
        try:
            yield
        finally:
            await deliveries.stop()
            if own_store:
                store.close()

    routes = [Route(op["path"], _endpoint(sandbox, op_id), methods=[op["method"]]) for op_id, op in OPERATIONS.items()]
    routes += [
        Route("/", lambda request: HTMLResponse(INBOX_HTML), methods=["GET"]),
        Route(
            "/_sandbox/messages",
            lambda request: JSONResponse(inbox_json(store, request.query_params.get("number"))),
            methods=["GET"],
        ),
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
        return _json(handler(login, body))

    endpoint.__name__ = operation_id
    return endpoint


def _json(reply: tuple[int, Any]) -> JSONResponse:
    status, payload = reply
    return JSONResponse(payload, status_code=status)


class _CollapseSlashes:
    """`//v1/send` is `/v1/send`."""

    _SLASHES = re.compile(r"/{2,}")

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and "//" in scope["path"]:
            scope = {**scope, "path": self._SLASHES.sub("/", scope["path"])}
        await self.app(scope, receive, send)
