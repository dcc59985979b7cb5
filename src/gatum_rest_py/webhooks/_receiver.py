"""DeliveryReportReceiver: your settings in; `handle`, `handle_async` and the WSGI/ASGI apps out.

It wires together three parts that know nothing of it: `_core.ReceiverCore` (every decision:
access, size, parsing, deduplication, the answer; no I/O), the drivers in `_drivers` (they call
the dedupe store and your callback, sync or on an event loop) and the apps in `_apps`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from gatum_client.models import DeliveryReport

from .._exceptions import ConfigurationError
from ._access import Network, WebhookAccess
from ._apps import asgi_app, wsgi_app
from ._core import DEFAULT_MAX_BODY_SIZE, Body, ReceiverCore
from ._drivers import AsyncDriver, ReportCallback, Store, SyncDriver
from ._errors import Payload
from ._stores import AsyncDedupeStore, DedupeStore, MemoryDedupeStore

__all__ = ["DeliveryReportReceiver"]


class DeliveryReportReceiver:
    """Webhook endpoint for delivery reports: `handle`/`handle_async` for your own route, or the
    ready `wsgi_app`/`asgi_app`. See `gatum_rest_py.webhooks` for the protocol and examples.

    * `secret`: required as the query parameter `secret` of every delivery (else 403);
    * `allow_networks`: CIDRs the peer address must be in (else 403);
    * `dedupe_store`: a `DedupeStore` (sync) or `AsyncDedupeStore`; default: in memory, per process;
    * `max_body_size`: larger bodies are answered 413; any number of reports within it is taken;
    * `ledger`: a `gatum_rest_py.ledger.Ledger` the new reports of each delivery are written into
      (one transaction) before the callback runs (the callback may then be None); reports the
      ledger cannot take are not acknowledged, so the platform delivers them again.

    A bad setting raises ConfigurationError here (and for `max_body_size`, when it is set later),
    rather than failing every delivery.

    `callback(report)` may be sync or async; reports are processed in order, one at a time::

        receiver = DeliveryReportReceiver(save, secret=os.environ["DLR_SECRET"])
        status, ack = receiver.handle(body, query_string="secret=...", client_ip="203.0.113.9")
    """

    def __init__(
        self,
        callback: ReportCallback | None,
        *,
        secret: str | None = None,
        allow_networks: Iterable[str | Network] | None = None,
        dedupe_store: DedupeStore | AsyncDedupeStore | None = None,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        ledger: ReportLedger | None = None,
    ) -> None:
        if callback is None and ledger is None:
            raise ConfigurationError("DeliveryReportReceiver needs a callback, a ledger, or both")
        if callback is not None and not callable(callback):
            raise ConfigurationError(
                f"DeliveryReportReceiver: callback must be callable; got {type(callback).__name__}"
            )
        if ledger is not None and not callable(getattr(ledger, "record_reports", None)):
            raise ConfigurationError("DeliveryReportReceiver: ledger must have record_reports (a gatum_rest_py Ledger)")
        if dedupe_store is not None and not all(
            callable(getattr(dedupe_store, name, None)) for name in ("claim", "accept", "release")
        ):
            raise ConfigurationError("DeliveryReportReceiver: dedupe_store must have claim, accept and release")
        self.callback = callback
        self.ledger = ledger
        self.access = WebhookAccess(secret, allow_networks)
        self.dedupe_store: Store = dedupe_store if dedupe_store is not None else MemoryDedupeStore()
        self.max_body_size = max_body_size

    @property
    def max_body_size(self) -> int:
        """Largest body read, in bytes; a larger one is answered 413."""
        return self._max_body_size

    @max_body_size.setter
    def max_body_size(self, value: int) -> None:
        # Checked here, not per delivery: 0 or -1 would answer every delivery 413, and a float or
        # a string would fail on each one.
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigurationError(
                f"DeliveryReportReceiver: max_body_size must be an integer of at least 1; got {value!r}"
            )
        self._max_body_size = value

    def __repr__(self) -> str:
        store = self.dedupe_store
        return f"DeliveryReportReceiver(callback={self.callback!r}, access={self.access!r}, dedupe_store={store!r})"

    def handle(
        self, body: Body, *, query_string: str | bytes | None = None, client_ip: str | None = None
    ) -> tuple[int, list[str]]:
        """Process one delivery: (200, acknowledged ids), or (403, 400, 413 or 503, []).

        Pass the request's query string (for the secret) and peer address (for the allow-list)
        when the receiver checks them. Runs in the calling thread; an async callback is awaited
        on one background event loop (inside a running event loop use handle_async); an async
        store needs handle_async.
        """
        status, payload = self.respond(body, query_string, client_ip)
        return status, payload if isinstance(payload, list) else []

    async def handle_async(
        self, body: Body, *, query_string: str | bytes | None = None, client_ip: str | None = None
    ) -> tuple[int, list[str]]:
        """Like handle, for async code: async callbacks are awaited, sync ones run in a worker thread."""
        status, payload = await self.respond_async(body, query_string, client_ip)
        return status, payload if isinstance(payload, list) else []

    def respond(self, body: Body, query_string: str | bytes | None, client_ip: str | None) -> tuple[int, Payload]:
        """Like handle, with the answer's body: the acknowledgement, or {"error": …} for a refusal."""
        reply = self._sync_driver().run(self._core().deliver(body, query_string, client_ip))
        return reply.status, reply.payload

    async def respond_async(
        self, body: Body, query_string: str | bytes | None, client_ip: str | None
    ) -> tuple[int, Payload]:
        """Like respond, for async code."""
        reply = await self._async_driver().run(self._core().deliver(body, query_string, client_ip))
        return reply.status, reply.payload

    def check_access(self, query_string: str | bytes | None, client_ip: str | None) -> None:
        """Raise `Rejected` (a GatumError, `status` 403) unless the secret and the peer address pass."""
        rejected = self._core().access_refusal(query_string, client_ip)
        if rejected is not None:
            raise rejected

    def wsgi_app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        """A WSGI application: POST a delivery → 200 with the acknowledgement (JSON)."""
        return wsgi_app(self._core(), self._sync_driver().run, environ, start_response)

    @property
    def asgi_app(self) -> Callable[[Any, Any, Any], Awaitable[None]]:
        """An ASGI 3 application: POST a delivery → 200 with the acknowledgement (JSON).

        A plain coroutine function, not a bound method: servers tell ASGI 3 from ASGI 2 by
        looking for one (uvicorn took the method for ASGI 2 and answered every POST with 500).
        """
        receiver = self

        async def app(scope: Any, receive: Any, send: Any) -> None:
            await asgi_app(receiver._core(), receiver._async_driver().run, scope, receive, send)

        return app

    # Made per delivery from the attributes above, so that a changed setting holds from the next one.

    def _core(self) -> ReceiverCore:
        return ReceiverCore(self.access, self.max_body_size, records=self.ledger is not None)

    def _sync_driver(self) -> SyncDriver:
        return SyncDriver(self._callback(), self.dedupe_store, self.ledger)  # refuses an async store at once

    def _async_driver(self) -> AsyncDriver:
        return AsyncDriver(self._callback(), self.dedupe_store, self.ledger)

    def _callback(self) -> ReportCallback:
        return self.callback if self.callback is not None else _accept


def _accept(report: DeliveryReport) -> bool:
    """The callback of a receiver with a ledger and no callback: the ledger has the report."""
    return True


class ReportLedger(Protocol):
    """What the receiver needs of a ledger (`gatum_rest_py.ledger.Ledger` has it): the new reports
    of one delivery written in one transaction."""

    def record_reports(self, reports: Sequence[Mapping[str, Any]]) -> object: ...
