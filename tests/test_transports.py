"""Transport options: pool `limits` and `verify` as a loopback server sees them, the call's deadline on
every blocking socket operation, and the aiohttp backend (the asyncio default) under the retry policy.

The aiohttp backend must tell "nothing was sent" from "the request may have left" as httpx does:
each aiohttp error is translated into the httpx error that says so (a connection dropped after
the request may have carried it: repeating it could be a second paid SMS). Against the scripted
loopback server, which counts every request that reaches it. Proxies: test_proxy.py.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from fault_server import OK_ME, OK_SEND, Drop, ScriptedServer, closed_port
from gatum_client.api.account import account_info
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage, SendResponse
from test_hardening_async import LoopbackServer
from test_tls import TLSServer

from gatum_rest_py import APIConnectionError, Client, _retry
from gatum_rest_py._deadline import Deadline, budgets
from gatum_rest_py._tls import ssl_context
from gatum_rest_py._transports import DEFAULT_HTTP_BACKEND, DEFAULT_LIMITS, sync_transport

NUMBERS = ["380957225759"]


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(_retry, "sleep", lambda seconds: None)
    monkeypatch.setattr(_retry, "async_sleep", no_sleep)


class HoldingServer:
    """HTTP/1.1 with keep-alive on loopback, answering /v1/me after `hold` seconds; counts connections.

    `peak` is the most requests in progress at once, one per connection: with calls waiting on the
    answer, the pool's `max_connections`. `open` (connections) after the calls: the idle ones the
    pool kept (`max_keepalive_connections`). Connections open at once are no measure: a pool that
    closes a surplus idle connection and opens another may do so before the server saw the close.
    """

    def __init__(self, hold: float = 0.3) -> None:
        self.open = self.in_progress = self.peak = 0
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                with outer._lock:
                    outer.open += 1

            def finish(self) -> None:
                with outer._lock:
                    outer.open -= 1
                super().finish()

            def do_GET(self) -> None:
                with outer._lock:
                    outer.in_progress += 1
                    outer.peak = max(outer.peak, outer.in_progress)
                time.sleep(hold)
                with outer._lock:
                    outer.in_progress -= 1
                body = json.dumps({"status": True, "data": {"login": "me"}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            request_queue_size = 256  # 100+ connections at once: none refused by a short backlog
            daemon_threads = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()

    def settled_open(self, expected: int) -> int:
        """Open connections, once the closes the client made have reached the server (up to 2 s)."""
        give_up = time.monotonic() + 2
        while self.open != expected and time.monotonic() < give_up:
            time.sleep(0.02)
        return self.open

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def holding() -> Iterator[HoldingServer]:
    running = HoldingServer()
    yield running
    running.close()


def calls_at_once(client: Client, flavor: str, count: int, then: Callable[[], None] = lambda: None) -> None:
    """`count` calls at once, then `then()` (for asyncio, still in the loop: its pool closes with it)."""
    if flavor == "sync":
        with ThreadPoolExecutor(count) as threads:
            statuses = list(threads.map(lambda _: account_info.sync_detailed(client=client).status_code, range(count)))
        then()
    else:

        async def gathered() -> list[int]:
            answers = await asyncio.gather(*(account_info.asyncio_detailed(client=client) for _ in range(count)))
            then()
            return [answer.status_code for answer in answers]

        statuses = asyncio.run(gathered())
    assert statuses == [200] * count


@pytest.mark.parametrize("flavor", ["sync", "httpx", "aiohttp"])
def test_limits_bound_the_connections_the_server_sees(flavor: str, holding: HoldingServer) -> None:
    limits = httpx.Limits(max_connections=7, max_keepalive_connections=3)
    backend = "aiohttp" if flavor == "aiohttp" else "httpx"
    with Client(holding.url, access_token="tok", limits=limits, http_backend=backend) as client:
        kept: list[int] = []
        calls_at_once(client, flavor, 20, then=lambda: kept.append(holding.settled_open(3)))
        assert holding.peak == 7
        if flavor != "aiohttp":  # aiohttp has no count of idle connections to keep, only their expiry
            assert kept == [3]
        if flavor != "sync":  # an asyncio pool is closed with its loop, at the end of asyncio.run
            assert holding.settled_open(0) == 0
    assert holding.settled_open(0) == 0


@pytest.mark.parametrize("flavor", ["sync", "aiohttp"])
def test_the_default_limits_are_httpx_defaults(flavor: str, holding: HoldingServer) -> None:
    with Client(holding.url, access_token="tok") as client:  # the default asyncio backend: aiohttp
        calls_at_once(client, flavor, DEFAULT_LIMITS.max_connections + 10)  # type: ignore[operator]
        assert holding.peak == DEFAULT_LIMITS.max_connections
        if flavor == "sync":
            assert holding.settled_open(20) == DEFAULT_LIMITS.max_keepalive_connections == 20


@pytest.mark.parametrize("flavor", ["sync", "httpx"])
def test_verify_is_kept(flavor: str, tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))

    def me(client: Client) -> int:
        if flavor == "sync":
            return account_info.sync_detailed(client=client).status_code
        return asyncio.run(account_info.asyncio_detailed(client=client)).status_code

    with TLSServer(context) as server:
        with Client(server.url, access_token="tok", verify=str(ca_file), http_backend="httpx") as client:
            assert me(client) == 200
        with Client(server.url, access_token="tok", http_backend="httpx", max_retries=3) as client:
            with pytest.raises(APIConnectionError, match="certificate failed verification"):
                me(client)
    assert len(server.requests) == 1  # the untrusted attempt sent nothing and was not repeated


def test_the_default_asyncio_backend_is_aiohttp() -> None:
    assert DEFAULT_HTTP_BACKEND == "aiohttp"
    assert inspect.signature(Client).parameters["http_backend"].default == DEFAULT_HTTP_BACKEND


# -- the call's deadline on every socket operation (see gatum_rest_py._deadline) --


def trickled_get(url: str, timeouts: dict[str, float]) -> float:
    """Seconds until a GET of `url` with these `timeout` extension values failed with a timeout."""
    with httpx.Client(transport=sync_transport(ssl_context(True), DEFAULT_LIMITS), trust_env=False) as client:
        request = client.build_request("GET", url)
        request.extensions["timeout"] = timeouts
        start = time.monotonic()
        with pytest.raises(httpx.TimeoutException):
            client.send(request)
        return time.monotonic() - start


def test_a_trickling_server_cannot_stretch_a_blocking_call_past_its_deadline() -> None:
    # Status line and headers a byte every 0.1 s: never 2 s without a byte, so only the deadline stops it.
    slow = LoopbackServer(slow={"/v1/me": "all"})
    try:
        deadline = Deadline.after(0.5)
        elapsed = trickled_get(slow.url + "/v1/me", budgets({"connect": 2, "read": 2, "write": 2, "pool": 2}, deadline))
        assert 0.4 < elapsed < 0.8, elapsed
        # Plain floats are per-operation timeouts as before: 0.05 s without a byte is too long.
        assert trickled_get(slow.url + "/v1/me", {"connect": 2, "read": 0.05, "write": 2, "pool": 2}) < 0.5
    finally:
        slow.close()


def test_a_passed_deadline_fails_the_next_socket_operation_at_once() -> None:
    slow = LoopbackServer(slow={"/v1/me": "body"})
    try:
        deadline = Deadline.after(10)
        timeouts = budgets({"connect": 2, "read": 2, "write": 2, "pool": 2}, deadline)
        deadline.at = time.monotonic() - 1  # passed while the request was on its way
        with httpx.Client(transport=sync_transport(ssl_context(True), DEFAULT_LIMITS), trust_env=False) as client:
            request = client.build_request("GET", slow.url + "/v1/me")
            request.extensions["timeout"] = timeouts
            with pytest.raises(httpx.ConnectTimeout, match="deadline"):
                client.send(request)
    finally:
        slow.close()


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="http_backend"):
        Client("https://gatum.test", http_backend="curl")  # type: ignore[arg-type]


def send_body() -> list[SendMessage]:
    return [SendMessage.from_dict({"number": NUMBERS, "senderID": "Verify", "text": "hi"})]


async def test_aiohttp_backend_sends_and_parses() -> None:
    with ScriptedServer([OK_SEND, OK_ME]) as server:
        async with Client(server.url, access_token="tok", http_backend="aiohttp") as client:
            sent = await send_sms.asyncio(client=client, body=send_body())
            me = await account_info.asyncio_detailed(client=client)
    assert isinstance(sent, SendResponse)
    assert sent.to_dict()["data"]["380957225759"][0]["id_state"] == 598933232
    assert me.status_code == 200
    assert [r.path for r in server.requests] == ["/v1/send", "/v1/me"]
    assert server.requests[0].headers["x-access-token"] == "tok"


async def test_aiohttp_backend_never_repeats_a_send_that_may_have_left() -> None:
    with ScriptedServer([Drop(), OK_SEND]) as server:
        async with Client(server.url, access_token="tok", http_backend="aiohttp", max_retries=3) as client:
            with pytest.raises(APIConnectionError) as caught:
                await send_sms.asyncio(client=client, body=send_body())
    assert caught.value.outcome_unknown
    assert len(server.requests) == 1


async def test_aiohttp_backend_retries_a_read_and_a_connection_never_made() -> None:
    with ScriptedServer([Drop(), OK_ME]) as server:
        async with Client(server.url, access_token="tok", http_backend="aiohttp", max_retries=2) as client:
            assert (await account_info.asyncio_detailed(client=client)).status_code == 200
    assert len(server.requests) == 2
    async with Client(f"http://127.0.0.1:{closed_port()}", http_backend="aiohttp", max_retries=0) as client:
        with pytest.raises(APIConnectionError) as caught:
            await send_sms.asyncio(client=client, body=send_body())
    assert not caught.value.outcome_unknown and "ConnectError" in str(caught.value)


async def test_aiohttp_backend_keeps_verify(tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with TLSServer(context) as server:
        async with Client(server.url, access_token="tok", verify=str(ca_file), http_backend="aiohttp") as client:
            assert (await account_info.asyncio_detailed(client=client)).status_code == 200
        async with Client(server.url, access_token="tok", http_backend="aiohttp", max_retries=3) as client:
            with pytest.raises(APIConnectionError, match="certificate failed verification"):
                await account_info.asyncio_detailed(client=client)
    assert len(server.requests) == 1  # the untrusted attempt sent nothing and was not repeated


# -- cookies: the jar is consulted only when an answer sets one (see gatum_rest_py._http._AnswerCookies) --


def test_a_cookie_the_platform_sets_is_kept_and_sent_back() -> None:
    seen: list[str | None] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie"))
        headers = {"Set-Cookie": "lb=node-7; Path=/"} if len(seen) == 1 else {}
        return httpx.Response(200, json={"status": True, "data": {"login": "me"}}, headers=headers)

    with Client("https://gatum.test", access_token="tok", transport=httpx.MockTransport(answer)) as client:
        account_info.sync(client=client)
        account_info.sync(client=client)
        assert client.get_httpx_client().cookies.get("lb") == "node-7"
    assert seen == [None, "lb=node-7"]


async def test_the_async_client_keeps_cookies_too_and_a_replaced_jar_is_used() -> None:
    seen: list[str | None] = []

    async def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("cookie"))
        return httpx.Response(200, json={"status": True, "data": {"login": "me"}}, headers={"Set-Cookie": "a=1"})

    async with Client("https://gatum.test", access_token="tok", async_transport=httpx.MockTransport(answer)) as client:
        await account_info.asyncio(client=client)
        pool = client.get_async_httpx_client()
        assert pool.cookies.get("a") == "1"
        pool.cookies = {"b": "2"}  # type: ignore[assignment]
        await account_info.asyncio(client=client)
    assert seen == [None, "b=2"]


# -- request URLs: the join of base_url and a path is kept (see gatum_rest_py._http._Policy.build_request) --


@pytest.mark.parametrize("base", ["https://gatum.test", "https://gatum.test/api/", "https://gatum.test:8443/a%20b"])
@pytest.mark.parametrize("path", ["/v1/send", "v1/me", "/v1/group/7?page=2", "https://elsewhere.test/x", "/"])
def test_urls_are_joined_exactly_as_httpx_joins_them(base: str, path: str) -> None:
    plain = httpx.Client(base_url=base)
    with Client(base, access_token="tok") as client:
        pool = client.get_httpx_client()
        for _ in range(2):  # the second time from what was kept
            assert pool.build_request("GET", path).url == plain.build_request("GET", path).url
        assert pool.build_request("GET", httpx.URL(path)).url == plain.build_request("GET", httpx.URL(path)).url


def test_a_new_base_url_is_used_at_once() -> None:
    with Client("https://one.test", access_token="tok") as client:
        pool = client.get_httpx_client()
        assert str(pool.build_request("GET", "/v1/me").url) == "https://one.test/v1/me"
        pool.base_url = "https://two.test/api"  # type: ignore[assignment]
        assert str(pool.build_request("GET", "/v1/me").url) == "https://two.test/api/v1/me"


def test_paths_with_ids_do_not_grow_the_kept_joins_without_bound() -> None:
    with Client("https://gatum.test", access_token="tok") as client:
        pool = client.get_httpx_client()
        for group in range(1000):
            assert str(pool.build_request("GET", f"/v1/group/{group}").url) == f"https://gatum.test/v1/group/{group}"
        assert len(pool._joined) <= 256  # type: ignore[attr-defined]
