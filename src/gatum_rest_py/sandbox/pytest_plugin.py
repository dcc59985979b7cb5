"""pytest fixtures for testing an application against the Gatum sandbox, with no conftest code.

Installed with the `[sandbox]` extra and registered through the `pytest11` entry point, so
`pip install 'gatum-rest-py[sandbox]'` is all it takes. One sandbox runs in-process per test
session on a free loopback port; each test gets it fresh (its state reset, not restarted).

Fixtures:
* `gatum_sandbox`: the sandbox of this test (`GatumSandbox`): `.base_url`, `.messages(number=…)`,
  `.reports` (what its built-in webhook sink received), `.wait_for_report(id_state, "DELIVRD")`,
  `.set_balance(…)`, `.clock.advance(…)`, `.resend_all_reports()`, `.blocked`, `.queued_reports`.
* `gatum_api` / `async_gatum_api`: `GatumRESTAPI` / `AsyncGatumRESTAPI` bound to it, logged in
  as `gatum_sandbox.username` (pass `access_token=None`: the client logs in by itself).

Per test, `@pytest.mark.gatum_sandbox(rate_limit="5/s", dlr_delay=0, enforce_balance=True, …)`
picks the sandbox's settings (fields of `SandboxConfig`; see `_control.RESETTABLE`); for the whole
run, `pytest --gatum-sandbox rate_limit=50/s --gatum-sandbox dlr_delay=0.5` (or in `addopts`).
Defaults: reports right away (`dlr_delay=0`) to the built-in sink.

Example (a whole test file):
    def test_otp_is_delivered(gatum_api, gatum_sandbox):
        answer = gatum_api.send_sms(None, ["380957225759"], "Verify", "Your code is 4242")
        id_state = answer.json()["data"]["380957225759"][0]["id_state"]
        gatum_sandbox.wait_for_report(id_state, "DELIVRD")
        assert gatum_sandbox.messages(number="380957225759")[0]["text"] == "Your code is 4242"
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from .._facade import AsyncGatumRESTAPI, GatumRESTAPI
    from ._server import RunningSandbox

MARKER = "gatum_sandbox"
USERNAME = "app-test"
PASSWORD = "sandbox"  # noqa: S105 - any password logs in to the sandbox
DEFAULTS: dict[str, Any] = {"dlr_delay": 0.0}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("gatum_sandbox").addoption(
        "--gatum-sandbox",
        action="append",
        default=[],
        metavar="SETTING=VALUE",
        help="a Gatum sandbox setting for every test (a marker overrides it), e.g. rate_limit=50/s; repeatable",
    )


def _run_settings(config: pytest.Config) -> dict[str, Any]:
    """The --gatum-sandbox settings; a value is read as JSON when it is JSON (0.5, true), else as text."""
    settings: dict[str, Any] = {}
    for item in config.getoption("--gatum-sandbox"):
        name, sep, text = item.partition("=")
        if not sep or not name.strip():
            raise pytest.UsageError(f"--gatum-sandbox takes SETTING=VALUE, not {item!r}")
        try:
            settings[name.strip()] = json.loads(text)
        except ValueError:
            settings[name.strip()] = text
    return settings


def pytest_configure(config: pytest.Config) -> None:
    _run_settings(config)  # a malformed --gatum-sandbox stops the run before any test
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**settings): settings of the Gatum sandbox for this test, e.g. rate_limit='5/s', "
        "dlr_delay=0, enforce_balance=True, retry_delay=1 (gatum_rest_py.sandbox.pytest_plugin)",
    )


class SandboxClockControl:
    """The sandbox's clock, seen from a test: `advance(seconds)` moves it forward."""

    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def now(self) -> float:
        """Sandbox time, Unix seconds."""
        return float(self._http.get("/_sandbox/clock").json()["now"])

    def advance(self, seconds: float) -> float:
        """Move sandbox time forward: tokens, scheduled sends, lifetimes and report delays follow."""
        answer = self._http.post("/_sandbox/clock/advance", params={"seconds": seconds})
        if answer.status_code != 200:
            raise ValueError(answer.json()["error"])
        return float(answer.json()["now"])


class GatumSandbox:
    """The sandbox of one test: its address, what was sent, the reports its sink received."""

    def __init__(self, running: RunningSandbox, http: httpx.Client) -> None:
        self._running = running
        self._http = http
        self.base_url = running.base_url
        self.username, self.password = USERNAME, PASSWORD
        self.webhook_url = f"{running.base_url}/_sandbox/webhook"  # the built-in sink, the default webhook
        self.clock = SandboxClockControl(http)

    def __repr__(self) -> str:
        return f"GatumSandbox(base_url={self.base_url!r})"

    def messages(self, number: str | int | None = None) -> list[dict[str, Any]]:
        """The message parts sent (to `number`, when given), oldest first, as the inbox lists them."""
        params = {"number": str(number), "limit": "0"} if number is not None else {"limit": "0"}  # all of them
        found = self._http.get("/_sandbox/messages", params=params).json()["messages"]
        return [m for m in reversed(found) if number is None or m["to"] == str(number)]

    @property
    def reports(self) -> list[dict[str, Any]]:
        """Every report the built-in webhook sink received, in order (reports to it are acknowledged)."""
        return list(self._http.get("/_sandbox/webhook").json()["reports"])

    @property
    def blocked(self) -> list[dict[str, Any]]:
        """Sends the platform would block (`no_money`, `phone_in_black_list`), newest first."""
        return list(self._http.get("/_sandbox/messages").json()["blocked"])

    @property
    def queued_reports(self) -> list[dict[str, Any]]:
        """Reports whose delivery attempts are used up, waiting for `resend_all_reports`."""
        return list(self._http.get("/_sandbox/messages").json()["queued_reports"])

    @property
    def webhook_down(self) -> bool:
        """While True the built-in sink answers 503: reports are redelivered, then queued."""
        return self._running.state.webhook_down

    @webhook_down.setter
    def webhook_down(self, down: bool) -> None:
        self._running.state.webhook_down = down

    def wait_for_report(self, id_state: int | str, state: str, timeout: float = 5.0) -> dict[str, Any]:
        """The first report of `id_state` in `state` the sink received, waiting up to `timeout`
        wall-clock seconds; AssertionError (with the states that did come) when none did."""
        deadline = time.monotonic() + timeout
        while True:
            seen = [r for r in self.reports if str(r.get("id_state")) == str(id_state)]
            for report in seen:
                if report.get("state") == state:
                    return report
            if time.monotonic() >= deadline:
                states = [r.get("state") for r in seen]
                raise AssertionError(f"no {state} report of {id_state} within {timeout} s (received: {states})")
            time.sleep(0.02)

    def set_balance(self, balance: float, login: str | None = None) -> None:
        """Set the balance of an account (default: the fixtures' own account)."""
        answer = self._http.post("/_sandbox/balance", json={"login": login or self.username, "balance": balance})
        if answer.status_code != 200:
            raise ValueError(answer.json()["error"])

    def resend_all_reports(self) -> int:
        """The panel's "Resend all": every queued report gets 5 more attempts; how many there were."""
        return int(self._http.post("/_sandbox/dlr/resend-all").json()["resent"])

    def token(self, username: str | None = None) -> str:
        """A fresh access token of an account (default: the fixtures' own), for raw HTTP calls."""
        code = self._http.post("/v1/authorize", json={"username": username or self.username, "password": PASSWORD})
        exchanged = self._http.post(
            "/v1/accesstoken", json={"authorization_code": code.json()["data"]["authorization_code"]}
        )
        return str(exchanged.json()["data"]["access_token"])


@pytest.fixture(scope="session")
def _gatum_sandbox_server() -> Iterator[tuple[RunningSandbox, httpx.Client]]:
    try:
        from . import SandboxConfig, running_sandbox
    except ImportError as exc:  # pragma: no cover - depends on the environment
        pytest.fail(f"the gatum_sandbox fixture needs pip install 'gatum-rest-py[sandbox]' ({exc})", pytrace=False)
    with (
        running_sandbox(SandboxConfig(**DEFAULTS)) as running,
        httpx.Client(base_url=running.base_url, timeout=30.0, trust_env=False) as http,
    ):
        yield running, http


@pytest.fixture
def gatum_sandbox(
    request: pytest.FixtureRequest, _gatum_sandbox_server: tuple[RunningSandbox, httpx.Client]
) -> GatumSandbox:
    """The session's sandbox, reset for this test with the settings of its `gatum_sandbox` marker."""
    running, http = _gatum_sandbox_server
    sandbox = GatumSandbox(running, http)
    settings: dict[str, Any] = {**DEFAULTS, "webhook_url": sandbox.webhook_url, **_run_settings(request.config)}
    marker = request.node.get_closest_marker(MARKER)
    if marker is not None:
        if marker.args:
            pytest.fail(f"@pytest.mark.{MARKER} takes settings by name, e.g. rate_limit='5/s'", pytrace=False)
        settings.update(marker.kwargs)
    if isinstance(settings.get("rate_limit"), int):
        settings["rate_limit"] = f"{settings['rate_limit']}/s"
    answer = http.post("/_sandbox/reset", json=settings)
    if answer.status_code != 200:
        pytest.fail(f"gatum_sandbox settings {settings}: {answer.json()['error']}", pytrace=False)
    http.post("/v1/authorize", json={"username": USERNAME, "password": PASSWORD})  # the account exists from now on
    return sandbox


@pytest.fixture
def gatum_api(gatum_sandbox: GatumSandbox) -> Iterator[GatumRESTAPI]:
    """`GatumRESTAPI` on the sandbox, logged in as `gatum_sandbox.username` (pass `access_token=None`)."""
    from .._facade import GatumRESTAPI

    with GatumRESTAPI(gatum_sandbox.base_url, username=USERNAME, password=PASSWORD, trust_env=False) as api:
        yield api


@pytest.fixture
def async_gatum_api(gatum_sandbox: GatumSandbox) -> Iterator[AsyncGatumRESTAPI]:
    """`AsyncGatumRESTAPI` on the sandbox, logged in as `gatum_sandbox.username`; works in any event
    loop the test runs in (pytest-asyncio, anyio), as the client keeps one pool per loop."""
    from .._facade import AsyncGatumRESTAPI

    api = AsyncGatumRESTAPI(gatum_sandbox.base_url, username=USERNAME, password=PASSWORD, trust_env=False)
    yield api
    api.client.close()  # closes the pool of each loop it was used in, from outside them
