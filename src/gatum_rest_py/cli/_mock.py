"""`gatum mock`: the Prism mock of the API, from a checkout or from an installed wheel.

The wheel carries the spec (`gatum_rest_py/_spec_data/gatum.yaml`); in a development checkout
it is `openapi/gatum.yaml`. Prism is the checkout's `mock/node_modules/.bin/prism` when
installed (`make install`), otherwise the pinned release through `npx`::

    gatum mock --port 4010
    curl -s 127.0.0.1:4010/v1/me -H 'X-Access-Token: any'
"""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import IO

import click

from ._session import CLIError

PRISM_VERSION = "5.14.2"
"""The Prism release of mock/package.json (a test keeps the two equal)."""

CHECKOUT = Path(__file__).resolve().parents[3]
"""The repository root when running from a checkout (src/gatum_rest_py/cli/ is three levels down)."""

NO_NODE = "gatum mock needs Node.js >= 18.20 (node and npx on PATH) to run Prism: install it from https://nodejs.org"


def spec_path() -> Path:
    """The OpenAPI spec: the copy shipped in the wheel, else the checkout's openapi/gatum.yaml."""
    shipped = resources.files("gatum_rest_py") / "_spec_data" / "gatum.yaml"
    if shipped.is_file():
        return Path(str(shipped))
    checkout = CHECKOUT / "openapi" / "gatum.yaml"
    if checkout.is_file():
        return checkout
    raise CLIError("the OpenAPI spec is not installed with gatum_rest_py (gatum_rest_py/_spec_data/gatum.yaml)")


def prism_argv(spec: Path, host: str, port: int, *, local_prism: Path | None = None) -> list[str]:
    """The command that runs Prism: the checkout's, or `npx --yes @stoplight/prism-cli@<pinned>`."""
    local = local_prism if local_prism is not None else CHECKOUT / "mock" / "node_modules" / ".bin" / "prism"
    if local.is_file():
        command = [str(local)]
    else:
        npx = shutil.which("npx")
        if npx is None:
            raise CLIError(NO_NODE)
        command = [npx, "--yes", f"@stoplight/prism-cli@{PRISM_VERSION}"]
    return [*command, "mock", "--host", host, "--port", str(port), str(spec)]


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _on_sigterm(handler: signal._HANDLER) -> signal._HANDLER:
    # So that `kill` stops Prism too; signals can only be set from the main thread.
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
READY_TIMEOUT = 300.0
"""Seconds to wait for Prism to answer (a first run through npx downloads it: ~10 s, more on a slow line)."""


def _port_free(host: str, port: int) -> str | None:
    """None when `host:port` can be listened on; else the system's reason (e.g. address already in use)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Prism binds: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


_LOG_PREFIX = re.compile(r"^\[[^\]]*\]\s*›\s*\[[^\]]*\]\s*\S*\s*(?:fatal|error)\s+", re.IGNORECASE)


def failure_line(output: list[str]) -> str:
    """Prism's failure as one line: its error (a busy port said plainly), not its whole --help."""
    lines = [line for line in (_ANSI.sub("", raw).strip() for raw in output) if line]
    if any("EADDRINUSE" in line for line in lines):
        return "the address is already in use"
    # Its logger's fatal line, or the `Error: …` a crash prints below the help of its options.
    errors = [_LOG_PREFIX.sub("", line) for line in lines if _LOG_PREFIX.match(line) or line.startswith("Error:")]
    plain = [line for line in lines if not line.startswith(("-", "at "))]
    line = (errors or plain[-1:] or ["it exited without saying why"])[0]
    return line if len(line) <= 160 else line[:157] + "..."


class _PrismOutput:
    """Prism's lines: kept while it starts (a failure becomes one line, not pages of output),
    passed on once it answers (its routes, then a log line per request)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._passing = False
        self._lock = threading.Lock()

    def pump(self, stream: IO[str]) -> None:
        for line in stream:
            with self._lock:
                if self._passing:
                    click.echo(line, nl=False)
                else:
                    self.lines.append(line)

    def pass_on(self) -> None:
        with self._lock:
            for line in self.lines:
                click.echo(line, nl=False)
            self._passing = True


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=4010, show_default=True, help="Port to listen on.")
@click.option("--spec", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Another OpenAPI file.")
def mock(host: str, port: int, spec: Path | None) -> None:
    """Run the Prism mock of the API in the foreground.

    Prism answers with the spec's examples. Any X-Access-Token is accepted; requests are
    validated against the spec (a bad body gets the spec's 400). Ctrl-C stops it.
    """
    if shutil.which("node") is None:
        raise CLIError(NO_NODE)
    busy = _port_free(host, port)
    if busy is not None:
        raise CLIError(f"cannot listen on {host}:{port}: {busy}")
    argv = prism_argv(spec or spec_path(), host, port)
    download = " (the first run downloads it through npx)" if Path(argv[0]).name.startswith("npx") else ""
    click.echo(f"Starting Prism {PRISM_VERSION}{download}...", err=True)
    previous = _on_sigterm(_stop_on_sigterm)
    try:
        process = subprocess.Popen(  # noqa: S603 - our fixed argv: Prism and the spec
            argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
        )
    except OSError as exc:
        _on_sigterm(previous)
        raise CLIError(f"could not start Prism ({argv[0]}): {exc.strerror}") from None
    output = _PrismOutput()
    assert process.stdout is not None
    pump = threading.Thread(target=output.pump, args=(process.stdout,), daemon=True)
    pump.start()
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not _answers(host, port):
            if process.poll() is not None:
                pump.join(timeout=5)
                raise CLIError(f"Prism could not start: {failure_line(output.lines)}")
            if time.monotonic() > deadline:
                raise CLIError(f"Prism did not answer on {host}:{port} within {READY_TIMEOUT:.0f} s")
            time.sleep(0.1)
        output.pass_on()
        click.echo(f"Prism {PRISM_VERSION} mock on http://{host}:{port} (Ctrl-C stops)", err=True)
        code = process.wait()
    except KeyboardInterrupt:
        code = 0  # Ctrl-C is how it is meant to stop
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        _on_sigterm(previous)
    if code:
        raise CLIError(f"Prism stopped with status {code}: {failure_line(output.lines)}")
