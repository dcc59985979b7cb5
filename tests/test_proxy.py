"""Proxies: the one given, or the environment's (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY), as requests did.

Against a real forwarding proxy on loopback (absolute-form requests forwarded, CONNECT tunnelled)
that counts what reaches it, in front of the loopback API servers of the other tests; for the
blocking transport and both asyncio backends. Proxy credentials must reach the proxy and show
up in no message and no repr.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import select
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from click.testing import CliRunner
from fault_server import closed_port
from test_hardening_async import LoopbackServer
from test_tls import TLSServer

from gatum_rest_py import APIConnectionError, GatumRESTAPI
from gatum_rest_py._config import proxy_from_environment
from gatum_rest_py._proxies import ProxyRoutes, masked_proxy_url, parse_proxy
from gatum_rest_py._tls import ssl_context
from gatum_rest_py._transports import DEFAULT_LIMITS, async_transport, sync_transport
from gatum_rest_py.cli._app import cli

SECRET = "pr0xy-S3CRET-pw"
FLAVORS = ["sync", "httpx", "aiohttp"]


@dataclass
class Seen:
    method: str
    target: str
    proxy_authorization: str | None


class ForwardingProxy:
    """An HTTP proxy on 127.0.0.1: forwards `GET http://host:port/path`, tunnels `CONNECT host:port`.

    With `credentials` ("user:password") it answers 407 to a request without the matching
    Proxy-Authorization, as a real proxy does.
    """

    def __init__(self, credentials: str | None = None) -> None:
        self.seen: list[Seen] = []
        expected = None if credentials is None else "Basic " + base64.b64encode(credentials.encode()).decode()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _admitted(self) -> bool:
                authorization = self.headers.get("Proxy-Authorization")
                outer.seen.append(Seen(self.command, self.path, authorization))
                if expected is None or authorization == expected:
                    return True
                self.send_response(407)
                self.send_header("Proxy-Authenticate", 'Basic realm="test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return False

            def do_GET(self) -> None:
                if not self._admitted():
                    return
                target = httpx.URL(self.path)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hop = {"proxy-authorization", "proxy-connection", "connection", "keep-alive"}
                headers = {k: v for k, v in self.headers.items() if k.lower() not in hop}
                upstream = http.client.HTTPConnection(target.host, target.port, timeout=10)
                try:
                    upstream.request(self.command, target.raw_path.decode(), body=body or None, headers=headers)
                    answer = upstream.getresponse()
                    content = answer.read()
                finally:
                    upstream.close()
                self.send_response(answer.status)
                for name, value in answer.getheaders():
                    if name.lower() not in hop | {"content-length", "transfer-encoding"}:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            do_POST = do_GET

            def do_CONNECT(self) -> None:
                self.close_connection = True
                if not self._admitted():
                    return
                host, _, port = self.path.rpartition(":")
                with socket.create_connection((host, int(port)), timeout=10) as upstream:
                    self.send_response(200, "Connection established")
                    self.end_headers()
                    self.wfile.flush()
                    client = self.connection
                    while True:
                        ready, _, _ = select.select([client, upstream], [], [], 10)
                        if not ready:
                            return
                        for source in ready:
                            data = source.recv(65536)
                            if not data:
                                return
                            (upstream if source is client else client).sendall(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy variable of the machine running the tests (NO_PROXY often lists localhost)."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "gatum_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture
def proxy() -> Iterator[ForwardingProxy]:
    running = ForwardingProxy()
    yield running
    running.close()


@pytest.fixture
def api() -> Iterator[LoopbackServer]:
    running = LoopbackServer()
    yield running
    running.close()


def fetch(flavor: str, url: str, verify: ssl.SSLContext | bool = True, **options: Any) -> httpx.Response:
    """GET `url` through the transport of `flavor` (sync, or asyncio with that backend); the body read."""
    context = ssl_context(verify)
    if flavor == "sync":
        with httpx.Client(transport=sync_transport(context, DEFAULT_LIMITS, **options), trust_env=False) as client:
            return client.get(url)

    async def get() -> httpx.Response:
        transport = async_transport(context, DEFAULT_LIMITS, flavor, **options)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
            response = await client.get(url)
            await response.aread()
            return response

    return asyncio.run(get())


def failure(flavor: str, url: str, **options: Any) -> httpx.TransportError:
    with pytest.raises(httpx.TransportError) as caught:
        fetch(flavor, url, **options)
    return caught.value


@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_environment_proxy_is_used(
    flavor: str, proxy: ForwardingProxy, api: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    response = fetch(flavor, api.url + "/v1/me")
    assert response.status_code == 200 and response.json()["data"]["login"] == "your_login"
    assert [(s.method, s.target) for s in proxy.seen] == [("GET", api.url + "/v1/me")]
    assert api.hits["/v1/me"] == 1


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "127.0.0.0/8", "*", "example.com, 127.0.0.1:{port}"])
def test_no_proxy_bypasses_it(
    flavor: str, no_proxy: str, proxy: ForwardingProxy, api: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.setenv("no_proxy", no_proxy.format(port=httpx.URL(api.url).port))
    assert fetch(flavor, api.url + "/v1/me").status_code == 200
    assert proxy.seen == [] and api.hits["/v1/me"] == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_explicit_proxy_wins_and_trust_env_false_ignores_the_environment(
    flavor: str, proxy: ForwardingProxy, api: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = ForwardingProxy()
    try:
        monkeypatch.setenv("HTTP_PROXY", other.url)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        assert fetch(flavor, api.url + "/v1/me", proxy=proxy.url).status_code == 200
        assert fetch(flavor, api.url + "/v1/me", proxy=proxy.url, trust_env=False).status_code == 200
        monkeypatch.delenv("NO_PROXY")
        assert fetch(flavor, api.url + "/v1/me", trust_env=False).status_code == 200
    finally:
        other.close()
    assert len(proxy.seen) == 2 and other.seen == []
    assert api.hits["/v1/me"] == 3


@pytest.mark.parametrize("flavor", FLAVORS)
def test_credentials_reach_the_proxy_and_nothing_else(
    flavor: str, api: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    guarded = ForwardingProxy(credentials=f"gatum:{SECRET}")
    try:
        authenticated = guarded.url.replace("http://", f"http://gatum:{SECRET}@")
        monkeypatch.setenv("HTTP_PROXY", authenticated)
        assert fetch(flavor, api.url + "/v1/me").status_code == 200
        wrong = guarded.url.replace("http://", "http://gatum:wrong@")
        assert fetch(flavor, api.url + "/v1/me", proxy=wrong).status_code == 407
    finally:
        guarded.close()
    expected = "Basic " + base64.b64encode(f"gatum:{SECRET}".encode()).decode()
    wrong_authorization = "Basic " + base64.b64encode(b"gatum:wrong").decode()
    assert [s.proxy_authorization for s in guarded.seen] == [expected, wrong_authorization]
    assert api.hits["/v1/me"] == 1
    # A proxy that is not there: the error says which, without the password.
    gone = f"http://gatum:{SECRET}@127.0.0.1:{closed_port()}"
    error = failure(flavor, api.url + "/v1/me", proxy=gone)
    assert isinstance(error, httpx.ConnectError)
    assert SECRET not in str(error) and SECRET not in repr(error)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_reprs_and_construction_errors_mask_the_password(flavor: str) -> None:
    url = f"http://gatum:{SECRET}@proxy.internal:3128"
    context = ssl_context(True)
    if flavor == "sync":
        assert SECRET not in repr(sync_transport(context, DEFAULT_LIMITS, proxy=url))
    else:
        assert SECRET not in repr(async_transport(context, DEFAULT_LIMITS, flavor, proxy=url))  # type: ignore[arg-type]
    with pytest.raises(ValueError) as caught:
        sync_transport(context, DEFAULT_LIMITS, proxy=f"ftp://gatum:{SECRET}@proxy.internal:3128")
    assert SECRET not in str(caught.value) and "[secure]" in str(caught.value)


@pytest.fixture
def tls_api(tmp_path: Path) -> Iterator[tuple[TLSServer, ssl.SSLContext]]:
    ca = trustme.CA()
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    with TLSServer(server_context) as server:
        yield server, client_context


@pytest.mark.parametrize("flavor", FLAVORS)
def test_https_goes_through_a_connect_tunnel(
    flavor: str, tls_api: tuple[TLSServer, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, trusted = tls_api
    guarded = ForwardingProxy(credentials=f"gatum:{SECRET}")
    try:
        monkeypatch.setenv("HTTPS_PROXY", guarded.url.replace("http://", f"http://gatum:{SECRET}@"))
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")  # for http:// only
        assert fetch(flavor, server.url + "/v1/me", verify=trusted).status_code == 200
        # A tunnel the proxy refuses: nothing reached the API, and the password is nowhere.
        refused = failure(flavor, server.url + "/v1/me", verify=trusted, proxy=guarded.url)
    finally:
        guarded.close()
    assert [(s.method, s.target) for s in guarded.seen] == [("CONNECT", f"127.0.0.1:{server.port}")] * 2
    assert guarded.seen[0].proxy_authorization is not None and guarded.seen[1].proxy_authorization is None
    assert server.requests == ["GET /v1/me HTTP/1.1"]
    assert isinstance(refused, httpx.ProxyError) and "407" in str(refused)
    assert SECRET not in str(refused) and SECRET not in repr(refused)


def test_the_facade_takes_a_proxy_and_hides_its_password(api: LoopbackServer) -> None:
    gone = f"http://gatum:{SECRET}@127.0.0.1:{closed_port()}"
    with GatumRESTAPI(api.url, proxy=gone, max_retries=0) as facade:
        assert SECRET not in repr(facade)
        with pytest.raises(APIConnectionError) as caught:
            facade.account_info("tok")
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)
    assert not caught.value.outcome_unknown  # the proxy was never reached: nothing was sent
    assert api.hits["/v1/me"] == 0


def test_the_cli_takes_proxy_and_gatum_proxy(proxy: ForwardingProxy, api: LoopbackServer) -> None:
    environment = {"GATUM_BASE_URL": api.url, "GATUM_TOKEN": "tok-0123456789", "GATUM_PROXY": None}
    result = CliRunner().invoke(cli, ["me", "--json", "--proxy", proxy.url], env=environment)
    assert result.exit_code == 0, result.stderr
    result = CliRunner().invoke(cli, ["me", "--json"], env={**environment, "GATUM_PROXY": proxy.url})
    assert result.exit_code == 0, result.stderr
    assert [s.target for s in proxy.seen] == [api.url + "/v1/me"] * 2


def test_gatum_proxy_fills_in_only_when_no_proxy_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    assert proxy_from_environment(None) is None
    monkeypatch.setenv("HTTP_PROXY", "http://plain:3128")  # the transports' business, with trust_env
    assert proxy_from_environment(None) is None
    monkeypatch.setenv("GATUM_PROXY", "http://gatum:3128")
    assert proxy_from_environment(None) == "http://gatum:3128"
    assert proxy_from_environment("http://given:3128") == "http://given:3128"


# -- the rules, without sockets -----------------------------------------------------------------


def route(url: str) -> str | None:
    routes = ProxyRoutes.from_environment()
    return None if routes is None else routes.key_for(httpx.URL(url))


def test_which_variable_serves_which_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert route("http://api.test/") is None  # nothing set: no routes at all
    monkeypatch.setenv("HTTP_PROXY", "http://upper:1")
    monkeypatch.setenv("http_proxy", "http://lower:1")  # lower case wins, as in requests and curl
    monkeypatch.setenv("ALL_PROXY", "http://all:1")
    assert route("http://api.test/") == "http://lower:1"
    assert route("https://api.test/") == "http://all:1"
    monkeypatch.setenv("HTTPS_PROXY", "secure:3128")
    assert route("https://api.test/") == "secure:3128"
    assert str(parse_proxy("secure:3128").url) == "http://secure:3128"  # no scheme: http://


@pytest.mark.parametrize(
    ("no_proxy", "bypassed", "proxied"),
    [
        ("example.com", ["http://example.com", "http://api.example.com:8080"], ["http://myexample.com"]),
        (".example.com", ["http://example.com", "http://a.b.example.com"], ["http://example.org"]),
        ("*.example.com", ["http://api.example.com"], ["http://example.net"]),
        ("example.com:8080", ["http://example.com:8080"], ["http://example.com"]),
        ("example.com:443", ["https://example.com"], ["http://example.com"]),
        ("10.0.0.0/8, ::1", ["http://10.1.2.3", "http://[::1]:9"], ["http://11.0.0.1", "http://[::2]"]),
        ("[::1]:9,192.168.1.5", ["http://[::1]:9", "http://192.168.1.5"], ["http://[::1]:10", "http://192.168.1.6"]),
        ("*", ["http://anything.test", "http://127.0.0.1"], []),
        ("API.Example.COM", ["http://api.example.com"], ["http://example.com"]),
        ("0.0.1,localhost", ["http://localhost:8000"], ["http://127.0.0.1"]),  # an address is no name
    ],
)
def test_no_proxy_entries(
    no_proxy: str, bypassed: list[str], proxied: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://proxy.test:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert [url for url in bypassed if route(url) is not None] == []
    assert [url for url in proxied if route(url) is None] == []


def test_masked_proxy_url() -> None:
    assert masked_proxy_url(f"http://user:{SECRET}@proxy:3128") == "http://user:[secure]@proxy:3128"
    assert masked_proxy_url(f"http://{SECRET}@proxy:3128/x?y=1") == "http://[secure]@proxy:3128/x?y=1"
    assert masked_proxy_url(f"socks5://u:{SECRET}@[::1]:1080") == "socks5://u:[secure]@[::1]:1080"
    assert masked_proxy_url(f"u:{SECRET}@proxy:3128") == "u:[secure]@proxy:3128"
    assert masked_proxy_url("http://proxy:3128") == "http://proxy:3128"
    with pytest.raises(ValueError) as caught:
        parse_proxy(f"http://u:{SECRET}@proxy:port")
    assert SECRET not in str(caught.value)


def test_an_unusable_environment_proxy_fails_only_the_requests_it_serves(
    api: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALL_PROXY", f"socks5://u:{SECRET}@127.0.0.1:1080")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    assert fetch("aiohttp", api.url + "/v1/me").status_code == 200  # not through it: fine
    monkeypatch.delenv("NO_PROXY")
    error = failure("aiohttp", api.url + "/v1/me")
    assert isinstance(error, httpx.ConnectError) and "http:// proxies only" in str(error)
    assert SECRET not in str(error)
    with pytest.raises(ValueError, match="http:// proxies only"):
        async_transport(ssl_context(True), DEFAULT_LIMITS, "aiohttp", proxy="socks5://127.0.0.1:1080")


def test_the_reprs_show_the_proxy_without_its_password() -> None:
    from gatum_rest_py import Client, GatumRESTAPI

    proxy = "http://user:pw-123-secret@proxy.example.test:3128"
    for thing in (
        Client("https://api.example.test", proxy=proxy),
        GatumRESTAPI("https://api.example.test", proxy=proxy),
    ):
        shown = repr(thing)
        assert "proxy.example.test:3128" in shown and "user" in shown
        assert "pw-123-secret" not in shown
