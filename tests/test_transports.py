"""Transport options: pool `limits` that keep `verify`, and the aiohttp backend under the retry policy.

The aiohttp backend must tell "nothing was sent" from "the request may have left" as httpx does:
httpx-aiohttp reports a connection dropped after the request as a connect timeout, which the
retry policy would repeat (a second paid SMS). Against the scripted loopback server, which
counts every request that reaches it.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest
import trustme
from fault_server import OK_ME, OK_SEND, Drop, ScriptedServer, closed_port
from gatum_client.api.account import account_info
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage, SendResponse
from test_tls import TLSServer

from gatum_rest_py import APIConnectionError, Client, _retry
from gatum_rest_py._transports import DEFAULT_LIMITS

NUMBERS = ["380957225759"]


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(_retry, "sleep", lambda seconds: None)
    monkeypatch.setattr(_retry, "async_sleep", no_sleep)


def pool_of(transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> object:
    inner = transport._inner  # type: ignore[union-attr]  # the RetryTransport's wrapped transport
    return inner._pool


def test_limits_reach_the_pool_and_verify_is_kept(tmp_path: Path) -> None:
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    limits = httpx.Limits(max_connections=7, max_keepalive_connections=3)
    with Client("https://gatum.test", verify=str(ca_file), limits=limits) as client:
        pool = pool_of(client.get_httpx_client()._transport)
        assert pool._max_connections == 7 and pool._max_keepalive_connections == 3  # type: ignore[attr-defined]
        context = pool._ssl_context  # type: ignore[attr-defined]
        assert isinstance(context, ssl.SSLContext) and context.verify_mode == ssl.CERT_REQUIRED
        assert any("trustme" in str(cert.get("issuer")) for cert in context.get_ca_certs())
    with Client("https://gatum.test") as client:
        assert pool_of(client.get_httpx_client()._transport)._max_connections == DEFAULT_LIMITS.max_connections  # type: ignore[attr-defined]


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


# -- cookies: the jar is consulted only when an answer sets one (see gatum_rest_py._http._Cookies) --


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


# -- request URLs: the join of base_url and a path is kept (see gatum_rest_py._http._Policy._merge_url) --


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
        assert len(pool._merged) <= 256  # type: ignore[attr-defined]
