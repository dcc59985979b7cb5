"""`gatum dlr listen`: a delivery-report webhook that prints each report as it arrives.

Runs `DeliveryReportReceiver(...).wsgi_app` (validation, deduplication, acknowledgement) on
the standard library's WSGI server; meant for trying things out and debugging::

    gatum dlr listen --port 8080              # a line per report
    gatum dlr listen --port 8080 --json       # a JSON object per line (JSON Lines)
    gatum dlr listen --secret "$SECRET"       # only reports posted to ...?secret=$SECRET
    gatum send --to 380957225759 --from Verify --callback-url http://HOST:8080/restdlr "hi"
"""

from __future__ import annotations

import contextlib
import inspect
import json
from collections.abc import Callable
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import click
from gatum_client.models import DeliveryReport

from ..ledger import Ledger
from ..webhooks import DeliveryReportReceiver
from ._ledger import ledger_option
from ._output import cell
from ._session import CLIError

WsgiApp = Callable[..., Any]


class _QuietHandler(WSGIRequestHandler):
    # The reports themselves are printed; the access log would only repeat them on stderr.
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(app: WsgiApp, host: str, port: int, ready: Callable[[str], None]) -> None:
    """Serve `app` until Ctrl-C; `ready(url)` is called once the port is bound (port 0: a free one)."""
    try:
        server = make_server(host, port, app, server_class=WSGIServer, handler_class=_QuietHandler)
    except OSError as exc:  # a busy port, an address not of this machine: one line, as `gatum sandbox` says it
        raise CLIError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    with server, contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how it is meant to stop: status 0
        ready(f"http://{host}:{server.server_port}/")
        server.serve_forever()


def receiver_for(callback: Callable[[DeliveryReport], None], secret: str | None) -> DeliveryReportReceiver:
    """The receiver; `secret` is passed only when given, and only if this version supports it."""
    if secret is None:
        return DeliveryReportReceiver(callback)
    if "secret" not in inspect.signature(DeliveryReportReceiver).parameters:
        raise click.UsageError(
            "--secret: this version of gatum_rest_py.webhooks.DeliveryReportReceiver has no `secret` option; "
            "upgrade gatum-rest-py or leave --secret out"
        )
    try:
        receiver: DeliveryReportReceiver = DeliveryReportReceiver(callback, secret=secret)  # type: ignore[call-arg,unused-ignore]
    except (TypeError, ValueError) as exc:
        raise click.UsageError(f"--secret: {exc}") from None
    return receiver


def report_line(report: DeliveryReport, as_json: bool) -> str:
    """One report as one line: JSON, or `id_state …: field=value …` for people."""
    fields = report.to_dict()
    if as_json:
        return json.dumps(fields, ensure_ascii=False)
    rest = " ".join(f"{key}={cell(value)}" for key, value in fields.items() if key != "id_state")
    return f"report {fields.get('id_state')}: {rest}"


@click.group()
def dlr() -> None:
    """Delivery reports (DLR webhook)."""


@dlr.command("listen")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True, help="0 picks a free port.")
@click.option(
    "--secret",
    envvar="GATUM_WEBHOOK_SECRET",
    show_envvar=True,
    help="Accept only reports posted with ?secret=SECRET in the URL.",
)
@click.option("--json", "as_json", is_flag=True, help="Print each report as a JSON object on its own line.")
@ledger_option
def dlr_listen(host: str, port: int, secret: str | None, as_json: bool, ledger_url: str | None = None) -> None:
    """Receive delivery reports on any path and print each one; Ctrl-C stops.

    Reports are checked against the spec, acknowledged, and deduplicated (a report delivered
    again is acknowledged without being printed twice).
    """

    def show(report: DeliveryReport) -> None:
        click.echo(report_line(report, as_json))  # click.echo flushes: lines reach a pipe at once

    receiver = receiver_for(show, secret)
    if ledger_url:  # each new report is written into the ledger before it is printed and acknowledged
        receiver.ledger = Ledger(ledger_url)
    # The secret itself is never printed: the line says where it goes, not what it is.
    where = "any path, with ?secret=<the secret>" if secret is not None else "any path"
    serve(
        receiver.wsgi_app,
        host,
        port,
        lambda url: click.echo(f"Listening for delivery reports on {url} ({where}; Ctrl-C stops)", err=True),
    )
