"""Delivery reports end to end: /v1/send on the Prism mock with a `callback_url`, Prism fires the spec's
`deliveryReport` callback (its example body) at a local receiver built with gatum_rest_py.webhooks (the
secret in the callback URL, a loopback allow-list), served by wsgiref, and validates the receiver's
acknowledgement against the spec's DeliveryAcknowledgement.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
import pytest
import yaml
from conftest import SPEC, Mock
from gatum_client import AuthenticatedClient
from gatum_client.api.sms import send_sms
from gatum_client.models import DeliveryReport, SendMessage, SendResponse

from gatum_rest_py.webhooks import DeliveryReportReceiver, acknowledgement, parse_delivery_reports

WAIT = 10.0  # seconds; a callback normally arrives within milliseconds
TOKEN = "e2e-token"
WEBHOOK_SECRET = "e2e-webhook-secret_9f3K"

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def callback_example() -> list[dict[str, Any]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    example: list[dict[str, Any]] = spec["components"]["requestBodies"]["DeliveryReports"]["content"][
        "application/json"
    ]["example"]
    return example


class Tap:
    """WSGI middleware recording each exchange as it went over the wire: (path, request body, status, response body)."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self.exchanges: list[tuple[str, bytes, str, bytes]] = []
        self._changed = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        statuses: list[str] = []

        def record_status(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            statuses.append(status)
            return start_response(status, headers, exc_info)

        answer = b"".join(self.app(environ, record_status))
        with self._changed:
            self.exchanges.append((environ["PATH_INFO"], body, statuses[-1], answer))
            self._changed.notify_all()
        return [answer]

    def wait_for(self, count: int) -> list[tuple[str, bytes, str, bytes]]:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.exchanges) >= count, WAIT), (
                f"{count} callback(s) expected within {WAIT}s, got {len(self.exchanges)}"
            )
            return list(self.exchanges)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(app: WsgiApp) -> Iterator[str]:
    """Serve `app` with wsgiref on a free loopback port until the block ends; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(WAIT)
        assert not thread.is_alive()


def send_with_callback(mock_url: str, callback_url: str) -> SendResponse:
    client = AuthenticatedClient(base_url=mock_url, token=TOKEN, prefix="", auth_header_name="X-Access-Token")
    with client:
        message = SendMessage.from_dict(
            {"number": ["380957225759"], "senderID": "Verify", "text": "hi", "callback_url": callback_url}
        )
        response = send_sms.sync_detailed(client=client, body=[message])
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, SendResponse)
    return response.parsed


def prism_callback_lines(mock: Mock, start: int, callback_url: str) -> list[str]:
    """Prism's log lines about the callback to `callback_url` logged after offset `start`, once complete.

    Prism logs the callback, "Received callback response", then any violation of the response against the
    spec. The section ends at the next request Prism logs; a harmless request is sent to close it.
    """
    deadline = time.monotonic() + WAIT
    closing_request_sent = False
    while True:
        lines = mock.log()[start:].splitlines()
        begin = next((i for i, line in enumerate(lines) if f"callback to {callback_url}..." in line), None)
        if begin is not None:
            rest = lines[begin + 1 :]
            end = next((i for i, line in enumerate(rest) if "[HTTP SERVER]" in line or "callback to " in line), None)
            if end is not None:
                return lines[begin : begin + 1 + end]
            done = any("Received callback response" in line or "Request failed" in line for line in rest)
            if done and not closing_request_sent:
                httpx.get(f"{mock.base_url}/v1/me", headers={"X-Access-Token": TOKEN}, timeout=WAIT)
                closing_request_sent = True
        if time.monotonic() > deadline:
            raise AssertionError(f"no complete callback to {callback_url} in Prism's log:\n" + "\n".join(lines[-40:]))
        time.sleep(0.05)


def test_mock_callback_is_received_parsed_and_acknowledged(mock_server: Mock, mock_url: str) -> None:
    example = callback_example()
    expected_ack = [str(item["id_state"]) for item in example]
    received: list[DeliveryReport] = []
    tap = Tap(DeliveryReportReceiver(received.append, secret=WEBHOOK_SECRET, allow_networks=["127.0.0.0/8"]).wsgi_app)

    with serving(tap) as receiver_url:
        callback_url = f"{receiver_url}/dlr?secret={WEBHOOK_SECRET}"  # the secret rides in the configured URL
        start = len(mock_server.log())
        sent = send_with_callback(mock_url, callback_url)
        ((path, body, status, answer),) = tap.wait_for(1)
        first = prism_callback_lines(mock_server, start, callback_url)

        # The platform would redeliver unacknowledged reports; a repeat is acknowledged without a second call.
        start = len(mock_server.log())
        send_with_callback(mock_url, callback_url)
        second_exchange = tap.wait_for(2)[1]
        second = prism_callback_lines(mock_server, start, callback_url)

    assert sent.data.additional_properties  # the mock answered the send with id_states per number
    assert path == "/dlr"
    assert json.loads(body) == example  # Prism sent the spec's example…
    assert [r.to_dict() for r in parse_delivery_reports(body)] == example  # …which validates against the schema
    assert [r.to_dict() for r in received] == example  # each report reached the callback once
    assert (status, json.loads(answer)) == ("200 OK", expected_ack)
    assert expected_ack == acknowledgement(received)
    assert second_exchange[2:] == ("200 OK", answer)
    for lines in (first, second):
        # Prism got the answer and found nothing in it that breaks the spec's DeliveryAcknowledgement.
        assert any("Received callback response" in line for line in lines), lines
        assert not [line for line in lines if "Violation" in line or "Request failed" in line or "✖" in line], lines


def test_mock_flags_an_acknowledgement_that_breaks_the_spec(mock_server: Mock, mock_url: str) -> None:
    """The control for the check above: an answer of integers instead of strings is reported by Prism."""

    def integers(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        ids = [r.id_state for r in parse_delivery_reports(environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"])))]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(ids).encode()]

    tap = Tap(integers)
    with serving(tap) as receiver_url:
        callback_url = f"{receiver_url}/dlr"
        start = len(mock_server.log())
        send_with_callback(mock_url, callback_url)
        tap.wait_for(1)
        lines = prism_callback_lines(mock_server, start, callback_url)
    violations = [line for line in lines if "Violation" in line]
    assert violations and all("must be string" in line for line in violations), lines


@pytest.fixture(autouse=True)
def _no_stray_servers() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    stray = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert not stray, f"threads left running: {stray}"
