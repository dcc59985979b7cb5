"""`make bench`: what the hand-written layer costs per call, measured without any network.

Each case sends the seed's send_sms through an in-process httpx MockTransport, so only client
code is timed: the generated endpoint with a plain AuthenticatedClient (baseline), then
GatumRESTAPI (argument mapping, spec validation, retry transport, token auth, response wrap),
with and without validation. Prints the median of several rounds, in microseconds per call.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import httpx
from gatum_client import AuthenticatedClient
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py._validation import validate_body

CALLS = 2000
ROUNDS = 5
BODY = b'{"status": true, "data": {"380957225759": [{"id_state": 598933232}]}}'
MESSAGE = {"number": ["380957225759", "380661093766"], "senderID": "Verify", "text": "Your OTP is 42488"}


def answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"Content-Type": "application/json"})


def per_call_us(fn: Callable[[], object]) -> float:
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(CALLS):
            fn()
        rounds.append((time.perf_counter() - start) / CALLS * 1e6)
    return statistics.median(rounds)


def main() -> int:
    transport = httpx.MockTransport(answer)
    plain = AuthenticatedClient("https://gatum.test", token="t", prefix="", auth_header_name="X-Access-Token")
    plain.set_httpx_client(httpx.Client(base_url="https://gatum.test", transport=transport))
    api = GatumRESTAPI("https://gatum.test", transport=transport)
    unvalidated = GatumRESTAPI("https://gatum.test", transport=transport, validate=False)

    cases: dict[str, Callable[[], object]] = {
        "generated send_sms.sync_detailed (baseline)": lambda: send_sms.sync_detailed(
            client=plain, body=[SendMessage.from_dict(MESSAGE)]
        ),
        "GatumRESTAPI.send_sms": lambda: api.send_sms("t", MESSAGE["number"], "Verify", MESSAGE["text"]),
        "GatumRESTAPI.send_sms, validate=False": lambda: unvalidated.send_sms(
            "t", MESSAGE["number"], "Verify", MESSAGE["text"]
        ),
        "spec validation of one send body alone": lambda: validate_body("send_sms", "SendRequest", [MESSAGE], {}),
    }
    print(f"Python {sys.version.split()[0]}, httpx {httpx.__version__}; median of {ROUNDS} rounds x {CALLS} calls")
    baseline = None
    for name, fn in cases.items():
        us = per_call_us(fn)
        baseline = baseline or us
        print(f"{name:<48} {us:8.1f} us/call  ({us / baseline:4.2f}x baseline)")
    api.close()
    unvalidated.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
