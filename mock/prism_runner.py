"""Start and stop the Prism mock of openapi/gatum.yaml on a free loopback port.

Used by the test suite (tests/conftest.py) and by `make demo`; `make mock` runs Prism
directly in the foreground instead.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gatum.yaml"
PRISM = ROOT / "mock" / "node_modules" / ".bin" / "prism"


class MockStartError(RuntimeError):
    """Prism could not be started; the message says why and what to do."""


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


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_mock(
    log_path: Path, spec: Path = SPEC, extra_args: Sequence[str] = (), startup_seconds: float = 60.0
) -> Iterator[Mock]:
    """Run Prism until the block ends; raise MockStartError at once if it cannot start."""
    if shutil.which("node") is None:
        raise MockStartError("node is not on PATH: install Node.js (>= 18.20) to run the Prism mock")
    if not PRISM.exists():
        raise MockStartError(f"{PRISM} is missing: run `make install` (it runs `npm ci` in mock/)")
    port = free_port()
    mock = Mock(base_url=f"http://127.0.0.1:{port}", port=port, log_path=log_path)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(  # noqa: S603 - fixed argv: our Prism, our spec
            [str(PRISM), "mock", "--host", "127.0.0.1", "--port", str(port), *extra_args, str(spec)],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
            env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
        )
    try:
        _wait_until_up(proc, mock, startup_seconds)
        yield mock
    finally:
        _stop(proc)


def _wait_until_up(proc: subprocess.Popen[bytes], mock: Mock, startup_seconds: float) -> None:
    deadline = time.monotonic() + startup_seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise MockStartError(f"Prism exited with code {proc.returncode} at start-up:\n{mock.log()[-3000:]}")
        try:
            httpx.get(f"{mock.base_url}/v1/me", headers={"X-Access-Token": "probe"}, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise MockStartError(f"Prism did not answer within {startup_seconds:.0f}s:\n{mock.log()[-3000:]}")
