"""A client set up wrongly raises ConfigurationError when it is built, in one line naming the argument.

Before these checks, most bad options were accepted and surfaced at the first call as an
APIConnectionError (after retries), or as a raw TypeError/AttributeError. The same rules hold
for `GatumRESTAPI`, `AsyncGatumRESTAPI`, `Client`, `Client.with_options` and the environment.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from gatum_client.api.account import account_info

from gatum_rest_py import AsyncGatumRESTAPI, Client, ConfigurationError, GatumRESTAPI, RetryConfig

BASE = "https://gatum.test"
SECRET = "pr0xy-S3CRET-pw"
ME = {"status": True, "data": {"login": "me"}}

BAD_OPTIONS = [
    ({"timeout": "abc"}, "timeout"),
    ({"timeout": -1}, "timeout"),
    ({"timeout": 0}, "timeout"),
    ({"timeout": float("nan")}, "timeout"),
    ({"timeout": True}, "timeout"),
    ({"timeout": httpx.Timeout(0)}, "timeout"),
    ({"timeout": httpx.Timeout(5, connect=-1)}, "timeout"),
    ({"total_timeout": "abc"}, "total_timeout"),
    ({"retry": 5}, "retry"),
    ({"max_retries": "2"}, "max_retries"),
    ({"max_retries": -1}, "max_retries"),
    ({"max_retries": 1.5}, "max_retries"),
    ({"base_url": 5}, "base_url"),
    ({"base_url": "restapi.gatum.io"}, "base_url"),
    ({"proxy": 5}, "proxy"),
    ({"proxy": "notaproxy"}, "proxy"),
    ({"proxy": "ftp://proxy.test:21"}, "proxy"),
    ({"proxy": "http://"}, "proxy"),
    ({"limits": 5}, "limits"),
    ({"http_backend": "foo"}, "http_backend"),
]
MAKERS: dict[str, Callable[..., object]] = {"GatumRESTAPI": GatumRESTAPI, "AsyncGatumRESTAPI": AsyncGatumRESTAPI}


def make(kind: str, **options: Any) -> object:
    base_url = options.pop("base_url", BASE)
    if kind == "Client":
        return Client(base_url, access_token="tok-0123456789", **options)
    return MAKERS[kind](base_url, **options)


def refused(build: Callable[[], object]) -> str:
    with pytest.raises(ConfigurationError) as caught:
        build()
    message = str(caught.value)
    assert "\n" not in message and len(message) <= 200, message
    return message


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GATUM_BASE_URL", "GATUM_TOKEN", "GATUM_USERNAME", "GATUM_PASSWORD", "GATUM_PROXY"):
        monkeypatch.delenv(name, raising=False)


def without_socksio(monkeypatch: pytest.MonkeyPatch, installed: bool = False) -> None:
    """Make socksio look absent (or present), whatever this machine has."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        if name == "socksio":
            return real("json") if installed else None
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.parametrize("kind", ["GatumRESTAPI", "AsyncGatumRESTAPI", "Client"])
@pytest.mark.parametrize(("options", "argument"), BAD_OPTIONS, ids=[repr(options) for options, _ in BAD_OPTIONS])
def test_a_bad_option_is_refused_when_the_client_is_built(kind: str, options: dict[str, Any], argument: str) -> None:
    message = refused(lambda: make(kind, **options))
    assert message.startswith(f"{argument}: "), message


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": "x"},
        {"timeout": 0},
        {"timeout": -1},
        {"timeout": httpx.Timeout(0)},
        {"max_retries": "2"},
        {"max_retries": -1},
        {"total_timeout": "x"},
        {"total_timeout": 0},
        {"extra_headers": 5},
    ],
    ids=repr,
)
def test_with_options_takes_the_same_rules(options: dict[str, Any]) -> None:
    client = Client(BASE, access_token="tok-0123456789")
    message = refused(lambda: client.with_options(**options))
    assert message.startswith(f"{next(iter(options))}: "), message


def test_the_message_says_what_is_expected() -> None:
    assert refused(lambda: GatumRESTAPI(BASE, timeout="abc")) == (  # type: ignore[arg-type]
        "timeout: 'abc' is not a number of seconds > 0 (or an httpx.Timeout)"
    )
    assert "http, https, socks5 or socks5h" in refused(lambda: GatumRESTAPI(BASE, proxy="notaproxy"))


@pytest.mark.parametrize(
    "build",
    [
        lambda: GatumRESTAPI(BASE, proxy=f"gatum:{SECRET}@proxy.test:3128"),
        lambda: GatumRESTAPI(BASE, proxy=f"ftp://gatum:{SECRET}@proxy.test:21"),
        lambda: AsyncGatumRESTAPI(BASE, proxy=f"https://gatum:{SECRET}@proxy.test:3128"),
        lambda: GatumRESTAPI(f"ftp://gatum:{SECRET}@gatum.test"),
        lambda: GatumRESTAPI(BASE, proxy=f"ftp://gatum:{SECRET}#/?x@proxy.test:21"),  # typed as it is
    ],
    ids=["no-scheme", "bad-scheme", "aiohttp-https", "base-url", "odd-characters"],
)
def test_messages_mask_the_password(build: Callable[[], object]) -> None:
    message = refused(build)
    assert SECRET not in message and "[secure]" in message


def test_the_environment_meets_the_same_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GATUM_PROXY", "notaproxy")
    assert refused(lambda: GatumRESTAPI(BASE)).startswith("proxy: 'notaproxy'")
    monkeypatch.setenv("GATUM_PROXY", "http://proxy.test:3128")
    monkeypatch.setenv("GATUM_BASE_URL", "restapi.gatum.io")
    assert refused(lambda: Client()).startswith("base_url: ")


def test_a_socks_proxy_without_socksio_is_refused_and_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    without_socksio(monkeypatch)
    for build in (
        lambda: GatumRESTAPI(BASE, proxy="socks5://127.0.0.1:1080"),
        lambda: AsyncGatumRESTAPI(BASE, proxy="socks5h://127.0.0.1:1080"),
        lambda: AsyncGatumRESTAPI(BASE, proxy="socks5://127.0.0.1:1080", http_backend="httpx"),
        lambda: Client(BASE, proxy="socks5://127.0.0.1:1080"),
    ):
        assert "pip install socksio" in refused(build)
    # Nothing of ours would speak SOCKS: both transports are the caller's.
    mock = httpx.MockTransport(lambda request: httpx.Response(200, json=ME))
    GatumRESTAPI(BASE, proxy="socks5://127.0.0.1:1080", transport=mock, async_transport=httpx.AsyncBaseTransport())


def test_the_aiohttp_backend_refuses_what_it_cannot_use_on_an_asyncio_only_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    without_socksio(monkeypatch, installed=True)
    for proxy in ("socks5://127.0.0.1:1080", "https://proxy.test:3128"):
        message = refused(lambda: AsyncGatumRESTAPI(BASE, proxy=proxy))  # noqa: B023 - called at once
        assert "http_backend='httpx'" in message
        AsyncGatumRESTAPI(BASE, proxy=proxy, http_backend="httpx")
        # Blocking calls take any proxy: the sync facade and Client (which serves both) keep it.
        GatumRESTAPI(BASE, proxy=proxy)
        Client(BASE, proxy=proxy)
    AsyncGatumRESTAPI(BASE, proxy="http://proxy.test:3128")


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": 5},
        {"timeout": 0.5},
        {"timeout": None},  # httpx's "no timeout": accepted before, kept
        {"timeout": httpx.Timeout(10.0, connect=2.0)},
        {"timeout": httpx.Timeout(10.0, pool=None)},
        {"timeout": (2.0, 10.0, 10.0, 5.0)},
        {"retry": RetryConfig(max_retries=0, initial_delay=0)},
        {"max_retries": 0},
        {"total_timeout": 3},
        {"limits": httpx.Limits(max_connections=5)},
        {"http_backend": "httpx"},
        {"proxy": "http://user:pw@proxy.test:3128"},
        {"proxy": "  http://proxy.test:3128  "},
    ],
    ids=repr,
)
def test_what_worked_before_is_still_accepted(options: dict[str, Any]) -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=ME)

    with Client(BASE, access_token="tok-0123456789", transport=httpx.MockTransport(answer), **options) as client:
        assert account_info.sync_or_raise(client=client).data.login == "me"
        if "timeout" in options:
            assert client.get_httpx_client().timeout == httpx.Timeout(options["timeout"])
    assert len(seen) == 1
    for kind in ("GatumRESTAPI", "AsyncGatumRESTAPI"):
        make(kind, **options)


def test_with_options_still_changes_what_it_is_given() -> None:
    client = Client(BASE, access_token="tok-0123456789")
    tuned = client.with_options(timeout=httpx.Timeout(3.0), max_retries=0, total_timeout=2, extra_headers={"X": "1"})
    assert tuned.get_httpx_client().timeout == httpx.Timeout(3.0)
    assert tuned.get_httpx_client().headers["X"] == "1"
    assert tuned._settings.retry.max_retries == 0 and tuned._settings.total_timeout == 2
    assert client.with_options()._settings == client._settings


@pytest.mark.parametrize(
    ("fields", "argument"),
    [
        ({"max_retries": "2"}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"initial_delay": "0.5"}, "initial_delay"),
        ({"max_delay": float("nan")}, "max_delay"),
        ({"max_retry_wait": -1}, "max_retry_wait"),
    ],
    ids=repr,
)
def test_retry_config_checks_its_fields(fields: dict[str, Any], argument: str) -> None:
    assert refused(lambda: RetryConfig(**fields)).startswith(f"{argument}: ")


@pytest.mark.parametrize("kind", ["GatumRESTAPI", "AsyncGatumRESTAPI"])
@pytest.mark.parametrize(
    ("login", "argument"),
    [({"username": 5, "password": "pw"}, "username"), ({"username": "me", "password": 12345}, "password")],
)
def test_a_login_that_is_not_text_is_a_setup_error_not_a_wrong_password(
    kind: str, login: dict[str, Any], argument: str
) -> None:
    message = refused(lambda: MAKERS[kind](BASE, **login))
    assert message == f"{argument}: must be a str, not int"  # the value itself is never shown


@pytest.mark.parametrize(
    "timeout", [0, -1, float("nan"), float("inf"), httpx.Timeout(0), httpx.Timeout(5, read=-1), "5"]
)
def test_a_calls_timeout_meets_the_clients_rule(timeout: object) -> None:
    from gatum_rest_py import InvalidRequestError

    sent: list[httpx.Request] = []
    with GatumRESTAPI(BASE, transport=httpx.MockTransport(lambda r: sent.append(r))) as api:  # type: ignore[arg-type,func-returns-value]
        with pytest.raises(InvalidRequestError, match="timeout="):  # a call's argument: nothing sent
            api.account_info("tok-0123456789", timeout=timeout)  # type: ignore[arg-type]
    assert sent == []


def test_a_password_in_the_base_url_stays_out_of_the_repr() -> None:
    for made in (GatumRESTAPI(f"https://gw:{SECRET}@gatum.test"), Client(f"https://gw:{SECRET}@gatum.test")):
        assert SECRET not in repr(made) and "gw:[secure]@gatum.test" in repr(made)


TOKENISH = "tok-LEAK-987"
BAD_HEADERS = [
    {"X-A": "€"},
    {"X-A": "a\r\nb"},
    {"X-Access-Token": TOKENISH + "\n"},
    {"X A": "x"},
    [("X-Access-Token", TOKENISH)],
    {"X-Access-Token": TOKENISH, "X-Request-Id": 42},
]


@pytest.mark.parametrize("headers", BAD_HEADERS, ids=repr)
def test_headers_that_cannot_be_sent_are_refused_before_anything_leaves_and_never_quoted(headers: Any) -> None:
    from gatum_rest_py import InvalidRequestError

    assert TOKENISH not in refused(lambda: Client(BASE, access_token="tok-0123456789", headers=headers))
    assert TOKENISH not in refused(
        lambda: Client(BASE, access_token="tok-0123456789").with_options(extra_headers=headers)
    )
    sent: list[httpx.Request] = []
    with GatumRESTAPI(BASE, transport=httpx.MockTransport(lambda r: sent.append(r))) as api:  # type: ignore[arg-type,func-returns-value]
        with pytest.raises(InvalidRequestError) as caught:
            api.send_sms("tok-0123456789", ["380957225759"], "Verify", "hi", extra_headers=headers)
    assert TOKENISH not in str(caught.value) and "\n" not in str(caught.value)
    assert sent == []  # nothing left, so no send reads as one that may have gone out
