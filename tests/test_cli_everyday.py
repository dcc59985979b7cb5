"""What a person meets every day with `gatum`: Ctrl-C, a busy port, stdin, narrow tables.

Ctrl-C is a real SIGINT to a real `gatum` process whose request a loopback server holds open.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner, Result
from conftest import free_port
from fault_server import OK_SEND, Reply, ScriptedServer, Stall
from test_cli import OK_EMPTY, TOKEN, _contacts_csv, error_line, run

from gatum_rest_py.cli import _mock
from gatum_rest_py.cli._app import cli

GATUM = str(Path(sys.executable).with_name("gatum"))


def _interrupt(server: ScriptedServer, args: Sequence[str], requests: int = 1) -> subprocess.CompletedProcess[str]:
    """Run `gatum ARGS` against `server`, SIGINT it once the server holds `requests` requests."""
    env = {**os.environ, "GATUM_BASE_URL": server.url, "GATUM_TOKEN": TOKEN, "COLUMNS": "200"}
    env.pop("GATUM_USERNAME", None)
    process = subprocess.Popen(
        [GATUM, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 30
    while len(server.requests) < requests:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(f"no request reached the server: {process.communicate()}")
        time.sleep(0.01)
    time.sleep(0.1)  # the request is in; gatum is waiting for the answer
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_ctrl_c_during_send_says_the_sms_may_have_left_and_how_to_check() -> None:
    with ScriptedServer([Stall(20)]) as server:
        done = _interrupt(server, ["send", "--to", "380957225759", "--to", "380661093766", "--from", "Verify", "hi"])
    assert done.returncode == 130, done.stderr
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()  # one line: no traceback, no bare "Aborted!"
    assert line.startswith("Interrupted: the outcome is unknown: the SMS to 380957225759, 380661093766 may have been")
    assert "`gatum sms list --phone 380957225759 --phone 380661093766` before sending again" in line
    assert "Aborted!" not in done.stderr and "Traceback" not in done.stderr


def test_ctrl_c_during_a_send_through_the_ledger_is_one_line_too(tmp_path: Path) -> None:
    ledger = f"sqlite:///{tmp_path / 'ledger.db'}"
    with ScriptedServer([Stall(20)]) as server:
        done = _interrupt(server, ["send", "--to", "380957225759", "--from", "Verify", "--ledger", ledger, "hi"])
    assert done.returncode == 130 and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    # the message is named by its key, and the ledger, not `sms list`, is where it is settled
    assert re.fullmatch(
        r"Interrupted: message \w+ may have been sent \(and billed\): it is recorded as in_doubt; .*", line
    )
    assert "`gatum messages reconcile`" in line


def test_ctrl_c_during_a_read_is_one_line_with_status_130() -> None:
    with ScriptedServer([Stall(20)]) as server:
        done = _interrupt(server, ["me"])
    assert done.returncode == 130
    assert done.stderr.strip() == "Interrupted: stopped before anything was sent"


def test_ctrl_c_during_numbers_add_counts_what_was_added_and_says_how_to_resume(tmp_path: Path) -> None:
    path = _contacts_csv(tmp_path / "contacts.csv", 1200)
    with ScriptedServer([OK_EMPTY, Stall(20)]) as server:
        done = _interrupt(server, ["numbers", "add", "--group", "957", str(path)], requests=2)
    assert done.returncode == 130
    assert done.stderr.strip() == (
        "Interrupted: 500 contacts were added first, through line 501 of contacts.csv; to go on, run again with "
        "--skip 500 (the request for lines 502-1001 may have been carried out)"
    )


def test_send_reads_the_text_from_stdin_for_a_dash() -> None:
    with ScriptedServer([OK_SEND]) as server:
        result = _run_with_input(
            ["send", "--to", "380957225759", "--from", "Verify", "-"], server.url, "Hi from a pipe\n"
        )
    assert result.exit_code == 0, result.stderr
    assert server.requests[0].json()[0]["text"] == "Hi from a pipe"


def test_send_with_a_dash_and_nothing_on_stdin_is_a_usage_error() -> None:
    with ScriptedServer([]) as server:
        result = _run_with_input(["send", "--to", "380957225759", "--from", "Verify", "-"], server.url, "")
    assert "stdin is empty" in error_line(result, exit_code=2) and server.requests == []


def _run_with_input(args: list[str], base_url: str, stdin: str) -> Result:
    env = {"GATUM_BASE_URL": base_url, "GATUM_TOKEN": TOKEN, "GATUM_USERNAME": None, "GATUM_PASSWORD": None}
    return CliRunner().invoke(cli, args, input=stdin, env=env, catch_exceptions=False)


def test_dlr_listen_on_a_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(["dlr", "listen", "--port", str(port)])
    line = error_line(result)
    assert line.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ") and "in use" in line


def test_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("number\n380957225759\n", encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything
        path.chmod(0o600)
        path.write_bytes(b"number\n\xff\xfe\n")
    result = run(["numbers", "add", "--group", "1", str(path)], base_url="http://127.0.0.1:9")
    assert error_line(result).startswith("Error: ")


def _wait_until_it_answers(url: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _default_sigint() -> None:
    # A shell starting pytest in the background ignores SIGINT; the servers must see it as Ctrl-C.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("argv", "ready"),
    [
        ([sys.executable, "-m", "gatum_rest_py.sandbox", "--port", "0"], "Gatum sandbox on "),  # make sandbox
        ([GATUM, "sandbox", "--port", "0"], "Gatum sandbox on "),
        ([GATUM, "dlr", "listen", "--port", "0"], "Listening for delivery reports on "),
    ],
    ids=["python -m gatum_rest_py.sandbox", "gatum sandbox", "gatum dlr listen"],
)
def test_servers_stop_on_ctrl_c_without_a_traceback_and_with_status_0(argv: list[str], ready: str) -> None:
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, preexec_fn=_default_sigint
    )
    assert process.stdout is not None
    seen = []
    for line in process.stdout:  # until the server says where it listens
        seen.append(line)
        if line.startswith(ready):
            break
    url = line.split(" on ", 1)[1].split()[0]
    _wait_until_it_answers(url)
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=30)
    output = "".join(seen) + rest
    assert process.returncode == 0, output
    assert "Traceback" not in output and "KeyboardInterrupt" not in output and "Interrupted" not in output


# -- start-up: what `gatum --help` and `gatum send --help` import (the time is in make bench) ----

HEAVY = ("httpx", "rich", "gatum_client", "gatum_rest_py.ledger", "gatum_rest_py._facade", "gatum_rest_py.campaigns")


@pytest.mark.parametrize("args", [["--help"], ["send", "--help"], ["--version"]])
def test_help_imports_neither_httpx_nor_rich_nor_the_models(args: list[str]) -> None:
    code = (
        "import sys\nfrom gatum_rest_py.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = result.stderr.split()
    assert [m for m in loaded if m.startswith(HEAVY)] == []
    assert "Usage: " in result.stdout or "version" in result.stdout


def test_the_help_summaries_are_the_commands_own() -> None:
    import click

    from gatum_rest_py.cli._app import COMMANDS, cli

    for name, lazy in COMMANDS.items():
        command = lazy.load()
        assert command.name == name and command.get_short_help_str(1000) == lazy.summary, name
    assert sorted(COMMANDS) == cli.list_commands(click.Context(cli))


def test_every_public_name_of_the_package_resolves() -> None:
    code = (
        "import sys, gatum_rest_py as g\n"
        "assert 'httpx' not in sys.modules, 'import gatum_rest_py loaded httpx'\n"
        "missing = [n for n in g.__all__ if getattr(g, n, None) is None]\n"
        "assert not missing, missing\n"
        "assert set(g.__all__) <= set(dir(g))\n"
        "from gatum_rest_py import GatumRESTAPI, SendInterrupted, segments\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_sandbox_help_names_the_gatum_command() -> None:
    result = CliRunner().invoke(cli, ["sandbox", "--help"])
    assert result.exit_code == 0 and result.stdout.startswith("usage: gatum sandbox ")


# -- gatum mock: says what it does, prints the address once Prism answers, fails in one line -----

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="gatum mock needs Node.js")


@needs_node
def test_mock_prints_its_address_only_once_prism_answers() -> None:
    port = free_port()
    process = subprocess.Popen(
        [GATUM, "mock", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        assert first.startswith("Starting Prism ")
        address = process.stderr.readline()
        assert address.startswith(f"Prism {_mock.PRISM_VERSION} mock on http://127.0.0.1:{port} ")
        me = httpx.get(f"http://127.0.0.1:{port}/v1/me", headers={"X-Access-Token": TOKEN}, timeout=5)  # no retry
        assert me.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)


@needs_node
def test_mock_on_a_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(["mock", "--port", str(port)])
    assert error_line(result) == f"Error: cannot listen on 127.0.0.1:{port}: Address already in use"


@needs_node
def test_a_prism_failure_is_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "empty.yaml"
    spec.write_text("openapi: 3.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", encoding="utf-8")
    result = run(["mock", "--port", str(free_port()), "--spec", str(spec)])
    assert result.exit_code == 1
    starting, error = result.stderr.strip().splitlines()  # not Prism's whole --help
    assert starting.startswith("Starting Prism ")
    assert error.startswith("Error: Prism could not start: ") and len(error) < 200


def test_prism_output_becomes_one_line() -> None:
    assert _mock.failure_line(["Error: listen EADDRINUSE: address already in use 127.0.0.1:4010\n"]) == (
        "the address is already in use"
    )
    fatal = "[10:07:50 AM] \x1b[90m›\x1b[39m [CLI] ✖  fatal     Error parsing x.yaml: bad\n"
    assert _mock.failure_line(["\n", fatal]) == "Error parsing x.yaml: bad"
    help_then_crash = [
        "Options:\n",
        "  --port  Port  [number]\n",
        "Error: No operations found\n",
        "    at x (y.js:1)\n",
    ]
    assert _mock.failure_line(help_then_crash) == "Error: No operations found"


# -- tables: never a number split; plain lines in a pipe ------------------------------------------

ROWS = [
    {"number": "380957225759", "id_state": 5989332321234, "date": "2023-07-01 00:00:00", "text": "Hello " * 8},
    {"number": "380661093766", "id_state": 5989332321235, "date": "2023-07-01 00:00:01", "text": "Bye"},
]


LEDGER_ROWS = [
    {
        "key": "18ee25e5616ef716ef38e32845fed09c",
        "state": "sent",
        "campaign": None,
        "numbers": ["380957225759", "380661093766"],
        "id_states": ["598933232", "598933233"],
        "updated": "2026-12-04T20:08:00.123456+00:00",
    }
]


@pytest.mark.parametrize("width", [30, 50, 80])
def test_a_narrow_terminal_never_splits_a_number(width: int) -> None:
    import io

    from rich.console import Console

    from gatum_rest_py.cli._output import Output

    out = Output(as_json=False)
    screen = io.StringIO()
    out.console = Console(file=screen, width=width, force_terminal=True, color_system=None, soft_wrap=True)
    out.emit(ROWS, title="Sent")
    out.emit(LEDGER_ROWS, title="Messages")
    text = screen.getvalue()
    for row in ROWS:
        for value in (str(row["number"]), str(row["id_state"]), str(row["date"])):
            assert value in text, (value, text)
    for ledger_row in LEDGER_ROWS:  # `gatum messages list`: a key, lists of numbers and ids, a time
        for value in (ledger_row["key"], *ledger_row["numbers"], *ledger_row["id_states"], ledger_row["updated"]):
            assert value in text, (value, text)
        assert "│ sent " in text  # the text columns keep their words, not squeezed to nothing
    assert "┃" in text  # a table on a terminal


def test_piped_output_is_plain_tab_separated_lines() -> None:
    body = {"status": True, "data": {"380957225759": [{"id_state": 5989332321234}], "380661093766": [{"id_state": 7}]}}
    with ScriptedServer([Reply(200, body)]) as server:
        result = run(
            ["send", "--to", "380957225759", "--to", "380661093766", "--from", "Verify", "hi"], base_url=server.url
        )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Sent",
        "number\tid_state",
        "380957225759\t5989332321234",
        "380661093766\t7",
    ]


def test_an_interrupted_batch_is_still_one_line() -> None:
    from gatum_rest_py.cli._session import interrupted_send

    numbers = [f"38095000{i:04d}" for i in range(100)]
    line = interrupted_send(numbers).format_message()
    assert "380950000000, 380950000001, 380950000002, 380950000003, 380950000004 and 95 more" in line
    assert "--phone 380950000004`" in line and "380950000005" not in line and "\n" not in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["foo"], "Error: No such command 'foo'. (see: cli --help)"),
        (["send", "--to", "380957225759", "--from", "Verify"], "Missing argument 'TEXT'. (see: cli send --help)"),
        (["numbers", "add", "--group", "1", "/nonexistent.csv"], "(see: cli numbers add --help)"),
    ],
)
def test_usage_errors_are_one_line_with_status_2(args: list[str], expected: str) -> None:
    assert expected in error_line(run(args), exit_code=2)


def test_mock_through_npx_says_the_first_run_downloads_prism(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    npx = "echo 'npm error network request to registry failed' >&2; exit 1"
    for name, script in (("node", "exit 0"), ("npx", npx)):
        (bin_dir / name).write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    spec = _mock.spec_path()
    monkeypatch.setattr(_mock, "CHECKOUT", tmp_path)  # no checkout Prism: the pinned one through npx
    result = CliRunner().invoke(cli, ["mock", "--port", str(free_port()), "--spec", str(spec)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Starting Prism {_mock.PRISM_VERSION} (the first run downloads it through npx)...",
        "Error: Prism could not start: npm error network request to registry failed",
    ]
