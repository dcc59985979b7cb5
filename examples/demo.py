"""`make demo`: the client against the embedded Prism mock; nothing leaves this machine, no SMS is paid.

It starts the mock on a free loopback port, then walks through what a user does: log in, send
an OTP, look up what was sent, manage a group, the typed path with automatic login, asyncio,
and what errors look like. `make demo MOCK=sandbox` (`demo.py --mock sandbox`) runs the same walk
through against the stateful sandbox (gatum_rest_py.sandbox) instead: real ids, real states.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "mock"))

from gatum_client.api.sms import send_sms  # noqa: E402
from gatum_client.models import DeliveryReport, SendMessage  # noqa: E402
from prism_runner import MockStartError, running_mock  # noqa: E402

from gatum_rest_py import (  # noqa: E402
    AsyncGatumRESTAPI,
    AuthenticationError,
    Client,
    DeliveryReportReceiver,
    GatumRESTAPI,
    InvalidRequestError,
    acknowledgement,
)


def title(text: str) -> None:
    print(f"\n== {text}")


def seed_style(base_url: str) -> None:
    title("The vendor's old API, unchanged: GatumRESTAPI(base_url=...)")
    with GatumRESTAPI(base_url=base_url + "/") as client:
        response = client.access_token(username="your_login", password="your_password")
        print(f"access_token -> HTTP {response.status_code}: {response.json()}")
        token = response.json()["data"]["access_token"]

        response = client.send_sms(
            access_token=token,
            numbers=["380957225759", "380661093766"],
            sender_id="Verify",
            text="Your OTP is 42488",
            lifetime="86400",
        )
        print(f"send_sms -> HTTP {response.status_code}: {response.json()}")
        for number, parts in response.parsed.data.additional_properties.items():
            print(f"   typed: {number} accepted as id_state {[part.id_state for part in parts]}")

        response = client.sms_full_data(access_token=token, phone=["380957225759"])
        for record in response.parsed.data:
            print(f"sms_full_data -> {record.phone}: {record.state} at {record.time}")

        response = client.create_group(access_token=token, name_group="Clients for Promo")
        print(f"create_group -> {response.json()}")
        response = client.list_group(access_token=token, limit=10, offset=0)
        print(f"list_group -> {[group.name_group for group in response.parsed.data]}")


def typed_path(base_url: str) -> None:
    title("Typed path: generated endpoints + gatum_rest_py.Client (logs in by itself)")
    with Client(base_url, username="your_login", password="your_password") as client:
        body = [SendMessage.from_dict({"number": ["380957225759"], "senderID": "Verify", "text": "Your OTP is 1"})]
        result = send_sms.sync(client=client, body=body)
        print(f"send_sms.sync -> {type(result).__name__}: {result.to_dict() if result else None}")


async def async_path(base_url: str) -> None:
    title("asyncio: AsyncGatumRESTAPI, the same methods as coroutines")
    async with AsyncGatumRESTAPI(base_url, username="your_login", password="your_password") as client:
        me, groups = await asyncio.gather(client.account_info(None), client.list_group(None, id_group=957))
        print(f"account_info -> {me.parsed.data.login}; list_group -> {groups.parsed.data[0].name_group}")


def delivery_reports(base_url: str) -> None:
    title("Delivery reports: a webhook receiver, and the mock's callback to it")
    received: list[DeliveryReport] = []
    receiver = DeliveryReportReceiver(received.append)
    server = make_server("127.0.0.1", 0, receiver.wsgi_app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        callback_url = f"http://127.0.0.1:{server.server_port}/restdlr"
        with GatumRESTAPI(base_url) as client:
            token = client.access_token(username="your_login", password="your_password").json()["data"]["access_token"]
            numbers = ["380957225759", "380661093766"]
            client.send_sms(token, numbers, "Verify", "Your OTP is 42488", callback_url=callback_url)
        # The sandbox reports ENROUTE first, then the final state; Prism fires its canned pair.
        deadline = time.monotonic() + 10
        while len(final := [r for r in received if r.state != "ENROUTE"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        for report in received:
            print(f"report {report.id_state}: {report.phone} {report.state} at {report.time}")
        print(f"acknowledged: {acknowledgement(final)}")
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def errors(base_url: str) -> None:
    title("Errors")
    with GatumRESTAPI(base_url) as client:
        try:
            client.send_sms("token", ["380957225759"], "Verify123456", "hi")
        except InvalidRequestError as exc:
            print(f"caught before sending: {exc}")
        response = client.account_info(access_token=None)
        print(f"no token -> returned, as the old client did: HTTP {response.status_code} {response.json()}")
    with Client(base_url) as client:
        from gatum_client.api.account import account_info

        try:
            account_info.sync(client=client)
        except AuthenticationError as exc:
            print(f"typed path raises: {type(exc).__name__}: {exc}")


def walk_through(base_url: str) -> None:
    seed_style(base_url)
    typed_path(base_url)
    asyncio.run(async_path(base_url))
    delivery_reports(base_url)
    errors(base_url)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mock", choices=["prism", "sandbox"], default="prism", help="what to run against")
    if parser.parse_args(argv).mock == "sandbox":
        from gatum_rest_py.sandbox import SandboxConfig, running_sandbox

        with running_sandbox(SandboxConfig(dlr_delay=1.0, callback_hosts=frozenset({"127.0.0.1"}))) as sandbox:
            print(f"Gatum sandbox on {sandbox.base_url} (inbox page: {sandbox.base_url}/)")
            walk_through(sandbox.base_url)
        print("\nDone: every call above went to the local sandbox.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with running_mock(Path(tmp) / "prism.log") as mock:
                print(f"Prism mock of openapi/gatum.yaml on {mock.base_url}")
                walk_through(mock.base_url)
        except MockStartError as exc:
            print(f"cannot start the mock: {exc}", file=sys.stderr)
            return 1
    print("\nDone: every call above went to the local mock.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
