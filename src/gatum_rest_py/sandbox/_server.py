"""Serving the sandbox with uvicorn: in the foreground (`main`), or in a thread (`running_sandbox`).

The listening socket is bound before uvicorn starts, so port 0 (a free port) works and the
address is known at once.

Example:
    with running_sandbox(SandboxConfig(dlr_delay=0.2)) as sandbox:
        GatumRESTAPI(sandbox.base_url).access_token(username="alice", password="x")
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.types import ASGIApp

from .._exceptions import InvalidRequestError
from ._app import Sandbox, create_app
from ._config import SandboxConfig


@dataclass(frozen=True)
class RunningSandbox:
    """A sandbox served on `base_url`; `state` holds its store and delivery scheduler."""

    base_url: str
    port: int
    app: Starlette
    state: Sandbox


def bind(host: str, port: int) -> socket.socket:
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        # socket.bind's own error for this is an OverflowError, or a TypeError
        rule = "a port number from 0 to 65535"
        raise InvalidRequestError(f"port {port!r} is not {rule}", argument="port", rule=rule)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except BaseException:
        sock.close()  # a busy port: the socket is not left to the collector
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


@contextmanager
def running_sandbox(
    config: SandboxConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    wrap: Callable[[Starlette], ASGIApp] | None = None,
    startup_seconds: float = 10.0,
) -> Iterator[RunningSandbox]:
    """Serve a sandbox in a background thread until the block ends; `wrap` may add ASGI middleware."""
    import uvicorn

    app = create_app(config)
    sock = bind(host, port)
    actual_port = int(sock.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(wrap(app) if wrap else app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="gatum-sandbox", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + startup_seconds
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox did not start; see the log above")
            time.sleep(0.01)
        url_host = f"[{host}]" if ":" in host else host
        yield RunningSandbox(f"http://{url_host}:{actual_port}", actual_port, app, app.state.sandbox)
    finally:
        app.state.sandbox.release_stalls()  # a stalled answer would hold the shutdown back
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
