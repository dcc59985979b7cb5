"""Token lifecycle: login on demand, reuse, refresh before expiry, one re-login on 401, one login at a time."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections import Counter
from typing import Any

import httpx
import pytest
from gatum_client.api.account import account_info
from gatum_client.api.auth import authorize

from gatum_rest_py import (
    AsyncGatumRESTAPI,
    AuthenticationError,
    BadRequestError,
    Client,
    GatumRESTAPI,
    InvalidRequestError,
)

PASSWORD = "s3cret-pa55word"


class FakeGatum:
    """A MockTransport handler: logins hand out tok-1, tok-2, …; `revoked` tokens get 401."""

    def __init__(self, *, lifetime: float = 3600.0, login_delay: float = 0.0) -> None:
        self.lifetime = lifetime
        self.login_delay = login_delay
        self.issued = 0
        self.revoked: set[str] = set()
        self.calls: Counter[str] = Counter()
        self.tokens_seen: list[str | None] = []
        self._lock = threading.Lock()

    def _issue(self) -> httpx.Response:
        with self._lock:
            self.issued += 1
            token = f"tok-{self.issued}"
        return httpx.Response(
            200, json={"status": True, "data": {"access_token": token, "expires_at": int(time.time() + self.lifetime)}}
        )

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        with self._lock:
            self.calls[path] += 1
        if path == "/v1/authorize":
            time.sleep(self.login_delay)
            body = json.loads(request.content)
            if body["password"] != PASSWORD:
                return httpx.Response(
                    400,
                    json={
                        "status": False,
                        "error_code": 400,
                        "errors": {"password": ["Incorrect username or password."]},
                    },
                )
            return httpx.Response(200, json={"status": True, "data": {"authorization_code": "code"}})
        if path == "/v1/accesstoken":
            return self._issue()
        token = request.headers.get("x-access-token")
        with self._lock:
            self.tokens_seen.append(token)
        if token is None or token in self.revoked or not token.startswith("tok-"):
            return httpx.Response(401, json={"status": False, "error_code": 401, "errors": "unauthorized"})
        return httpx.Response(200, json={"status": True, "data": {"login": "your_login"}})

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/authorize" and self.login_delay:
            await asyncio.sleep(self.login_delay)
            self.login_delay, delay = 0.0, self.login_delay
            try:
                return self(request)
            finally:
                self.login_delay = delay
        return self(request)


def make_client(fake: FakeGatum, **kwargs: object) -> Client:
    return Client(
        "https://gatum.test",
        username="user",
        password=PASSWORD,
        transport=httpx.MockTransport(fake),
        async_transport=httpx.MockTransport(fake.handle_async),
        **kwargs,  # type: ignore[arg-type]
    )


def test_logs_in_on_first_use_and_reuses_the_token() -> None:
    fake = FakeGatum()
    with make_client(fake) as client:
        for _ in range(3):
            assert account_info.sync(client=client) is not None
    assert fake.calls["/v1/authorize"] == 1
    assert fake.tokens_seen == ["tok-1"] * 3


def test_no_login_for_calls_that_need_no_token() -> None:
    fake = FakeGatum()
    with make_client(fake) as client:
        authorize.sync_detailed(client=client, body=authorize.AuthorizeRequest(username="u", password=PASSWORD))
    assert fake.calls["/v1/authorize"] == 1
    assert fake.calls["/v1/accesstoken"] == 0


def test_refreshes_shortly_before_expiry() -> None:
    fake = FakeGatum(lifetime=600)
    with make_client(fake) as client:
        account_info.sync(client=client)
        now = time.time()
        client._auth._clock = lambda: now + 600 - 30  # inside the refresh margin
        account_info.sync(client=client)
    assert fake.calls["/v1/authorize"] == 2
    assert fake.tokens_seen == ["tok-1", "tok-2"]


def test_relogs_in_once_on_401_and_replays_the_request() -> None:
    fake = FakeGatum()
    with make_client(fake) as client:
        account_info.sync(client=client)
        fake.revoked.add("tok-1")
        info = account_info.sync(client=client)
    assert info is not None and info.data.login == "your_login"
    assert fake.tokens_seen == ["tok-1", "tok-1", "tok-2"]


@pytest.mark.parametrize("flavour", ["sync", "asyncio"])
def test_a_replayed_requests_first_attempt_keeps_no_token_on_the_answer(flavour: str) -> None:
    """httpx replays the same request object with the new token: the first attempt's copy in the
    answer's history held the token now in use."""
    import pickle

    from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI

    fake = FakeGatum()
    transports = {"transport": httpx.MockTransport(fake), "async_transport": httpx.MockTransport(fake.handle_async)}
    if flavour == "sync":
        with GatumRESTAPI("https://gatum.test", username="user", password=PASSWORD, **transports) as api:
            api.account_info(None)
            fake.revoked.add("tok-1")
            answer = api.account_info(None)
    else:

        async def twice() -> Any:
            async with AsyncGatumRESTAPI("https://gatum.test", username="user", password=PASSWORD, **transports) as api:
                await api.account_info(None)
                fake.revoked.add("tok-1")
                return await api.account_info(None)

        answer = asyncio.run(twice())
    assert answer.status_code == 200 and fake.tokens_seen[-2:] == ["tok-1", "tok-2"]
    [first] = answer.http_response.history  # the refused attempt
    kept = [first.request.headers.get("x-access-token"), answer.http_response.request.headers.get("x-access-token")]
    assert kept == ["[secure]", "[secure]"]
    assert b"tok-2" not in pickle.dumps(answer.http_response)


def test_a_second_401_after_relogin_is_raised() -> None:
    fake = FakeGatum()
    fake.revoked.update({"tok-1", "tok-2", "tok-3"})
    with make_client(fake) as client, pytest.raises(AuthenticationError):
        account_info.sync(client=client)
    assert fake.calls["/v1/authorize"] == 2  # first login, then exactly one re-login


def test_a_token_passed_per_call_is_never_refreshed() -> None:
    fake = FakeGatum()
    with GatumRESTAPI("https://gatum.test", transport=httpx.MockTransport(fake)) as api:
        response = api.account_info("stale-token")
    assert response.status_code == 401
    assert fake.calls["/v1/authorize"] == 0


def test_facade_with_credentials_logs_in_for_calls_without_token() -> None:
    fake = FakeGatum()
    with GatumRESTAPI(
        "https://gatum.test", username="user", password=PASSWORD, transport=httpx.MockTransport(fake)
    ) as api:
        assert api.account_info(None).status_code == 200
        assert api.account_info(access_token=None).status_code == 200
    assert fake.calls["/v1/authorize"] == 1


def test_concurrent_threads_log_in_once() -> None:
    fake = FakeGatum(login_delay=0.05)
    client = make_client(fake)
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                account_info.sync(client=client)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    client.close()
    assert not errors
    assert fake.calls["/v1/authorize"] == 1
    assert set(fake.tokens_seen) == {"tok-1"} and len(fake.tokens_seen) == 40


async def test_concurrent_tasks_log_in_once() -> None:
    fake = FakeGatum(login_delay=0.05)
    client = make_client(fake)
    await asyncio.gather(*(account_info.asyncio(client=client) for _ in range(10)))
    await client.aclose()
    assert fake.calls["/v1/authorize"] == 1
    assert fake.tokens_seen == ["tok-1"] * 10


async def test_async_relogin_on_401() -> None:
    fake = FakeGatum()
    async with AsyncGatumRESTAPI(
        "https://gatum.test", username="user", password=PASSWORD, async_transport=httpx.MockTransport(fake.handle_async)
    ) as api:
        assert (await api.account_info(None)).status_code == 200
        fake.revoked.add("tok-1")
        assert (await api.account_info(None)).status_code == 200
    assert fake.tokens_seen == ["tok-1", "tok-1", "tok-2"]


def test_wrong_password_raises_the_login_error() -> None:
    fake = FakeGatum()
    client = Client("https://gatum.test", username="user", password="wrong", transport=httpx.MockTransport(fake))
    with client, pytest.raises(BadRequestError) as caught:
        account_info.sync(client=client)
    assert caught.value.errors == {"password": ["Incorrect username or password."]}
    assert "wrong" not in str(caught.value)


# -- secrets never leak -----------------------------------------------------------------------


def test_secrets_are_not_in_reprs(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeGatum()
    client = make_client(fake)
    api = GatumRESTAPI("https://gatum.test", username="user", password=PASSWORD)
    with caplog.at_level(logging.DEBUG, logger="gatum_rest_py"), client:
        account_info.sync(client=client)
        texts = [repr(client), repr(client._auth), repr(client._auth._token), repr(api), repr(api.client)]
        texts.append(repr(client._auth._credentials))
    for text in [*texts, caplog.text]:
        assert PASSWORD not in text
        assert "tok-1" not in text


def test_secrets_are_not_in_validation_errors() -> None:
    with GatumRESTAPI("https://gatum.test") as api, pytest.raises(InvalidRequestError) as caught:
        api.register_customer("login", 12345678, "John", "1234567890", "john@example.com")  # type: ignore[arg-type]
    assert caught.value.argument == "password"
    assert "12345678" not in str(caught.value)


def test_tls_verification_cannot_be_switched_off() -> None:
    import ssl

    with pytest.raises(ValueError, match="cannot be switched off"):
        Client("https://gatum.test", verify=False)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with pytest.raises(ValueError, match="cannot be switched off"):
        GatumRESTAPI("https://gatum.test", verify=context)


def test_credentials_must_come_in_pairs() -> None:
    with pytest.raises(ValueError, match="both username and password"):
        Client("https://gatum.test", username="user")
    with pytest.raises(ValueError, match="either access_token"):
        Client("https://gatum.test", access_token="t", username="u", password="p")


def test_with_headers_and_with_timeout_keep_the_policy() -> None:
    fake = FakeGatum()
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return fake(request)

    base = Client("https://gatum.test", username="user", password=PASSWORD, transport=httpx.MockTransport(record))
    client = base.with_headers({"X-Trace": "42"}).with_timeout(httpx.Timeout(3.0))
    with client:
        assert account_info.sync(client=client) is not None
    assert seen[-1].headers["X-Trace"] == "42"
    assert seen[-1].headers["X-Access-Token"] == "tok-1"
    assert client.get_httpx_client().timeout == httpx.Timeout(3.0)
    assert isinstance(client, Client)


def test_waiting_for_another_threads_login_counts_towards_total_timeout() -> None:
    from gatum_rest_py import APITimeoutError

    fake = FakeGatum(login_delay=3.0)
    with make_client(fake) as client:
        first = threading.Thread(target=lambda: account_info.sync_detailed(client=client))
        first.start()
        time.sleep(0.3)  # that thread holds the login lock, for 3 s
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            account_info.sync_detailed(client=client.with_options(total_timeout=0.5))
        waited = time.monotonic() - started
        first.join()
    assert waited < 2.0, waited  # its own deadline, not the other call's login
    assert caught.value.outcome_unknown is False  # it never left
    assert fake.calls["/v1/authorize"] == 1


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
def test_a_twin_in_a_forked_child_logs_in_though_a_parent_thread_held_the_login() -> None:
    """`with_options` clients share the token (and its lock): the child's first call may be a twin's."""
    import os
    import signal

    fake = FakeGatum(login_delay=1.0)
    client = make_client(fake)
    twin = client.with_options(timeout=5)
    parent_call = threading.Thread(target=lambda: account_info.sync_detailed(client=client))
    parent_call.start()
    time.sleep(0.3)  # the parent's thread is logging in, holding the lock the child copies
    pid = os.fork()
    if pid == 0:
        try:
            code = 0 if account_info.sync_detailed(client=twin).status_code == 200 else 1
        except BaseException as exc:
            os.write(2, f"child: {type(exc).__name__}: {exc}\n".encode())
            code = 2
        os._exit(code)
    give_up = time.monotonic() + 20
    done = os.waitpid(pid, os.WNOHANG)
    while done == (0, 0) and time.monotonic() < give_up:
        time.sleep(0.05)
        done = os.waitpid(pid, os.WNOHANG)
    parent_call.join()
    client.close()
    if done == (0, 0):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the child waited for a lock that only its parent's thread could release")
    assert os.waitstatus_to_exitcode(done[1]) == 0
