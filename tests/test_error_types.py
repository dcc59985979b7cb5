"""Errors a person meets every day have the type they expect and say only what applies.

* a wrong password (the platform answers 400 on /v1/authorize) is an AuthenticationError, still a
  BadRequestError with status 400 and the platform's words;
* a client set up wrongly (no base URL, TLS off, a bad proxy) raises ConfigurationError, a
  GatumError and still a ValueError;
* "outcome unknown" names a possible second paid SMS only for a send; a login or a read never
  carries it;
* `GATUM_LOG=debug` logs every call in one line (method, path, operation, status, time), never a secret.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable

import httpx
import pytest
from gatum_client.api.account import account_info

from gatum_rest_py import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    Client,
    ConfigurationError,
    GatumError,
    GatumRESTAPI,
    InternalServerError,
    InvalidCredentialsError,
)

BASE = "https://api.example.test"
PASSWORD = "s3cret-pa55"
WRONG_PASSWORD = {"status": False, "error_code": 400, "errors": {"password": ["Incorrect username or password."]}}


def transport(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.MockTransport:
    return httpx.MockTransport(handler)


def wrong_password(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/v1/authorize":
        return httpx.Response(400, json=WRONG_PASSWORD)
    raise AssertionError(f"nothing but the login should be sent, got {request.url.path}")


def test_a_wrong_password_is_an_authentication_error_with_the_platforms_words() -> None:
    client = Client(BASE, username="me", password=PASSWORD, transport=transport(wrong_password))
    with pytest.raises(AuthenticationError) as caught:
        account_info.sync_or_raise(client=client)
    error = caught.value
    assert isinstance(error, InvalidCredentialsError) and isinstance(error, BadRequestError)
    assert error.status_code == 400
    assert error.errors == {"password": ["Incorrect username or password."]}
    assert "Incorrect username or password." in str(error)
    assert PASSWORD not in str(error) and PASSWORD not in repr(error.args)
    assert not error.outcome_unknown and "outcome unknown" not in str(error)


def test_the_facade_login_raises_the_same_on_request() -> None:
    api = GatumRESTAPI(BASE, transport=transport(wrong_password))
    response = api.access_token("me", PASSWORD)
    assert response.status_code == 400
    with pytest.raises(InvalidCredentialsError):
        response.raise_for_status()


def test_a_400_on_any_other_call_stays_a_plain_bad_request() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"status": False, "error_code": 400, "errors": {"senderID": ["bad"]}})

    api = GatumRESTAPI(BASE, transport=transport(refuse))
    with pytest.raises(BadRequestError) as caught:
        api.send_sms("tok", ["380957225759"], "Verify", "hi").raise_for_status()
    assert not isinstance(caught.value, AuthenticationError)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Client(None),
        lambda: GatumRESTAPI(None),
        lambda: Client("ftp://example.test"),
        lambda: Client(BASE, verify=False),
        lambda: Client(BASE, username="me"),
        lambda: Client(BASE, proxy="ftp://proxy.example.test:21"),
    ],
    ids=["client-no-base-url", "facade-no-base-url", "bad-scheme", "tls-off", "half-credentials", "bad-proxy"],
)
def test_configuration_mistakes_are_gatum_errors_and_value_errors(
    make: Callable[[], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GATUM_BASE_URL", raising=False)
    with pytest.raises(ConfigurationError) as caught:
        make()
    assert isinstance(caught.value, GatumError) and isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value) and len(str(caught.value)) <= 200


def server_error(request: httpx.Request) -> httpx.Response:
    return httpx.Response(502, text="<html>Bad gateway</html>")


@pytest.mark.parametrize(
    ("call", "unknown", "paid"),
    [
        (lambda api: api.access_token("me", PASSWORD), False, False),
        (lambda api: api.account_info("tok"), False, False),
        (lambda api: api.black_list_add("tok", ["380957225759"]), True, False),
        (lambda api: api.send_sms("tok", ["380957225759"], "Verify", "hi"), True, True),
    ],
    ids=["login", "read", "change", "send"],
)
def test_only_a_send_in_doubt_mentions_a_second_paid_sms(
    call: Callable[[GatumRESTAPI], object], unknown: bool, paid: bool
) -> None:
    api = GatumRESTAPI(BASE, transport=transport(server_error), max_retries=0)
    with pytest.raises(APIStatusError) as caught:
        call(api).raise_for_status()  # type: ignore[attr-defined]
    error = caught.value
    assert isinstance(error, InternalServerError)
    assert error.outcome_unknown is unknown
    assert ("outcome unknown" in str(error)) is unknown
    assert ("paid SMS" in str(error)) is paid


def test_gatum_log_debug_logs_every_call_in_one_line_without_secrets(caplog: pytest.LogCaptureFixture) -> None:
    token = "tok-visible-nowhere"

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/send":
            return httpx.Response(200, json={"status": True, "data": {"380957225759": [{"id_state": 7}]}})
        return httpx.Response(200, json={"status": True, "data": {"balance": 1}})

    api = GatumRESTAPI(BASE, transport=transport(answer))
    with caplog.at_level(logging.DEBUG, logger="gatum_rest_py"):
        api.account_info(token)
        api.send_sms(token, ["380957225759"], "Verify", "hi")
    lines = [r.getMessage() for r in caplog.records if r.name == "gatum_rest_py" and r.levelno == logging.DEBUG]
    calls = [line for line in lines if " -> " in line]
    assert len(calls) == 2, lines
    assert calls[0].startswith("GET /v1/me (accountInfo) -> 200 in ")
    assert calls[1].startswith("POST /v1/send (sendSms) -> 200 in ")
    assert all(token not in line for line in lines)


def test_gatum_log_debug_from_the_environment_reaches_stderr() -> None:
    """The variable itself, in a fresh interpreter, as a user sets it."""
    program = (
        "import httpx, gatum_rest_py as g\n"
        "t = httpx.MockTransport(lambda r: httpx.Response(200, json={'status': True, 'data': {}}))\n"
        "g.GatumRESTAPI('https://api.example.test', transport=t).account_info('tok-secret-123')\n"
    )
    env = {**os.environ, "GATUM_LOG": "debug"}
    done = subprocess.run([sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "GET /v1/me (accountInfo) -> 200 in " in done.stderr
    assert "tok-secret-123" not in done.stderr
