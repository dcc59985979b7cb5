"""Sending a planned campaign through the message ledger, at a shared rate, inside a window.

    from gatum_rest_py.ledger import Ledger, Outbox
    from gatum_rest_py.campaigns import LocalRateLimiter, plan_campaign, record_campaign, run_campaign

    outbox = Outbox(api, Ledger("sqlite:///gatum.db"))
    campaign = record_campaign(outbox, plan, "Shop")        # every message recorded, none sent: its id
    summary = run_campaign(outbox, campaign, LocalRateLimiter("50/s"))
    summary.counts   # {"sent": 9800, "refused": 3, "in_doubt": 0, ...}

A campaign is the set of ledger messages with its id as their `campaign`; each message's key is
`<campaign>:<number>`, so recording a campaign twice never plans a number twice. Sending claims a
batch, sends it and records what came of it (the ledger's Outbox): a message claimed is never
sent again by itself, so a crash or Ctrl-C leaves each message sent once, still planned, or in
doubt (`sending`/`in_doubt`: looked up on the platform by `gatum messages reconcile`, never
resent blindly). `run_campaign` again (`gatum campaign resume ID`) sends what is still planned.

A batch the platform refuses with 429 was not sent: the ledger records it planned again, the shared limiter is
slowed down for every process of the campaign, and the batch goes again later. Give the facade
`retry=RetryConfig(max_retry_wait=0)` so that a 429 with `Retry-After` comes back at once instead
of being waited out inside one process (`gatum campaign send` does).
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from .._exceptions import RateLimitError
from ._errors import CampaignInputError
from ._plan import CampaignPlan
from ._schedule import SendWindow
from ._throttle import RateLimiter

if TYPE_CHECKING:
    from ..ledger import Ledger, Outbox

__all__ = ["CampaignSummary", "campaign_counts", "campaign_rows", "new_campaign_id", "record_campaign", "run_campaign"]

SEND_STATES = ("planned", "sending", "sent", "refused", "in_doubt")
MAX_UNSENT_BATCHES = 3
"""Batches in a row that come back not sent (connection refused, 5xx before sending…) before the run stops."""


def new_campaign_id(name: str | None = None) -> str:
    """`<name>-<8 hex>` (the name's letters, digits, - and _ only) or `campaign-<8 hex>`."""
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in (name or "campaign"))
    return f"{stem.strip('-')[:40] or 'campaign'}-{uuid.uuid4().hex[:8]}"


def record_campaign(
    outbox: Outbox | Ledger, plan: CampaignPlan, sender_id: str, *, campaign: str | None = None, **options: Any
) -> str:
    """Record every message of `plan` as `planned` in the ledger (an outbox's; one transaction); the campaign id.

    `options`: send_sms's optional arguments for every message (`callback_url`, `lifetime`, …).
    """
    from ..ledger._sending import new_messages

    if not plan.messages:
        raise CampaignInputError(
            f"{plan.source}: no recipient left to send to", argument=plan.source, rule="recipients"
        )
    campaign = campaign or new_campaign_id()
    extra = {name: value for name, value in options.items() if value is not None}
    messages = [{"numbers": [m.number], "sender_id": sender_id, "text": m.text, **extra} for m in plan.messages]
    ledger = outbox.ledger if hasattr(outbox, "ledger") else outbox
    ledger.plan(new_messages(messages, [f"{campaign}:{m.number}" for m in plan.messages], campaign))
    return campaign


@dataclass
class CampaignSummary:
    """What a run did (`sent`, `refused`, `in_doubt` in this run) and the campaign's `counts` per state after it."""

    campaign: str
    sent: int = 0
    refused: int = 0
    in_doubt: int = 0
    stopped: str | None = None  # why the run ended before every message was sent
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        left = self.counts.get("planned", 0)
        return {
            "campaign": self.campaign,
            "sent": self.sent,
            "refused": self.refused,
            "in_doubt": self.in_doubt,
            "left": left,
            "stopped": self.stopped,
            "counts": self.counts,
        }


Progress = Callable[[int, int], None]
"""Called after each batch with (messages done in this run, messages left when it began)."""


def _wait(until: datetime, should_stop: Callable[[], bool], sleep: Callable[[float], None]) -> bool:
    """Sleep until `until` in steps of at most a second; False if told to stop first."""
    while not should_stop():
        left = (until - datetime.now(timezone.utc)).total_seconds()
        if left <= 0:
            return True
        sleep(min(left, 1.0))
    return False


def run_campaign(
    outbox: Outbox,
    campaign: str,
    limiter: RateLimiter,
    *,
    window: SendWindow | None = None,
    at: datetime | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    max_batches: int | None = None,
) -> CampaignSummary:
    """Send the campaign's planned messages, batch by batch, until none is left or `should_stop()`.

    Before each batch: wait for `at`, for `window` to be open, and for the limiter's rate.
    `max_batches`: return after that many batches (a task queue's worker taking its share); the
    rest stays planned for the next run, in this process or another (`stopped` stays None).
    """
    summary = CampaignSummary(campaign)
    total: int | None = None  # counted once the first batch is out: a resume starts sending at once
    done, unsent_in_a_row, batches = 0, 0, 0
    if at is not None and not _wait(at, should_stop, sleep):
        summary.stopped = "stopped before the start time"
    while summary.stopped is None and (max_batches is None or batches < max_batches):
        if should_stop():
            summary.stopped = "stopped when asked to: the rest stays planned"  # should_stop(): Ctrl-C, SIGTERM, …
            break
        if not outbox.ledger.messages(campaign=campaign, state="planned", limit=1):
            break  # nothing left: no need to wait for the rate to find that out
        # the rate first, then the window: a long wait for either is cut short by should_stop
        pause = limiter.reserve(outbox.batch_size).wait
        if pause > 0 and not _wait(datetime.now(timezone.utc) + timedelta(seconds=pause), should_stop, sleep):
            continue
        if window is not None and not window.contains(datetime.now(timezone.utc)):
            _wait(window.next_open(datetime.now(timezone.utc)), should_stop, sleep)
            continue  # book the rate again once it is open
        claimed = outbox.claim(outbox.batch_size, campaign=campaign)
        if not claimed:
            break
        results = outbox.send_claimed(claimed)
        batches += 1
        limited = [r for r in results if isinstance(r.error, RateLimitError)]  # recorded as planned again
        states = Counter(r.state for r in results)
        summary.sent += states["sent"]
        summary.refused += states["refused"]
        summary.in_doubt += states["in_doubt"]
        done += len(results) - states["planned"]
        if limited:
            error = limited[0].error
            limiter.slow_down(error.retry_after if isinstance(error, RateLimitError) else None)
            unsent_in_a_row = 0
        elif states["planned"] == len(results):
            unsent_in_a_row += 1
            if unsent_in_a_row >= MAX_UNSENT_BATCHES:
                detail = next((r.detail for r in results if r.detail), "not sent")
                summary.stopped = f"{MAX_UNSENT_BATCHES} batches in a row not sent ({detail}); the rest stays planned"
        else:
            unsent_in_a_row = 0
        if total is None:
            total = done + campaign_counts(outbox.ledger, campaign).get("planned", 0)
        if progress is not None:
            progress(done, total)
    summary.counts = campaign_counts(outbox.ledger, campaign)
    return summary


def campaign_counts(ledger: Ledger, campaign: str) -> dict[str, int]:
    """How many of the campaign's messages are in each state (delivery states included), counted by the database."""
    return ledger.counts(campaign=campaign)


def campaign_rows(ledger: Ledger, campaign: str) -> Iterator[dict[str, Any]]:
    """One row per recipient: key, number, state, id_states, attempts, updated, detail."""
    for message in ledger.messages(campaign=campaign):
        data = message.to_json()
        yield {
            "key": message.key,
            "number": " ".join(message.numbers),
            "state": message.state,
            "id_states": " ".join(message.id_states),
            "attempts": len(message.attempts),
            "updated": data["updated"],
            "detail": message.detail or "",
        }
