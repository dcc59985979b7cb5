"""Every exception of the package travels: pickle (all protocols), copy.deepcopy, a child process.

Celery, RQ and multiprocessing pickle exceptions into their result stores or pipes. BaseException
pickles as `cls(*exc.args)`, which breaks keyword-only and response-based constructors, so the
package's exceptions rebuild from their message and attributes instead (`portable_reduce`). What
travels is secret-free: the access token, the password and the login answers' secrets never
appear in the pickled bytes, even when an exception was handed a request that was not redacted.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import httpx
import pytest
from gatum_client.api.account import account_info
from gatum_client.api.sms import send_sms
from gatum_client.models import SendMessage

from gatum_rest_py import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    Client,
    GatumError,
    InternalServerError,
    InvalidCredentialsError,
    InvalidRequestError,
    NotFoundError,
    PagingError,
    PermissionDeniedError,
    RateLimitError,
    WebhookPayloadError,
)
from gatum_rest_py._exceptions import status_error_for
from gatum_rest_py._redact import MASK, redacted_request
from gatum_rest_py.cli._session import CLIError
from gatum_rest_py.webhooks._errors import Rejected

BASE = "https://restapi.example"
TOKEN = "tok-TRAVEL-5e1f-SECRET"
PASSWORD = "pw-TRAVEL-8c3a-SECRET"
CODE = "code-TRAVEL-77b0-SECRET"
ISSUED = "issued-TRAVEL-2d94-SECRET"  # a token in an accesstoken answer
SECRETS = (TOKEN, PASSWORD, CODE, ISSUED)
NUMBER = "380957225759"


# -- building them as the package does ---------------------------------------------------------


def sent(method: str, path: str, body: Any = None) -> httpx.Request:
    """A request as it went out: it carries the token, and the password when it is a login."""
    return httpx.Request(method, f"{BASE}{path}", headers={"X-Access-Token": TOKEN}, json=body)


def answered(
    request: httpx.Request, status: int, body: Any, *, redact: bool = True, headers: dict[str, str] | None = None
) -> httpx.Response:
    """An answer to `request`, holding the redacted copy as the client's responses do (or not)."""
    return httpx.Response(status, json=body, headers=headers, request=redacted_request(request) if redact else request)


def status_error(status: int, body: Any, **kwargs: Any) -> APIStatusError:
    send = sent("POST", "/v1/send", [{"number": [NUMBER], "sender_id": "Verify", "text": "hi"}])
    response = answered(send, status, body, headers={"X-Request-Id": "rid-42", "Retry-After": "3"})
    return status_error_for(response, **kwargs)


def login_refused(*, redact: bool = True) -> APIStatusError:
    login = sent("POST", "/v1/authorize", {"username": "me", "password": PASSWORD})
    return status_error_for(answered(login, 401, {"status": False, "error": "Unauthorized"}, redact=redact))


def not_redacted_on_the_way() -> APIStatusError:
    # status_error_for called on a path that did not redact: the exception must do it itself.
    return status_error_for(answered(sent("GET", "/v1/me"), 404, {"status": False, "error": "no"}, redact=False))


def redirect_not_followed() -> APIStatusError:
    # httpx keeps the redirect it did not follow in `next_request`, token included.
    response = answered(sent("GET", "/v1/me"), 302, None, headers={"Location": "/v1/elsewhere"})
    response.next_request = sent("GET", "/v1/elsewhere")
    return status_error_for(response)


def unusable_login_answer() -> APIResponseValidationError:
    issue = sent("POST", "/v1/accesstoken", {"authorization_code": CODE})
    answer = answered(issue, 200, {"status": True, "data": {"access_token": ISSUED + "\n", "expires_at": 1}})
    return APIResponseValidationError(answer, "login failed: the accesstoken answer holds no usable access_token")


BUILT: dict[str, Callable[[], BaseException]] = {
    "GatumError": lambda: GatumError("something failed"),
    "InvalidRequestError": lambda: InvalidRequestError("sender_id is invalid", argument="sender_id", rule="1-11 chars"),
    "WebhookPayloadError": lambda: WebhookPayloadError("delivery-report body must be a JSON array of reports"),
    "APIError": lambda: APIError("login failed", request=sent("POST", "/v1/authorize", {"password": PASSWORD})),
    "APIConnectionError": lambda: APIConnectionError(
        "POST /v1/send failed", request=sent("POST", "/v1/send", []), outcome_unknown=True
    ),
    "APITimeoutError": lambda: APITimeoutError("GET /v1/me timed out", request=sent("GET", "/v1/me")),
    "BadRequestError": lambda: status_error(
        400, {"status": False, "error_code": 400, "errors": {"sender_id": ["Sender is not allowed."]}}
    ),
    "BadRequestError-status-false": lambda: status_error(
        200, {"status": False, "error_code": "400", "error": "Insufficient funds"}, status_code=400
    ),
    "AuthenticationError-login": login_refused,
    "AuthenticationError-login-not-redacted": lambda: login_refused(redact=False),
    "PermissionDeniedError": lambda: status_error(403, {"status": False, "error": "Forbidden"}),
    "NotFoundError-not-redacted": not_redacted_on_the_way,
    "RateLimitError": lambda: status_error(429, {"status": False, "error": "Too many requests"}),
    "InternalServerError": lambda: status_error(503, "<html>down</html>", outcome_unknown=True),
    "APIStatusError-418": lambda: status_error(418, {"status": False}),
    "APIStatusError-redirect": redirect_not_followed,
    "APIResponseValidationError-login": unusable_login_answer,
    "PagingError": lambda: PagingError("list_groups: page 3 is the same as page 2; stopped"),
    "Rejected": lambda: Rejected(413, "delivery-report body is larger than 1048576 bytes"),
    "CLIError": lambda: CLIError("AuthenticationError: HTTP 401\n for GET /v1/me"),
}
EXPECTED_TYPES = {
    "BadRequestError-status-false": BadRequestError,
    "AuthenticationError-login": AuthenticationError,
    "AuthenticationError-login-not-redacted": AuthenticationError,
    "PermissionDeniedError": PermissionDeniedError,
    "NotFoundError-not-redacted": NotFoundError,
    "RateLimitError": RateLimitError,
    "InternalServerError": InternalServerError,
    "APIStatusError-418": APIStatusError,
    "APIStatusError-redirect": APIStatusError,
}


# -- comparing them ----------------------------------------------------------------------------


def same_request(before: httpx.Request, after: httpx.Request) -> None:
    assert (after.method, after.url) == (before.method, before.url)
    assert after.headers.multi_items() == before.headers.multi_items()
    assert after.content == before.content


def same_response(before: httpx.Response, after: httpx.Response) -> None:
    assert after.status_code == before.status_code
    assert after.headers.multi_items() == before.headers.multi_items()
    if any(secret.encode() in before.content for secret in SECRETS):
        # A login answer: what travels has the secret fields masked, the rest kept.
        assert json.loads(after.content).keys() == json.loads(before.content).keys()
    else:
        assert after.content == before.content
    same_request(before.request, after.request)
    assert (after.next_request is None) == (before.next_request is None)
    if before.next_request is not None and after.next_request is not None:
        same_request(before.next_request, after.next_request)


def assert_same(before: BaseException, after: BaseException) -> None:
    assert type(after) is type(before)
    assert str(after) == str(before)
    assert after.args == before.args
    assert vars(after).keys() == vars(before).keys()
    for name, value in vars(before).items():
        if isinstance(value, httpx.Request):
            same_request(value, getattr(after, name))
        elif isinstance(value, httpx.Response):
            same_response(value, getattr(after, name))
        else:
            assert getattr(after, name) == value, name


def assert_secret_free(data: bytes) -> None:
    for secret in SECRETS:
        assert secret.encode() not in data


def assert_travels(exc: BaseException) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        data = pickle.dumps(exc, protocol=protocol)
        assert_secret_free(data)
        assert_same(exc, pickle.loads(data))  # noqa: S301  # our own bytes
    assert_same(exc, copy.deepcopy(exc))


# -- built as the package builds them ----------------------------------------------------------


@pytest.mark.parametrize("kind", BUILT)
def test_every_exception_pickles_and_deep_copies(kind: str) -> None:
    exc = BUILT[kind]()
    assert type(exc).__name__ == kind.split("-")[0]
    assert type(exc) is EXPECTED_TYPES.get(kind, type(exc))
    assert_travels(exc)


def test_what_the_status_errors_carry_comes_back() -> None:
    exc = BUILT["BadRequestError"]()
    assert isinstance(exc, BadRequestError)
    back = pickle.loads(pickle.dumps(exc))  # noqa: S301
    assert isinstance(back, BadRequestError)
    assert (back.status_code, back.error_code, back.errors) == (400, 400, {"sender_id": ["Sender is not allowed."]})
    assert (back.request_id, back.outcome_unknown) == ("rid-42", False)
    assert back.json_body == exc.json_body and back.body == exc.body
    assert back.response.headers["Retry-After"] == "3"
    assert back.request is not None and back.request.headers["X-Access-Token"] == MASK
    assert back.response.request.headers["X-Access-Token"] == MASK


def test_an_invalid_request_error_keeps_argument_and_rule() -> None:
    back = pickle.loads(pickle.dumps(BUILT["InvalidRequestError"]()))  # noqa: S301
    assert isinstance(back, InvalidRequestError) and isinstance(back, ValueError)
    assert (back.argument, back.rule) == ("sender_id", "1-11 chars")


def test_what_an_exception_holds_is_redacted_before_it_travels() -> None:
    exc = BUILT["AuthenticationError-login-not-redacted"]()
    assert isinstance(exc, AuthenticationError)
    assert exc.response.request.headers["X-Access-Token"] == MASK
    assert PASSWORD.encode() not in exc.response.request.content
    assert exc.request is exc.response.request
    redirect = BUILT["APIStatusError-redirect"]()
    assert isinstance(redirect, APIStatusError) and redirect.response.next_request is not None
    assert redirect.response.next_request.headers["X-Access-Token"] == MASK
    login = BUILT["APIResponseValidationError-login"]()
    assert isinstance(login, APIResponseValidationError)
    assert ISSUED not in login.body and ISSUED not in str(login)


def test_a_request_put_on_an_exception_later_is_redacted_when_it_travels() -> None:
    exc = APIConnectionError("GET /v1/me failed")
    exc.request = sent("POST", "/v1/authorize", {"username": "me", "password": PASSWORD})
    exc.request.extensions["unpicklable"] = lambda: None  # httpx leaves extensions behind
    data = pickle.dumps(exc)
    assert_secret_free(data)
    back = pickle.loads(data)  # noqa: S301
    assert back.request.headers["X-Access-Token"] == MASK
    assert json.loads(back.request.content) == {"username": "me", "password": MASK}
    assert back.request.extensions == {}


# -- raised for real by Client -----------------------------------------------------------------


def client_answering(handler: Callable[[httpx.Request], httpx.Response], *, login: bool = False) -> Client:
    transport = httpx.MockTransport(handler)
    if login:
        return Client(BASE, username="me", password=PASSWORD, transport=transport, max_retries=0)
    return Client(BASE, access_token=TOKEN, transport=transport, max_retries=0)


def raised(call: Callable[[], object]) -> GatumError:
    with pytest.raises(GatumError) as caught:
        call()
    return caught.value


def message() -> list[SendMessage]:
    return [SendMessage(number=[NUMBER], sender_id="Verify", text="hi")]


def failing(exc: Exception) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc

    return handler


def fixed(status: int, body: Any, **headers: str) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, json=body, headers=headers)


def logging_in(authorize: httpx.Response, issue: httpx.Response) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: authorize if request.url.path == "/v1/authorize" else issue


CODE_ISSUED = httpx.Response(200, json={"status": True, "data": {"authorization_code": CODE}})
CLIENT_CASES: dict[str, tuple[type[GatumError], Callable[[], Client], Callable[[Client], object]]] = {
    "400 on a send": (
        BadRequestError,
        lambda: client_answering(fixed(400, {"status": False, "error_code": 400, "errors": {"text": ["Too long."]}})),
        lambda client: send_sms.sync(client=client, body=message()),
    ),
    "429": (
        RateLimitError,
        lambda: client_answering(fixed(429, {"status": False, "error": "slow down"}, **{"Retry-After": "7"})),
        lambda client: account_info.sync(client=client),
    ),
    "connection refused": (
        APIConnectionError,
        lambda: client_answering(failing(httpx.ConnectError("refused"))),
        lambda client: account_info.sync(client=client),
    ),
    "timeout on a send": (
        APITimeoutError,
        lambda: client_answering(failing(httpx.ReadTimeout("no answer"))),
        lambda client: send_sms.sync(client=client, body=message()),
    ),
    "login refused": (
        InvalidCredentialsError,  # a BadRequestError too (the platform answers 400)
        lambda: client_answering(
            fixed(400, {"status": False, "error_code": 400, "errors": {"password": ["Incorrect password."]}}),
            login=True,
        ),
        lambda client: account_info.sync(client=client),
    ),
    "200 saying status false": (  # the platform's other way of saying no: the body decoded, no model built
        AuthenticationError,
        lambda: client_answering(fixed(200, {"status": False, "error_code": 401, "error": "Unauthorized"})),
        lambda client: account_info.sync(client=client),
    ),
    "login refused with a 200": (
        InvalidCredentialsError,
        lambda: client_answering(
            fixed(200, {"status": False, "error_code": 400, "errors": {"password": ["Incorrect password."]}}),
            login=True,
        ),
        lambda client: account_info.sync(client=client),
    ),
    "unusable accesstoken answer": (
        APIResponseValidationError,
        lambda: client_answering(
            logging_in(
                CODE_ISSUED, httpx.Response(200, json={"status": True, "data": {"access_token": ISSUED + "\n"}})
            ),
            login=True,
        ),
        lambda client: account_info.sync(client=client),
    ),
}


@pytest.mark.parametrize(
    "issued",
    [
        {"status": True, "access_token": ISSUED},  # the token, not under `data`
        {"status": True, "data": {"token": ISSUED}},  # under another name
        {"status": False, "error_code": 401, "data": {"access_token": ISSUED}},  # a refusal that hands one out
    ],
)
def test_a_login_answers_token_is_masked_on_the_live_exception_too(issued: dict[str, Any]) -> None:
    with client_answering(logging_in(CODE_ISSUED, httpx.Response(200, json=issued)), login=True) as client:
        exc = raised(lambda: account_info.sync(client=client))
    assert isinstance(exc, APIError)
    response = getattr(exc, "response", None)
    for text in (str(exc), repr(vars(exc)), response.text if response is not None else ""):
        assert ISSUED not in text


@pytest.mark.parametrize(
    ("status", "body", "login"),
    [
        (401, {"status": False, "error": f"bad token {TOKEN}"}, False),
        (200, {"status": False, "error_code": 403, "errors": f"{TOKEN} may not do that"}, False),
        (500, f"<html>token={TOKEN}</html>", False),
        (400, {"status": False, "errors": {"password": [f"{PASSWORD} is wrong"]}}, True),
    ],
)
def test_a_secret_the_server_echoes_back_is_masked(status: int, body: Any, login: bool) -> None:
    answer = httpx.Response(status, json=body) if isinstance(body, dict) else httpx.Response(status, text=body)
    with client_answering(lambda request: answer, login=login) as client:
        exc = raised(lambda: account_info.sync(client=client))
    response = getattr(exc, "response", None)
    for text in (str(exc), repr(vars(exc)), response.text if response is not None else ""):
        assert TOKEN not in text and PASSWORD not in text, text


@pytest.mark.parametrize("case", CLIENT_CASES)
def test_exceptions_raised_by_the_client_travel(case: str) -> None:
    expected, make, call = CLIENT_CASES[case]
    with make() as client:
        exc = raised(lambda: call(client))
    assert type(exc) is expected
    assert isinstance(exc, APIError) and exc.request is not None
    assert_travels(exc)


# -- through a child process -------------------------------------------------------------------


def raise_in_child(kind: str) -> None:
    raise BUILT[kind]()


def test_exceptions_raised_in_a_child_process_reach_the_parent() -> None:
    kinds = ["InvalidRequestError", "BadRequestError", "AuthenticationError-login", "APIConnectionError", "Rejected"]
    # spawn: nothing is inherited, the child's exception reaches us only as pickled bytes.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {kind: pool.submit(raise_in_child, kind) for kind in kinds}
        for kind, future in futures.items():
            received = future.exception(timeout=60)
            assert received is not None, kind
            assert_same(BUILT[kind](), received)
    login = futures["AuthenticationError-login"].exception()
    assert isinstance(login, AuthenticationError)
    assert login.response.request.headers["X-Access-Token"] == MASK
    assert json.loads(login.response.request.content)["password"] == MASK


def test_the_servers_words_are_one_line_in_the_message() -> None:
    body = {"status": False, "errors": {"text": ["too\nlong", "and\r\nodd"], "": "a\nb\nc"}}
    with client_answering(fixed(500, body)) as client:
        exc = raised(lambda: account_info.sync(client=client))
    assert "\n" not in str(exc) and "\r" not in str(exc)
    assert "too long" in str(exc) and "a b c" in str(exc)
