"""What GatumRESTAPI and AsyncGatumRESTAPI put on the wire, checked against the fact sheet (gatum-api.md).

Each method is called with the seed README's example arguments through an httpx MockTransport, and
the one request it sends is compared with what the fact sheet prescribes: HTTP method, URL (always
`/v1/...` under the base URL, never `//v1/...`), the JSON body exactly (wire names, optional
arguments left out, the `list_group` and `create_group` quirks, the send body as an array), and the
headers (`X-Access-Token` on every call but authorize, accesstoken and register). Also: per-call
tokens under threads and asyncio tasks, one pooled httpx client per instance, a finite default
timeout, and input checks that send nothing.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from gatum_client.models import AccessTokenResponse, ErrorResponse
from seed_values import BLACK_LIST, CONTACTS, GROUP_NUMBERS, PHONES, SEND_SMS_ARGS, SEND_SMS_WIRE, TOKEN

from gatum_rest_py import AsyncGatumRESTAPI, GatumResponse, GatumRESTAPI, InvalidRequestError

SEED_BASE_URL = "https://restapi.gatum.io/"
ORIGIN = "https://restapi.gatum.io"
NO_BODY = object()


ERROR_400 = {"status": False, "error_code": 400, "errors": {"password": ["Incorrect username or password."]}}


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    kwargs: dict[str, Any]
    http_method: str
    path: str
    body: Any = NO_BODY
    token: bool = True


CASES = [
    Case("account_info", "account_info", {"access_token": TOKEN}, "GET", "/v1/me"),
    Case(
        "register_customer",
        "register_customer",
        {
            "login": "restap141i",
            "password": "restapirestapi",
            "name": "John",
            "phone": "1234567890",
            "email": "john.doe@gmail.com",
            "company_name": "John Doe LTD",
            "skype": "johndoe",
        },
        "POST",
        "/v1/register",
        {
            "login": "restap141i",
            "password": "restapirestapi",
            "name": "John",
            "phone": "1234567890",
            "email": "john.doe@gmail.com",
            "company_name": "John Doe LTD",
            "skype": "johndoe",
        },
        token=False,
    ),
    Case(
        "register_customer-required-only",
        "register_customer",
        {"login": "restap141i", "password": "restapirestapi", "name": "John", "phone": "1234567890", "email": "j@x.io"},
        "POST",
        "/v1/register",
        {"login": "restap141i", "password": "restapirestapi", "name": "John", "phone": "1234567890", "email": "j@x.io"},
        token=False,
    ),
    Case(
        "send_sms",
        "send_sms",
        SEND_SMS_ARGS,
        "POST",
        "/v1/send",
        SEND_SMS_WIRE,
    ),
    Case(
        "send_sms-required-only",
        "send_sms",
        {"access_token": TOKEN, "numbers": PHONES, "sender_id": "Verify", "text": "Your OTP is 42488"},
        "POST",
        "/v1/send",
        [{"number": PHONES, "senderID": "Verify", "text": "Your OTP is 42488"}],
    ),
    Case(
        "send_sms-delivery-false-callback",
        "send_sms",
        {
            "access_token": TOKEN,
            "numbers": ("380957225759",),
            "sender_id": "12345",
            "text": "x",
            "delivery": False,
            "lifetime": 3600,
            "callback_url": "https://example.com/dlr",
        },
        "POST",
        "/v1/send",
        [
            {
                "number": ["380957225759"],
                "senderID": "12345",
                "text": "x",
                "delivery": False,
                "lifetime": 3600,
                "callback_url": "https://example.com/dlr",
            }
        ],
    ),
    Case(
        "sms_full_data",
        "sms_full_data",
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
        "POST",
        "/v1/sms-full-data",
        {
            "MCC": 255,
            "MNC": 0,
            "sender": "Verify",
            "phone": PHONES,
            "id_base": [2, 4, 6, 22],
            "time_period": "2023-07-24 00:00:00 - 2023-07-24 23:59:59",
            "type_sms": "sms",
        },
    ),
    Case("sms_full_data-no-filter", "sms_full_data", {"access_token": TOKEN}, "POST", "/v1/sms-full-data", {}),
    Case(
        "sms_full_data-limit-state-offset",
        "sms_full_data",
        {"access_token": TOKEN, "limit": 50, "state": ["DELIVRD"], "offset": 2},
        "POST",
        "/v1/sms-full-data",
        {"limit": 50, "state": ["DELIVRD"], "offset": 2},
    ),
    Case(
        "replacement",
        "replacement",
        {"access_token": TOKEN, "numbers": ["380957225759", 380661093766], "sender_id": "Verify", "text": "Hi"},
        "POST",
        "/v1/replacement",
        {"number": ["380957225759", 380661093766], "senderID": "Verify", "text": "Hi"},
    ),
    Case(
        "list_group-first-page",
        "list_group",
        {"access_token": TOKEN, "limit": 10, "offset": 0},
        "POST",
        "/v1/group",
        {"limit": 10, "offset": 0},
    ),
    Case(
        "list_group-next-page",
        "list_group",
        {"access_token": TOKEN, "limit": 10, "offset": 1},
        "POST",
        "/v1/group",
        {"limit": 10, "offset": 1},
    ),
    Case(
        "list_group-by-id",
        "list_group",
        {"access_token": TOKEN, "id_group": 957},
        "POST",
        "/v1/group",
        {"limit": 10, "offset": 0, "id_group": 957},
    ),
    Case(
        "create_group",
        "create_group",
        {
            "access_token": TOKEN,
            "name_group": "All clients",
            "time_birth": "13:00",
            "originator_birth": "Greetings",
            "text_birth": "Happy birthday, #first_name#!",
            "on_birth": True,
        },
        "POST",
        "/v1/group-create",
        {
            "name_group": "All clients",
            "time_birth": "13:00",
            "originator_birth": "Greetings",
            "text_birth": "Happy birthday, #first_name#!",
            "on_birth": True,
        },
    ),
    Case(
        "create_group-birthday-fields-false",
        "create_group",
        {"access_token": TOKEN, "name_group": "Clients for Promo"},
        "POST",
        "/v1/group-create",
        {
            "name_group": "Clients for Promo",
            "time_birth": False,
            "originator_birth": False,
            "text_birth": False,
            "on_birth": False,
        },
    ),
    Case(
        "delete_group",
        "delete_group",
        {"access_token": TOKEN, "id_group": [957, 959]},
        "POST",
        "/v1/group-delete",
        {"id_group": [957, 959]},
    ),
    Case(
        "group_number_add",
        "group_number_add",
        {"access_token": TOKEN, "id_group": 956, "numbers": CONTACTS},
        "POST",
        "/v1/group-number-add",
        {"id_group": 956, "numbers": CONTACTS},
    ),
    Case(
        "group_number_search",
        "group_number_search",
        {"access_token": TOKEN, "id_group": 956, "numbers": GROUP_NUMBERS},
        "POST",
        "/v1/group-number-search",
        {"id_group": 956, "numbers": GROUP_NUMBERS},
    ),
    Case(
        "group_number_delete",
        "group_number_delete",
        {"access_token": TOKEN, "id_group": 956, "numbers": GROUP_NUMBERS},
        "POST",
        "/v1/group-number-delete",
        {"id_group": 956, "numbers": GROUP_NUMBERS},
    ),
    Case(
        "send_bulk",
        "send_bulk",
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
        "POST",
        "/v1/send-bulk",
        {
            "senderID": "VShop",
            "text": "Place an order today and get a discount",
            "id_group": [956, 959],
            "id_group_excluded": [957],
            "phone": ["1234567890", "1234567891"],
            "dateStart": "2023-08-02",
            "timeStart": "10:00",
            "timeStop": "17:00",
        },
    ),
    Case(
        "send_bulk-required-only",
        "send_bulk",
        {"access_token": TOKEN, "sender_id": "VShop", "text": "Hi #first_name#", "id_group": [956]},
        "POST",
        "/v1/send-bulk",
        {"senderID": "VShop", "text": "Hi #first_name#", "id_group": [956]},
    ),
    Case(
        "black_list_add",
        "black_list_add",
        {"access_token": TOKEN, "numbers": BLACK_LIST},
        "POST",
        "/v1/black-list-add",
        {"numbers": BLACK_LIST},
    ),
    Case(
        "black_list_search",
        "black_list_search",
        {"access_token": TOKEN, "numbers": BLACK_LIST},
        "POST",
        "/v1/black-list-search",
        {"numbers": BLACK_LIST},
    ),
    Case(
        "black_list_delete",
        "black_list_delete",
        {"access_token": TOKEN, "numbers": BLACK_LIST},
        "POST",
        "/v1/black-list-delete",
        {"numbers": BLACK_LIST},
    ),
    Case("logout", "logout", {"access_token": TOKEN}, "GET", "/v1/logout"),
    Case("product_price", "product_price", {"access_token": TOKEN}, "POST", "/v1/product-price", {}),
    Case(
        "product_price-filtered",
        "product_price",
        {"access_token": TOKEN, "iso": "full", "mcc": 255, "mnc": 1},
        "POST",
        "/v1/product-price",
        {"ISO": "full", "MCC": 255, "MNC": 1},
    ),
    Case("account_price", "account_price", {"access_token": TOKEN}, "POST", "/v1/account-price", {}),
    Case(
        "account_price-filtered",
        "account_price",
        {"access_token": TOKEN, "iso": "UA", "mnc": 0},
        "POST",
        "/v1/account-price",
        {"ISO": "UA", "MNC": 0},
    ),
    Case("country_price", "country_price", {"access_token": TOKEN}, "POST", "/v1/country-price", {}),
    Case(
        "country_price-filtered",
        "country_price",
        {"access_token": TOKEN, "iso": "UA", "mcc": 255},
        "POST",
        "/v1/country-price",
        {"ISO": "UA", "MCC": 255},
    ),
    Case(
        "country_by_continent", "country_by_continent", {"access_token": TOKEN}, "POST", "/v1/country-by-continent", {}
    ),
]

CASE = {case.id: case for case in CASES}


# Helpers built on the operation methods, tested on their own (tests/test_paging.py, tests/test_batch.py).
BUILT_ON_METHODS = {"iter_groups", "iter_sms_full_data", "send_messages"}


def public_methods(cls: type) -> set[str]:
    return {
        name
        for name, _ in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name not in ("close", "aclose")
    } - BUILT_ON_METHODS


class Wire:
    """A MockTransport handler: records each request, answers like the platform would (shape only)."""

    def __init__(self, authorize: httpx.Response | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self._authorize = authorize

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path.endswith("/v1/authorize"):
            if self._authorize is not None:
                return self._authorize
            return httpx.Response(200, json={"status": True, "data": {"authorization_code": "code-42"}})
        if request.url.path.endswith("/v1/accesstoken"):
            return httpx.Response(
                200, json={"status": True, "data": {"access_token": "tok-new", "expires_at": 2006432128}}
            )
        return httpx.Response(200, json={"status": True, "data": []})


def sync_api(wire: Callable[[httpx.Request], Any], base_url: str = SEED_BASE_URL, **kwargs: Any) -> GatumRESTAPI:
    return GatumRESTAPI(base_url, transport=httpx.MockTransport(wire), **kwargs)


def async_api(wire: Callable[[httpx.Request], Any], base_url: str = SEED_BASE_URL, **kwargs: Any) -> AsyncGatumRESTAPI:
    return AsyncGatumRESTAPI(base_url, async_transport=httpx.MockTransport(wire), **kwargs)


def canonical(value: Any) -> str:
    """JSON text with sorted keys: unlike ==, tells true from 1, false from 0 and "86400" from 86400."""
    return json.dumps(value, sort_keys=True)


def check_request(request: httpx.Request, case: Case, origin: str = ORIGIN) -> None:
    assert request.method == case.http_method
    assert str(request.url) == origin + case.path
    assert "//v1" not in str(request.url)
    if case.body is NO_BODY:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        sent = json.loads(request.content)
        assert sent == case.body
        assert canonical(sent) == canonical(case.body)
    if case.token:
        assert request.headers.get_list("x-access-token") == [TOKEN]
    else:
        assert "x-access-token" not in request.headers


def test_cases_cover_every_public_method() -> None:
    sync_methods, async_methods = public_methods(GatumRESTAPI), public_methods(AsyncGatumRESTAPI)
    assert sync_methods == async_methods
    assert {case.method for case in CASES} | {"access_token"} == sync_methods
    assert len(sync_methods) == 21
    for name in sync_methods:
        assert inspect.iscoroutinefunction(getattr(AsyncGatumRESTAPI, name)), name
        assert not inspect.iscoroutinefunction(getattr(GatumRESTAPI, name)), name


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_sync_request_on_the_wire(case: Case) -> None:
    wire = Wire()
    with sync_api(wire) as api:
        response = getattr(api, case.method)(**case.kwargs)
    assert isinstance(response, GatumResponse)
    assert response.status_code == 200
    assert len(wire.requests) == 1
    check_request(wire.requests[0], case)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_async_request_on_the_wire(case: Case) -> None:
    wire = Wire()
    async with async_api(wire) as api:
        response = await getattr(api, case.method)(**case.kwargs)
    assert isinstance(response, GatumResponse)
    assert response.status_code == 200
    assert len(wire.requests) == 1
    check_request(wire.requests[0], case)


@pytest.mark.parametrize(
    ("base_url", "origin"),
    [
        ("https://restapi.gatum.io/", ORIGIN),
        ("https://restapi.gatum.io", ORIGIN),
        ("https://sms.example.com/gateway/", "https://sms.example.com/gateway"),
    ],
)
def test_paths_are_v1_under_the_base_url(base_url: str, origin: str) -> None:
    wire = Wire()
    with sync_api(wire, base_url) as api:
        api.account_info(access_token=TOKEN)
        api.register_customer("restap141i", "restapirestapi", "John", "1234567890", "j@x.io")
    check_request(wire.requests[0], CASE["account_info"], origin)
    check_request(wire.requests[1], CASE["register_customer-required-only"], origin)


# -- positional calls: the old client's parameter order ------------------------------------------

# Parameter names and order of the vendor's old client (gatum_rest_py 1.x), `self` left out.
SEED_SIGNATURES = {
    "access_token": ["username", "password"],
    "account_info": ["access_token"],
    "register_customer": ["login", "password", "name", "phone", "email", "company_name", "skype"],
    "send_sms": [
        "access_token",
        "numbers",
        "sender_id",
        "text",
        "sms_type",
        "begin_date",
        "begin_time",
        "lifetime",
        "delivery",
    ],
    "sms_full_data": [
        "access_token",
        "mcc",
        "mnc",
        "sender_id",
        "phone",
        "id_base",
        "time_period",
        "type_sms",
        "limit",
    ],
    "list_group": ["access_token", "id_group", "limit", "offset"],
    "create_group": ["access_token", "name_group", "time_birth", "originator_birth", "text_birth", "on_birth"],
    "delete_group": ["access_token", "id_group"],
    "group_number_add": ["access_token", "id_group", "numbers"],
    "group_number_search": ["access_token", "id_group", "numbers"],
    "group_number_delete": ["access_token", "id_group", "numbers"],
    "send_bulk": [
        "access_token",
        "sender_id",
        "text",
        "id_group",
        "id_group_excluded",
        "date_start",
        "time_start",
        "time_stop",
        "phone",
    ],
    "black_list_add": ["access_token", "numbers"],
    "black_list_search": ["access_token", "numbers"],
    "black_list_delete": ["access_token", "numbers"],
    "logout": ["access_token"],
}


@pytest.mark.parametrize("cls", [GatumRESTAPI, AsyncGatumRESTAPI])
def test_seed_methods_keep_the_old_parameter_order(cls: type) -> None:
    for name, expected in SEED_SIGNATURES.items():
        parameters = list(inspect.signature(getattr(cls, name)).parameters)
        assert parameters[0] == "self", name
        assert parameters[1 : len(expected) + 1] == expected, name


def test_positional_calls_map_like_keyword_calls() -> None:
    wire = Wire()
    with sync_api(wire) as api:
        api.send_sms(TOKEN, PHONES, "Verify", "Your OTP is 42488", "sms", "2023-03-19", "19:16:00", "86400", True)
        api.sms_full_data(TOKEN, 255, 0, "Verify", PHONES, [2, 4, 6, 22], "2023-07-24 00:00:00 - 2023-07-24 23:59:59")
        api.list_group(TOKEN, 957, 20, 3)
        api.send_bulk(TOKEN, "VShop", "Hi", [956], [957], "2023-08-02", "10:00", "17:00", ["1234567890"])
    bodies = [json.loads(request.content) for request in wire.requests]
    assert canonical(bodies[0]) == canonical(CASE["send_sms"].body)
    assert bodies[1] == {
        "MCC": 255,
        "MNC": 0,
        "sender": "Verify",
        "phone": PHONES,
        "id_base": [2, 4, 6, 22],
        "time_period": "2023-07-24 00:00:00 - 2023-07-24 23:59:59",
    }
    assert bodies[2] == {"id_group": 957, "limit": 20, "offset": 3}
    assert bodies[3] == {
        "senderID": "VShop",
        "text": "Hi",
        "id_group": [956],
        "id_group_excluded": [957],
        "dateStart": "2023-08-02",
        "timeStart": "10:00",
        "timeStop": "17:00",
        "phone": ["1234567890"],
    }


# -- access_token: authorize, then accesstoken ---------------------------------------------------


def check_login(wire: Wire, response: GatumResponse[Any]) -> None:
    assert [request.url.path for request in wire.requests] == ["/v1/authorize", "/v1/accesstoken"]
    authorize, accesstoken = wire.requests
    for request in wire.requests:
        assert request.method == "POST"
        assert request.headers["content-type"] == "application/json"
        assert "x-access-token" not in request.headers
    assert canonical(json.loads(authorize.content)) == canonical(
        {"username": "your_login", "password": "your_password"}
    )
    assert canonical(json.loads(accesstoken.content)) == canonical({"authorization_code": "code-42"})
    assert response.status_code == 200
    assert response.json() == {"status": True, "data": {"access_token": "tok-new", "expires_at": 2006432128}}
    assert isinstance(response.parsed, AccessTokenResponse)
    assert response.parsed.data.access_token == "tok-new"


def test_access_token_authorizes_then_exchanges_the_code() -> None:
    wire = Wire()
    with sync_api(wire) as api:
        response = api.access_token(username="your_login", password="your_password")
    check_login(wire, response)


async def test_async_access_token_authorizes_then_exchanges_the_code() -> None:
    wire = Wire()
    async with async_api(wire) as api:
        response = await api.access_token(username="your_login", password="your_password")
    check_login(wire, response)


def check_refused_login(wire: Wire, response: GatumResponse[Any]) -> None:
    assert [request.url.path for request in wire.requests] == ["/v1/authorize"]
    assert response.status_code == 400
    assert response.json() == ERROR_400
    assert isinstance(response.parsed, ErrorResponse)


def test_access_token_returns_the_authorize_400_and_stops() -> None:
    wire = Wire(authorize=httpx.Response(400, json=ERROR_400))
    with sync_api(wire) as api:
        response = api.access_token(username="your_login", password="wrong")
    check_refused_login(wire, response)


async def test_async_access_token_returns_the_authorize_400_and_stops() -> None:
    wire = Wire(authorize=httpx.Response(400, json=ERROR_400))
    async with async_api(wire) as api:
        response = await api.access_token(username="your_login", password="wrong")
    check_refused_login(wire, response)


# -- one instance, many callers, each with its own token ------------------------------------------

THREADS = 8
CALLS = 20
MARKER_BASE = 380_000_000_000  # markers are valid MSISDNs: 380000TTTCCC


@dataclass
class Echo:
    """Records (token header, marker number) per request and echoes both back."""

    seen: list[tuple[str | None, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, request: httpx.Request) -> httpx.Response:
        token = request.headers.get("x-access-token")
        marker = json.loads(request.content)["numbers"][0]
        with self.lock:
            self.seen.append((token, marker))
        return httpx.Response(200, json={"status": True, "data": {"token": token, "marker": marker}})

    def sync_handler(self, request: httpx.Request) -> httpx.Response:
        time.sleep(0.0005)  # let the other threads interleave
        return self.answer(request)

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)  # let the other tasks interleave
        return self.answer(request)


def caller_token(caller: int) -> str:
    return f"token-of-caller-{caller}"


def check_echo(echo: Echo, results: dict[int, list[tuple[int, GatumResponse[Any]]]]) -> None:
    assert len(echo.seen) == THREADS * CALLS
    for token, marker in echo.seen:
        assert token == caller_token((marker - MARKER_BASE) // 1000)
    for caller, answers in results.items():
        assert len(answers) == CALLS
        for marker, response in answers:
            assert response.json()["data"] == {"token": caller_token(caller), "marker": marker}


@pytest.fixture
def eager_thread_switches() -> Iterator[None]:
    """Switch threads as often as possible, so that state shared by mistake shows up."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.usefixtures("eager_thread_switches")
def test_threads_share_one_instance_each_with_its_own_token() -> None:
    echo = Echo()
    barrier = threading.Barrier(THREADS)
    with GatumRESTAPI(SEED_BASE_URL, transport=httpx.MockTransport(echo.sync_handler)) as api:
        pooled = api.client.get_httpx_client()
        sent: list[httpx.Request] = []
        pooled.event_hooks["request"].append(sent.append)

        def caller(index: int) -> list[tuple[int, GatumResponse[Any]]]:
            barrier.wait()
            answers = []
            for call in range(CALLS):
                marker = MARKER_BASE + index * 1000 + call
                answers.append((marker, api.black_list_search(access_token=caller_token(index), numbers=[marker])))
            return answers

        with ThreadPoolExecutor(THREADS) as pool:
            futures = {index: pool.submit(caller, index) for index in range(THREADS)}
            results = {index: future.result(timeout=30) for index, future in futures.items()}
        assert api.client.get_httpx_client() is pooled
    assert len(sent) == THREADS * CALLS
    check_echo(echo, results)


async def test_tasks_share_one_instance_each_with_its_own_token() -> None:
    echo = Echo()
    async with AsyncGatumRESTAPI(SEED_BASE_URL, async_transport=httpx.MockTransport(echo.async_handler)) as api:
        pooled = api.client.get_async_httpx_client()

        async def caller(index: int) -> list[tuple[int, GatumResponse[Any]]]:
            answers = []
            for call in range(CALLS):
                marker = MARKER_BASE + index * 1000 + call
                response = await api.black_list_search(access_token=caller_token(index), numbers=[marker])
                answers.append((marker, response))
            return answers

        gathered = await asyncio.wait_for(asyncio.gather(*(caller(index) for index in range(THREADS))), 30)
        assert api.client.get_async_httpx_client() is pooled
    check_echo(echo, dict(enumerate(gathered)))


def test_a_call_without_token_sends_no_token_header() -> None:
    wire = Wire()
    with sync_api(wire) as api:
        api.account_info(access_token=TOKEN)
        api.account_info(access_token=None)
    assert wire.requests[0].headers["x-access-token"] == TOKEN
    assert "x-access-token" not in wire.requests[1].headers  # the previous call's token did not stick


# -- one pooled httpx client per instance --------------------------------------------------------


def test_one_pooled_client_per_instance_closed_by_close() -> None:
    wire = Wire()
    api = sync_api(wire)
    pooled = api.client.get_httpx_client()
    assert isinstance(pooled, httpx.Client)
    sent: list[httpx.Request] = []
    pooled.event_hooks["request"].append(sent.append)
    api.account_info(access_token=TOKEN)
    api.list_group(access_token=TOKEN)
    api.send_sms(TOKEN, PHONES, "Verify", "Hi")
    assert api.client.get_httpx_client() is pooled
    assert len(sent) == len(wire.requests) == 3
    assert not pooled.is_closed
    api.close()
    assert pooled.is_closed


def test_with_block_closes_the_pooled_client() -> None:
    wire = Wire()
    with sync_api(wire) as api:
        assert isinstance(api, GatumRESTAPI)
        pooled = api.client.get_httpx_client()
        api.logout(access_token=TOKEN)
        api.logout(access_token=TOKEN)
        assert api.client.get_httpx_client() is pooled
        assert not pooled.is_closed
    assert pooled.is_closed
    assert len(wire.requests) == 2


async def test_one_pooled_async_client_per_instance_closed_by_aclose() -> None:
    wire = Wire()
    api = async_api(wire)
    pooled = api.client.get_async_httpx_client()
    assert isinstance(pooled, httpx.AsyncClient)
    sent: list[httpx.Request] = []

    async def hook(request: httpx.Request) -> None:
        sent.append(request)

    pooled.event_hooks["request"].append(hook)
    await api.account_info(access_token=TOKEN)
    await api.list_group(access_token=TOKEN)
    assert api.client.get_async_httpx_client() is pooled
    assert len(sent) == len(wire.requests) == 2
    assert not pooled.is_closed
    await api.aclose()
    assert pooled.is_closed


async def test_async_with_block_closes_the_pooled_client() -> None:
    wire = Wire()
    async with async_api(wire) as api:
        assert isinstance(api, AsyncGatumRESTAPI)
        pooled = api.client.get_async_httpx_client()
        await api.logout(access_token=TOKEN)
        assert not pooled.is_closed
    assert pooled.is_closed


# -- a finite timeout ----------------------------------------------------------------------------


def check_finite(timeout: httpx.Timeout | dict[str, float | None], at_most: float = 120.0) -> None:
    values = timeout.as_dict() if isinstance(timeout, httpx.Timeout) else timeout
    assert set(values) == {"connect", "read", "write", "pool"}
    for name, value in values.items():
        assert value is not None, f"{name} timeout is unlimited"
        assert 0 < value <= at_most, name


def test_default_timeout_is_finite_and_reaches_the_request() -> None:
    api = GatumRESTAPI(SEED_BASE_URL)
    check_finite(api.client.get_httpx_client().timeout)
    api.close()
    wire = Wire()
    with sync_api(wire) as api:
        api.account_info(access_token=TOKEN)
    check_finite(wire.requests[0].extensions["timeout"])


async def test_async_default_timeout_is_finite_and_reaches_the_request() -> None:
    api = AsyncGatumRESTAPI(SEED_BASE_URL)
    check_finite(api.client.get_async_httpx_client().timeout)
    await api.aclose()
    wire = Wire()
    async with async_api(wire) as api:
        await api.account_info(access_token=TOKEN)
    check_finite(wire.requests[0].extensions["timeout"])


def test_timeout_given_is_used() -> None:
    wire = Wire()
    with sync_api(wire, timeout=5) as api:
        assert api.client.get_httpx_client().timeout == httpx.Timeout(5)
        api.account_info(access_token=TOKEN)
    check_finite(wire.requests[0].extensions["timeout"], at_most=5)


# -- input checks: nothing is sent; validate=False sends anyway -----------------------------------


@dataclass(frozen=True)
class Bad:
    id: str
    method: str
    kwargs: dict[str, Any]
    argument: str  # the argument the error must name
    sent: Callable[[Any], Any]  # where the bad value lands in the body sent with validate=False
    value: Any
    model_refuses: bool = False  # the generated model itself refuses the value (see bugs in the report)


def _message(**extra: Any) -> dict[str, Any]:
    return {"access_token": TOKEN, "numbers": PHONES, "sender_id": "Verify", "text": "Your OTP is 42488", **extra}


BAD = [
    Bad(
        "sender_id-12-letters",
        "send_sms",
        _message(sender_id="Verify123456"),
        "sender_id",
        lambda b: b[0]["senderID"],
        "Verify123456",
    ),
    Bad("numbers-empty", "send_sms", _message(numbers=[]), "numbers", lambda b: b[0]["number"], []),
    Bad("sms_type-fax", "send_sms", _message(sms_type="fax"), "sms_type", lambda b: b[0]["type"], "fax", True),
    Bad(
        "begin_date-2023-3-19",
        "send_sms",
        _message(begin_date="2023-3-19"),
        "begin_date",
        lambda b: b[0]["beginDate"],
        "2023-3-19",
    ),
    Bad("begin_time-7pm", "send_sms", _message(begin_time="7pm"), "begin_time", lambda b: b[0]["beginTime"], "7pm"),
    Bad(
        "id_group-text",
        "delete_group",
        {"access_token": TOKEN, "id_group": ["956"]},
        "id_group",
        lambda b: b["id_group"],
        ["956"],
    ),
    Bad(
        "send_bulk-id_group-text",
        "send_bulk",
        {"access_token": TOKEN, "sender_id": "VShop", "text": "Hi", "id_group": ["956"]},
        "id_group",
        lambda b: b["id_group"],
        ["956"],
    ),
    Bad(
        "send_bulk-date_start",
        "send_bulk",
        {"access_token": TOKEN, "sender_id": "VShop", "text": "Hi", "id_group": [956], "date_start": "2023-8-2"},
        "date_start",
        lambda b: b["dateStart"],
        "2023-8-2",
    ),
    Bad("mcc-1000", "sms_full_data", {"access_token": TOKEN, "mcc": 1000}, "mcc", lambda b: b["MCC"], 1000),
    Bad(
        "type_sms-fax",
        "sms_full_data",
        {"access_token": TOKEN, "type_sms": "fax"},
        "type_sms",
        lambda b: b["type_sms"],
        "fax",
        True,
    ),
    Bad(
        "name_group-empty",
        "create_group",
        {"access_token": TOKEN, "name_group": ""},
        "name_group",
        lambda b: b["name_group"],
        "",
    ),
    Bad(
        "black_list-letter",
        "black_list_add",
        {"access_token": TOKEN, "numbers": ["+38095722575O"]},
        "numbers",
        lambda b: b["numbers"],
        ["+38095722575O"],
    ),
]


def check_refused(exc: InvalidRequestError, bad: Bad, wire: Wire) -> None:
    assert wire.requests == [], "nothing may be sent when an argument is refused"
    assert exc.argument.partition("[")[0] == bad.argument
    assert bad.argument in str(exc)
    assert bad.method in str(exc)
    assert exc.rule


@pytest.mark.parametrize("bad", BAD, ids=[bad.id for bad in BAD])
def test_bad_argument_raises_and_sends_nothing(bad: Bad) -> None:
    wire = Wire()
    with sync_api(wire) as api, pytest.raises(InvalidRequestError) as caught:
        getattr(api, bad.method)(**bad.kwargs)
    check_refused(caught.value, bad, wire)


@pytest.mark.parametrize("bad", BAD, ids=[bad.id for bad in BAD])
async def test_async_bad_argument_raises_and_sends_nothing(bad: Bad) -> None:
    wire = Wire()
    async with async_api(wire) as api:
        with pytest.raises(InvalidRequestError) as caught:
            await getattr(api, bad.method)(**bad.kwargs)
    check_refused(caught.value, bad, wire)


def _sendable(bad: Bad) -> bool:
    return not bad.model_refuses


REFUSED_BY_MODEL = [bad for bad in BAD if bad.model_refuses]


@pytest.mark.parametrize("bad", [bad for bad in BAD if _sendable(bad)], ids=lambda bad: bad.id)
def test_validate_false_sends_the_bad_argument_anyway(bad: Bad) -> None:
    wire = Wire()
    with sync_api(wire, validate=False) as api:
        response = getattr(api, bad.method)(**bad.kwargs)
    assert response.status_code == 200
    assert len(wire.requests) == 1
    assert canonical(bad.sent(json.loads(wire.requests[0].content))) == canonical(bad.value)


@pytest.mark.parametrize("bad", [bad for bad in BAD if _sendable(bad)], ids=lambda bad: bad.id)
async def test_async_validate_false_sends_the_bad_argument_anyway(bad: Bad) -> None:
    wire = Wire()
    async with async_api(wire, validate=False) as api:
        response = await getattr(api, bad.method)(**bad.kwargs)
    assert response.status_code == 200
    assert len(wire.requests) == 1
    assert canonical(bad.sent(json.loads(wire.requests[0].content))) == canonical(bad.value)


@pytest.mark.parametrize("bad", REFUSED_BY_MODEL, ids=lambda bad: bad.id)
def test_validate_false_still_refuses_what_the_generated_model_cannot_carry(bad: Bad) -> None:
    """An enum value outside the spec cannot be put into the generated model: refused by name, nothing sent."""
    wire = Wire()
    with sync_api(wire, validate=False) as api, pytest.raises(InvalidRequestError) as caught:
        getattr(api, bad.method)(**bad.kwargs)
    check_refused(caught.value, bad, wire)


# -- a lone value where the seed passes a list -----------------------------------------------------

SCALAR_FOR_LIST = [
    pytest.param(
        "send_sms",
        _message(numbers="380957225759"),
        "numbers",
        lambda b: b[0]["number"],
        "380957225759",
        id="send_sms-numbers-str",
    ),
    pytest.param(
        "delete_group",
        {"access_token": TOKEN, "id_group": 957},
        "id_group",
        lambda b: b["id_group"],
        957,
        id="delete_group-id_group-int",
    ),
    pytest.param(
        "black_list_add",
        {"access_token": TOKEN, "numbers": 12345665777},
        "numbers",
        lambda b: b["numbers"],
        12345665777,
        id="black_list_add-numbers-int",
    ),
]


@pytest.mark.parametrize("validate", [True, False], ids=["validate", "no-validate"])
@pytest.mark.parametrize(("method", "kwargs", "argument", "sent", "value"), SCALAR_FOR_LIST)
def test_a_lone_value_for_a_list_is_refused_by_name_or_sent_as_a_list(
    method: str, kwargs: dict[str, Any], argument: str, sent: Callable[[Any], Any], value: Any, validate: bool
) -> None:
    """Either InvalidRequestError naming the argument with nothing sent, or the value sent as a one-item list."""
    wire = Wire()
    with sync_api(wire, validate=validate) as api:
        try:
            getattr(api, method)(**kwargs)
        except InvalidRequestError as exc:
            assert exc.argument == argument
            assert wire.requests == []
        else:
            assert len(wire.requests) == 1
            assert canonical(sent(json.loads(wire.requests[0].content))) == canonical([value])
