"""Campaigns: many personalised messages, planned, priced, throttled, scheduled and sent.

* Planning: `plan_campaign(rows_from_csv("contacts.csv"), "Hi {name}", default_region="UA")`
  normalises numbers (the `[campaigns]` extra: `phonenumbers`), drops invalid, duplicate and
  (given a look-up) black-listed ones, renders each text and counts its parts.
* Length: `segments(text)` (also `gatum_rest_py.segments`), `replace_lookalikes(text)`.
* Throttling: `SharedRateLimiter` (one rate across processes, on Redis) and `LocalRateLimiter`.
* Scheduling: `SendWindow`, `parse_at`, `start_time`.
* Sending through the message ledger: `record_campaign`, `run_campaign`, `campaign_counts`,
  `campaign_rows`.
* Contact groups, in the platform's own window (`send-bulk`): `send_to_groups`, `bulk_window`,
  `resume_group_send`.

Every name is imported on first use, with its module alone: `segments` costs a few frozensets,
not the spec checks, `phonenumbers`, `redis` or the ledger. See docs/campaigns.md.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._cost import CostEstimate, RegionCost, estimate_cost
    from ._errors import CampaignInputError
    from ._groups import (
        BulkWindow,
        GroupSendResult,
        bulk_window,
        check_group_send,
        resume_group_send,
        send_to_groups,
    )
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
    from ._send import CampaignSummary, campaign_counts, campaign_rows, new_campaign_id, record_campaign, run_campaign
    from ._template import Template
    from ._throttle import LocalRateLimiter, RateLimiter, Reservation, SharedRateLimiter, parse_rate

_MODULES = {
    "._cost": ("CostEstimate", "RegionCost", "estimate_cost"),
    "._errors": ("CampaignInputError",),
    "._groups": (
        "BulkWindow",
        "GroupSendResult",
        "bulk_window",
        "check_group_send",
        "resume_group_send",
        "send_to_groups",
    ),
    "._numbers": ("NormalisedNumber", "NumberNormaliser"),
    "._plan": (
        "CampaignInput",
        "CampaignPlan",
        "InvalidRow",
        "PlannedMessage",
        "check_sender",
        "plan_campaign",
        "rows_from_csv",
        "rows_from_mappings",
    ),
    "._schedule": ("SendWindow", "parse_at", "parse_timezone", "start_time"),
    "._segments": ("Segments", "replace_lookalikes", "segments"),
    "._send": (
        "CampaignSummary",
        "campaign_counts",
        "campaign_rows",
        "new_campaign_id",
        "record_campaign",
        "run_campaign",
    ),
    "._template": ("Template",),
    "._throttle": ("LocalRateLimiter", "RateLimiter", "Reservation", "SharedRateLimiter", "parse_rate"),
}
_WHERE = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "BulkWindow",
    "CampaignInput",
    "CampaignInputError",
    "CampaignPlan",
    "CampaignSummary",
    "CostEstimate",
    "GroupSendResult",
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
    "bulk_window",
    "campaign_counts",
    "campaign_rows",
    "check_group_send",
    "check_sender",
    "estimate_cost",
    "new_campaign_id",
    "parse_at",
    "parse_rate",
    "parse_timezone",
    "plan_campaign",
    "record_campaign",
    "replace_lookalikes",
    "resume_group_send",
    "rows_from_csv",
    "rows_from_mappings",
    "run_campaign",
    "segments",
    "send_to_groups",
    "start_time",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # found once: later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
