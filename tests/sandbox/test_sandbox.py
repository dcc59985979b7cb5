"""The sandbox remembers: tokens, sends with delivery reports, sms-full-data, groups, black list,
senders, balance, and the magic numbers of its documentation."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import httpx
import pytest
from conftest import ROOT
from gatum_client.models import DeliveryReport

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.sandbox import RunningSandbox, SandboxConfig, running_sandbox

from .conftest import LOOPBACK, Webhook, inbox, login, send, wait_for


def test_send_gives_a_report_with_its_id_state_and_sms_full_data_the_final_state(
    sandbox: RunningSandbox, receiver_url: tuple[str, list[DeliveryReport]]
) -> None:
    url, received = receiver_url
    with GatumRESTAPI(base_url=sandbox.base_url + "/") as client:
        token = client.access_token(username="done-when", password="any").json()["data"]["access_token"]
        response = client.send_sms(
            access_token=token, numbers=["380957225759"], sender_id="Verify", text="Your OTP is 42488", callback_url=url
        )
        assert response.status_code == 200, response.text
        id_state = response.json()["data"]["380957225759"][0]["id_state"]

        # ENROUTE, then the final state: the receiver's callback sees each (id_state, state) once
        wait_for(lambda: len(received) == 2)
        assert [(r.id_state, r.phone, r.state, r.text_sms) for r in received] == [
            (id_state, "380957225759", "ENROUTE", "Your OTP is 42488"),
            (id_state, "380957225759", "DELIVRD", "Your OTP is 42488"),
        ]
        records = client.sms_full_data(access_token=token, phone=["380957225759"]).json()["data"]
        assert [(r["id_state"], r["state"], r["originator"]) for r in records] == [(id_state, "DELIVRD", "Verify")]

        sent = client.account_info(access_token=token).json()["data"]
        assert sent["balance"] == pytest.approx(100.0 - 0.025)  # one part to Ukraine
    [message] = [m for m in inbox(httpx.Client(base_url=sandbox.base_url), "380957225759") if m["id_state"] == id_state]
    assert [s["state"] for s in message["states"]] == ["ACCEPTD", "ENROUTE", "DELIVRD"]
    assert [(a["state"], a["attempt"], a["status"], a["answer"]) for a in message["dlr_attempts"]] == [
        ("ENROUTE", 1, 200, f'["{id_state}"]'),
        ("DELIVRD", 1, 200, f'["{id_state}"]'),
    ]


def test_created_group_is_listed_with_its_contacts_and_bulk_reaches_them(http: httpx.Client, token: str) -> None:
    headers = {"x-access-token": token}  # header names are case-insensitive
    id_group = http.post("/v1/group-create", json={"name_group": "Clients", "on_birth": False}, headers=headers).json()[
        "data"
    ]["id_group"]
    contacts = {
        "id_group": id_group,
        "numbers": [{"number": 380957220010, "name": "Iogan"}, {"number": "380957220011"}],
    }
    assert http.post("/v1/group-number-add", json=contacts, headers=headers).status_code == 200
    groups = http.post("/v1/group", json={"limit": 10, "offset": 0}, headers=headers).json()["data"]
    assert [(g["id_group"], g["name_group"], g["count"]) for g in groups] == [(id_group, "Clients", 2)]
    found = http.post(
        "/v1/group-number-search", json={"id_group": id_group, "numbers": [380957220010]}, headers=headers
    )
    assert found.json()["data"] == [{"number": "380957220010", "name": "Iogan"}]

    bulk = {"senderID": "VShop", "text": "Hi #first_name#", "id_group": [id_group], "phone": ["380957220012"]}
    assert http.post("/v1/send-bulk", json=bulk, headers=headers).json() == {"status": True, "data": []}
    records = http.post("/v1/sms-full-data", json={"id_base": [id_group]}, headers=headers).json()["data"]
    assert sorted((r["phone"], r["text_sms"]) for r in records) == [
        ("380957220010", "Hi Iogan"), ("380957220011", "Hi "), ("380957220012", "Hi ")
    ]  # fmt: skip

    http.post("/v1/group-number-delete", json={"id_group": id_group, "numbers": ["380957220011"]}, headers=headers)
    assert http.post("/v1/group", json={"id_group": id_group}, headers=headers).json()["data"][0]["count"] == 1
    http.post("/v1/group-delete", json={"id_group": [id_group]}, headers=headers)
    assert http.post("/v1/group", json={}, headers=headers).json()["data"] == []
    refused = http.post("/v1/group-number-add", json=contacts, headers=headers)
    assert refused.status_code == 400 and refused.json()["errors"] == {"id_group": ["Group not found."]}


def test_parts_and_balance(http: httpx.Client, token: str) -> None:
    headers = {"X-Access-Token": token}
    cases = [("a" * 160, 1), ("a" * 161, 2), ("€" * 80, 1), ("ї" * 70, 1), ("ї" * 71, 2), ("😀" * 34, 1)]
    parts = 0
    for text, expected in cases:
        response = send(http, token, ["4915112345678"], text=text)
        assert len(response.json()["data"]["4915112345678"]) == expected, text[:3]
        parts += expected
    balance = http.get("/v1/me", headers=headers).json()["data"]["balance"]
    assert balance == pytest.approx(100.0 - parts * 0.075)  # Germany


def test_black_list_and_unregistered_sender_are_refused(http: httpx.Client, token: str) -> None:
    headers = {"X-Access-Token": token}
    http.post("/v1/black-list-add", json={"numbers": [380957225770]}, headers=headers)
    assert http.post("/v1/black-list-search", json={"numbers": ["380957225770", 1234567]}, headers=headers).json()[
        "data"
    ] == [380957225770]
    refused = send(http, token, ["380957225771", "380957225770"])
    assert refused.status_code == 400
    assert refused.json() == {
        "status": False,
        "error_code": 400,
        "errors": {"number": ["black_listed_number: 380957225770"]},
    }
    http.post("/v1/black-list-delete", json={"numbers": ["380957225770"]}, headers=headers)
    assert send(http, token, ["380957225770"]).status_code == 200

    message = {"number": ["380957225770"], "senderID": "Unverified", "text": "hi"}
    refused = http.post("/v1/send", json=[message], headers=headers)
    assert (refused.status_code, refused.json()["errors"]) == (400, {"senderID": ["not_registr_originator"]})
    invalid = http.post("/v1/send", json=[{**message, "senderID": "Verify123456"}], headers=headers)
    assert invalid.status_code == 400 and "senderID" in invalid.json()["errors"]


def test_tokens_are_real(http: httpx.Client) -> None:
    assert http.get("/v1/me").json() == {"status": False, "error_code": 401, "errors": "unauthorized"}
    assert http.get("/v1/me", headers={"X-Access-Token": "made-up"}).status_code == 401
    # the vendor's client sends `//v1/authorize` when its base URL ends with `/`
    code = http.post(
        f"{http.base_url}".rstrip("/") + "//v1/authorize", json={"username": "tok", "password": "p"}
    ).json()["data"]["authorization_code"]
    token = http.post("/v1/accesstoken", json={"authorization_code": code}).json()["data"]["access_token"]
    again = http.post("/v1/accesstoken", json={"authorization_code": code})
    assert again.status_code == 400 and "authorization_code" in again.json()["errors"]  # a code works once
    assert http.get("/v1/me", headers={"x-ACCESS-token": token}).json()["data"]["login"] == "tok"
    assert http.get("/v1/logout", headers={"X-Access-Token": token}).json() == {"status": True, "data": []}
    assert http.get("/v1/me", headers={"X-Access-Token": token}).status_code == 401


def test_users_file_restricts_logins_and_register_adds_one(tmp_path: Any) -> None:
    config = SandboxConfig(users={"alice": "secret"}, callback_hosts=LOOPBACK)
    with running_sandbox(config) as other, httpx.Client(base_url=other.base_url) as http:
        wrong = http.post("/v1/authorize", json={"username": "alice", "password": "nope"})
        assert (wrong.status_code, wrong.json()["errors"]) == (400, {"password": ["Incorrect username or password."]})
        assert http.post("/v1/authorize", json={"username": "bob", "password": "x"}).status_code == 400
        assert login(http, "alice", "secret")
        new = {"login": "bob", "password": "pw2", "name": "Bob", "phone": "123", "email": "bob@example.org"}
        assert http.post("/v1/register", json=new).json() == {"status": True, "data": {"login": "bob"}}
        assert http.post("/v1/register", json=new).json()["errors"] == {"login": ["This login is already taken."]}
        token = login(http, "bob", "pw2")
        assert http.get("/v1/me", headers={"X-Access-Token": token}).json()["data"]["email"] == "bob@example.org"


def test_filters_of_sms_full_data_and_php_empty_filters(http: httpx.Client, token: str, webhook: Webhook) -> None:
    headers = {"X-Access-Token": token}
    send(http, token, ["380957220101", "380957220001"], callback_url=webhook.url)
    wait_for(lambda: len(webhook.bodies) == 4)  # ENROUTE and the final state, of each number
    undelivered = http.post("/v1/sms-full-data", json={"state": ["UNDELIV"]}, headers=headers).json()["data"]
    assert [r["phone"] for r in undelivered] == ["380957220001"]
    everything = http.post("/v1/sms-full-data", json=[], headers=headers).json()["data"]  # the PHP client's `[]`
    assert {r["phone"] for r in everything} == {"380957220101", "380957220001"}
    page = http.post("/v1/sms-full-data", json={"limit": 1, "offset": 1}, headers=headers).json()["data"]
    assert [r["phone"] for r in page] == ["380957220001"]
    assert http.post("/v1/sms-full-data", json={"sender": "Other"}, headers=headers).json()["data"] == []
    past = {"time_period": "2020-01-01 00:00:00 - 2020-01-31 23:59:59"}
    assert http.post("/v1/sms-full-data", json=past, headers=headers).json()["data"] == []

    continents = http.post("/v1/country-by-continent", json=[], headers=headers).json()["data"]
    assert {"ISO": "UA", "country": "Ukraine", "MCC": 255} in continents["Europe"]
    for path in ("/v1/product-price", "/v1/account-price", "/v1/country-price"):
        assert len(http.post(path, json=[], headers=headers).json()["data"]) > 3
        [ua] = http.post(path, json={"ISO": "ua"}, headers=headers).json()["data"]
        assert (ua["ISO"], ua["price"], ua["currency"]) == ("UA", 0.025, "EUR")


def test_every_operation_answers_its_example(http: httpx.Client, token: str) -> None:
    """Each of the 22 operations answers its spec example with a documented status (the autouse
    fixture checks every body against the spec)."""
    from conformance import spec_tools

    # logout last: it ends the token
    for op in sorted(spec_tools.operations(), key=lambda op: op.operation_id == "logout"):
        headers = {} if op.definition.get("security") == [] else {"X-Access-Token": token}
        body = _example(op)
        response = http.request(op.method.upper(), op.path, json=body, headers=headers)
        assert str(response.status_code) in op.definition["responses"], (op.label, response.text)
        if op.operation_id not in {"groupNumberAdd", "groupNumberDelete", "sendBulk", "accessToken"}:
            assert response.status_code == 200, (op.label, response.text)  # these name groups/codes not made here


def _example(op: Any) -> Any:
    """The request example of an operation (the first of `examples` when there are several)."""
    found = op.request_body()
    if found is None:
        return None
    content = found[0]["content"]["application/json"]
    if "example" in content:
        return content["example"]
    return next(iter(content["examples"].values()))["value"]


def test_main_serves_on_a_free_port_and_imports_without_starlette() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "gatum_rest_py.sandbox", "--port", "0", "--dlr-delay", "0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        base_url = line.split()[3]
        answer = httpx.post(base_url + "/v1/authorize", json={"username": "u", "password": "p"}, timeout=10)
        assert answer.json()["data"]["authorization_code"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    blocked = "import sys; sys.modules['starlette'] = sys.modules['uvicorn'] = None; "
    blocked += "import gatum_rest_py, gatum_rest_py.sandbox"
    subprocess.run([sys.executable, "-c", blocked], check=True, timeout=60)


def test_the_inbox_json_says_when_it_is_cut_and_gives_all_when_asked(http: httpx.Client, token: str) -> None:
    numbers = [f"3809{n:03d}75559" for n in range(205)]  # none ending like the magic numbers (…0001-…0010)
    assert send(http, token, numbers).status_code == 200
    page = http.get("/_sandbox/messages").json()
    assert len(page["messages"]) == 200 and page["truncated"] is True  # the newest 200, and it says so
    every = http.get("/_sandbox/messages", params={"limit": "0"}).json()
    assert {m["to"] for m in every["messages"]} >= set(numbers) and every["truncated"] is False
    two = http.get("/_sandbox/messages", params={"number": "75559", "limit": "2"}).json()
    assert len(two["messages"]) == 2 and two["truncated"] is True
    assert http.get("/_sandbox/messages", params={"limit": "many"}).status_code == 400
