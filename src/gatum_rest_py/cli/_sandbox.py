"""`gatum sandbox ...`: hands its arguments to `gatum_rest_py.sandbox.main(argv)`, when installed."""

from __future__ import annotations

import importlib

import click

from ._session import CLIError

SANDBOX_MODULE = "gatum_rest_py.sandbox"


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("argv", nargs=-1, type=click.UNPROCESSED)
def sandbox(argv: tuple[str, ...]) -> None:
    """Run the local sandbox (it has its own --help)."""
    try:
        module = importlib.import_module(SANDBOX_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name != SANDBOX_MODULE:
            raise CLIError(f"the sandbox needs {exc.name}: pip install 'gatum-rest-py[sandbox]'") from None
        raise CLIError(f"this version of gatum-rest-py has no sandbox ({SANDBOX_MODULE} is missing)") from None
    status = module.main(list(argv), prog="gatum sandbox")
    if status:
        raise SystemExit(status)
