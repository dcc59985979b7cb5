"""Fixtures of the sandbox tests: one sandbox for the session (uvicorn in a thread, short delays),
every response it sends recorded and checked against the spec after each test, and webhook
receivers on loopback.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import httpx
import pytest

pytest.importorskip("starlette", reason="the sandbox needs the [sandbox] extra (starlette, uvicorn)")

from conformance import spec_tools
from gatum_client.models import DeliveryReport
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gatum_rest_py import DeliveryReportReceiver
from gatum_rest_py.sandbox import RunningSandbox, SandboxConfig, running_sandbox

DLR_DELAY = 0.2
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The one response the spec does not document: the magic number 0005 makes /v1/send answer 500.
UNDOCUMENTED_ALLOWED = {("sendSms", "500"): "#/components/schemas/ErrorResponse"}


@dataclass
class Recorded:
    method: str
    path: str
    status: int
    body: bytes


@dataclass
class Recorder:
    """ASGI middleware keeping every response of the spec's operations."""

    app: ASGIApp
    responses: list[Recorded] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, chunks = 0, []

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, recording_send)
        self.responses.append(Recorded(scope["method"], scope["path"], status, b"".join(chunks)))


def spec_problems(response: Recorded) -> list[str]:
    """How a recorded response breaks the spec ([] when it conforms or is not a spec operation)."""
    path = "/" + response.path.lstrip("/")
    op = next((o for o in spec_tools.operations() if o.path == path and o.method.upper() == response.method), None)
    if op is None:
        return []
    status = str(response.status)
    if status in op.definition["responses"]:
        content, _ = op.response(status)
        schema = content["content"]["application/json"]["schema"]
        location = schema.get("$ref") or f"{op.location}/responses/{status}/content/application~1json/schema"
    elif (op.operation_id, status) in UNDOCUMENTED_ALLOWED:
        location = UNDOCUMENTED_ALLOWED[(op.operation_id, status)]
    else:
        return [f"{op.label}: status {status} is not documented"]
    found = spec_tools.errors(location, json.loads(response.body))
    return [f"{op.label} {status}: {problem}" for problem in found]


@pytest.fixture(scope="session")
def recorder_box() -> dict[str, Recorder]:
    return {}


@pytest.fixture(scope="session")
def sandbox(recorder_box: dict[str, Recorder]) -> Iterator[RunningSandbox]:
    def wrap(app: ASGIApp) -> ASGIApp:
        recorder_box["recorder"] = Recorder(app)
        return recorder_box["recorder"]

    config = SandboxConfig(dlr_delay=DLR_DELAY, retry_delay=0.05, callback_hosts=LOOPBACK)
    with running_sandbox(config, wrap=wrap) as running:
        yield running


@pytest.fixture(autouse=True)
def responses_match_spec(request: pytest.FixtureRequest, recorder_box: dict[str, Recorder]) -> Iterator[None]:
    """After each test, every response the sandbox sent during it is checked against the spec."""
    recorder = recorder_box.get("recorder")
    start = len(recorder.responses) if recorder else 0
    yield
    recorder = recorder_box.get("recorder")
    if recorder is None:
        return
    problems = [p for response in recorder.responses[start:] for p in spec_problems(response)]
    assert not problems, "the sandbox answered outside the spec:\n" + "\n".join(problems[:20])


@pytest.fixture
def http(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sandbox.base_url, timeout=10.0) as client:
        yield client


def login(http: httpx.Client, username: str, password: str = "pw") -> str:
    code = http.post("/v1/authorize", json={"username": username, "password": password}).json()["data"]
    token = http.post("/v1/accesstoken", json={"authorization_code": code["authorization_code"]}).json()["data"]
    return str(token["access_token"])


@pytest.fixture
def token(http: httpx.Client, request: pytest.FixtureRequest) -> str:
    """A token of an account of this test alone (state never leaks between tests)."""
    return login(http, f"user-{request.node.name}"[:60])


@dataclass
class Webhook:
    """A loopback webhook: records every POSTed body (and when it came, `time.monotonic()`);
    `answer` decides the reply."""

    url: str
    bodies: list[Any]
    answer: Callable[[list[dict[str, Any]]], tuple[int, Any]]
    arrived: list[float] = field(default_factory=list)

    def reports(self) -> list[dict[str, Any]]:
        return [report for body in self.bodies for report in body]

    def states(self) -> list[tuple[int, str]]:
        """(id_state, state) of every report received, in the order they came."""
        return [(r["id_state"], r["state"]) for r in self.reports()]

    def bodies_in(self, state: str) -> list[Any]:
        """The bodies whose reports are all in `state`."""
        return [body for body in self.bodies if {r["state"] for r in body} == {state}]


@pytest.fixture
def webhook() -> Iterator[Webhook]:
    bodies: list[Any] = []
    hook = Webhook("", bodies, lambda reports: (200, [str(r["id_state"]) for r in reports]))
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:  # concurrent deliveries: body i arrived at arrived[i]
                hook.arrived.append(time.monotonic())
                bodies.append(body)
            status, answer = hook.answer(body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    hook.url = f"http://127.0.0.1:{server.server_port}/restdlr"
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()


def wait_for(condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.02)
    raise AssertionError(f"not within {timeout} s")


def send(http: httpx.Client, token: str, numbers: list[str], **extra: Any) -> httpx.Response:
    message = {"number": numbers, "senderID": "Verify", "text": "Your OTP is 42488", **extra}
    return http.post("/v1/send", json=[message], headers={"X-Access-Token": token})


def inbox(http: httpx.Client, number: str) -> list[dict[str, Any]]:
    return http.get("/_sandbox/messages", params={"number": number}).json()["messages"]  # type: ignore[no-any-return]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver_url() -> Iterator[tuple[str, list[DeliveryReport]]]:
    """The project's DeliveryReportReceiver on loopback: its callback's reports, in order."""
    received: list[DeliveryReport] = []
    server = make_server("127.0.0.1", 0, DeliveryReportReceiver(received.append).wsgi_app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/restdlr", received
    finally:
        server.shutdown()
        server.server_close()
