"""The sandbox's faults on demand (magic numbers 0006-0010), through its public HTTP API."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from gatum_rest_py.sandbox.pytest_plugin import GatumSandbox

from .conftest import wait_for
from .test_platform_limits import id_state_of, send


@pytest.fixture
def api(gatum_sandbox: GatumSandbox) -> Iterator[httpx.Client]:
    headers = {"X-Access-Token": gatum_sandbox.token()}
    with httpx.Client(base_url=gatum_sandbox.base_url, headers=headers, timeout=10.0) as client:
        yield client


@pytest.mark.gatum_sandbox(stall_seconds=30)
def test_0006_is_stored_and_delivered_but_the_answer_stalls(gatum_sandbox: GatumSandbox, api: httpx.Client) -> None:
    with pytest.raises(httpx.ReadTimeout):
        api.post(
            "/v1/send",
            json=[{"number": ["380957220006"], "senderID": "Verify", "text": "in doubt"}],
            timeout=httpx.Timeout(10.0, read=0.5),
        )
    [message] = gatum_sandbox.messages(number="380957220006")
    gatum_sandbox.wait_for_report(message["id_state"], "DELIVRD")
    records = api.post("/v1/sms-full-data", json={"phone": ["380957220006"]}).json()["data"]
    assert [(r["id_state"], r["state"]) for r in records] == [(message["id_state"], "DELIVRD")]


def test_0007_answers_429_once_then_accepts(gatum_sandbox: GatumSandbox, api: httpx.Client) -> None:
    refused = send(api, ["380957220007", "380957225759"])
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    assert gatum_sandbox.messages() == []  # nothing stored, not even the other number
    answer = send(api, ["380957220007", "380957225759"])
    id_state = id_state_of(answer, "380957220007")
    gatum_sandbox.wait_for_report(id_state, "DELIVRD")
    assert send(api, ["380957220007"]).status_code == 200  # once per account


def test_0008_sends_the_final_report_before_enroute_and_again_an_hour_later(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    id_state = id_state_of(send(api, ["380957220008"]), "380957220008")
    wait_for(lambda: len(gatum_sandbox.reports) == 2)
    assert [(r["id_state"], r["state"]) for r in gatum_sandbox.reports] == [
        (id_state, "DELIVRD"),
        (id_state, "ENROUTE"),
    ]
    gatum_sandbox.clock.advance(3600)
    wait_for(lambda: len(gatum_sandbox.reports) == 3)
    first, _, again = gatum_sandbox.reports
    assert again == first  # the same report, its time unchanged


def test_0009_is_delivered_but_no_report_is_ever_sent(gatum_sandbox: GatumSandbox, api: httpx.Client) -> None:
    answer = send(api, ["380957220009", "380957225759"])
    stranded, normal = id_state_of(answer, "380957220009"), id_state_of(answer, "380957225759")
    wait_for(lambda: gatum_sandbox.messages(number="380957220009")[0]["state"] == "DELIVRD")
    gatum_sandbox.wait_for_report(normal, "DELIVRD")
    gatum_sandbox.clock.advance(3000)  # a long while later (the token still valid)
    assert [r for r in gatum_sandbox.reports if r["id_state"] == stranded] == []
    assert gatum_sandbox.messages(number="380957220009")[0]["dlr_attempts"] == []
    records = api.post("/v1/sms-full-data", json={"phone": ["380957220009"]}).json()["data"]
    assert [(r["id_state"], r["state"]) for r in records] == [(stranded, "DELIVRD")]  # found by looking it up


def test_0010_a_multipart_message_whose_last_part_is_undelivered(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    answer = send(api, ["380957220010"], text="x" * 400)  # three parts of 153
    first, second, last = (p["id_state"] for p in answer.json()["data"]["380957220010"])
    gatum_sandbox.wait_for_report(last, "UNDELIV")
    finals = [(r["id_state"], r["part_no"], r["state"]) for r in gatum_sandbox.reports if r["state"] != "ENROUTE"]
    assert finals == [(first, 1, "DELIVRD"), (second, 2, "DELIVRD"), (last, 3, "UNDELIV")]
    single = id_state_of(send(api, ["380957220010"]), "380957220010")
    gatum_sandbox.wait_for_report(single, "DELIVRD")  # one part: nothing to differ from
