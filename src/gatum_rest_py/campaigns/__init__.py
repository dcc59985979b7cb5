"""Campaigns: many personalised messages, planned, priced, throttled and scheduled.

* Planning: `plan_campaign(rows_from_csv("contacts.csv"), "Hi {name}", default_region="UA")`
  normalises numbers (the `[campaigns]` extra: `phonenumbers`), drops invalid, duplicate and
  (given a look-up) black-listed ones, renders each text and counts its parts.
* Length: `segments(text)` (also `gatum_rest_py.segments`), `replace_lookalikes(text)`.
* Throttling: `SharedRateLimiter` (one rate across processes, on Redis) and `LocalRateLimiter`.
* Scheduling: `SendWindow`, `parse_at`, `start_time`.

* Sending through the message ledger: `record_campaign`, `run_campaign`, `campaign_counts`,
  `campaign_rows` (loaded on first use: they import `gatum_rest_py.ledger`).

Importing this package costs little: `phonenumbers`, `redis` and the ledger are imported when
first used. See docs/campaigns.md.
"""

from typing import TYPE_CHECKING, Any

from ._cost import CostEstimate, RegionCost, estimate_cost
from ._errors import CampaignInputError
from ._numbers import NormalisedNumber, NumberNormaliser
from ._plan import (
    CampaignInput,
    CampaignPlan,
    InvalidRow,
    PlannedMessage,
    check_sender,
    plan_campaign,
    rows_from_csv,
    rows_from_mappings,
)
from ._schedule import SendWindow, parse_at, parse_timezone, start_time
from ._segments import Segments, replace_lookalikes, segments
from ._template import Template
from ._throttle import LocalRateLimiter, RateLimiter, Reservation, SharedRateLimiter, parse_rate

__all__ = [
    "CampaignInput",
    "CampaignInputError",
    "CampaignPlan",
    "CampaignSummary",
    "CostEstimate",
    "InvalidRow",
    "LocalRateLimiter",
    "NormalisedNumber",
    "NumberNormaliser",
    "PlannedMessage",
    "RateLimiter",
    "RegionCost",
    "Reservation",
    "Segments",
    "SendWindow",
    "SharedRateLimiter",
    "Template",
    "campaign_counts",
    "campaign_rows",
    "check_sender",
    "estimate_cost",
    "parse_at",
    "parse_rate",
    "parse_timezone",
    "plan_campaign",
    "record_campaign",
    "replace_lookalikes",
    "rows_from_csv",
    "rows_from_mappings",
    "run_campaign",
    "segments",
    "start_time",
]

_SENDING = frozenset({"CampaignSummary", "campaign_counts", "campaign_rows", "record_campaign", "run_campaign"})

if TYPE_CHECKING:
    from ._send import CampaignSummary, campaign_counts, campaign_rows, record_campaign, run_campaign


def __getattr__(name: str) -> Any:
    if name in _SENDING:  # the ledger (and what it imports) only for a campaign that sends
        from . import _send

        return getattr(_send, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
