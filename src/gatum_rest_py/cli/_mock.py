"""`gatum mock`: the Prism mock of the API, from a checkout or from an installed wheel.

The wheel carries the spec (`gatum_rest_py/_spec_data/gatum.yaml`); in a development checkout
it is `openapi/gatum.yaml`. Prism is the checkout's `mock/node_modules/.bin/prism` when
installed (`make install`), otherwise the pinned release through `npx`::

    gatum mock --port 4010
    curl -s 127.0.0.1:4010/v1/me -H 'X-Access-Token: any'
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from importlib import resources
from pathlib import Path
from types import FrameType

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
    argv = prism_argv(spec or spec_path(), host, port)
    click.echo(f"Prism {PRISM_VERSION} mock on http://{host}:{port} (Ctrl-C stops)", err=True)
    previous = _on_sigterm(_stop_on_sigterm)
    try:
        process = subprocess.Popen(argv)  # noqa: S603 - our fixed argv: Prism and the spec
    except OSError as exc:
        raise CLIError(f"could not start Prism ({argv[0]}): {exc.strerror}") from None
    try:
        code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        try:
            code = process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        code = 0
    finally:
        _on_sigterm(previous)
    if code:
        sys.exit(code)
