"""gatum_rest_py.webhooks access checks: the `secret` query parameter (constant time, never logged, 403
before anything reaches the store or the callback) and the allow-list of peer networks, through
handle, handle_async and the WSGI and ASGI apps."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from test_webhooks import SEED_ACK, SEED_BODY, EndlessInput, Recorder, body_of, report

from gatum_rest_py.webhooks import DeliveryReportReceiver, MemoryDedupeStore

# ---- access: the secret and the allow-list -------------------------------------------------------------

SECRET = "s3cr3t-K7vQ_x9"


class CountingStore(MemoryDedupeStore):
    """A memory store that counts what reached it: a refused delivery must reach nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def claim_many(self, keys: Any) -> Any:
        self.calls += 1
        return super().claim_many(keys)


@pytest.mark.parametrize(
    ("query", "why"),
    [
        (None, "no secret in the URL"),
        ("", "no secret in the URL"),
        ("token=" + SECRET, "no secret in the URL"),
        ("secret=", "wrong secret"),
        ("secret=" + SECRET[:-1], "wrong secret"),
        ("secret=" + SECRET + "x", "wrong secret"),
        ("secret=" + SECRET.upper(), "wrong secret"),
        (f"secret={SECRET}&secret=other", "more than one secret"),
        (b"secret=nope", "wrong secret"),
    ],
)
def test_a_missing_or_wrong_secret_is_403_and_reaches_nothing(
    query: Any, why: str, caplog: pytest.LogCaptureFixture
) -> None:
    callback, store = Recorder(), CountingStore()
    receiver = DeliveryReportReceiver(callback, secret=SECRET, dedupe_store=store)
    with caplog.at_level(logging.INFO, logger="gatum_rest_py.webhooks"):
        assert receiver.handle(SEED_BODY, query_string=query) == (403, [])
        status, payload = receiver.respond(SEED_BODY, query, None)
    assert (status, payload) == (403, {"error": "forbidden"})  # the answer does not say which check failed
    assert (callback.seen, store.calls, len(store)) == ([], 0, 0)
    assert why in caplog.text and SECRET not in caplog.text and "nope" not in caplog.text


@pytest.mark.parametrize("query", [f"secret={SECRET}", f"a=1&secret={SECRET}&b=2", f"secret={SECRET}".encode()])
def test_the_right_secret_passes(query: Any) -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, secret=SECRET)
    assert receiver.handle(SEED_BODY, query_string=query) == (200, SEED_ACK)
    assert len(callback.seen) == 2


def test_a_url_encoded_secret_is_decoded() -> None:
    receiver = DeliveryReportReceiver(Recorder(), secret="a/b+c=d")
    assert receiver.handle(SEED_BODY, query_string="secret=a%2Fb%2Bc%3Dd")[0] == 200
    assert receiver.handle(SEED_BODY, query_string="secret=a/b+c=d")[0] == 403  # a raw + is a space


def test_the_secret_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import gatum_rest_py.webhooks._access as access_module

    compared: list[tuple[bytes, bytes]] = []
    real = access_module.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(access_module.hmac, "compare_digest", spy)
    receiver = DeliveryReportReceiver(Recorder(), secret=SECRET)
    assert receiver.handle(b"[]", query_string="secret=guess")[0] == 403
    assert receiver.handle(b"[]", query_string=f"secret={SECRET}")[0] == 200
    assert compared == [(b"guess", SECRET.encode()), (SECRET.encode(), SECRET.encode())]


def test_the_secret_never_shows_in_a_repr() -> None:
    receiver = DeliveryReportReceiver(Recorder(), secret=SECRET, allow_networks=["203.0.113.0/24"])
    assert SECRET not in repr(receiver) and SECRET not in repr(receiver.access) and SECRET not in str(vars(receiver))
    assert "***" in repr(receiver) and "203.0.113.0/24" in repr(receiver)


@pytest.mark.parametrize("bad", ["", 123])
def test_an_empty_secret_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="secret must be a non-empty string"):
        DeliveryReportReceiver(Recorder(), secret=bad)


def test_a_forged_report_without_the_secret_does_not_block_the_genuine_one() -> None:
    """Issue 10: a forged UNDELIV for a real id, before the genuine DELIVRD, changes nothing."""
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, secret=SECRET)
    assert receiver.handle(body_of(report(598933232, state="UNDELIV")), query_string="") == (403, [])
    assert receiver.handle(body_of(report(598933232)), query_string=f"secret={SECRET}") == (200, ["598933232"])
    assert callback.seen == [598933232]


@pytest.mark.parametrize(
    ("peer", "allowed"),
    [
        ("203.0.113.9", True),
        ("203.0.113.255", True),
        ("203.0.114.1", False),
        ("::ffff:203.0.113.9", True),  # a dual-stack socket's IPv4 peer
        ("2001:db8::1", True),
        ("2001:db9::1", False),
        ("fe80::1%eth0", False),
        ("not-an-address", False),
        ("", False),
        (None, False),
    ],
)
def test_allow_networks(peer: str | None, allowed: bool) -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, allow_networks=["203.0.113.0/24", "2001:db8::/32"])
    assert receiver.handle(SEED_BODY, client_ip=peer) == ((200, SEED_ACK) if allowed else (403, []))
    assert len(callback.seen) == (2 if allowed else 0)


def test_allow_networks_and_secret_both_apply() -> None:
    receiver = DeliveryReportReceiver(Recorder(), secret=SECRET, allow_networks=["127.0.0.0/8"])
    assert receiver.handle(b"[]", query_string=f"secret={SECRET}", client_ip="127.0.0.1") == (200, [])
    assert receiver.handle(b"[]", query_string=f"secret={SECRET}", client_ip="10.0.0.1") == (403, [])
    assert receiver.handle(b"[]", query_string="secret=x", client_ip="127.0.0.1") == (403, [])


@pytest.mark.parametrize("bad", [["300.1.2.3/8"], ["example.com"], "10.0.0.0/8"])
def test_invalid_allow_networks(bad: Any) -> None:
    with pytest.raises((ValueError, TypeError), match="allow_networks"):
        DeliveryReportReceiver(Recorder(), allow_networks=bad)


async def test_handle_async_checks_access_too() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, secret=SECRET, allow_networks=["127.0.0.1/32"])
    assert await receiver.handle_async(SEED_BODY, query_string=f"secret={SECRET}", client_ip="127.0.0.2") == (403, [])
    assert await receiver.handle_async(SEED_BODY, query_string="", client_ip="127.0.0.1") == (403, [])
    assert callback.seen == []
    assert await receiver.handle_async(SEED_BODY, query_string=f"secret={SECRET}", client_ip="127.0.0.1") == (
        200,
        SEED_ACK,
    )


def test_wsgi_app_checks_the_secret_and_the_peer_before_reading_the_body() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, secret=SECRET, allow_networks=["192.0.2.0/24"])
    statuses: list[str] = []
    for query, peer in ((f"secret={SECRET}", "198.51.100.1"), ("secret=x", "192.0.2.1"), ("", "192.0.2.1")):
        stream = EndlessInput()
        environ = {"REQUEST_METHOD": "POST", "QUERY_STRING": query, "REMOTE_ADDR": peer, "wsgi.input": stream}
        environ["CONTENT_LENGTH"], environ["HTTP_X_FORWARDED_FOR"] = "100", "192.0.2.1"  # never trusted
        body = receiver.wsgi_app(environ, lambda status, headers: statuses.append(status))
        assert json.loads(b"".join(body)) == {"error": "forbidden"} and stream.sizes == []
    assert statuses == ["403 Forbidden"] * 3 and callback.seen == []
    with httpx.Client(transport=httpx.WSGITransport(app=receiver.wsgi_app, remote_addr="192.0.2.7")) as client:
        ok = client.post(f"http://t/restdlr?secret={SECRET}", content=SEED_BODY)
        assert (ok.status_code, ok.json()) == (200, SEED_ACK)


async def test_asgi_app_checks_the_secret_and_the_peer() -> None:
    callback = Recorder()
    receiver = DeliveryReportReceiver(callback, secret=SECRET, allow_networks=["192.0.2.0/24"])
    inside = httpx.ASGITransport(app=receiver.asgi_app, client=("192.0.2.7", 5000))
    outside = httpx.ASGITransport(app=receiver.asgi_app, client=("198.51.100.1", 5000))
    async with httpx.AsyncClient(transport=outside, base_url="http://t") as client:
        forged = await client.post(
            f"/restdlr?secret={SECRET}", content=SEED_BODY, headers={"X-Forwarded-For": "192.0.2.7"}
        )
        assert (forged.status_code, forged.json()) == (403, {"error": "forbidden"})
    async with httpx.AsyncClient(transport=inside, base_url="http://t") as client:
        assert (await client.post("/restdlr?secret=nope", content=SEED_BODY)).status_code == 403
        assert (await client.post("/restdlr", content=SEED_BODY)).status_code == 403
        assert callback.seen == []
        ok = await client.post(f"/restdlr?secret={SECRET}", content=SEED_BODY)
        assert (ok.status_code, ok.json()) == (200, SEED_ACK)
