"""Configuration from the environment: GATUM_BASE_URL, GATUM_TOKEN, GATUM_USERNAME/GATUM_PASSWORD, GATUM_LOG."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest
from gatum_client.api.account import account_info

from gatum_rest_py import Client, GatumRESTAPI, RetryConfig

ME = {"status": True, "data": {"login": "me"}}


def recorder(seen: list[httpx.Request]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path == "/v1/authorize":
            return httpx.Response(200, json={"status": True, "data": {"authorization_code": "c0de"}})
        if request.url.path == "/v1/accesstoken":
            return httpx.Response(200, json={"status": True, "data": {"access_token": "from-login"}})
        return httpx.Response(200, json=ME)

    return httpx.MockTransport(answer)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GATUM_BASE_URL", "GATUM_TOKEN", "GATUM_USERNAME", "GATUM_PASSWORD", "GATUM_LOG"):
        monkeypatch.delenv(name, raising=False)


def test_the_facade_reads_base_url_and_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATUM_BASE_URL", "https://env.gatum.test")
    monkeypatch.setenv("GATUM_TOKEN", "env-token")
    seen: list[httpx.Request] = []
    with GatumRESTAPI(transport=recorder(seen)) as api:
        assert api.account_info().status_code == 200
    assert seen[0].url.host == "env.gatum.test"
    assert seen[0].headers["X-Access-Token"] == "env-token"


def test_explicit_arguments_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATUM_BASE_URL", "https://env.gatum.test")
    monkeypatch.setenv("GATUM_TOKEN", "env-token")
    seen: list[httpx.Request] = []
    with GatumRESTAPI("https://explicit.gatum.test", transport=recorder(seen)) as api:
        api.account_info("call-token")
    assert seen[0].url.host == "explicit.gatum.test"
    assert seen[0].headers["X-Access-Token"] == "call-token"


def test_credentials_from_the_environment_log_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATUM_BASE_URL", "https://env.gatum.test")
    monkeypatch.setenv("GATUM_USERNAME", "login")
    monkeypatch.setenv("GATUM_PASSWORD", "secret")
    seen: list[httpx.Request] = []
    with Client(transport=recorder(seen)) as client:
        info = account_info.sync_or_raise(client=client)
    assert info.data.login == "me"
    assert [request.url.path for request in seen] == ["/v1/authorize", "/v1/accesstoken", "/v1/me"]
    assert seen[-1].headers["X-Access-Token"] == "from-login"


def test_no_base_url_anywhere_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="GATUM_BASE_URL"):
        GatumRESTAPI()


@pytest.mark.parametrize(("value", "level"), [("debug", 10), ("info", 20), ("", 0)])
def test_gatum_log_sets_the_package_log_level(value: str, level: int) -> None:
    code = "import logging, gatum_rest_py; print(logging.getLogger('gatum_rest_py').level)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"GATUM_LOG": value}, timeout=60
    )
    assert result.stdout.strip() == str(level), result.stderr


def test_the_typed_path_takes_per_call_options_through_with_options() -> None:
    seen: list[httpx.Request] = []
    with Client("https://gatum.test", username="login", password="secret", transport=recorder(seen)) as client:
        account_info.sync_or_raise(client=client)
        tuned = client.with_options(timeout=3, max_retries=0, extra_headers={"X-Trace": "t1"})
        account_info.sync_or_raise(client=tuned)
    paths = [request.url.path for request in seen]
    assert paths == ["/v1/authorize", "/v1/accesstoken", "/v1/me", "/v1/me"]  # the token is shared: one login
    assert seen[-1].headers["X-Trace"] == "t1"
    assert seen[-1].extensions["timeout"]["read"] == 3


def test_facade_per_call_options_apply_to_that_call_only() -> None:
    seen: list[httpx.Request] = []

    def busy(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(503, json={"status": False, "error_code": 503, "errors": "busy"})

    retry = RetryConfig(max_retries=1, initial_delay=0)
    with GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(busy), retry=retry) as api:
        api.account_info("tok", max_retries=0, extra_headers={"X-Trace": "t1"}, timeout=2)
        assert len(seen) == 1  # no retry for this call
        assert seen[0].headers["X-Trace"] == "t1" and seen[0].extensions["timeout"]["read"] == 2
        seen.clear()
        api.account_info("tok")
        assert len(seen) == 2  # the client's own setting again (one retry of a read)
        assert "X-Trace" not in seen[0].headers


def test_a_misspelled_argument_or_option_names_the_method_and_what_it_takes() -> None:
    from gatum_rest_py import InvalidRequestError

    sent: list[httpx.Request] = []
    with GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(lambda r: sent.append(r))) as api:  # type: ignore[arg-type,func-returns-value]
        with pytest.raises(InvalidRequestError) as caught:
            api.sms_full_data("tok", phon="380957225759")  # type: ignore[call-arg]
    assert str(caught.value).startswith("sms_full_data: unknown argument 'phon': not an argument of the method")
    assert caught.value.argument == "phon" and "total_timeout" in caught.value.rule
    assert sent == []  # nothing sent
