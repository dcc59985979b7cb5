"""TLS: certificates are always verified, failures are never retried, bad settings fail at construction.

A real HTTPS server on loopback with a throw-away CA (trustme) counts, on the server side,
every TCP connection, every completed handshake and every HTTP request, so "exactly one
attempt" and "nothing was sent" are measured, not assumed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import socket
import ssl
import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from gatum_client.api.account import account_info as account_info_api

from gatum_rest_py import APIConnectionError, AsyncGatumRESTAPI, Client, GatumRESTAPI, _retry, _tls

TOKEN = "tls-test-token"
ME = {"status": True, "data": {"login": "your_login"}}
SENT = {"status": True, "data": {"380957225759": [{"id_state": 598933232}]}}


class TLSServer:
    """HTTPS on 127.0.0.1, one exchange per connection, counting what reaches it."""

    def __init__(self, context: ssl.SSLContext | None) -> None:
        self._context = context  # None: plain TCP that answers HTTP (for https:// to a non-TLS port)
        self.connections = 0
        self.handshakes = 0
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> TLSServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._sock.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with self._lock:
                self.connections += 1
            threading.Thread(target=self._exchange, args=(conn,), daemon=True).start()

    def _exchange(self, raw: socket.socket) -> None:
        raw.settimeout(5)
        try:
            conn = self._context.wrap_socket(raw, server_side=True) if self._context is not None else raw
        except (ssl.SSLError, OSError):
            raw.close()  # the client refused our certificate, or spoke no TLS
            return
        with conn:
            if self._context is None:
                # What an HTTP server says to a TLS ClientHello (the client sees a wrong TLS version).
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            with self._lock:
                self.handshakes += 1
            try:
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    head += chunk
            except (ssl.SSLError, OSError):
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            with self._lock:
                self.requests.append(request_line)
            body = json.dumps(SENT if " /v1/send " in request_line else ME).encode()
            answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            conn.sendall(answer + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def _server_context(ca: trustme.CA, *hosts: str) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert(*hosts).configure_cert(context)
    return context


@pytest.fixture
def trusted_server(ca: trustme.CA) -> Iterator[TLSServer]:
    with TLSServer(_server_context(ca, "127.0.0.1")) as server:
        yield server


@pytest.fixture
def untrusted_server() -> Iterator[TLSServer]:
    with TLSServer(_server_context(trustme.CA(), "127.0.0.1")) as server:  # a CA nobody trusts
        yield server


@pytest.fixture
def wrong_host_server(ca: trustme.CA) -> Iterator[TLSServer]:
    with TLSServer(_server_context(ca, "other.example")) as server:  # trusted CA, another host's name
        yield server


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """A retry, if one happened, would not slow the suite down (and is still counted by the server)."""
    monkeypatch.setattr(_retry, "sleep", lambda seconds: None)

    async def no_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(_retry, "async_sleep", no_sleep)


# -- what verify= accepts ----------------------------------------------------------------------


def test_a_ca_bundle_file_is_trusted(trusted_server: TLSServer, ca_file: Path) -> None:
    for verify in (str(ca_file), ca_file):  # str and os.PathLike
        with GatumRESTAPI(trusted_server.url, verify=verify) as api:
            assert api.account_info(access_token=TOKEN).json() == ME
    assert trusted_server.requests == ["GET /v1/me HTTP/1.1"] * 2


def test_a_verifying_ssl_context_is_used(trusted_server: TLSServer, ca_file: Path) -> None:
    context = ssl.create_default_context(cafile=str(ca_file))
    with Client(trusted_server.url, access_token=TOKEN, verify=context) as client:
        me = account_info_api.sync(client=client)
    assert me is not None
    assert me.data.login == "your_login"
    assert trusted_server.handshakes == 1


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command to hash a CA directory")
def test_a_ca_directory_is_trusted(trusted_server: TLSServer, ca: trustme.CA, tmp_path: Path) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "test-ca.pem"))
    subprocess.run(["openssl", "rehash", str(tmp_path)], check=True, capture_output=True)
    with GatumRESTAPI(trusted_server.url, verify=str(tmp_path)) as api:
        assert api.account_info(access_token=TOKEN).status_code == 200


def test_a_ca_directory_without_the_server_ca_fails_verification(trusted_server: TLSServer, tmp_path: Path) -> None:
    with GatumRESTAPI(trusted_server.url, verify=tmp_path) as api, pytest.raises(APIConnectionError) as caught:
        api.account_info(access_token=TOKEN)
    assert "certificate failed verification" in str(caught.value)
    assert trusted_server.connections == 1


@pytest.mark.parametrize(
    "verify",
    [False, 0, 1, [], None, b"/etc/ssl/certs", 0.0, object()],
    ids=["False", "0", "1", "empty-list", "None", "bytes", "float", "object"],
)
def test_values_that_are_not_a_verification_setting_are_refused_at_construction(verify: Any) -> None:
    with pytest.raises(ValueError, match="TLS verification cannot be switched off"):
        Client("https://restapi.example", access_token=TOKEN, verify=verify)
    with pytest.raises(ValueError, match="TLS verification cannot be switched off"):
        GatumRESTAPI("https://restapi.example", verify=verify)


@pytest.mark.parametrize("name", ["missing.pem", ""])
def test_a_path_that_does_not_exist_is_refused_at_construction(name: str, tmp_path: Path) -> None:
    path = str(tmp_path / name) if name else name
    with pytest.raises(ValueError, match="no such CA bundle file or CA directory"):
        Client("https://restapi.example", access_token=TOKEN, verify=path)


def test_a_file_that_holds_no_certificate_is_refused_at_construction(tmp_path: Path) -> None:
    bogus = tmp_path / "ca.pem"
    bogus.write_text("not a certificate\n")
    with pytest.raises(ValueError, match="cannot load CA certificates"):
        GatumRESTAPI("https://restapi.example", verify=bogus)


def test_a_context_without_host_name_checks_is_refused_at_construction(ca_file: Path) -> None:
    context = ssl.create_default_context(cafile=str(ca_file))
    context.check_hostname = False
    with pytest.raises(ValueError, match="check_hostname=False"):
        Client("https://restapi.example", access_token=TOKEN, verify=context)


def test_a_context_without_certificate_checks_is_refused_at_construction() -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="CERT_NONE"):
        AsyncGatumRESTAPI("https://restapi.example", verify=context)


def test_derived_clients_keep_the_verification(
    trusted_server: TLSServer, untrusted_server: TLSServer, wrong_host_server: TLSServer, ca_file: Path
) -> None:
    refused = (f"{untrusted_server.url}/v1/me", f"{wrong_host_server.url}/v1/me")  # unknown CA; another host's name

    async def refused_async(derived: Client) -> None:
        try:
            for url in refused:
                with pytest.raises((APIConnectionError, httpx.ConnectError), match=r"(?i)certificate"):
                    await derived.get_async_httpx_client().get(url)
        finally:
            await derived.aclose()

    with Client(trusted_server.url, access_token=TOKEN, verify=ca_file) as client:
        for derived in (client.with_headers({"X-Trace": "1"}), client.with_options(timeout=5, max_retries=0)):
            # The CA file is kept: with the default bundle this server would be refused.
            assert account_info_api.sync(client=derived) is not None
            # Verification is kept, host names included, in the blocking and the asyncio pools alike.
            for url in refused:
                with pytest.raises((APIConnectionError, httpx.ConnectError), match=r"(?i)certificate"):
                    derived.get_httpx_client().get(url)
            asyncio.run(refused_async(derived))
            derived.close()
    assert trusted_server.requests == ["GET /v1/me HTTP/1.1"] * 2
    for server in (untrusted_server, wrong_host_server):
        assert server.handshakes == 0 and server.requests == []


# -- certificate failures: one attempt, a clear error, never "outcome unknown" ------------------


def _assert_certificate_failure(error: APIConnectionError, server: TLSServer) -> None:
    assert "certificate failed verification" in str(error)
    assert error.outcome_unknown is False
    assert "after" not in str(error).split(":")[0], "must not say it was attempted several times"
    assert server.connections == 1, "a certificate failure was retried"
    assert server.handshakes == 0
    assert server.requests == []


def test_an_untrusted_certificate_fails_after_one_attempt_for_a_read_only_call(untrusted_server: TLSServer) -> None:
    with GatumRESTAPI(untrusted_server.url, max_retries=5) as api, pytest.raises(APIConnectionError) as caught:
        api.account_info(access_token=TOKEN)
    _assert_certificate_failure(caught.value, untrusted_server)


def test_an_untrusted_certificate_fails_after_one_attempt_for_a_send(untrusted_server: TLSServer) -> None:
    with GatumRESTAPI(untrusted_server.url) as api, pytest.raises(APIConnectionError) as caught:
        api.send_sms(access_token=TOKEN, numbers=["380957225759"], sender_id="Verify", text="hi")
    _assert_certificate_failure(caught.value, untrusted_server)


def test_a_certificate_for_another_host_fails_after_one_attempt(wrong_host_server: TLSServer, ca_file: Path) -> None:
    with Client(wrong_host_server.url, access_token=TOKEN, verify=ca_file) as client:
        with pytest.raises(APIConnectionError) as caught:
            account_info_api.sync(client=client)
    _assert_certificate_failure(caught.value, wrong_host_server)
    assert "127.0.0.1" in str(caught.value)  # OpenSSL names the host that did not match


async def test_an_untrusted_certificate_fails_after_one_attempt_asyncio(untrusted_server: TLSServer) -> None:
    async with AsyncGatumRESTAPI(untrusted_server.url) as api:
        with pytest.raises(APIConnectionError) as caught:
            await api.account_info(access_token=TOKEN)
    _assert_certificate_failure(caught.value, untrusted_server)


def test_https_to_a_port_without_tls_fails_after_one_attempt() -> None:
    with TLSServer(None) as server, GatumRESTAPI(server.url) as api, pytest.raises(APIConnectionError) as caught:
        api.account_info(access_token=TOKEN)
    assert "TLS handshake failed" in str(caught.value)
    assert server.connections == 1
    assert caught.value.outcome_unknown is False


def test_a_handshake_cut_off_by_the_peer_is_still_retried() -> None:
    """An EOF in the handshake is the peer going away, not a verdict on its certificate."""
    request = httpx.Request("GET", "https://restapi.example/v1/send")
    eof = ssl.SSLEOFError(8, "EOF occurred in violation of protocol")
    cut = httpx.ConnectError("handshake cut off")
    cut.__cause__ = eof
    bad = ssl.SSLCertVerificationError(1, "certificate verify failed")
    inner = httpx.ConnectError("inner")  # httpx wraps httpcore's error, which wraps the ssl one
    inner.__context__ = bad
    refused = httpx.ConnectError("certificate verify failed")
    refused.__cause__ = inner
    assert _tls.tls_failure(cut) is None
    assert _retry._retryable_error(request, cut)
    assert _tls.tls_failure(refused) is bad
    assert not _retry._retryable_error(request, refused)


# -- credentials over plain http:// -------------------------------------------------------------


def _cleartext_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "gatum_rest_py" and "plain HTTP" in r.getMessage()]


def test_plain_http_to_a_remote_host_is_warned_about_once(caplog: pytest.LogCaptureFixture) -> None:
    host = f"gw-{uuid.uuid4().hex[:8]}.example"  # the warning is once per host and process
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py"):
        Client(f"http://user:hunter2@{host}:8080/", username="login", password="pw-secret")
        Client(f"http://{host}:8080", access_token=TOKEN)
        GatumRESTAPI(f"http://{host}:8080")
    warnings = _cleartext_warnings(caplog)
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert f"http://{host}:8080" in message
    assert "hunter2" not in message
    assert "user" not in message


def test_a_client_given_its_token_per_call_is_warned_about_too(caplog: pytest.LogCaptureFixture) -> None:
    host = f"gw-{uuid.uuid4().hex[:8]}.example"
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py"):
        GatumRESTAPI(f"http://{host}")  # the old API: api.send_sms(token, ...) sends the token on each call
    assert len(_cleartext_warnings(caplog)) == 1


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:4010", "http://127.8.9.1", "http://localhost:8000/", "http://[::1]:4010", "https://gw.example"],
)
def test_loopback_and_https_are_not_warned_about(base_url: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py"):
        Client(base_url, access_token=TOKEN)
    assert _cleartext_warnings(caplog) == []
