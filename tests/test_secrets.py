"""Secrets (the access token, the password, the one-time login code) are out of reach of every repr and str.

Error trackers record `str(exc)`, `repr(exc)` and the reprs of what an exception or response
holds (`exc.request`, its headers, its body). httpx masks only `Authorization` in a headers
repr and keeps the body a request was sent with, so the requests kept on responses and
exceptions are redacted copies (`gatum_rest_py._redact`), and the generated models leave
`format: password` properties out of their repr (template `openapi/templates/model.py.jinja`).
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fault_server import OK_SEND, Drop, Reply, ScriptedServer, closed_port
from gatum_client.api.account import account_info
from gatum_client.models import AuthorizeRequest, RegisterRequest

import gatum_rest_py._retry as retry_module
from gatum_rest_py import (
    APIConnectionError,
    APIError,
    AsyncGatumRESTAPI,
    AuthenticationError,
    Client,
    GatumResponse,
    GatumRESTAPI,
    InternalServerError,
)
from gatum_rest_py._redact import MASK, mask_secret_fields, redacted_request

TOKEN = "tok-3f9c1e-SECRET"
PASSWORD = "pw-7d2a-SECRET"
CODE = "code-51be-SECRET"
SECRETS = (TOKEN, PASSWORD, CODE)
DENIED = Reply(401, {"status": False, "error": "Unauthorized"})


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_sleep(seconds: float) -> None:
        return None

    monkeypatch.setattr(retry_module, "sleep", lambda seconds: None)
    monkeypatch.setattr(retry_module, "async_sleep", no_sleep)


def _request_views(request: httpx.Request | None) -> list[str]:
    if request is None:
        return []
    try:
        body = request.content.decode("utf-8", "replace")
    except httpx.RequestNotRead:
        body = ""
    return [repr(request), str(request.url), repr(request.url), repr(request.headers), str(request.headers), body]


def reachable(obj: Any) -> list[str]:
    """What an error tracker (or a curious user) gets from an exception or a response without trying hard."""
    views = [str(obj), repr(obj)]
    if isinstance(obj, APIError):
        views += [repr(arg) for arg in obj.args] + _request_views(obj.request)
        response = getattr(obj, "response", None)
        if response is not None:
            views += _request_views(response.request)
    if isinstance(obj, GatumResponse):
        views += [repr(obj.parsed), repr(obj.http_response), *_request_views(obj.http_response.request)]
    return views


def assert_no_secret(obj: Any) -> None:
    for view in reachable(obj):
        for secret in SECRETS:
            assert secret not in view, f"{secret!r} is reachable through {view!r}"


# -- redacted_request itself --------------------------------------------------------------------


def test_secret_headers_are_masked_whatever_their_case() -> None:
    request = httpx.Request(
        "POST",
        "https://restapi.example/v1/send",
        headers=[("x-ACCESS-token", TOKEN), ("Authorization", f"Bearer {TOKEN}"), ("X-Trace", "keep-me")],
        json=[{"text": "hi"}],
    )
    safe = redacted_request(request)
    assert safe.headers["X-Access-Token"] == MASK
    assert safe.headers["Authorization"] == MASK
    assert safe.headers["X-Trace"] == "keep-me"
    assert safe.content == request.content  # a send's body has no secret: kept as sent
    assert (safe.method, safe.url) == (request.method, request.url)
    assert_no_secret(APIError("x", request=safe))
    assert request.headers["X-Access-Token"] == TOKEN  # the original is left alone


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/authorize", {"username": "me", "password": PASSWORD}),
        ("/v1/accesstoken", {"authorization_code": CODE}),
        ("/v1/register", {"login": "me", "password": PASSWORD, "name": "N", "phone": "1", "email": "e@x.io"}),
    ],
)
def test_login_bodies_are_masked(path: str, body: dict[str, str]) -> None:
    safe = redacted_request(httpx.Request("POST", f"https://restapi.example/api{path}", json=body))
    masked = json.loads(safe.content)
    assert set(masked) == set(body)
    assert all(masked[k] == (MASK if k in ("password", "authorization_code") else v) for k, v in body.items())
    assert_no_secret(APIError("x", request=safe))


def test_a_password_in_the_url_is_masked() -> None:
    safe = redacted_request(httpx.Request("GET", f"https://me:{PASSWORD}@restapi.example/v1/me"))
    assert safe.url.username == "me"
    assert PASSWORD not in str(safe.url)


def test_a_login_body_that_is_not_json_is_masked_as_a_whole() -> None:
    assert mask_secret_fields(f"username=me&password={PASSWORD}".encode()) == MASK.encode()
    assert mask_secret_fields(b"") == b""
    assert mask_secret_fields(b'[{"password": null}]') == b'[{"password": null}]'


# -- exceptions and responses of real calls (loopback) -----------------------------------------


def test_a_connection_error_holds_no_token() -> None:
    with GatumRESTAPI(f"http://127.0.0.1:{closed_port()}") as api, pytest.raises(APIConnectionError) as caught:
        api.send_sms(access_token=TOKEN, numbers=["380957225759"], sender_id="Verify", text="hi")
    assert caught.value.request is not None
    assert caught.value.request.headers["X-Access-Token"] == MASK
    assert_no_secret(caught.value)


def test_a_login_cut_off_holds_no_password() -> None:
    with ScriptedServer([Drop()]) as server, GatumRESTAPI(server.url) as api:
        with pytest.raises(APIConnectionError) as caught:
            api.access_token(username="me", password=PASSWORD)
    assert server.requests[0].json()["password"] == PASSWORD  # it was sent, and only sent
    assert_no_secret(caught.value)


# Every response keeps a redacted copy of its request (`_PolicyHTTPClient.send` and its async twin).


def test_a_status_error_on_the_typed_path_holds_no_token() -> None:
    with ScriptedServer([DENIED]) as server, Client(server.url, access_token=TOKEN, max_retries=0) as client:
        with pytest.raises(AuthenticationError) as caught:
            account_info.sync(client=client)
    assert server.requests[0].headers["x-access-token"] == TOKEN
    assert_no_secret(caught.value)


def test_a_failed_login_holds_no_password_on_the_typed_path() -> None:
    with ScriptedServer([DENIED]) as server, Client(server.url, username="me", password=PASSWORD) as client:
        with pytest.raises(APIError) as caught:
            account_info.sync(client=client)
    assert [r.path for r in server.requests] == ["/v1/authorize"]
    assert_no_secret(caught.value)


def test_facade_responses_hold_no_token() -> None:
    with ScriptedServer([Reply(500, {"status": False}), OK_SEND]) as server, GatumRESTAPI(server.url) as api:
        response = api.send_sms(access_token=TOKEN, numbers=["380957225759"], sender_id="Verify", text="hi")
        assert response.status_code == 500
        assert_no_secret(response)
        with pytest.raises(InternalServerError) as caught:
            response.raise_for_status()
    assert_no_secret(caught.value)


def test_a_refused_login_on_the_facade_holds_no_password() -> None:
    with ScriptedServer([DENIED]) as server, GatumRESTAPI(server.url) as api:
        response = api.access_token(username="me", password=PASSWORD)
    assert response.status_code == 401
    assert_no_secret(response)


async def test_asyncio_responses_hold_no_token() -> None:
    with ScriptedServer([DENIED]) as server:
        async with AsyncGatumRESTAPI(server.url) as api:
            response = await api.account_info(access_token=TOKEN)
    assert response.status_code == 401
    assert_no_secret(response)


def test_a_successful_login_keeps_the_token_in_the_body_only() -> None:
    """The old API hands the token over in `response.json()`: that stays; the code sent for it does not."""
    script = [
        Reply(200, {"status": True, "data": {"authorization_code": CODE}}),
        Reply(200, {"status": True, "data": {"access_token": TOKEN, "expires_at": 2006432128}}),
    ]
    with ScriptedServer(script) as server, GatumRESTAPI(server.url) as api:
        response = api.access_token(username="me", password=PASSWORD)
    assert response.json()["data"]["access_token"] == TOKEN
    request = response.http_response.request
    assert CODE not in request.content.decode()
    assert PASSWORD not in request.content.decode()


@pytest.mark.parametrize(
    "answer",
    [
        {"status": True, "data": {"token": TOKEN}},  # the token under a name the spec does not know
        {"status": False, "data": {"access_token": TOKEN}},
    ],
    ids=["unknown-shape", "status-false"],
)
def test_an_odd_login_answer_is_not_quoted_in_the_error(answer: dict[str, Any]) -> None:
    """The answers of authorize/accesstoken carry the code or the token: an error message must not quote them.

    Needs _exceptions.py to leave the body out of the message when `carries_login_secrets(request)`.
    """
    script = [Reply(200, {"status": True, "data": {"authorization_code": CODE}}), Reply(200, answer)]
    with ScriptedServer(script) as server, Client(server.url, username="me", password=PASSWORD) as client:
        with pytest.raises(APIError) as caught:
            account_info.sync(client=client)
    assert [r.path for r in server.requests] == ["/v1/authorize", "/v1/accesstoken"]
    assert_no_secret(caught.value)


# -- generated code (openapi/templates/model.py.jinja and package_init.py.jinja) -------------


def test_the_login_models_keep_the_password_out_of_their_repr() -> None:
    authorize = AuthorizeRequest(username="me", password=PASSWORD)
    register = RegisterRequest(login="me", password=PASSWORD, name="N", phone="1", email="e@x.io")
    for model in (authorize, register):
        assert PASSWORD not in repr(model)
        assert PASSWORD not in str(model)
        assert model.to_dict()["password"] == PASSWORD  # still sent
    assert "username='me'" in repr(authorize)


def test_the_generated_package_points_users_to_the_policy_client() -> None:
    """`from gatum_client import Client` gives a bare client (template openapi/templates/package_init.py.jinja)."""
    import gatum_client

    assert "gatum_rest_py.Client" in (gatum_client.__doc__ or "")
    for bare in (gatum_client.Client, gatum_client.AuthenticatedClient):
        assert "gatum_rest_py.Client" in (bare.__doc__ or ""), bare
    # gatum_rest_py.Client composes instead of inheriting: it provides what the endpoints need.
    needed = {name for name in vars(gatum_client.client.ClientLike) if not name.startswith("_")}
    assert needed == {"raise_on_unexpected_status", "get_httpx_client", "get_async_httpx_client", "parse_body"}
    assert not issubclass(Client, gatum_client.AuthenticatedClient)
    assert all(callable(getattr(Client, name)) for name in needed - {"raise_on_unexpected_status"})
    assert isinstance(Client(base_url="https://api.example.invalid").raise_on_unexpected_status, bool)


def test_a_checked_message_keeps_its_token_out_of_repr_and_pickle() -> None:
    """`check_messages` keeps the token with each message (send_messages checks it is the same):
    neither its repr nor a pickle (a task queue's broker, a cache) may carry it."""
    import copy
    import pickle

    from gatum_rest_py import check_messages

    [checked] = check_messages(TOKEN, [{"numbers": ["380957225759"], "sender_id": "Verify", "text": "hi"}])
    assert TOKEN not in repr(checked) and TOKEN not in str(checked)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="access token"):
            pickle.dumps(checked, protocol=protocol)
    assert copy.deepcopy(checked) is checked and copy.copy(checked) is checked


@pytest.mark.parametrize("make", [GatumRESTAPI, AsyncGatumRESTAPI, Client])
def test_a_client_is_not_pickled_with_its_login_and_says_so(make: Any) -> None:
    """A client holds its pools and its login: a pickle (a task queue, a cache) would carry the
    password. It says so in one line, whatever the protocol; a shallow copy shares the original's."""
    import copy
    import pickle

    made = make("https://api.example.invalid", username="someone", password=PASSWORD)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match=rf"^a {type(made).__name__} holds its connections and login") as caught:
            pickle.dumps(made, protocol=protocol)
        assert PASSWORD not in str(caught.value) and len(str(caught.value).splitlines()) == 1
    with pytest.raises(TypeError, match="make one in each process"):
        copy.deepcopy(made)
    shallow = copy.copy(made)
    assert type(shallow) is type(made) and shallow is not made and vars(shallow) == vars(made)


def test_a_campaign_worker_s_settings_keep_their_secrets_out_of_repr_and_pickle() -> None:
    import pickle

    from gatum_rest_py.campaigns._workers import WorkerEnvironment

    environ = {
        "GATUM_LEDGER": f"postgresql://gatum:{PASSWORD}@db.example.invalid/gatum",
        "GATUM_BASE_URL": "https://api.example.invalid",
        "GATUM_USERNAME": "someone",
        "GATUM_PASSWORD": PASSWORD,
        "GATUM_REDIS_URL": "redis://queue.example.invalid:6379/0",
    }
    env = WorkerEnvironment.from_env(environ)
    assert env.password == PASSWORD and PASSWORD not in repr(env)
    with pytest.raises(TypeError, match="each worker reads its own") as caught:
        pickle.dumps(env)
    assert PASSWORD not in str(caught.value)


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


@pytest.mark.parametrize("failure", [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), RuntimeError("bug")])
@pytest.mark.parametrize("flavour", ["sync", "asyncio"])
def test_an_errors_chain_keeps_no_unredacted_request(failure: Exception, flavour: str) -> None:
    """The httpx error a connection error replaces held the request as sent, token and all: it is
    not kept as the new error's __cause__ or __context__."""
    import asyncio

    from gatum_rest_py import Client, GatumError

    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    client = Client(
        "https://gatum.test",
        access_token=TOKEN,
        max_retries=0,
        transport=httpx.MockTransport(fail),
        async_transport=httpx.MockTransport(fail),
    )
    with client, pytest.raises(GatumError) as caught:
        if flavour == "sync":
            account_info.sync(client=client)
        else:
            asyncio.run(account_info.asyncio(client=client))
    chain = _chain(caught.value)
    assert chain == [caught.value]
    assert TOKEN not in repr(vars(caught.value)) and TOKEN not in str(caught.value)


def test_a_code_the_login_got_is_never_quoted_by_the_check_of_the_next_request() -> None:
    from gatum_rest_py import GatumRESTAPI, InvalidRequestError

    # JSON can carry a lone surrogate (as an escape); the accesstoken request's body cannot
    answer = b'{"status": true, "data": {"authorization_code": "code-LEAK-555\\ud800"}}'

    def platform(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=answer, headers={"Content-Type": "application/json"})

    with GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(platform)) as api:
        with pytest.raises(InvalidRequestError) as caught:
            api.access_token("me", PASSWORD)
    assert "code-LEAK" not in str(caught.value) and "'***'" in str(caught.value)
