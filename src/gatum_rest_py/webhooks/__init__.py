"""Receiving delivery reports (DLRs): authenticate, judge, deduplicate, acknowledge.

The platform POSTs a JSON array of reports to your webhook (200 per attempt by default: a rate it
can adjust, not a maximum, so any number within `max_body_size` is taken) and expects 200 with a
JSON array of the `id_state`s you accepted, as strings; reports left out are delivered again (5
attempts), so the same report can arrive more than once, at any of your workers.
`DeliveryReportReceiver` does that protocol:

* **access**: with `secret=`, a delivery must carry it as the query parameter `secret` of the
  webhook URL (`https://you.example/restdlr?secret=…`), else 403 and nothing is processed; with
  `allow_networks=[…]` the peer address must be in one of them (behind a proxy: see the README);
* **each report on its own**: a JSON object with an `id_state` (integer or non-empty string) goes
  to your callback as a `gatum_client.models.DeliveryReport`, every other field kept as sent;
  other items are logged and skipped (not acknowledged); a body that is not a JSON array is 400,
  one over `max_body_size` 413, `[]` is answered `[]`;
* **exactly once per (`id_state`, `state`)**, and part (`part_no`) when one id carries a message
  of several parts: each state of a message (`ENROUTE`, then `DELIVRD`), of each part,
  reaches the callback once; a redelivery of the same state is acknowledged without a call. A
  report is accepted unless the callback returns False or raises (logged); a concurrent duplicate
  still in progress elsewhere is not acknowledged. The dedupe store holds claim / accept / release:
  `MemoryDedupeStore` per process (default), `RedisDedupeStore` / `AsyncRedisDedupeStore` shared.

Bad settings raise `ConfigurationError`; `check_access` raises `Rejected` (`.status` 403); an
async store used through `handle` or `wsgi_app` raises `AsyncOnlyError` on each delivery. All are
`gatum_rest_py.GatumError`s.

Flask::

    receiver = DeliveryReportReceiver(save, secret=os.environ["DLR_SECRET"])

    @app.post("/restdlr")
    def restdlr():
        status, ack = receiver.handle(request.get_data(), query_string=request.query_string,
                                      client_ip=request.remote_addr)
        return ack, status

Without a framework, `receiver.wsgi_app` and `receiver.asgi_app` are complete apps (any path;
POST only, other methods 405). The README has the FastAPI twin and the Redis setup.

Inside: `_core` decides everything without I/O (access, size, parsing, what to claim, the answer);
`_drivers` carries that out, sync or on an event loop (the store calls and your callback);
`_apps` is WSGI and ASGI around both; `_receiver` wires them into `DeliveryReportReceiver`.
"""

from ._access import WebhookAccess
from ._core import DEFAULT_MAX_BODY_SIZE
from ._drivers import ReportCallback
from ._errors import AsyncOnlyError, Rejected
from ._parsing import acknowledgement, dedupe_key, parse_delivery_reports
from ._receiver import DeliveryReportReceiver
from ._redis import AsyncRedisDedupeStore, RedisDedupeStore
from ._stores import AsyncDedupeStore, ClaimState, DedupeStore, MemoryDedupeStore

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "AsyncDedupeStore",
    "AsyncOnlyError",
    "AsyncRedisDedupeStore",
    "ClaimState",
    "DedupeStore",
    "DeliveryReportReceiver",
    "MemoryDedupeStore",
    "RedisDedupeStore",
    "Rejected",
    "ReportCallback",
    "WebhookAccess",
    "acknowledgement",
    "dedupe_key",
    "parse_delivery_reports",
]
