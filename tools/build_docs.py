"""Build the API reference (`make docs`): the HTTP API from the spec, the Python API from the code.

* `<out>/http/index.html`: one self-contained page (Redoc and the spec inlined, no CDN) built from
  openapi/gatum.yaml by Redocly CLI (`redocly build-docs`, pinned in mock/package.json,
  installed by `make install`);
* `<out>/python/`: pdoc's pages for `gatum_rest_py` (facades, typed client, errors, webhooks,
  the command line) and the generated `gatum_client`;
* `<out>/cli/index.html`: the `gatum` command line, every command's `--help` on one page;
* `<out>/index.html`: links to all three.

Usage::

    python tools/build_docs.py                 # into docs/
    python tools/build_docs.py --output /tmp/reference

Nothing is fetched: Redocly's telemetry and update check are switched off.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "gatum.yaml"
REDOCLY = ROOT / "mock" / "node_modules" / ".bin" / "redocly"

PYTHON_MODULES = (
    "gatum_rest_py",
    "gatum_rest_py.webhooks",
    "gatum_rest_py.cli",
    "gatum_rest_py.sandbox",
    "gatum_client",
    "gatum_client.api",
    "gatum_client.models",
    "gatum_client.types",
    "gatum_client.errors",
)
"""What pdoc documents; submodules are named because the packages' `__all__` would hide them."""

QUIET_REDOCLY = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "REDOCLY_SUPPRESS_NOTIFICATIONS": "true",
    "DO_NOT_TRACK": "1",
    "NO_COLOR": "1",
}

INDEX = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5}}</style>
</head><body><h1>{title}</h1><ul>
<li><a href="http/index.html">HTTP API</a>: every operation, schema, example and the delivery-report webhook,
from <code>openapi/gatum.yaml</code></li>
<li><a href="python/index.html">Python API</a>: <code>gatum_rest_py</code> (facades, typed client, errors,
webhooks, the sandbox, the <code>gatum</code> command line) and the generated <code>gatum_client</code></li>
<li><a href="cli/index.html">Command line</a>: every <code>gatum</code> command and its options</li>
</ul></body></html>
"""

CLI_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>gatum: command reference</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:3rem auto;line-height:1.5}}
pre{{background:#f6f8fa;padding:1rem;overflow-x:auto}}</style>
</head><body><h1>gatum: command reference</h1>
<p>Every command's <code>--help</code>, as <code>gatum</code> {version} prints it.</p>
<ul>
{contents}
</ul>
{sections}
</body></html>
"""


class DocsError(RuntimeError):
    """A part of the reference could not be built; the message says what to do."""


def build_http(output: Path, spec: Path = SPEC) -> Path:
    """Render the spec into one self-contained HTML page; return its path."""
    if not REDOCLY.exists():
        raise DocsError(f"{REDOCLY} is missing: run `make install` (npm ci in mock/)")
    if shutil.which("node") is None:
        raise DocsError("node is not on PATH: install Node.js (>= 20.19) to build the HTTP reference")
    page = output / "http" / "index.html"
    result = subprocess.run(  # noqa: S603 - our pinned redocly, our spec
        # --inlineBundle: Redoc's script goes into the page instead of being loaded from a CDN
        [
            str(REDOCLY),
            "build-docs",
            str(spec),
            "--inlineBundle",
            "--output",
            str(page),
            "--title",
            "Gatum SMS REST API",
        ],
        cwd=ROOT,
        env={**os.environ, **QUIET_REDOCLY},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not page.is_file():
        raise DocsError(f"redocly build-docs failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return page


def build_python(output: Path) -> Path:
    """Render the Python packages with pdoc; return the directory."""
    directory = output / "python"
    result = subprocess.run(  # noqa: S603 - this interpreter's pdoc
        # The template shows the facade methods inherited from the generated mixins (pdoc issue #715).
        [
            sys.executable,
            "-m",
            "pdoc",
            "--template-directory",
            str(Path(__file__).resolve().parent / "pdoc"),
            "--output-directory",
            str(directory),
            *PYTHON_MODULES,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise DocsError(f"pdoc failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return directory


def command_helps() -> list[tuple[str, str]]:
    """(`gatum …`, its --help text) for every command and subcommand, depth first, in `gatum --help` order."""
    import click

    from gatum_rest_py.cli._app import cli
    from gatum_rest_py.sandbox._cli import parser as sandbox_parser

    found: list[tuple[str, str]] = []

    def walk(command: click.Command, name: str, parent: click.Context | None) -> None:
        ctx = click.Context(command, info_name=name, parent=parent, max_content_width=100, terminal_width=100)
        path = ctx.command_path
        # `gatum sandbox` hands its arguments to the sandbox's own parser, which has the real --help.
        text = sandbox_parser("gatum sandbox").format_help() if path == "gatum sandbox" else command.get_help(ctx)
        found.append((path, text))
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                subcommand = command.get_command(ctx, sub)
                if subcommand is not None and not subcommand.hidden:
                    walk(subcommand, sub, ctx)

    walk(cli, "gatum", None)
    return found


def build_cli(output: Path) -> Path:
    """The command line's reference: one page, every command's --help; return its path."""
    from gatum_rest_py import __version__

    helps = command_helps()
    anchor = {path: path.replace(" ", "-") for path, _ in helps}
    contents = "\n".join(f'<li><a href="#{anchor[path]}"><code>{escape(path)}</code></a></li>' for path, _ in helps)
    sections = "\n".join(
        f'<h2 id="{anchor[path]}"><code>{escape(path)}</code></h2>\n<pre>{escape(text)}</pre>' for path, text in helps
    )
    page = output / "cli" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(
        CLI_PAGE.format(version=escape(__version__), contents=contents, sections=sections), encoding="utf-8"
    )
    return page


def build(output: Path) -> None:
    """The whole reference into `output` (its http/ and python/ are replaced)."""
    for part in ("http", "python", "cli"):
        shutil.rmtree(output / part, ignore_errors=True)
    output.mkdir(parents=True, exist_ok=True)
    build_http(output)
    build_python(output)
    build_cli(output)
    (output / "index.html").write_text(INDEX.format(title=escape("gatum-rest-py API reference")), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=ROOT / "docs", help="where to write (default: docs/)")
    args = parser.parse_args(argv)
    try:
        build(args.output)
    except DocsError as exc:
        print(f"build_docs: {exc}", file=sys.stderr)
        return 1
    print(f"API reference: {args.output / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
