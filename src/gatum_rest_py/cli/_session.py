"""Connection options shared by every API command, and turning failures into one line.

`@api_command` adds `--base-url`, `--username`, `--password`, `--token`, `--proxy` (each also
read from its GATUM_* variable) and `--json` to a command, and hands it a `Session` instead::

    @click.command()
    @api_command
    def me(session: Session) -> None:
        session.out.emit(session.call(session.api.account_info))

Credentials never reach the output: click shows the variable names in `--help`, not their
values, and error lines come from the library's exceptions, which leave secrets out (a proxy's
password included). Without `--proxy`, HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY apply.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:  # imported when a command runs: `gatum send --help` loads neither httpx nor rich
    from .._exceptions import GatumError
    from .._facade import GatumRESTAPI
    from .._response import GatumResponse
    from .._retry import RetryConfig
    from ._output import Output


def one_line(text: str) -> str:
    """Collapse whitespace so an error is exactly one line on stderr."""
    return " ".join(text.split())


class CLIError(click.ClickException):
    """A failure shown as `Error: <one line>` on stderr, exit status 1."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


def error_from(exc: GatumError) -> CLIError:
    """The one-line form of a library error: its class, then its (secret-free) message."""
    return CLIError(f"{type(exc).__name__}: {exc}")


class OneLineUsageError(click.UsageError):
    """A usage error as one line: `Error: <message> (see: gatum send --help)`, exit status 2."""

    def show(self, file: Any = None) -> None:
        where = f" (see: {self.ctx.command_path} --help)" if self.ctx is not None else ""
        click.echo(f"Error: {one_line(self.format_message())}{where}", err=True)


class Interrupted(click.ClickException):
    """Ctrl-C: `Interrupted: <one line>` on stderr, exit status 130 (128 + SIGINT), as shells expect."""

    exit_code = 130

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))

    def show(self, file: Any = None) -> None:
        click.echo(f"Interrupted: {self.format_message()}", err=True)


def interrupted_send(numbers: Sequence[str]) -> Interrupted:
    """What Ctrl-C during a send says: the SMS may have left, and how to look it up before sending again."""
    shown = ", ".join(numbers[:5]) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
    to = f" to {shown}" if numbers else ""
    look_up = "".join(f" --phone {number}" for number in numbers[:5])  # one line, even for a batch
    return Interrupted(
        f"the outcome is unknown: the SMS{to} may have been sent (and billed); "
        f"check with `gatum sms list{look_up}` before sending again"
    )


class _InterruptNotes(logging.Filter):
    """Keeps the library's "interrupted: outcome unknown" warnings for the one line the CLI prints."""

    def __init__(self) -> None:
        super().__init__()
        self.in_doubt: list[tuple[str, list[str]]] = []

    def filter(self, record: logging.LogRecord) -> bool:
        note = getattr(record, _INTERRUPTED, None)
        if note is None:
            return True
        self.in_doubt.append(note)
        return False


_INTERRUPTED = "gatum_interrupted"  # the record attribute of gatum_rest_py._facade.warn_interrupted


def _interruption(notes: _InterruptNotes) -> Interrupted:
    sends = [numbers for operation, numbers in notes.in_doubt if operation in ("sendSms", "sendBulk")]
    if sends:
        return interrupted_send(list(dict.fromkeys(number for numbers in sends for number in numbers)))
    if notes.in_doubt:
        return Interrupted(f"{notes.in_doubt[-1][0]} was in flight: its outcome is unknown")
    return Interrupted("stopped before anything was sent")


class GatumGroup(click.Group):
    """A click group that reports expected failures as one line: the library's errors and the
    system's (a busy port, an unreadable file) with status 1, Ctrl-C with status 130."""

    def invoke(self, ctx: click.Context) -> Any:
        notes = _InterruptNotes()
        logger = logging.getLogger("gatum_rest_py")
        logger.addFilter(notes)
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # one line too, the help command at its end
            if exc.ctx is None or isinstance(exc, OneLineUsageError):
                raise
            raise OneLineUsageError(exc.format_message(), exc.ctx) from None
        except KeyboardInterrupt:
            raise _interruption(notes) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: --help, usage errors, our one-line errors
        except Exception as exc:
            from .._exceptions import GatumError

            if isinstance(exc, GatumError):
                raise error_from(exc) from None
            if isinstance(exc, OSError):
                raise CLIError(os_error_line(exc)) from None
            raise
        finally:
            logger.removeFilter(notes)


def os_error_line(exc: OSError) -> str:
    """An OSError as one line: what failed (the file, when known) and the system's reason."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


class Session:
    """What an API command works with: the facade, the per-call token and the output mode."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        username: str | None,
        password: str | None,
        out: Output,
        proxy: str | None = None,
    ) -> None:
        self.out = out
        self._token = token
        self._api: GatumRESTAPI | None = None
        self._settings = (base_url, username if token is None else None, password if token is None else None)
        self._proxy = proxy

    def __repr__(self) -> str:
        return f"Session(base_url={self._settings[0]!r})"

    @property
    def token(self) -> str | None:
        """The `--token` every call carries; None when the facade logs in with the username and password."""
        return self._token

    @property
    def api(self) -> GatumRESTAPI:
        """The facade, created on first use (one connection pool for the whole command)."""
        if self._api is None:
            self._api = self.facade()
        return self._api

    def facade(self, *, retry: RetryConfig | None = None) -> GatumRESTAPI:
        """A new facade with the session's address, login and proxy (and `retry`); the caller closes it."""
        from .._facade import GatumRESTAPI

        base_url, username, password = self._settings
        return GatumRESTAPI(base_url, username=username, password=password, proxy=self._proxy, retry=retry)

    def close(self) -> None:
        if self._api is not None:
            self._api.close()

    def call(self, method: Callable[..., GatumResponse[Any]], /, **arguments: Any) -> Any:
        """Call a facade method with the session's token; return the JSON body, raise on an error status.

        With `--token` every call carries that token; otherwise `access_token=None` lets the
        client log in with the username and password (and log in again when the token expires).
        """
        response = method(access_token=self._token, **arguments)
        response.raise_for_status()
        try:
            return response.json()
        except ValueError:
            raise CLIError(f"{response.operation_id}: the answer is not JSON: {response.text[:200]}") from None


def _resolve(base_url: str | None, token: str | None, username: str | None, password: str | None) -> str:
    """The base URL, once the options are complete; a usage error (exit status 2) saying what is missing."""
    if not base_url:
        raise click.UsageError("no API address: pass --base-url or set GATUM_BASE_URL (e.g. https://restapi.gatum.io)")
    if not base_url.startswith(("http://", "https://")):
        raise click.UsageError(f"--base-url must start with http:// or https://, got {base_url!r}")
    if token or (username and password):
        return base_url
    if username or password:
        missing = "--password (GATUM_PASSWORD)" if username else "--username (GATUM_USERNAME)"
        raise click.UsageError(f"{missing} is missing: give both, or a --token (GATUM_TOKEN)")
    raise click.UsageError(
        "no credentials: pass --token (or set GATUM_TOKEN), or --username and --password "
        "(GATUM_USERNAME and GATUM_PASSWORD)"
    )


ledger_option = click.option(
    "--ledger",
    "ledger_url",
    envvar="GATUM_LEDGER",
    show_envvar=True,
    help="Message ledger: sqlite:///gatum.db or postgresql://user@host/db.",
)
"""`--ledger URL` (GATUM_LEDGER) of `gatum send`, `gatum dlr listen` and `gatum messages`; here, not in
`_ledger`, so that `gatum send --help` does not import the ledger."""

SENDER_ID_HELP = "Sender ID: 3–16 digits, or up to 11 characters with a letter and no line breaks."
"""`--from`'s help: the spec's rule (`SenderId`'s x-gatum-rule) in the same words."""

_OPTIONS: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
    click.option("--base-url", envvar="GATUM_BASE_URL", show_envvar=True, help="API address."),
    click.option("--token", envvar="GATUM_TOKEN", show_envvar=True, help="Access token (instead of a login)."),
    click.option("--username", envvar="GATUM_USERNAME", show_envvar=True, help="Login; the client logs in itself."),
    click.option("--password", envvar="GATUM_PASSWORD", show_envvar=True, help="Password for --username."),
    click.option(
        "--proxy",
        envvar="GATUM_PROXY",
        show_envvar=True,
        help="Proxy for every request, e.g. http://user:pw@proxy:3128 (default: HTTP_PROXY/HTTPS_PROXY/NO_PROXY).",
    ),
    click.option("--json", "as_json", is_flag=True, help="Print the JSON body instead of a table."),
]


def api_command(command: Callable[..., Any]) -> Callable[..., Any]:
    """Decorate a command body taking a `Session` first: adds the connection options and `--json`.

    A command run with `--dry-run` gets a Session without the options checked: it must not use
    the API (a dry run works with no address and no login)."""

    @functools.wraps(command)
    def run(
        *args: Any,
        base_url: str | None,
        token: str | None,
        username: str | None,
        password: str | None,
        proxy: str | None,
        as_json: bool,
        **kwargs: Any,
    ) -> Any:
        from ._output import Output

        url = (base_url or "") if kwargs.get("dry_run") else _resolve(base_url, token, username, password)
        session = Session(url, token or None, username, password, Output(as_json=as_json), proxy or None)
        try:
            return command(session, *args, **kwargs)
        finally:
            session.close()

    wrapped: Callable[..., Any] = run
    for option in reversed(_OPTIONS):
        wrapped = option(wrapped)
    return wrapped
