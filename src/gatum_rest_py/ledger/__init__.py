"""A message ledger: every message's fate known, never sent twice, never lost.

A `Ledger` keeps, for each message, what was asked (numbers, sender, text, options, campaign),
every attempt and its result, the `id_state`s the platform gave, and every delivery state with
its time, in SQLite (`sqlite:///gatum.db`: one file, safe for several processes on a machine)
or PostgreSQL (`postgresql://…`, needs the `[postgres]` extra: many machines). An `Outbox`
(`AsyncOutbox`) sends through it::

    from gatum_rest_py import GatumRESTAPI
    from gatum_rest_py.ledger import Ledger, Outbox

    ledger = Ledger("sqlite:///gatum.db")
    outbox = Outbox(GatumRESTAPI(base_url, username=..., password=...), ledger)
    result = outbox.send(["380957225759"], "Verify", "Your code is 4242", key="otp-42")
    ledger.get("otp-42").state        # 'sent', later 'delivered'

States: `planned` → `sending` → `sent` | `refused` | `in_doubt`, then `enroute`, `delivered`,
`undelivered`, `expired`, `rejected`, `unknown`. A message in `sending` or `in_doubt` is never
sent again by itself: `Outbox.reconcile()` looks it up on the platform. Delivery reports go in
with `DeliveryReportReceiver(..., ledger=ledger)` or `ledger.record_reports(...)`; states only
move forward, multipart messages are delivered when every part is. See docs/ledger.md.
"""

from ._async_outbox import AsyncOutbox
from ._campaigns import CampaignSettings, campaign_settings, record_campaign_settings
from ._errors import (
    LedgerConflictError,
    LedgerError,
    LedgerFullError,
    LedgerSchemaError,
    LedgerStateError,
    LedgerUnavailableError,
    LedgerURLError,
)
from ._outbox import DEFAULT_SWEEP_AFTER, Outbox
from ._records import Attempt, Event, LedgerMessage, NewMessage
from ._schema import SCHEMA_VERSION
from ._sending import DEFAULT_SETTLE, DEFAULT_STALE_AFTER, OutboxResult, ReconcileResult, SweepResult
from ._states import DELIVERY_STATES, FINAL_STATES, SEND_STATES, STATES, delivery_state, platform_state
from ._store import Claimed, Ledger, Outcome, open_ledger
from ._url import masked

__all__ = [
    "DEFAULT_SETTLE",
    "DEFAULT_STALE_AFTER",
    "DEFAULT_SWEEP_AFTER",
    "DELIVERY_STATES",
    "FINAL_STATES",
    "SCHEMA_VERSION",
    "SEND_STATES",
    "STATES",
    "AsyncOutbox",
    "Attempt",
    "CampaignSettings",
    "Claimed",
    "Event",
    "Ledger",
    "LedgerConflictError",
    "LedgerError",
    "LedgerFullError",
    "LedgerMessage",
    "LedgerSchemaError",
    "LedgerStateError",
    "LedgerURLError",
    "LedgerUnavailableError",
    "NewMessage",
    "Outbox",
    "OutboxResult",
    "Outcome",
    "ReconcileResult",
    "SweepResult",
    "campaign_settings",
    "delivery_state",
    "masked",
    "open_ledger",
    "platform_state",
    "record_campaign_settings",
]
