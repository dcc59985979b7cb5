"""Bad settings of the sandbox get one line saying what is wrong, never a traceback: on its command
line (`python -m gatum_rest_py.sandbox` and `gatum sandbox`, run as real processes), in
`SandboxConfig`, and through `/_sandbox/reset` (what the pytest marker uses)."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT

from gatum_rest_py import InvalidRequestError
from gatum_rest_py.sandbox import SandboxConfig, running_sandbox

# Both ways to start the sandbox from a shell; `gatum sandbox` hands its arguments on.
COMMANDS = {
    "python -m gatum_rest_py.sandbox": [sys.executable, "-m", "gatum_rest_py.sandbox"],
    "gatum sandbox": [sys.executable, "-m", "gatum_rest_py.cli", "sandbox"],
}
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GATUM_")}


def run(command: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with `args`; a sandbox that starts in spite of them is stopped by the timeout."""
    return subprocess.run(
        [*COMMANDS[command], *args], capture_output=True, text=True, cwd=ROOT, env=ENV, timeout=30, check=False
    )


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("port", ["99999", "65536", "-1"])
def test_a_port_out_of_range_is_a_usage_error(command: str, port: str) -> None:
    result = run(command, "--port", port)
    assert result.returncode == 2 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"{command}: error: argument --port: {port!r} is not a port number from 0 to 65535"
    )


@pytest.mark.parametrize("problem", ["missing directory", "not a database"])
def test_an_unusable_db_is_one_line_before_anything_is_announced(command: str, problem: str, tmp_path: Path) -> None:
    if problem == "missing directory":
        db, reason = tmp_path / "nowhere" / "x.sqlite", "unable to open database file"
    else:
        db, reason = tmp_path / "notes.txt", "file is not a database"
        db.write_text("not SQLite, " * 200, encoding="utf-8")
    result = run(command, "--port", "0", "--db", str(db))
    assert result.returncode == 2 and result.stdout == ""  # "Gatum sandbox on ..." never printed
    assert result.stderr == f"Error: cannot open the database {db}: {reason}\n"


def test_a_busy_port_is_the_documented_error_line(command: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(command, "--port", str(port))
    assert result.returncode == 1 and result.stdout == ""
    # docs/cli.md's form, the same as `gatum dlr listen`: no `[Errno 98]`
    assert result.stderr == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


@pytest.mark.parametrize("url", ["notaurl", "ftp://127.0.0.1/restdlr", "http://", "http://127.0.0.1:99999/"])
def test_a_webhook_url_that_is_not_http_is_refused(command: str, url: str) -> None:
    result = run(command, "--port", "0", "--webhook-url", url)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"Error: SandboxConfig: webhook_url must be an http(s):// URL with a host, not {url!r}\n")


@pytest.mark.parametrize("delay", ["nan", "inf", "-1"])
def test_a_delay_that_is_no_number_of_seconds_is_refused(delay: str) -> None:
    result = run("python -m gatum_rest_py.sandbox", "--port", "0", "--dlr-delay", delay)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (
        f"Error: SandboxConfig: dlr_delay must be a number of seconds >= 0, not {float(delay)!r}\n"
    )


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"dlr_delay": "x"}, "dlr_delay must be a number of seconds >= 0, not 'x'"),
        ({"dlr_delay": True}, "dlr_delay must be a number of seconds >= 0, not True"),
        ({"retry_delay": -0.5}, "retry_delay must be a number of seconds >= 0, not -0.5"),
        ({"stall_seconds": math.nan}, "stall_seconds must be a number of seconds >= 0, not nan"),
        ({"enforce_balance": "yes"}, "enforce_balance must be True or False, not 'yes'"),
        ({"intermediate_reports": 0}, "intermediate_reports must be True or False, not 0"),
        ({"max_attempts": 2.5}, "max_attempts must be a whole number >= 1, not 2.5"),
        ({"max_attempts": 0}, "max_attempts must be a whole number >= 1, not 0"),
        ({"token_ttl": "1h"}, "token_ttl must be a whole number of seconds >= 0, not '1h'"),
        ({"starting_balance": "100"}, "starting_balance must be a number, not '100'"),
        ({"currency": None}, "currency must be a currency code (str), not None"),
        ({"senders": "Verify,VShop"}, "senders must be a set of sender IDs (str), not 'Verify,VShop'"),
        ({"callback_hosts": {1}}, "callback_hosts must be a set of host names (str), not {1}"),
        ({"users": {"alice": 1}}, "users must be a mapping of login to password (str to str), not a dict"),
        ({"rate_limit": 50}, "rate_limit must be N/s or N/min (str), not 50"),
        ({"webhook_url": "notaurl"}, "webhook_url must be an http(s):// URL with a host, not 'notaurl'"),
        ({"db": 3}, "db must be a file name or ':memory:', not 3"),
        ({"webhook_url": "x" * 100}, f"webhook_url must be an http(s):// URL with a host, not '{'x' * 56}..."),
    ],
)
def test_sandbox_config_names_the_field_and_what_it_expects(settings: dict[str, Any], expected: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        SandboxConfig(**settings)
    assert str(caught.value) == f"SandboxConfig: {expected}"
    assert caught.value.argument == next(iter(settings))


def test_sandbox_config_still_takes_what_fits() -> None:
    config = SandboxConfig(
        db=":memory:",
        users={"alice": "secret"},
        senders={"Verify"},  # a set works as well as a frozenset
        webhook_url="https://[::1]:8443/restdlr",
        dlr_delay=0,
        starting_balance=-5,
        rate_limit="5/s",
        enforce_balance=True,
        token_ttl=0,
    )
    assert config.sender_registered("Verify") and not config.sender_registered("VShop")
    assert SandboxConfig(db=Path("x.sqlite")).db == Path("x.sqlite")  # type: ignore[arg-type]


def test_a_db_that_cannot_be_opened_fails_before_the_server_starts(tmp_path: Path) -> None:
    db = tmp_path / "nowhere" / "x.sqlite"
    with pytest.raises(InvalidRequestError, match=r"^cannot open the database .*nowhere/x\.sqlite: unable to open"):
        with running_sandbox(SandboxConfig(db=str(db))):
            pass


@pytest.mark.parametrize(
    ("settings", "error"),
    [
        ({"dlr_delay": "soon"}, "SandboxConfig: dlr_delay must be a number of seconds >= 0, not 'soon'"),
        ({"enforce_balance": "yes"}, "SandboxConfig: enforce_balance must be True or False, not 'yes'"),
        ({"webhook_url": "notaurl"}, "SandboxConfig: webhook_url must be an http(s):// URL with a host, not 'notaurl'"),
    ],
)
def test_reset_refuses_settings_of_the_wrong_type(http: httpx.Client, settings: dict[str, Any], error: str) -> None:
    answer = http.post("/_sandbox/reset", json=settings)
    assert answer.status_code == 400 and answer.json() == {"error": error}


def test_passwords_and_the_webhook_secret_stay_out_of_messages_and_the_repr() -> None:
    from gatum_rest_py import InvalidRequestError
    from gatum_rest_py.sandbox import SandboxConfig

    with pytest.raises(InvalidRequestError) as caught:
        SandboxConfig(users={"alice": "S3CRET-pw-123", "bob": 5})  # type: ignore[dict-item]
    assert "S3CRET" not in str(caught.value)
    config = SandboxConfig(webhook_url="http://127.0.0.1:8080/restdlr?secret=HOOK-secret-222")
    assert "HOOK-secret" not in repr(config)


@pytest.mark.parametrize("port", [99999, -1, "4010", True])
def test_running_sandbox_refuses_a_port_that_is_none(port: object) -> None:
    from gatum_rest_py import InvalidRequestError
    from gatum_rest_py.sandbox import running_sandbox

    with pytest.raises(InvalidRequestError, match="is not a port number from 0 to 65535"):
        with running_sandbox(port=port):  # type: ignore[arg-type]
            pass
