"""Regression tests for issue 9 (hardening), items 1, 3, 4 and 5, plus `extra_body`.

Every test scripts the server with an `httpx.MockTransport` that counts requests per path, so
"nothing was sent" and "no SMS went out" are asserted on what reached the wire. The loop,
resource and deadline items (2 and 8) need real sockets: see test_hardening_async.py.

`# type: ignore[call-arg]` marks calls with `extra_body=` / `total_timeout=`: the facade methods
accept them at run time, but their static signatures (`_facade._sync`/`_async`, typed from the
`_operations` builders) do not declare them yet; mypy flags the ignores as unused once they do.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from gatum_client.api.account import account_info
from gatum_client.api.groups import list_groups
from gatum_client.api.sms import send_sms, sms_full_data
from gatum_client.models import ErrorResponse, GroupListRequest, SendMessage, SmsFullDataRequest

import gatum_rest_py._retry as retry_module
from gatum_rest_py import (
    APIResponseValidationError,
    APIStatusError,
    AsyncGatumRESTAPI,
    AuthenticationError,
    BadRequestError,
    Client,
    GatumRESTAPI,
    InternalServerError,
    InvalidRequestError,
    UnparsedBody,
)

BASE = "https://gatum.test"
NUMBER = "380957225759"
AUTHORIZE, ACCESSTOKEN, SEND, ME = "/v1/authorize", "/v1/accesstoken", "/v1/send", "/v1/me"
GROUP, FULL_DATA = "/v1/group", "/v1/sms-full-data"

AUTH_OK = {"status": True, "data": {"authorization_code": "code-1"}}
SEND_OK = {"status": True, "data": {NUMBER: [{"id_state": 598933232}]}}
DEEP = "[" * 400_000


def token_answer(value: str = "tok-1", **extra: Any) -> dict[str, Any]:
    return {"status": True, "data": {"access_token": value, **extra}}


Answer = tuple[int, Any]


class Wire:
    """A scripted server: path -> answers (the last one repeats), every request recorded."""

    def __init__(self, answers: dict[str, Answer | list[Answer]]) -> None:
        self.answers = answers
        self.hits: Counter[str] = Counter()
        self.requests: list[httpx.Request] = []
        self._tokens: list[tuple[str, str | None]] = []  # the auth flow reuses the request object

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.hits[path] += 1
        self.requests.append(request)
        self._tokens.append((path, request.headers.get("X-Access-Token")))
        script = self.answers.get(path, (404, {"status": False, "errors": "no such path"}))
        status, body = script[min(self.hits[path], len(script)) - 1] if isinstance(script, list) else script
        content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)

    def sent(self, path: str) -> list[Any]:
        return [json.loads(r.content) for r in self.requests if r.url.path == path]

    def tokens(self, path: str) -> list[str | None]:
        return [token for where, token in self._tokens if where == path]


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_async_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(retry_module, "sleep", lambda seconds: None)
    monkeypatch.setattr(retry_module, "async_sleep", no_async_sleep)


def login_wire(token: Answer | list[Answer], authorize: Answer = (200, AUTH_OK)) -> Wire:
    return Wire({AUTHORIZE: authorize, ACCESSTOKEN: token, SEND: (200, SEND_OK), ME: (200, {"status": True})})


def facade_send(wire: Wire) -> Any:
    api = GatumRESTAPI(BASE, username="u", password="pw-secret", transport=wire.transport)
    return api.send_sms(None, [NUMBER], "Verify", "hi")


def typed_send(wire: Wire) -> Any:
    client = Client(BASE, username="u", password="pw-secret", transport=wire.transport)
    return send_sms.sync(client=client, body=[SendMessage(number=[NUMBER], sender_id="Verify", text="hi")])


# -- 1. a login answer that yields no token raises, and nothing is sent ---------------------

BAD_LOGINS: dict[str, tuple[Answer, Answer, type[Exception]]] = {
    "token-data-empty": ((200, AUTH_OK), (200, {"status": True, "data": {}}), APIResponseValidationError),
    "token-data-null": ((200, AUTH_OK), (200, {"status": True, "data": None}), APIResponseValidationError),
    "token-status-false-401": (
        (200, AUTH_OK),
        (200, {"status": False, "error_code": 401, "errors": "unauthorized"}),
        AuthenticationError,
    ),
    "token-with-newline": ((200, AUTH_OK), (200, token_answer("tok\n")), APIResponseValidationError),
    "token-not-json": ((200, AUTH_OK), (200, "<html>"), APIResponseValidationError),
    "authorize-no-code": ((200, {"status": True, "data": {}}), (200, token_answer()), APIResponseValidationError),
    "authorize-code-newline": (
        (200, {"status": True, "data": {"authorization_code": "c\n"}}),
        (200, token_answer()),
        APIResponseValidationError,
    ),
    "authorize-400": ((400, {"status": False, "errors": "bad login"}), (200, token_answer()), BadRequestError),
}


@pytest.mark.parametrize("path", ["facade", "typed"])
@pytest.mark.parametrize("case", list(BAD_LOGINS))
def test_unusable_login_raises_and_sends_nothing(case: str, path: str) -> None:
    authorize, token, error = BAD_LOGINS[case]
    wire = login_wire(token, authorize)
    with pytest.raises(error) as caught:
        (facade_send if path == "facade" else typed_send)(wire)
    assert wire.hits[SEND] == 0
    assert wire.hits[AUTHORIZE] == 1
    assert "pw-secret" not in str(caught.value) and "pw-secret" not in repr(caught.value)


def test_async_facade_unusable_login_raises_and_sends_nothing() -> None:
    wire = login_wire((200, {"status": True, "data": None}))
    api = AsyncGatumRESTAPI(BASE, username="u", password="pw-secret", async_transport=wire.transport)

    async def job() -> None:
        await api.send_sms(None, [NUMBER], "Verify", "hi")

    with pytest.raises(APIResponseValidationError):
        asyncio.run(job())
    assert wire.hits[SEND] == 0


@pytest.mark.parametrize(
    "expires_at",
    ["2030-01-01 00:00:00", "2030-01-01T00:00:00Z", 3600, 2006432128, None, "soon", "missing"],
)
@pytest.mark.parametrize("path", ["facade", "typed"])
def test_unusual_expiry_logs_in_and_sends(expires_at: Any, path: str) -> None:
    extra = {} if expires_at == "missing" else {"expires_at": expires_at}
    wire = login_wire((200, token_answer("tok-1", **extra)))
    if path == "facade":
        response = facade_send(wire)
        assert response.status_code == 200 and response.operation_id == "sendSms"
        assert response.json() == SEND_OK
    else:
        assert typed_send(wire) is not None
    assert wire.hits[SEND] == 1
    assert wire.tokens(SEND) == ["tok-1"]


@pytest.mark.parametrize("expires_at", [None, "missing", "garbage", "2030-01-01 00:00:00", 3600])
def test_token_reused_until_refused_then_renewed_once(expires_at: Any) -> None:
    extra = {} if expires_at == "missing" else {"expires_at": expires_at}
    tokens = [(200, token_answer("tok-A", **extra)), (200, token_answer("tok-B", **extra))]
    wire = login_wire(tokens)
    wire.answers[SEND] = [(200, SEND_OK), (200, SEND_OK), (401, {"status": False, "errors": "expired"}), (200, SEND_OK)]
    api = GatumRESTAPI(BASE, username="u", password="pw-secret", transport=wire.transport)
    results = [api.send_sms(None, [NUMBER], "Verify", "hi") for _ in range(3)]
    assert [r.status_code for r in results] == [200, 200, 200]
    assert wire.hits[AUTHORIZE] == 2 and wire.hits[ACCESSTOKEN] == 2
    assert wire.tokens(SEND) == ["tok-A", "tok-A", "tok-A", "tok-B"]


# -- 3. odd 200 bodies: typed errors on the typed path, kept bodies on the facade -----------

TYPED_OPS: dict[str, tuple[Callable[[Client], Any], str, str]] = {
    "account_info": (lambda client: account_info.sync(client=client), ME, "accountInfo"),
    "list_groups": (lambda client: list_groups.sync(client=client, body=GroupListRequest()), GROUP, "listGroups"),
    "sms_full_data": (
        lambda client: sms_full_data.sync(client=client, body=SmsFullDataRequest()),
        FULL_DATA,
        "smsFullData",
    ),
}
ODD_BODIES = ["[]", "123", '{"status": true}', '{"status": true, "data": "x"}', "null", '"text"']


@pytest.mark.parametrize("body", ODD_BODIES)
@pytest.mark.parametrize("op", list(TYPED_OPS))
def test_typed_path_odd_200_body_is_validation_error(op: str, body: str) -> None:
    call, path, _ = TYPED_OPS[op]
    wire = Wire({path: (200, body)})
    with pytest.raises(APIResponseValidationError) as caught:
        call(Client(BASE, access_token="tok", transport=wire.transport))
    assert caught.value.body == body
    assert caught.value.status_code == 200
    assert wire.hits[path] == 1  # a 200 is an answer: never retried


STATUS_FALSE: list[tuple[dict[str, Any], type[APIStatusError]]] = [
    ({"status": False, "error_code": 401, "errors": "unauthorized"}, AuthenticationError),
    ({"status": False, "error_code": 400, "errors": {"text": ["required"]}}, BadRequestError),
    ({"status": False, "errors": "refused"}, BadRequestError),
    ({"status": False, "error_code": "401", "errors": "unauthorized"}, AuthenticationError),
]


@pytest.mark.parametrize(("body", "error"), STATUS_FALSE)
@pytest.mark.parametrize("op", list(TYPED_OPS))
def test_typed_path_status_false_200_raises_mapped_error(
    op: str, body: dict[str, Any], error: type[APIStatusError]
) -> None:
    call, path, _ = TYPED_OPS[op]
    wire = Wire({path: (200, body)})
    with pytest.raises(error) as caught:
        call(Client(BASE, access_token="tok", transport=wire.transport))
    assert type(caught.value) is error
    assert caught.value.response.status_code == 200


@pytest.mark.parametrize(("body", "error"), STATUS_FALSE)
def test_facade_status_false_200_is_error_response(body: dict[str, Any], error: type[APIStatusError]) -> None:
    wire = Wire({GROUP: (200, body)})
    response = GatumRESTAPI(BASE, transport=wire.transport).list_group("tok")
    assert response.status_code == 200
    assert isinstance(response.parsed, ErrorResponse)
    assert response.json() == body
    with pytest.raises(error) as caught:
        response.raise_for_status()
    assert type(caught.value) is error


@pytest.mark.parametrize(
    ("body", "data"),
    [('{"status": true, "data": "x"}', {"status": True, "data": "x"}), ("[]", []), ("123", 123)],
)
def test_facade_body_fitting_no_model_is_kept(caplog: pytest.LogCaptureFixture, body: str, data: Any) -> None:
    wire = Wire({GROUP: (200, body)})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    with caplog.at_level(logging.WARNING, logger="gatum_rest_py"):
        response = api.list_group("tok")
    assert isinstance(response.parsed, UnparsedBody)
    assert response.parsed.data == data and response.parsed.to_dict() == data
    assert response.json() == data and response.text == body
    records = [r for r in caplog.records if r.name == "gatum_rest_py" and r.levelno == logging.WARNING]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert "listGroups" in records[0].getMessage()
    # Kept, yet not a success a caller could mistake for one: raise_for_status says so (issue 18),
    # with the body on the exception.
    with pytest.raises(APIResponseValidationError) as caught:
        response.raise_for_status()
    assert caught.value.body == body and caught.value.status_code == 200
    assert "listGroups" in str(caught.value)


def test_facade_raise_for_status_on_a_2xx_body_that_is_not_json() -> None:
    wire = Wire({GROUP: (200, "<html>maintenance</html>")})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    response = api.list_group("tok")
    assert response.status_code == 200 and response.text == "<html>maintenance</html>"
    with pytest.raises(APIResponseValidationError) as caught:
        response.raise_for_status()
    assert "not JSON" in str(caught.value) and caught.value.body == "<html>maintenance</html>"


# -- 4. deeply nested JSON: typed errors, never RecursionError; the flag is kept ------------


@pytest.mark.parametrize("op", list(TYPED_OPS))
def test_typed_path_deep_nesting_is_validation_error(op: str) -> None:
    call, path, _ = TYPED_OPS[op]
    wire = Wire({path: (200, DEEP)})
    with pytest.raises(APIResponseValidationError):
        call(Client(BASE, access_token="tok", transport=wire.transport))


def test_facade_deep_nesting_is_kept_raw() -> None:
    wire = Wire({ME: (200, DEEP)})
    response = GatumRESTAPI(BASE, transport=wire.transport).account_info("tok")
    assert response.status_code == 200 and response.parsed is None
    assert len(response.content) == 400_000
    with pytest.raises(ValueError, match="nested too deeply"):
        response.json()


def test_deep_nested_500_on_send_keeps_outcome_unknown() -> None:
    wire = Wire({SEND: (500, DEEP)})
    response = GatumRESTAPI(BASE, transport=wire.transport).send_sms("tok", [NUMBER], "Verify", "hi")
    assert response.status_code == 500 and response.outcome_unknown is True
    with pytest.raises(ValueError):
        response.json()
    with pytest.raises(InternalServerError) as from_facade:
        response.raise_for_status()
    assert from_facade.value.outcome_unknown is True
    assert wire.hits[SEND] == 1

    with pytest.raises(InternalServerError) as caught:
        typed_send_with_token(wire)
    assert caught.value.outcome_unknown is True and caught.value.json_body is None
    assert wire.hits[SEND] == 2  # one each: a send answered 5xx is never retried


def typed_send_with_token(wire: Wire) -> Any:
    client = Client(BASE, access_token="tok", transport=wire.transport)
    return send_sms.sync(client=client, body=[SendMessage(number=[NUMBER], sender_id="Verify", text="hi")])


# -- 5. values that cannot go on the wire: InvalidRequestError, nothing sent ----------------

SEND_ARGS: dict[str, Any] = {"access_token": "tok", "numbers": [NUMBER], "sender_id": "Verify", "text": "hi"}
BAD_SENDS: dict[str, dict[str, Any]] = {
    "token-newline": {"access_token": "tok\n"},
    "token-int": {"access_token": 123},
    "token-space-end": {"access_token": "tok "},
    "token-non-ascii": {"access_token": "tök"},
    "sender-newline": {"sender_id": "Verify\n"},
    "number-newline": {"numbers": [NUMBER + "\n"]},
    "number-float": {"numbers": [380957225759.0]},
    "text-lone-surrogate": {"text": "hi \ud800"},
    "begin-date-impossible": {"begin_date": "2023-02-31"},
    "begin-date-april-31": {"begin_date": "2023-04-31"},
}


@pytest.mark.parametrize("case", list(BAD_SENDS))
def test_facade_refuses_unsendable_values(case: str) -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    with pytest.raises(InvalidRequestError) as caught:
        api.send_sms(**{**SEND_ARGS, **BAD_SENDS[case]})
    assert not wire.requests
    assert "tok\n" not in str(caught.value)


@pytest.mark.parametrize("token", ["tok\n", 123, "tok\r\nX-Evil: 1"])
def test_facade_read_with_bad_token_is_refused_not_retried(token: Any) -> None:
    wire = Wire({ME: (200, {"status": True})})
    with pytest.raises(InvalidRequestError) as caught:
        GatumRESTAPI(BASE, transport=wire.transport).account_info(token)
    assert caught.value.argument == "access_token"
    assert not wire.requests


@pytest.mark.parametrize("token", ["tok\n", 123, ""])
def test_client_refuses_bad_token_at_construction(token: Any) -> None:
    wire = Wire({})
    with pytest.raises(InvalidRequestError):
        Client(BASE, access_token=token, transport=wire.transport)
    assert not wire.requests


def test_lone_surrogate_refused_without_validation() -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    api = GatumRESTAPI(BASE, validate=False, transport=wire.transport)
    with pytest.raises(InvalidRequestError):
        api.send_sms("tok", [NUMBER], "Verify", "hi \ud800")
    assert not wire.requests


def test_typed_path_unencodable_body_refused() -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    client = Client(BASE, access_token="tok", transport=wire.transport)
    with pytest.raises(InvalidRequestError):
        send_sms.sync(client=client, body=[SendMessage(number=[NUMBER], sender_id="Verify", text="hi \ud800")])
    with pytest.raises(InvalidRequestError):
        nan = SendMessage(number=[NUMBER], sender_id="Verify", text="hi", lifetime=float("nan"))  # type: ignore[arg-type]
        send_sms.sync(client=client, body=[nan])
    assert not wire.requests


@pytest.mark.parametrize("good", ["2024-02-29", "2023-12-31", "2023-04-30"])
def test_real_dates_still_pass(good: str) -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    response = GatumRESTAPI(BASE, transport=wire.transport).send_sms(**SEND_ARGS, begin_date=good)
    assert response.status_code == 200
    assert wire.sent(SEND)[0][0]["beginDate"] == good


# -- extra_body -----------------------------------------------------------------------------


def test_extra_body_goes_into_each_message_of_a_send() -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    assert api.send_sms("tok", [NUMBER], "Verify", "hi", extra_body={"foo": 1}).status_code == 200  # type: ignore[call-arg]
    (body,) = wire.sent(SEND)
    assert body == [{"number": [NUMBER], "senderID": "Verify", "text": "hi", "foo": 1}]


def test_extra_body_goes_to_the_top_level_of_an_object_body() -> None:
    wire = Wire({FULL_DATA: (200, {"status": True, "data": []})})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    api.sms_full_data("tok", limit=5, extra_body={"x": "y"})  # type: ignore[call-arg]
    assert wire.sent(FULL_DATA) == [{"limit": 5, "x": "y"}]


def test_extra_body_is_validated_like_the_rest() -> None:
    wire = Wire({SEND: (200, SEND_OK)})
    api = GatumRESTAPI(BASE, transport=wire.transport)
    with pytest.raises(InvalidRequestError):
        api.send_sms("tok", [NUMBER], "Verify", "hi", extra_body={"senderID": "Verify\n"})  # type: ignore[call-arg]
    with pytest.raises(InvalidRequestError):
        api.account_info("tok", extra_body={"x": 1})  # type: ignore[call-arg]  # no body to merge into
    assert not wire.requests
