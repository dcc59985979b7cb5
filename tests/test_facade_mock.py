"""Every GatumRESTAPI / AsyncGatumRESTAPI method against the Prism mock of openapi/gatum.yaml.

Each method, called with the seed README's example arguments, must pass Prism's request validation
and get a 200 whose `.parsed` is the model the spec documents for that 200, while `.json()`,
`.text`, `.content`, `.headers` and `.status_code` give the answer exactly as sent. Error statuses
(401 without a token, 400 for a request the server refuses) are returned, not raised, with
`.parsed` an ErrorResponse.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx
import pytest
from gatum_client.models import (
    AccessTokenResponse,
    AccountInfoResponse,
    CountryByContinentResponse,
    ErrorResponse,
    GenericSuccessResponse,
    GroupCreateResponse,
    GroupListResponse,
    GroupNumberSearchResponse,
    PriceListResponse,
    SendResponse,
    SmsFullDataResponse,
)
from gatum_client.spec_facts import OPERATIONS
from seed_values import PHONES, SEND_SMS_ARGS, TOKEN

from gatum_rest_py import AsyncGatumRESTAPI, BadRequestError, GatumResponse, GatumRESTAPI
from gatum_rest_py._spec import OPERATIONS_BY_ID

NUMBERS = [12345678900, 12345678901, 17133010164]
CONTACTS = [
    {"number": 12345678901, "name": "Iogan", "surname": "Bah", "date_birth": "1992-12-31", "male": "m"},
    {"number": 12345678900, "name": "Liza", "note_1": "tralivali"},
]

# method -> (arguments, model of the spec's 200 answer, operationId)
METHODS: dict[str, tuple[dict[str, Any], type, str]] = {
    "access_token": ({"username": "your_login", "password": "your_password"}, AccessTokenResponse, "accessToken"),
    "account_info": ({"access_token": TOKEN}, AccountInfoResponse, "accountInfo"),
    "register_customer": (
        {
            "login": "restap141i",
            "password": "restapirestapi",
            "name": "John",
            "phone": "1234567890",
            "email": "john.doe@gmail.com",
            "company_name": "John Doe LTD",
            "skype": "johndoe",
        },
        GenericSuccessResponse,
        "registerCustomer",
    ),
    "send_sms": (
        SEND_SMS_ARGS,
        SendResponse,
        "sendSms",
    ),
    "sms_full_data": (
        {
            "access_token": TOKEN,
            "mcc": 255,
            "mnc": 0,
            "sender_id": "Verify",
            "phone": PHONES,
            "id_base": [2, 4, 6, 22],
            "limit": None,
            "time_period": "2023-07-24 00:00:00 - 2023-07-24 23:59:59",
            "type_sms": "sms",
        },
        SmsFullDataResponse,
        "smsFullData",
    ),
    "replacement": (
        {"access_token": TOKEN, "numbers": ["380957225759", 380661093766], "sender_id": "Verify", "text": "Hi"},
        GenericSuccessResponse,
        "replacement",
    ),
    "list_group": ({"access_token": TOKEN, "limit": 10, "offset": 1}, GroupListResponse, "listGroups"),
    "create_group": (
        {
            "access_token": TOKEN,
            "name_group": "All clients",
            "time_birth": "13:00",
            "originator_birth": "Greetings",
            "text_birth": "Happy birthday, #first_name#!",
            "on_birth": True,
        },
        GroupCreateResponse,
        "createGroup",
    ),
    "delete_group": ({"access_token": TOKEN, "id_group": [957, 959]}, GenericSuccessResponse, "deleteGroups"),
    "group_number_add": (
        {"access_token": TOKEN, "id_group": 956, "numbers": CONTACTS},
        GenericSuccessResponse,
        "groupNumberAdd",
    ),
    "group_number_search": (
        {"access_token": TOKEN, "id_group": 956, "numbers": NUMBERS},
        GroupNumberSearchResponse,
        "groupNumberSearch",
    ),
    "group_number_delete": (
        {"access_token": TOKEN, "id_group": 956, "numbers": NUMBERS},
        GenericSuccessResponse,
        "groupNumberDelete",
    ),
    "send_bulk": (
        {
            "access_token": TOKEN,
            "sender_id": "VShop",
            "text": "Place an order today and get a discount",
            "id_group": [956, 959],
            "id_group_excluded": [957],
            "phone": ["1234567890", "1234567891"],
            "date_start": "2023-08-02",
            "time_start": "10:00",
            "time_stop": "17:00",
        },
        GenericSuccessResponse,
        "sendBulk",
    ),
    "black_list_add": (
        {"access_token": TOKEN, "numbers": [12345665777, 12345665772]},
        GenericSuccessResponse,
        "blackListAdd",
    ),
    "black_list_search": (
        {"access_token": TOKEN, "numbers": [12345665777, 12345665772]},
        GenericSuccessResponse,
        "blackListSearch",
    ),
    "black_list_delete": (
        {"access_token": TOKEN, "numbers": [12345665777, 12345665772]},
        GenericSuccessResponse,
        "blackListDelete",
    ),
    "logout": ({"access_token": TOKEN}, GenericSuccessResponse, "logout"),
    "product_price": ({"access_token": TOKEN, "iso": "full"}, PriceListResponse, "productPrice"),
    "account_price": ({"access_token": TOKEN, "iso": "UA", "mcc": 255, "mnc": 1}, PriceListResponse, "accountPrice"),
    "country_price": ({"access_token": TOKEN, "iso": "UA"}, PriceListResponse, "countryPrice"),
    "country_by_continent": ({"access_token": TOKEN}, CountryByContinentResponse, "countryByContinent"),
}
TOKEN_METHODS = sorted(name for name in METHODS if name not in ("access_token", "register_customer"))
# Methods taking a sender ID: 12 letters is over the limit, and the mock answers 400.
SENDER_ID_METHODS = ["send_sms", "send_bulk", "replacement"]


def public_methods(cls: type) -> set[str]:
    return {
        name
        for name in dir(cls)
        if not name.startswith("_") and callable(getattr(cls, name)) and name not in ("close", "aclose")
    } - BUILT_ON_METHODS


# Helpers built on the operation methods, tested on their own (tests/test_paging.py, tests/test_batch.py).
BUILT_ON_METHODS = {"iter_groups", "iter_sms_full_data", "send_messages"}


def test_table_covers_every_public_method() -> None:
    assert public_methods(GatumRESTAPI) == public_methods(AsyncGatumRESTAPI) == set(METHODS)
    # access_token is authorize + accesstoken; every other operation of the spec has its method.
    assert {operation for _, _, operation in METHODS.values()} | {"authorize"} == set(OPERATIONS)


# -- Prism's log ---------------------------------------------------------------------------------

_VERDICT = re.compile(r"\[VALIDATOR\].*(The request passed the validation rules|Request did not pass)")


class PrismLog:
    """The part of Prism's log written since it was opened."""

    def __init__(self, mock_server: Any) -> None:
        self._mock = mock_server
        self._offset = len(mock_server.log())

    def lines(self, requests: int) -> list[str]:
        """The new lines, once Prism has logged its validation verdict on `requests` requests."""
        deadline = time.monotonic() + 10.0
        while True:
            lines = self._mock.log()[self._offset :].splitlines()
            if sum(1 for line in lines if _VERDICT.search(line)) >= requests or time.monotonic() > deadline:
                return lines
            time.sleep(0.02)

    def received(self, requests: int) -> list[str]:
        """`<method> <path>` of each request Prism received."""
        found = [re.search(r"\[HTTP SERVER\] (\w+ \S+)", line) for line in self.lines(requests)]
        return [match.group(1) for match in found if match]

    def rejections(self, requests: int) -> list[str]:
        return [
            line
            for line in self.lines(requests)
            if "[VALIDATOR]" in line and ("error" in line or "✖" in line or "did not pass" in line)
        ]


def expected_paths(name: str) -> list[str]:
    if name == "access_token":
        return ["post /v1/authorize", "post /v1/accesstoken"]
    operation = OPERATIONS_BY_ID[METHODS[name][2]]
    return [f"{operation.method.lower()} {operation.path}"]


# -- 200: parsed to the spec's model, raw answer kept ---------------------------------------------


def check_ok(name: str, response: GatumResponse[Any], log: PrismLog) -> None:
    _, model, operation = METHODS[name]
    assert isinstance(response, GatumResponse)
    assert response.status_code == 200, response.text
    assert response.is_success
    assert isinstance(response.parsed, model), response.parsed
    assert response.parsed.status is True
    assert response.operation_id == operation
    assert response.outcome_unknown is False
    body = json.loads(response.content)
    assert response.json() == body
    assert json.loads(response.text) == body
    assert body["status"] is True
    assert "data" in body
    assert response.parsed.to_dict() == body  # the model keeps every field of the answer
    assert response.headers["content-type"].startswith("application/json")
    assert isinstance(response.headers, httpx.Headers)
    assert response.http_response.status_code == 200
    assert response.raise_for_status() is response
    paths = expected_paths(name)
    assert log.received(len(paths)) == paths
    assert log.rejections(len(paths)) == []


@pytest.mark.parametrize("name", sorted(METHODS))
def test_sync_method_against_the_mock(name: str, mock_server: Any, mock_url: str) -> None:
    log = PrismLog(mock_server)
    with GatumRESTAPI(mock_url + "/") as api:
        response = getattr(api, name)(**METHODS[name][0])
    check_ok(name, response, log)


@pytest.mark.parametrize("name", sorted(METHODS))
async def test_async_method_against_the_mock(name: str, mock_server: Any, mock_url: str) -> None:
    log = PrismLog(mock_server)
    async with AsyncGatumRESTAPI(mock_url + "/") as api:
        response = await getattr(api, name)(**METHODS[name][0])
    check_ok(name, response, log)


def test_one_instance_serves_every_method_in_turn(mock_server: Any, mock_url: str) -> None:
    with GatumRESTAPI(mock_url) as api:
        for name in sorted(METHODS):
            log = PrismLog(mock_server)
            check_ok(name, getattr(api, name)(**METHODS[name][0]), log)


# -- error statuses are returned, not raised ------------------------------------------------------


def check_error(response: GatumResponse[Any], status: int) -> None:
    assert response.status_code == status, response.text
    assert not response.is_success
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.status is False
    body = response.json()
    assert body == json.loads(response.text)
    assert body["status"] is False
    assert body["error_code"] == status
    assert response.parsed.to_dict() == body
    assert response.outcome_unknown is False  # a 4xx is a refusal: nothing was done


@pytest.mark.parametrize("name", TOKEN_METHODS)
def test_sync_call_without_token_returns_the_401(name: str, mock_url: str) -> None:
    kwargs = {**METHODS[name][0], "access_token": None}
    with GatumRESTAPI(mock_url + "/") as api:
        response = getattr(api, name)(**kwargs)
    check_error(response, 401)
    assert "x-access-token" not in response.http_response.request.headers


@pytest.mark.parametrize("name", TOKEN_METHODS)
async def test_async_call_without_token_returns_the_401(name: str, mock_url: str) -> None:
    kwargs = {**METHODS[name][0], "access_token": None}
    async with AsyncGatumRESTAPI(mock_url + "/") as api:
        response = await getattr(api, name)(**kwargs)
    check_error(response, 401)


@pytest.mark.parametrize("name", SENDER_ID_METHODS)
def test_sync_refused_request_returns_the_400(name: str, mock_url: str) -> None:
    kwargs = {**METHODS[name][0], "sender_id": "Verify123456"}
    with GatumRESTAPI(mock_url + "/", validate=False) as api:
        response = getattr(api, name)(**kwargs)
    check_error(response, 400)
    with pytest.raises(BadRequestError):
        response.raise_for_status()


@pytest.mark.parametrize("name", SENDER_ID_METHODS)
async def test_async_refused_request_returns_the_400(name: str, mock_url: str) -> None:
    kwargs = {**METHODS[name][0], "sender_id": "Verify123456"}
    async with AsyncGatumRESTAPI(mock_url + "/", validate=False) as api:
        response = await getattr(api, name)(**kwargs)
    check_error(response, 400)


def test_refused_login_returns_the_authorize_400(mock_server: Any, mock_url: str) -> None:
    log = PrismLog(mock_server)
    with GatumRESTAPI(mock_url + "/", validate=False) as api:
        response = api.access_token(username="", password="")
    check_error(response, 400)
    assert response.operation_id == "authorize"
    assert log.received(1) == ["post /v1/authorize"]  # accesstoken never called


async def test_async_refused_login_returns_the_authorize_400(mock_server: Any, mock_url: str) -> None:
    log = PrismLog(mock_server)
    async with AsyncGatumRESTAPI(mock_url + "/", validate=False) as api:
        response = await api.access_token(username="", password="")
    check_error(response, 400)
    assert log.received(1) == ["post /v1/authorize"]
