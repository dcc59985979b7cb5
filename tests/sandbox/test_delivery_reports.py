"""Delivery scenarios of the sandbox: ENROUTE then the final state, each POSTed to the webhook,
the magic numbers' outcomes, redelivery of unacknowledged reports, and the switch for final-only."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from gatum_client.models import DeliveryReport

from gatum_rest_py.sandbox import SandboxConfig, running_sandbox
from gatum_rest_py.sandbox._cli import config_from, parser

from .conftest import DLR_DELAY, LOOPBACK, Webhook, inbox, login, send, wait_for


@pytest.mark.parametrize(
    ("number", "extra", "final"),
    [
        ("380957220001", {}, "UNDELIV"),
        ("380957220002", {"lifetime": 1}, "EXPIRED"),
        ("380957220003", {}, "REJECTD"),
        ("380957225759", {}, "DELIVRD"),
    ],
)
def test_magic_numbers_pick_the_final_state_after_enroute(
    http: httpx.Client, token: str, webhook: Webhook, number: str, extra: dict[str, Any], final: str
) -> None:
    started = time.monotonic()
    response = send(http, token, [number], callback_url=webhook.url, **extra)
    id_state = response.json()["data"][number][0]["id_state"]
    wait_for(lambda: len(webhook.bodies) == 2)
    assert webhook.states() == [(id_state, "ENROUTE"), (id_state, final)]
    enroute_at, final_at = (at - started for at in webhook.arrived)
    assert enroute_at >= DLR_DELAY / 2  # halfway
    # EXPIRED waits for the lifetime (1 s), the others come after the DLR delay
    assert final_at >= (1.0 if final == "EXPIRED" else DLR_DELAY)
    assert inbox(http, number)[0]["state"] == final
    assert [s["state"] for s in inbox(http, number)[0]["states"]] == ["ACCEPTD", "ENROUTE", final]


def test_magic_0004_delivers_the_final_report_twice(
    http: httpx.Client, token: str, webhook: Webhook, receiver_url: tuple[str, list[DeliveryReport]]
) -> None:
    response = send(http, token, ["380957220004"], callback_url=webhook.url)
    id_state = response.json()["data"]["380957220004"][0]["id_state"]
    wait_for(lambda: len(webhook.bodies) == 3)
    time.sleep(0.2)  # and no fourth time: every delivery was acknowledged
    assert webhook.states() == [(id_state, "ENROUTE"), (id_state, "DELIVRD"), (id_state, "DELIVRD")]
    assert webhook.bodies[1] == webhook.bodies[2]  # the same body, again

    # The project's receiver acknowledges both deliveries of DELIVRD but processes it once.
    url, received = receiver_url
    response = send(http, token, ["380957220004"], callback_url=url)
    id_state = response.json()["data"]["380957220004"][0]["id_state"]
    wait_for(lambda: len(_attempts(http, id_state)) == 3)
    assert [(r.id_state, r.state) for r in received] == [(id_state, "ENROUTE"), (id_state, "DELIVRD")]
    assert _attempts(http, id_state) == [
        ("ENROUTE", 1, 200, f'["{id_state}"]'),
        ("DELIVRD", 1, 200, f'["{id_state}"]'),
        ("DELIVRD", 2, 200, f'["{id_state}"]'),
    ]


def _attempts(http: httpx.Client, id_state: int) -> list[tuple[str, int, int, str]]:
    [message] = [m for m in inbox(http, "380957220004") if m["id_state"] == id_state]
    return [(a["state"], a["attempt"], a["status"], a["answer"]) for a in message["dlr_attempts"]]


def test_magic_0005_answers_500_after_storing(http: httpx.Client, token: str, webhook: Webhook) -> None:
    response = send(http, token, ["380957220005"], callback_url=webhook.url)
    assert response.status_code == 500
    assert response.json() == {"status": False, "error_code": 500, "errors": "internal_error"}
    records = http.post("/v1/sms-full-data", json={"phone": ["380957220005"]}, headers={"X-Access-Token": token})
    [record] = records.json()["data"]  # the outcome was unknown to the client, but it was sent
    wait_for(lambda: len(webhook.bodies) == 2)
    assert webhook.states() == [(record["id_state"], "ENROUTE"), (record["id_state"], "DELIVRD")]


def test_final_report_waits_for_a_slow_enroute_answer(http: httpx.Client, token: str, webhook: Webhook) -> None:
    def answer(reports: list[dict[str, Any]]) -> tuple[int, Any]:
        if reports[0]["state"] == "ENROUTE":
            time.sleep(0.4)  # longer than the rest of the DLR delay
        return 200, [str(r["id_state"]) for r in reports]

    webhook.answer = answer
    response = send(http, token, ["380957225762"], callback_url=webhook.url)
    id_state = response.json()["data"]["380957225762"][0]["id_state"]
    wait_for(lambda: len(webhook.bodies) == 2)
    assert webhook.states() == [(id_state, "ENROUTE"), (id_state, "DELIVRD")]
    assert webhook.arrived[1] - webhook.arrived[0] >= 0.4  # sent after the ENROUTE answer came


def test_unacknowledged_reports_are_redelivered_up_to_5_times_per_state(
    http: httpx.Client, token: str, webhook: Webhook
) -> None:
    webhook.answer = lambda reports: (500, {"error": "busy"})
    send(http, token, ["380957225760"], callback_url=webhook.url)
    wait_for(lambda: len(webhook.bodies) == 10)
    time.sleep(0.5)  # 0.05 + 0.1 + 0.2 + 0.4 s of backoff are over: no sixth attempt of either state
    assert len(webhook.bodies) == 10
    assert len(webhook.bodies_in("ENROUTE")) == len(webhook.bodies_in("DELIVRD")) == 5
    # ENROUTE's redeliveries do not hold the final state back: DELIVRD came before the last of them
    states = [body[0]["state"] for body in webhook.bodies]
    assert states.index("DELIVRD") < len(states) - 1 - states[::-1].index("ENROUTE")
    attempts = inbox(http, "380957225760")[0]["dlr_attempts"]
    for state in ("ENROUTE", "DELIVRD"):
        per_state = [(a["attempt"], a["status"]) for a in attempts if a["state"] == state]
        assert per_state == [(n, 500) for n in range(1, 6)], state


def test_only_unacknowledged_reports_come_again(http: httpx.Client, token: str, webhook: Webhook) -> None:
    webhook.answer = lambda reports: (200, [str(r["id_state"]) for r in reports if r["part_no"] == 1])
    send(http, token, ["380957225761"], callback_url=webhook.url, text="x" * 200)  # two parts
    wait_for(lambda: len(webhook.bodies) == 10)
    for state in ("ENROUTE", "DELIVRD"):
        bodies = webhook.bodies_in(state)
        assert [len(body) for body in bodies] == [2, 1, 1, 1, 1], state
        assert {body[0]["part_no"] for body in bodies[1:]} == {2}, state


def test_reports_only_to_allowed_hosts_and_the_refusal_is_on_the_inbox(http: httpx.Client, token: str) -> None:
    send(http, token, ["380957225763"], callback_url="http://example.invalid/restdlr")
    attempts = wait_for(lambda: len(a := inbox(http, "380957225763")[0]["dlr_attempts"]) == 2 and a)
    assert [(a["state"], a["attempt"], a["status"]) for a in attempts] == [("ENROUTE", 1, None), ("DELIVRD", 1, None)]
    assert all("not among the allowed callback hosts" in a["answer"] for a in attempts)


def test_no_intermediate_reports_sends_only_the_final_state(webhook: Webhook) -> None:
    assert config_from(parser().parse_args([])).intermediate_reports is True
    assert config_from(parser().parse_args(["--no-intermediate-reports"])).intermediate_reports is False
    config = SandboxConfig(dlr_delay=0.1, intermediate_reports=False, callback_hosts=LOOPBACK)
    with running_sandbox(config) as other, httpx.Client(base_url=other.base_url) as http:
        response = send(http, login(http, "final-only"), ["380957225764"], callback_url=webhook.url)
        id_state = response.json()["data"]["380957225764"][0]["id_state"]
        wait_for(lambda: webhook.bodies)
        time.sleep(0.2)  # the scenario is over: nothing else comes
        assert webhook.states() == [(id_state, "DELIVRD")]
        assert [s["state"] for s in inbox(http, "380957225764")[0]["states"]] == ["ACCEPTD", "ENROUTE", "DELIVRD"]
