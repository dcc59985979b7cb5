"""Shared fixtures: the Prism mock serving openapi/gatum.yaml on a free loopback port.

The mock is started once per test session. If Node.js/npm or the installed Prism are
missing, or Prism does not answer in time, the session fails at once with a message that
says what to do, instead of every test timing out on its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gatum.yaml"
PRISM = ROOT / "mock" / "node_modules" / ".bin" / "prism"
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class Mock:
    """A running Prism mock."""

    base_url: str
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start_prism(spec: Path, log_path: Path, extra_args: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], Mock]:
    if shutil.which("node") is None:
        pytest.fail("node is not on PATH: install Node.js (>= 18.20) to run the Prism mock", pytrace=False)
    if not PRISM.exists():
        pytest.fail(f"{PRISM} is missing: run `make install` (it runs `npm ci` in mock/)", pytrace=False)
    port = free_port()
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), *extra_args, str(spec)],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
    mock = Mock(base_url=f"http://127.0.0.1:{port}", port=port, log_path=log_path)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Prism exited with code {proc.returncode} at start-up:\n{mock.log()[-3000:]}", pytrace=False)
        try:
            httpx.get(f"{mock.base_url}/v1/me", headers={"X-Access-Token": "probe"}, timeout=1.0)
            return proc, mock
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"Prism did not answer within {STARTUP_SECONDS:.0f}s:\n{mock.log()[-3000:]}", pytrace=False)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def mock_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mock]:
    """Prism serving the spec's examples, validating every request."""
    proc, mock = _start_prism(SPEC, tmp_path_factory.mktemp("prism") / "prism.log")
    try:
        yield mock
    finally:
        _stop(proc)


@pytest.fixture(scope="session")
def mock_url(mock_server: Mock) -> str:
    return mock_server.base_url
