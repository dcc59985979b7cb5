"""The sandbox as a test harness, through its public HTTP API: the clock (token expiry, scheduled
sends, lifetimes, redelivery back-off), the rate limit, the balance, the report queue and its
"Resend all", and the reset and control routes. Uses the project's own pytest plugin fixtures
(`gatum_sandbox`), as a user's test would."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gatum_rest_py.sandbox import SandboxConfig
from gatum_rest_py.sandbox._cli import config_from, parser
from gatum_rest_py.sandbox.pytest_plugin import GatumSandbox

from .conftest import wait_for

UA = 0.025  # the price of one part to Ukraine


@pytest.fixture
def api(gatum_sandbox: GatumSandbox) -> Iterator[httpx.Client]:
    """Raw HTTP on the test's sandbox, with a token of the fixtures' account."""
    headers = {"X-Access-Token": gatum_sandbox.token()}
    with httpx.Client(base_url=gatum_sandbox.base_url, headers=headers, timeout=10.0) as client:
        yield client


def send(api: httpx.Client, numbers: list[str], **extra: Any) -> httpx.Response:
    return api.post("/v1/send", json=[{"number": numbers, "senderID": "Verify", "text": "Code 42", **extra}])


def id_state_of(response: httpx.Response, number: str) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["data"][number][0]["id_state"])


def test_tokens_expire_after_an_hour_of_sandbox_time(gatum_sandbox: GatumSandbox, api: httpx.Client) -> None:
    assert api.get("/v1/me").status_code == 200
    gatum_sandbox.clock.advance(3590)
    assert api.get("/v1/me").status_code == 200
    gatum_sandbox.clock.advance(11)
    assert api.get("/v1/me").json() == {"status": False, "error_code": 401, "errors": "unauthorized"}
    # a new token's expires_at is on the sandbox clock
    code = api.post("/v1/authorize", json={"username": "later", "password": "p"}).json()["data"]
    token = api.post("/v1/accesstoken", json=code).json()["data"]
    assert token["expires_at"] == pytest.approx(gatum_sandbox.clock.now() + 3600, abs=5)


@pytest.mark.gatum_sandbox(dlr_delay=100)
def test_a_scheduled_send_waits_for_its_time_then_runs_its_delays(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    at = time.gmtime(gatum_sandbox.clock.now() + 7200)
    day, clock_time = time.strftime("%Y-%m-%d", at), time.strftime("%H:%M:%S", at)
    id_state = id_state_of(send(api, ["380957221001"], beginDate=day, beginTime=clock_time), "380957221001")
    [message] = gatum_sandbox.messages(number="380957221001")
    assert (message["state"], message["waiting"], message["send_at"]) == ("ACCEPTD", True, f"{day} {clock_time}")
    gatum_sandbox.clock.advance(7200 - 30)
    assert gatum_sandbox.messages(number="380957221001")[0]["waiting"]
    gatum_sandbox.clock.advance(30 + 50)  # sent, and halfway through the DLR delay
    gatum_sandbox.wait_for_report(id_state, "ENROUTE")
    assert [r["state"] for r in gatum_sandbox.reports] == ["ENROUTE"]
    gatum_sandbox.clock.advance(50)
    gatum_sandbox.wait_for_report(id_state, "DELIVRD")
    assert not gatum_sandbox.messages(number="380957221001")[0]["waiting"]


def test_a_send_time_in_the_past_or_in_no_calendar_goes_out_at_once(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    # the spec's Date accepts year 0000 and 29 February of every year
    for number, day in (("380957221011", "0000-01-01"), ("380957221012", "2023-02-29")):
        id_state = id_state_of(send(api, [number], beginDate=day, beginTime="10:00"), number)
        gatum_sandbox.wait_for_report(id_state, "DELIVRD")
        assert gatum_sandbox.messages(number=number)[0]["send_at"] is None


@pytest.mark.gatum_sandbox(dlr_delay=600)
def test_a_lifetime_shorter_than_the_delivery_expires_the_message(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    id_state = id_state_of(send(api, ["380957221002"], lifetime=60), "380957221002")
    gatum_sandbox.clock.advance(60)
    report = gatum_sandbox.wait_for_report(id_state, "EXPIRED")
    assert report["phone"] == "380957221002"
    states = [s["state"] for s in gatum_sandbox.messages(number="380957221002")[0]["states"]]
    assert states == ["ACCEPTD", "ENROUTE", "EXPIRED"]


@pytest.mark.gatum_sandbox(rate_limit="2/min")
def test_over_the_rate_limit_429_with_retry_after_and_nothing_stored(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    assert [send(api, ["380957221003"]).status_code for _ in range(2)] == [200, 200]
    refused = send(api, ["380957221003"])
    assert refused.status_code == 429 and 50 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json() == {"status": False, "error_code": 429, "errors": "too_many_requests"}
    assert api.get("/v1/me").status_code == 429  # every call with a token counts, per account
    assert len(gatum_sandbox.messages(number="380957221003")) == 2
    other = httpx.post(  # another account has its own budget
        f"{gatum_sandbox.base_url}/v1/send",
        json=[{"number": ["380957221003"], "senderID": "Verify", "text": "hi"}],
        headers={"X-Access-Token": gatum_sandbox.token("someone-else")},
    )
    assert other.status_code == 200
    gatum_sandbox.clock.advance(60)  # the window has room again
    assert send(api, ["380957221003"]).status_code == 200
    assert len(gatum_sandbox.messages(number="380957221003")) == 4


@pytest.mark.gatum_sandbox(enforce_balance=True)
def test_a_send_beyond_the_balance_is_blocked_no_money_and_not_charged(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    gatum_sandbox.set_balance(0.03)
    answer = send(api, ["380957221004", "380957221005"])  # one part each, 0.025: the first fits
    assert answer.json() == {
        "status": True,
        "data": {"380957221004": [{"id_state": id_state_of(answer, "380957221004")}]},
    }
    assert [(b["to"], b["reason"]) for b in gatum_sandbox.blocked] == [("380957221005", "no_money")]
    assert gatum_sandbox.messages(number="380957221005") == []
    assert api.get("/v1/me").json()["data"]["balance"] == pytest.approx(0.03 - UA)
    refused = send(api, ["380957221006"])
    assert (refused.status_code, refused.json()["errors"]) == (400, {"number": ["no_money"]})
    gatum_sandbox.set_balance(10)
    assert send(api, ["380957221006"]).status_code == 200
    with pytest.raises(ValueError, match="no account"):
        gatum_sandbox.set_balance(1, login="nobody")


def test_without_enforce_balance_the_balance_may_go_below_zero(gatum_sandbox: GatumSandbox, api: httpx.Client) -> None:
    gatum_sandbox.set_balance(0.0)
    assert send(api, ["380957221007"]).status_code == 200
    assert api.get("/v1/me").json()["data"]["balance"] == pytest.approx(-UA)
    api.post("/v1/black-list-add", json={"numbers": ["380957221008"]})
    assert send(api, ["380957221008"]).status_code == 400
    assert [b["reason"] for b in gatum_sandbox.blocked] == ["phone_in_black_list"]


def test_reports_whose_attempts_fail_wait_in_the_queue_until_resend_all(
    gatum_sandbox: GatumSandbox, api: httpx.Client
) -> None:
    gatum_sandbox.webhook_down = True
    id_state = id_state_of(send(api, ["380957221009"]), "380957221009")
    attempts = lambda: gatum_sandbox.messages(number="380957221009")[0]["dlr_attempts"]  # noqa: E731
    wait_for(lambda: len(attempts()) == 2)  # the first attempt of ENROUTE and of DELIVRD, both 503
    gatum_sandbox.clock.advance(1 + 2 + 4 + 8)  # the whole back-off at once: no sleeping
    wait_for(lambda: len(gatum_sandbox.queued_reports) == 2)
    assert sorted((a["state"], a["attempt"], a["status"]) for a in attempts()) == [
        (state, n, 503) for state in ("DELIVRD", "ENROUTE") for n in range(1, 6)
    ]
    queued = sorted((q["id_state"], q["state"]) for q in gatum_sandbox.queued_reports)
    assert queued == [(id_state, "DELIVRD"), (id_state, "ENROUTE")]
    assert gatum_sandbox.reports == []

    gatum_sandbox.webhook_down = False
    assert gatum_sandbox.resend_all_reports() == 2
    gatum_sandbox.wait_for_report(id_state, "DELIVRD")
    gatum_sandbox.wait_for_report(id_state, "ENROUTE")
    assert gatum_sandbox.queued_reports == []
    assert gatum_sandbox.resend_all_reports() == 0


def test_a_reset_forgets_everything_and_cancels_what_is_pending(gatum_sandbox: GatumSandbox) -> None:
    with httpx.Client(base_url=gatum_sandbox.base_url) as http:
        token = gatum_sandbox.token()
        http.post("/_sandbox/reset", json={"dlr_delay": 3600})
        assert http.get("/v1/me", headers={"X-Access-Token": token}).status_code == 401
        token = gatum_sandbox.token()
        answer = http.post(
            "/v1/send",
            json=[{"number": ["380957221010"], "senderID": "Verify", "text": "x"}],
            headers={"X-Access-Token": token},
        )
        assert answer.json()["data"]["380957221010"][0]["id_state"] == 598933232  # ids start again
        gatum_sandbox.clock.advance(100)
        assert http.post("/_sandbox/reset").json()["reset"] is True
        assert gatum_sandbox.clock.now() == pytest.approx(time.time(), abs=5)  # the wall clock again
        assert gatum_sandbox.messages() == [] and gatum_sandbox.reports == []
        assert http.post("/_sandbox/reset", json={"colour": "red"}).status_code == 400
        assert http.post("/_sandbox/reset", json={"rate_limit": "fast"}).status_code == 400
        assert http.post("/_sandbox/clock/advance", params={"seconds": -1}).status_code == 400
        assert http.post("/_sandbox/clock/advance", params={"seconds": "soon"}).status_code == 400
        assert http.post("/_sandbox/clock/advance", params={"seconds": 1e300}).status_code == 400
        assert http.post("/_sandbox/webhook", content=b"{}").status_code == 400


def test_cli_options_of_the_limits() -> None:
    config = config_from(parser().parse_args(["--rate-limit", "50/s", "--enforce-balance", "--stall-seconds", "9"]))
    assert (config.rate_limit, config.enforce_balance, config.stall_seconds) == ("50/s", True, 9.0)
    assert config_from(parser().parse_args([])).rate_limit is None
    with pytest.raises(ValueError, match="N/s"):
        SandboxConfig(rate_limit="50 per second")
