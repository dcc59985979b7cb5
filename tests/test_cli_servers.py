"""The `gatum` commands that run servers or other programs: `dlr listen`, `mock`, `sandbox`.

`dlr listen` and `mock` run as real processes (`python -m gatum_rest_py.cli`), stopped with
SIGTERM as a user's Ctrl-C or a supervisor would; the rest through click's CliRunner.
"""

from __future__ import annotations

import inspect
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import httpx
import pytest
from click.testing import CliRunner
from conftest import ROOT, free_port
from test_cli import NO_ENV, TOKEN, error_line, run

from gatum_rest_py.cli import _dlr, _mock
from gatum_rest_py.cli._app import cli
from gatum_rest_py.webhooks import DeliveryReportReceiver, parse_delivery_reports

WAIT = 30.0
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GATUM_")}


class Process:
    """`python -m gatum_rest_py.cli ARGS` with its stdout and stderr read line by line."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gatum_rest_py.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**ENV, "NO_COLOR": "1"},
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None and self.proc.stderr is not None
        for stream, lines in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr)):
            threading.Thread(target=self._pump, args=(stream, lines), daemon=True).start()

    @staticmethod
    def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))

    def line(self, lines: queue.Queue[str], pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + WAIT
        seen: list[str] = []
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"exited with {self.proc.returncode}: {seen}"
                continue
            seen.append(line)
            match = re.search(pattern, line)
            if match:
                return match
        raise AssertionError(f"no line matching {pattern!r} within {WAIT}s: {seen}")

    def stop(self) -> int:
        self.proc.terminate()
        return self.proc.wait(timeout=15)


@pytest.fixture
def listener() -> Iterator[tuple[Process, str]]:
    process = Process("dlr", "listen", "--port", "0", "--json")
    try:
        url = process.line(process.stderr, r"Listening for delivery reports on (http://127\.0\.0\.1:\d+/)").group(1)
        yield process, url
    finally:
        process.stop()


def test_dlr_listen_prints_the_reports_prism_sends_to_the_callback(
    mock_url: str, listener: tuple[Process, str]
) -> None:
    process, url = listener
    sent = run(
        ["send", "--to", "380957225759", "--from", "Verify", "--callback-url", f"{url}restdlr", "hi"], base_url=mock_url
    )
    assert sent.exit_code == 0, sent.stderr
    report = json.loads(process.line(process.stdout, r"^\{").string)
    assert report["id_state"] == 598933232 and report["state"] == "DELIVRD"


def test_dlr_listen_acknowledges_and_prints_each_report_once(listener: tuple[Process, str]) -> None:
    process, url = listener
    batch = [{"id_state": 7001, "phone": "380957225759", "state": "DELIVRD"}, {"id_state": "7002", "state": "UNDELIV"}]
    for _ in range(2):  # the platform delivers a report again until it is acknowledged
        answer = httpx.post(url + "any/path", json=batch, timeout=10)
        assert (answer.status_code, answer.json()) == (200, ["7001", "7002"])
    printed = [json.loads(process.line(process.stdout, r"^\{").string) for _ in range(2)]
    assert [r["id_state"] for r in printed] == [7001, "7002"]
    assert httpx.post(url, content=b"not json", timeout=10).status_code == 400
    time.sleep(0.3)
    assert process.stdout.empty()  # the repeat and the malformed body printed nothing


def test_dlr_listen_prints_a_readable_line_without_json() -> None:
    report = parse_delivery_reports(b'[{"id_state": 1, "state": "DELIVRD", "phone": null}]')[0]
    assert _dlr.report_line(report, as_json=False) == "report 1: phone= state=DELIVRD"


def test_dlr_listen_secret_is_passed_only_when_supported(monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    monkeypatch.setattr(_dlr, "serve", lambda app, host, port, ready: served.append((app, host, port)))
    result = CliRunner().invoke(cli, ["dlr", "listen", "--port", "9999"], env=NO_ENV)
    assert result.exit_code == 0 and served[0][1:] == ("127.0.0.1", 9999)
    assert served[0][0].__self__.callback is not None  # the receiver's wsgi_app
    secret = "whsec-SECRET-123"
    result = CliRunner().invoke(cli, ["dlr", "listen", "--secret", secret], env=NO_ENV)
    assert secret not in result.stdout + result.stderr
    if "secret" in inspect.signature(DeliveryReportReceiver).parameters:
        assert result.exit_code == 0 and len(served) == 2
    else:
        assert result.exit_code == 2 and "has no `secret` option" in result.stderr and len(served) == 1


def test_dlr_listen_with_a_secret_prints_only_reports_that_carry_it() -> None:
    secret = "whsec-SECRET-456"
    process = Process("dlr", "listen", "--port", "0", "--json", "--secret", secret)
    try:
        started = process.line(process.stderr, r"on (http://127\.0\.0\.1:\d+/) \(any path, with \?secret=")
        assert secret not in started.string
        url = started.group(1)
        forged = httpx.post(url + "restdlr?secret=wrong", json=[{"id_state": 1, "state": "UNDELIV"}], timeout=10)
        assert forged.status_code in (401, 403) and secret not in forged.text
        real = httpx.post(url + "restdlr", params={"secret": secret}, json=[{"id_state": 2, "state": "DELIVRD"}])
        assert (real.status_code, real.json()) == (200, ["2"])
        assert json.loads(process.line(process.stdout, r"^\{").string)["id_state"] == 2
    finally:
        process.stop()


# -- mock ---------------------------------------------------------------------------------------


def test_mock_pins_the_prism_of_mock_package_json() -> None:
    package = json.loads((ROOT / "mock" / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["@stoplight/prism-cli"] == _mock.PRISM_VERSION


def test_mock_finds_the_spec_of_the_checkout() -> None:
    assert _mock.spec_path().read_bytes() == (ROOT / "openapi" / "gatum.yaml").read_bytes()


def test_mock_outside_a_checkout_runs_the_pinned_prism_through_npx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    argv = _mock.prism_argv(Path("/x/gatum.yaml"), "127.0.0.1", 4010, local_prism=tmp_path / "absent")
    npx = ["/usr/bin/npx", "--yes", "@stoplight/prism-cli@5.14.2"]
    assert argv == [*npx, "mock", "--host", "127.0.0.1", "--port", "4010", "/x/gatum.yaml"]


def test_mock_without_node_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(cli, ["mock", "--port", "4999"], env=NO_ENV)
    assert error_line(result) == f"Error: {_mock.NO_NODE}"


def test_mock_serves_the_spec_until_stopped() -> None:
    port = free_port()
    process = Process("mock", "--port", str(port))
    try:
        deadline = time.monotonic() + WAIT
        while True:
            assert process.proc.poll() is None, f"gatum mock exited with {process.proc.returncode}"
            try:
                me = httpx.get(f"http://127.0.0.1:{port}/v1/me", headers={"X-Access-Token": TOKEN}, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "Prism did not answer"
                time.sleep(0.3)
        assert me.json()["data"]["login"] == "your_login"
    finally:
        assert process.stop() == 0
    with pytest.raises(httpx.TransportError):  # Prism went down with it
        httpx.get(f"http://127.0.0.1:{port}/v1/me", timeout=2)


# -- sandbox ------------------------------------------------------------------------------------


def test_sandbox_forwards_its_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []
    fake = types.ModuleType("gatum_rest_py.sandbox")

    def main(argv: list[str], prog: str) -> int:
        calls.append([prog, *argv])
        return 3

    fake.main = main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gatum_rest_py.sandbox", fake)
    result = CliRunner().invoke(cli, ["sandbox", "--port", "4011", "--help"], env=NO_ENV)
    assert calls == [["gatum sandbox", "--port", "4011", "--help"]] and result.exit_code == 3


def test_sandbox_missing_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gatum_rest_py.sandbox", None)  # as if it were not installed
    result = CliRunner().invoke(cli, ["sandbox"], env=NO_ENV)
    assert (
        error_line(result) == "Error: this version of gatum-rest-py has no sandbox (gatum_rest_py.sandbox is missing)"
    )


def test_token_in_help_is_never_shown() -> None:
    result = CliRunner().invoke(cli, ["me", "--help"], env={**NO_ENV, "GATUM_TOKEN": TOKEN})
    assert result.exit_code == 0 and "GATUM_TOKEN" in result.stdout and TOKEN not in result.stdout
