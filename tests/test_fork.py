"""A client used before `os.fork()` keeps working in the parent and the child at the same time.

Pre-fork servers (gunicorn), Celery's prefork pool and `multiprocessing` fork a process that
already holds a client with pooled keep-alive connections. Sharing one socket between two
processes mixes their answers up: one process reads the other's. `Client` checks the process id
(as redis-py does) and gives a child pools of its own. These tests fork for real, send from both
processes at once over keep-alive connections, and check that every answer belongs to its own
request (the server echoes each request's tag into its answer, after a short pause so that the
two processes' requests overlap). The server notes which connection (client port) each tagged
request came on: a child's request on the parent's warm connection is the bug itself, seen even
when a timeout and a retry would hide it (calls here have no retries and a short timeout).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import socketserver
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

CALLS = 40


class _EchoHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a connection serves many requests

    def do_GET(self) -> None:
        tag = self.headers.get("X-Tag", "")
        time.sleep(0.002)
        body = json.dumps({"status": True, "data": {"login": "demo", "balance": 1}, "tag": tag}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server.ports[tag] = self.client_address[1]  # type: ignore[attr-defined]

    def log_message(self, *args: Any) -> None:
        pass


class _EchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _EchoHandler)
        self.ports: dict[str, int] = {}  # request tag -> the client port it came from

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def on_warm_connection(self, prefix: str) -> list[str]:
        """Tags starting with `prefix` that were sent on the connection the parent warmed up."""
        warm = self.ports["warm"]
        return sorted(tag for tag, port in self.ports.items() if tag.startswith(prefix) and port == warm)


@pytest.fixture
def echo() -> Iterator[_EchoServer]:
    server = _EchoServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


STRICT: dict[str, Any] = {"max_retries": 0, "timeout": 5}
"""No retry and a short timeout: a request lost to the other process fails the test, not slows it."""


def _mismatches(api: GatumRESTAPI, who: str) -> list[str]:
    wrong = []
    for i in range(CALLS):
        tag = f"{who}-{os.getpid()}-{i}"
        try:
            got = api.account_info("tok", extra_headers={"X-Tag": tag}).json().get("tag")
        except Exception as exc:  # a garbled answer: as wrong as somebody else's
            got = f"{type(exc).__name__}: {exc}"
        if got != tag:
            wrong.append(f"{tag} got {got}")
    return wrong


def _in_child(job: Any) -> None:
    # The child reports through a pipe and leaves with os._exit: no pytest teardown in it.
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            result = job()
        except BaseException as exc:
            result = [f"child raised {type(exc).__name__}: {exc}"]
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    _in_child.pending = (pid, read)  # type: ignore[attr-defined]


def _child_result() -> list[str]:
    pid, read = _in_child.pending  # type: ignore[attr-defined]
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks) or b'["child wrote nothing"]')  # type: ignore[no-any-return]


def test_sync_client_works_in_parent_and_child_at_once(echo: _EchoServer) -> None:
    api = GatumRESTAPI(echo.url, **STRICT)
    assert api.account_info("tok", extra_headers={"X-Tag": "warm"}).json()["tag"] == "warm"  # a pooled connection
    _in_child(lambda: _mismatches(api, "child"))
    parent = _mismatches(api, "parent")
    child = _child_result()
    api.close()
    assert parent == []
    assert child == []
    assert echo.on_warm_connection("child") == []


def test_async_client_works_in_parent_and_child_at_once(echo: _EchoServer) -> None:
    api = AsyncGatumRESTAPI(echo.url, **STRICT)

    async def calls(who: str) -> list[str]:
        wrong = []
        for i in range(CALLS):
            tag = f"{who}-{i}"
            got = (await api.account_info("tok", extra_headers={"X-Tag": tag})).json().get("tag")
            if got != tag:
                wrong.append(f"{tag} got {got}")
        return wrong

    assert asyncio.run(calls("warm")) == []
    echo.ports["warm"] = echo.ports["warm-0"]
    _in_child(lambda: asyncio.run(calls("child")))
    parent = asyncio.run(calls("parent"))
    assert parent == []
    assert _child_result() == []
    assert echo.on_warm_connection("child") == []


_FORKED_API: GatumRESTAPI | None = None


def _worker_calls(who: str) -> list[str]:
    assert _FORKED_API is not None
    return _mismatches(_FORKED_API, who)


def test_multiprocessing_fork_workers_share_nothing(echo: _EchoServer) -> None:
    api = GatumRESTAPI(echo.url, **STRICT)
    assert api.account_info("tok", extra_headers={"X-Tag": "warm"}).json()["tag"] == "warm"
    context = multiprocessing.get_context("fork")
    global _FORKED_API
    _FORKED_API = api  # inherited by the workers through fork, not pickled
    with context.Pool(2) as pool:
        pending = pool.map_async(_worker_calls, ["w1", "w2"])
        parent = _mismatches(api, "parent")
        workers = pending.get(timeout=60)
    api.close()
    assert parent == []
    assert workers == [[], []]
    assert echo.on_warm_connection("w1") + echo.on_warm_connection("w2") == []
