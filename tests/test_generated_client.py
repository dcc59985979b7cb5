"""The generated client `gatum_client` against the Prism mock of openapi/gatum.yaml.

Every operation is called through its generated module, synchronously and with asyncio, with a
typed request body built from the seed's values (quirks included). Each call is checked on
both ends:

* the request as it left httpx: method, path, token header and the exact JSON body (compared
  type-strictly, so `"86400"` is not `86400` and `false` is not `0`);
* Prism's log for that request: it passed request validation (or, for the invalid requests,
  failed it for the expected reason: Prism answers every 400 with the same example body, so
  only its log tells why it refused);
* the answer: 200, `.parsed` of the operation's typed model, the spec's 200 example served,
  surviving the model's `from_dict`/`to_dict` round trip, and its key values read back
  through the typed attributes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from conformance.spec_tools import first_example
from conftest import SPEC, Mock
from gatum_client import AuthenticatedClient, Client
from gatum_client.api.account import account_info, register_customer
from gatum_client.api.auth import access_token, authorize, logout
from gatum_client.api.black_list import black_list_add, black_list_delete, black_list_search
from gatum_client.api.group_numbers import group_number_add, group_number_delete, group_number_search
from gatum_client.api.groups import create_group, delete_groups, list_groups
from gatum_client.api.pricing import account_price, country_by_continent, country_price, product_price
from gatum_client.api.sms import replacement, send_bulk, send_sms, sms_full_data
from gatum_client.models import (
    AccessTokenRequest,
    AccessTokenResponse,
    AccountInfoResponse,
    AuthorizeRequest,
    AuthorizeResponse,
    Contact,
    CountryByContinentResponse,
    CountryPriceFilter,
    EmptyRequest,
    ErrorResponse,
    GenericSuccessResponse,
    GroupCreateRequest,
    GroupCreateResponse,
    GroupDeleteRequest,
    GroupListRequest,
    GroupListResponse,
    GroupNumberAddRequest,
    GroupNumberSearchResponse,
    GroupNumbersRequest,
    NumbersRequest,
    PriceFilter,
    PriceListResponse,
    RegisterRequest,
    ReplacementRequest,
    SendBulkRequest,
    SendMessage,
    SendResponse,
    SmsFullDataRequest,
    SmsFullDataResponse,
)
from gatum_client.spec_facts import OPERATIONS
from seed_values import CONTACTS as SEED_CONTACTS
from seed_values import SEND_SMS_WIRE, TOKEN

LOG_WAIT_SECONDS = 5.0


# ---- the spec's examples --------------------------------------------------------------------


@cache
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _operation(op_id: str) -> dict[str, Any]:
    facts = OPERATIONS[op_id]
    return spec()["paths"][facts["path"]][facts["method"].lower()]  # type: ignore[no-any-return]


def _resolve(obj: dict[str, Any], section: str) -> dict[str, Any]:
    if "$ref" in obj:
        return spec()["components"][section][obj["$ref"].rsplit("/", 1)[1]]  # type: ignore[no-any-return]
    return obj


def response_example(op_id: str, status: str = "200") -> Any:
    response = _resolve(_operation(op_id)["responses"][status], "responses")
    return first_example(response["content"]["application/json"])


def request_example(op_id: str) -> Any:
    body = _resolve(_operation(op_id)["requestBody"], "requestBodies")
    return first_example(body["content"]["application/json"])


def canon(value: Any) -> str:
    """JSON text with sorted keys: equality of this is type-strict (false != 0, "1" != 1)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


# ---- the seed's values ----------------------------------------------------------------------

SEED_SMS: dict[str, Any] = {
    "number": ["380957225759", "380661093766"],
    "sender_id": "Verify",
    "text": "Your OTP is 42488",
    "type_": "sms",
    "lifetime": "86400",  # a string, as the seed sends it
    "begin_date": "2023-03-19",
    "begin_time": "19:16:00",
    "delivery": True,
}


FROM_SPEC: Any = object()  # "the expected wire body is the spec's request example"
NO_BODY: Any = object()  # a GET without request body


@dataclass(frozen=True)
class Case:
    """One call of one operation and what must come back."""

    op_id: str
    module: ModuleType
    body: Callable[[], Any] | None  # builds the typed request body; None: the operation has none
    model: type  # the typed model of the 200 answer
    pick: Callable[[Any], Any]  # reads key values out of the parsed answer …
    expected: Any  # … which must equal these (the spec's 200 example)
    wire: Any = FROM_SPEC  # the JSON body that must go out
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.op_id}-{self.variant}" if self.variant else self.op_id

    @property
    def needs_token(self) -> bool:
        return bool(OPERATIONS[self.op_id]["needs_token"])

    def expected_wire(self) -> Any:
        if self.body is None:
            return NO_BODY
        return request_example(self.op_id) if self.wire is FROM_SPEC else self.wire


def _countries(parsed: CountryByContinentResponse) -> dict[str, list[tuple[Any, ...]]]:
    return {
        continent: [(c.iso, c.country, c.mcc) for c in countries]
        for continent, countries in parsed.data.additional_properties.items()
    }


def _prices(parsed: PriceListResponse) -> list[tuple[Any, ...]]:
    return [(p.iso, p.country, p.mcc, p.mnc, p.operator, p.price, p.currency) for p in parsed.data]


PRICE_ROW = [("UA", "Ukraine", 255, 1, "Vodafone", 0.025, "EUR")]

CASES: list[Case] = [
    Case(
        "authorize",
        authorize,
        lambda: AuthorizeRequest(username="your_login", password="your_password"),
        AuthorizeResponse,
        lambda p: p.data.authorization_code,
        "3bd0f4f5c6b84d7e9a21c0de5f6a7b8c",
    ),
    Case(
        "accessToken",
        access_token,
        lambda: AccessTokenRequest(authorization_code="3bd0f4f5c6b84d7e9a21c0de5f6a7b8c"),
        AccessTokenResponse,
        lambda p: (p.data.access_token, p.data.expires_at),
        ("gbBX8dB7kDvBeo0H-VN2CX0bAXXbyJ", 2006432128),
    ),
    Case(
        "accountInfo",
        account_info,
        None,
        AccountInfoResponse,
        lambda p: (p.data.login, p.data.email, p.data.phone, p.data.balance, p.data.currency),
        ("your_login", "john.doe@gmail.com", "1234567890", 125.5, "EUR"),
    ),
    Case(
        "registerCustomer",
        register_customer,
        lambda: RegisterRequest(
            login="restap141i",
            password="restapirestapi",
            name="John",
            phone="1234567890",
            email="john.doe@gmail.com",
            company_name="John Doe LTD",
            skype="johndoe",
        ),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, {"login": "restap141i"}),
    ),
    Case(
        "sendSms",
        send_sms,
        lambda: [SendMessage(**SEED_SMS)],
        SendResponse,
        lambda p: {number: [r.id_state for r in results] for number, results in p.data.additional_properties.items()},
        {"380957225759": [598933232], "380661093766": [598933233]},
        wire=SEND_SMS_WIRE,
    ),
    Case(
        "smsFullData",
        sms_full_data,
        lambda: SmsFullDataRequest(
            mcc=255,
            mnc=0,
            sender="Verify",
            phone=["380957225759", "380661093766"],
            id_base=[2, 4, 6, 22],
            limit=None,
            time_period="2023-07-24 00:00:00 - 2023-07-24 23:59:59",
            type_sms="sms",
        ),
        SmsFullDataResponse,
        lambda p: [(r.id_state, r.phone, r.state, r.num_parts, r.time) for r in p.data],
        [(598933232, "380957225759", "DELIVRD", 1, "2023-07-24 12:03:48")],
    ),
    Case(
        "smsFullData",
        sms_full_data,
        SmsFullDataRequest,
        SmsFullDataResponse,
        lambda p: [r.id_state for r in p.data],
        [598933232],
        wire={},
        variant="no-filters",
    ),
    Case(
        "replacement",
        replacement,
        lambda: ReplacementRequest(number=["380957225759", 380661093766], sender_id="Verify", text="Your OTP is 42488"),
        GenericSuccessResponse,
        lambda p: p.data,
        {"380957225759": {"senderID": "Verify", "text": "Your OTP is 42488"}},
    ),
    Case(
        "listGroups",
        list_groups,
        lambda: GroupListRequest(limit=10, offset=0),
        GroupListResponse,
        lambda p: [(g.id_group, g.name_group, g.time_birth, g.on_birth, g.count) for g in p.data],
        [(957, "All clients", "13:00", True, 2)],
    ),
    Case(
        "listGroups",
        list_groups,
        lambda: GroupListRequest(offset=1),
        GroupListResponse,
        lambda p: [g.id_group for g in p.data],
        [957],
        wire={"limit": 10, "offset": 1},  # limit is always sent, as in the seed
        variant="page-2",
    ),
    Case(
        "listGroups",
        list_groups,
        lambda: GroupListRequest(id_group=957),
        GroupListResponse,
        lambda p: [g.id_group for g in p.data],
        [957],
        wire={"limit": 10, "offset": 0, "id_group": 957},
        variant="one-group",
    ),
    Case(
        "createGroup",
        create_group,
        lambda: GroupCreateRequest(
            name_group="All clients",
            time_birth="13:00",
            originator_birth="Greetings",
            text_birth="Happy birthday, #first_name#!",
            on_birth=True,
        ),
        GroupCreateResponse,
        lambda p: p.data.id_group,
        957,
    ),
    Case(
        "createGroup",
        create_group,
        lambda: GroupCreateRequest(
            name_group="Clients for Promo", time_birth=False, originator_birth=False, text_birth=False, on_birth=False
        ),
        GroupCreateResponse,
        lambda p: p.data.id_group,
        957,
        wire={
            "name_group": "Clients for Promo",
            "time_birth": False,
            "originator_birth": False,
            "text_birth": False,
            "on_birth": False,
        },
        variant="false-quirk",
    ),
    Case(
        "deleteGroups",
        delete_groups,
        lambda: GroupDeleteRequest(id_group=[957, 959]),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
    ),
    Case(
        "groupNumberAdd",
        group_number_add,
        lambda: GroupNumberAddRequest(id_group=956, numbers=[Contact(**c) for c in SEED_CONTACTS]),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
        wire={"id_group": 956, "numbers": SEED_CONTACTS},
    ),
    Case(
        "groupNumberSearch",
        group_number_search,
        lambda: GroupNumbersRequest(id_group=956, numbers=[12345678900, 12345678901, 17133010164]),
        GroupNumberSearchResponse,
        lambda p: [(c.number, c.name, c.male, c.date_birth) for c in p.data],
        [(12345678900, "Liza", "f", "1992-12-31")],
    ),
    Case(
        "groupNumberDelete",
        group_number_delete,
        lambda: GroupNumbersRequest(id_group=956, numbers=[12345678900, 12345678901, 17133010164]),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
    ),
    Case(
        "sendBulk",
        send_bulk,
        lambda: SendBulkRequest(
            sender_id="VShop",
            text="Place an order today and get a discount",
            id_group=[956, 959],
            id_group_excluded=[957],
            phone=["1234567890", "1234567891"],
            date_start="2023-08-02",
            time_start="10:00",
            time_stop="17:00",
        ),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
    ),
    Case(
        "blackListAdd",
        black_list_add,
        lambda: NumbersRequest(numbers=[12345665777, 12345665772]),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
    ),
    Case(
        "blackListSearch",
        black_list_search,
        lambda: NumbersRequest(numbers=[12345665777, 12345665772]),
        GenericSuccessResponse,
        lambda p: p.data,
        [12345665777],
    ),
    Case(
        "blackListDelete",
        black_list_delete,
        lambda: NumbersRequest(numbers=[12345665777, 12345665772]),
        GenericSuccessResponse,
        lambda p: (p.status, p.data),
        (True, []),
    ),
    Case("logout", logout, None, GenericSuccessResponse, lambda p: (p.status, p.data), (True, [])),
    Case("productPrice", product_price, lambda: PriceFilter(iso="UA"), PriceListResponse, _prices, PRICE_ROW),
    Case(
        "accountPrice",
        account_price,
        lambda: PriceFilter(iso="UA", mcc=255, mnc=1),
        PriceListResponse,
        _prices,
        PRICE_ROW,
    ),
    Case("countryPrice", country_price, lambda: CountryPriceFilter(iso="UA"), PriceListResponse, _prices, PRICE_ROW),
    Case(
        "countryByContinent",
        country_by_continent,
        EmptyRequest,
        CountryByContinentResponse,
        _countries,
        {"Europe": [("UA", "Ukraine", 255)]},
    ),
]

FIRST_CASE = {case.op_id: case for case in reversed(CASES)}  # one call per operation


def test_the_table_covers_exactly_the_specs_operations() -> None:
    assert sorted({case.op_id for case in CASES}) == sorted(OPERATIONS)
    assert len({case.id for case in CASES}) == len(CASES)


def test_each_row_names_the_module_of_its_operation() -> None:
    """The module's own request (method and path) is the operation's, so no row pairs the wrong two."""
    for case in CASES:
        kwargs = case.module._get_kwargs() if case.body is None else case.module._get_kwargs(body=case.body())
        facts = OPERATIONS[case.op_id]
        assert (kwargs["method"].upper(), kwargs["url"]) == (facts["method"], facts["path"]), case.id


# ---- running calls --------------------------------------------------------------------------


class Recorder:
    """httpx event hooks that keep every request the generated client sends."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def sync_hooks(self) -> dict[str, Any]:
        return {"event_hooks": {"request": [self.requests.append]}}

    def async_hooks(self) -> dict[str, Any]:
        async def record(request: httpx.Request) -> None:
            self.requests.append(request)

        return {"event_hooks": {"request": [record]}}

    def only(self) -> httpx.Request:
        assert len(self.requests) == 1, [str(r.url) for r in self.requests]
        return self.requests[0]


def make_client(base_url: str, httpx_args: dict[str, Any], *, token: bool) -> Client | AuthenticatedClient:
    if token:
        return AuthenticatedClient(
            base_url=base_url, token=TOKEN, prefix="", auth_header_name="X-Access-Token", httpx_args=httpx_args
        )
    return Client(base_url=base_url, httpx_args=httpx_args)


class PrismLog:
    """Prism's log lines of one request: from its "Request received" to its "Responding with"."""

    def __init__(self, mock: Mock) -> None:
        self.path = mock.log_path

    def mark(self) -> int:
        return self.path.stat().st_size

    def lines(self, since: int, method: str, path: str) -> list[str]:
        """The lines of the one request for `method path` Prism received after log offset `since`."""
        begin = f"[HTTP SERVER] {method.lower()} {path} "
        end = "> Responding with "
        deadline = time.monotonic() + LOG_WAIT_SECONDS
        while True:
            with self.path.open("rb") as log:
                log.seek(since)
                lines = log.read().decode("utf-8", errors="replace").splitlines()
            starts = [i for i, line in enumerate(lines) if begin in line and "Request received" in line]
            if starts:
                ends = [j for j in range(starts[0], len(lines)) if end in lines[j]]
                if ends:
                    assert len(starts) == 1, f"more than one {method} {path} reached Prism:\n" + "\n".join(lines)
                    return lines[starts[0] : ends[0] + 1]
            if time.monotonic() > deadline:
                pytest.fail(f"Prism's log shows no answer to {method} {path}:\n" + "\n".join(lines))
            time.sleep(0.01)


def validation_errors(lines: list[str]) -> list[str]:
    return [line for line in lines if "[VALIDATOR]" in line and "error" in line]


@pytest.fixture
def prism_log(mock_server: Mock) -> PrismLog:
    return PrismLog(mock_server)


def check_exchange(case: Case, request: httpx.Request, prism_lines: list[str], response: Any) -> None:
    facts = OPERATIONS[case.op_id]
    assert response.status_code == 200, (response.content, validation_errors(prism_lines))
    # what went out
    assert (request.method, request.url.path) == (facts["method"], facts["path"])
    assert ("x-access-token" in request.headers) is case.needs_token
    if case.needs_token:
        assert request.headers["x-access-token"] == TOKEN
    expected_wire = case.expected_wire()
    if expected_wire is NO_BODY:
        assert request.content == b""
    else:
        assert request.headers["content-type"] == "application/json"
        assert canon(json.loads(request.content)) == canon(expected_wire)
    # what Prism made of it
    assert validation_errors(prism_lines) == []
    assert '> Responding with "200"' in prism_lines[-1]
    assert any("The request passed the validation rules" in line for line in prism_lines), prism_lines
    # what came back
    example = response_example(case.op_id)
    assert canon(json.loads(response.content)) == canon(example)
    assert isinstance(response.parsed, case.model), response.parsed
    assert response.parsed.status is True
    assert canon(response.parsed.to_dict()) == canon(example), "the model does not round-trip the example"
    assert case.pick(response.parsed) == case.expected


def call_kwargs(case: Case, client: Client | AuthenticatedClient) -> dict[str, Any]:
    return {"client": client} if case.body is None else {"client": client, "body": case.body()}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_sync_call(case: Case, mock_url: str, prism_log: PrismLog) -> None:
    recorder = Recorder()
    since = prism_log.mark()
    with make_client(mock_url, recorder.sync_hooks(), token=case.needs_token) as client:
        response = case.module.sync_detailed(**call_kwargs(case, client))
    request = recorder.only()
    check_exchange(case, request, prism_log.lines(since, request.method, request.url.path), response)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
async def test_asyncio_call(case: Case, mock_url: str, prism_log: PrismLog) -> None:
    recorder = Recorder()
    since = prism_log.mark()
    async with make_client(mock_url, recorder.async_hooks(), token=case.needs_token) as client:
        response = await case.module.asyncio_detailed(**call_kwargs(case, client))
    request = recorder.only()
    check_exchange(case, request, prism_log.lines(since, request.method, request.url.path), response)


def test_base_url_with_trailing_slash(mock_url: str, prism_log: PrismLog) -> None:
    """The seed passes base_url='https://restapi.gatum.io/': no `//v1/...` may come of it."""
    recorder = Recorder()
    since = prism_log.mark()
    with make_client(mock_url + "/", recorder.sync_hooks(), token=True) as client:
        response = account_info.sync_detailed(client=client)
    assert recorder.only().url.raw_path == b"/v1/me"
    assert validation_errors(prism_log.lines(since, "GET", "/v1/me")) == []
    assert isinstance(response.parsed, AccountInfoResponse)


# ---- invalid requests -----------------------------------------------------------------------


def assert_bad_request(response: Any) -> None:
    assert response.status_code == 400, response.content
    assert isinstance(response.parsed, ErrorResponse), response.parsed
    assert response.parsed.status is False
    assert response.parsed.error_code == 400
    assert isinstance(response.parsed.errors, dict)  # kept as sent
    assert canon(response.parsed.to_dict()) == canon(response_example("sendSms", "400"))


def assert_refused_for(lines: list[str], fragment: str) -> None:
    assert any("Request did not pass the validation rules" in line for line in lines), lines
    errors = validation_errors(lines)
    assert any(fragment in line for line in errors), f"no validation error with {fragment!r} in:\n" + "\n".join(lines)


@pytest.fixture
def token_client(mock_url: str) -> Iterator[AuthenticatedClient]:
    client = make_client(mock_url, {}, token=True)
    assert isinstance(client, AuthenticatedClient)
    with client:
        yield client


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        pytest.param(
            {"sender_id": "Verify123456"}, "0.senderID must NOT have more than 11 characters", id="sender-12-letters"
        ),
        pytest.param(
            {"sender_id": "12"}, 'property 0.senderID must match pattern "^[0-9]{3,16}$"', id="sender-2-digits"
        ),
        pytest.param({"number": []}, "0.number must NOT have fewer than 1 items", id="no-numbers"),
        pytest.param({"begin_date": "2023-3-19"}, "property 0.beginDate must match pattern", id="date-2023-3-19"),
        pytest.param({"type_": "fax"}, "property 0.type must be equal to one of the allowed values", id="type-fax"),
    ],
)
def test_invalid_message_is_refused(
    change: dict[str, Any], fragment: str, token_client: AuthenticatedClient, prism_log: PrismLog
) -> None:
    since = prism_log.mark()
    response = send_sms.sync_detailed(client=token_client, body=[SendMessage(**{**SEED_SMS, **change})])
    assert_bad_request(response)
    assert_refused_for(prism_log.lines(since, "POST", "/v1/send"), fragment)


def test_the_valid_base_message_is_accepted(token_client: AuthenticatedClient) -> None:
    """The invalid messages above differ from this one only in the changed field."""
    response = send_sms.sync_detailed(client=token_client, body=[SendMessage(**SEED_SMS)])
    assert response.status_code == 200
    assert isinstance(response.parsed, SendResponse)


def test_message_without_text_is_refused(token_client: AuthenticatedClient, prism_log: PrismLog) -> None:
    """The typed model cannot leave `text` out, so the raw JSON goes through the client's httpx client."""
    message = SendMessage(**SEED_SMS).to_dict()
    del message["text"]
    since = prism_log.mark()
    raw = token_client.get_httpx_client().post("/v1/send", json=[message])
    assert raw.status_code == 400
    parsed = ErrorResponse.from_dict(raw.json())
    assert (parsed.status, parsed.error_code) == (False, 400)
    assert_refused_for(prism_log.lines(since, "POST", "/v1/send"), "must have required property 'text'")


def test_empty_number_list_is_refused_in_black_list(token_client: AuthenticatedClient, prism_log: PrismLog) -> None:
    since = prism_log.mark()
    response = black_list_add.sync_detailed(client=token_client, body=NumbersRequest(numbers=[]))
    assert_bad_request(response)
    assert_refused_for(
        prism_log.lines(since, "POST", "/v1/black-list-add"), "property numbers must NOT have fewer than 1 items"
    )


# (a row naming an unknown operation is reported by the coverage test, not as a collection error)
TOKEN_CASES = [c for c in FIRST_CASE.values() if c.op_id not in OPERATIONS or c.needs_token]


@pytest.mark.parametrize("case", TOKEN_CASES, ids=lambda c: c.op_id)
def test_no_token_is_401(case: Case, mock_url: str, prism_log: PrismLog) -> None:
    recorder = Recorder()
    since = prism_log.mark()
    with Client(base_url=mock_url, httpx_args=recorder.sync_hooks()) as client:
        response = case.module.sync_detailed(**call_kwargs(case, client))
    request = recorder.only()
    assert "x-access-token" not in request.headers
    assert response.status_code == 401, response.content
    assert isinstance(response.parsed, ErrorResponse), response.parsed
    assert (response.parsed.status, response.parsed.error_code, response.parsed.errors) == (False, 401, "unauthorized")
    lines = prism_log.lines(since, request.method, request.url.path)
    assert_refused_for(lines, "Invalid security scheme used")
    # the body itself was fine: the token is the only complaint
    assert all("Invalid security scheme used" in line for line in validation_errors(lines)), lines


def test_token_free_operations_are_exactly_the_login_and_register_ones() -> None:
    """The no-token 401 test above covers every operation but these three."""
    assert sorted(op for op, facts in OPERATIONS.items() if not facts["needs_token"]) == [
        "accessToken",
        "authorize",
        "registerCustomer",
    ]
