"""A campaign's row in the ledger (`ledger_campaigns`, schema 2): its name, when it was made and
the settings it is sent with, so that `gatum campaign resume ID` and a Celery worker need
nothing but the campaign's id.

    record_campaign_settings(ledger, CampaignSettings("shop-1a2b3c4d", sender="Shop", rate=50, batch_size=50))
    settings = campaign_settings(ledger, "shop-1a2b3c4d")   # None: no such campaign

Only settings that are not secret are kept: the login, the ledger's password and a Redis
password come from the environment of whoever sends.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from ._errors import LedgerConflictError
from ._store import Ledger

__all__ = ["CampaignSettings", "campaign_settings", "record_campaign_settings"]

_EXTRA = ("between", "timezone", "at", "callback_url")  # kept as JSON in the `settings` column


@dataclass(frozen=True)
class CampaignSettings:
    """How a campaign is sent: `rate` in messages per second, `batch_size` messages per request,
    `between` a daily window such as "09:00-20:00" in `timezone`, `at` the start (UNIX seconds)."""

    campaign: str
    sender: str
    rate: float
    batch_size: int
    name: str | None = None
    between: str | None = None
    timezone: str | None = None
    at: float | None = None
    callback_url: str | None = field(default=None, repr=False)  # may hold the webhook's ?secret=
    created: float = field(default=0.0, compare=False)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def record_campaign_settings(ledger: Ledger, settings: CampaignSettings) -> CampaignSettings:
    """Record the campaign's settings (its `created` time is now); the row as kept.

    Recording the same settings again is a no-op (a retried command); other settings for a
    recorded id raise LedgerConflictError.
    """
    made = replace(settings, created=time.time())
    extra = json.dumps({name: getattr(made, name) for name in _EXTRA}, sort_keys=True)
    with ledger.transaction() as db:
        db.execute(
            "INSERT INTO ledger_campaigns (id, name, created, sender, rate, batch_size, settings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (made.campaign, made.name, made.created, made.sender, made.rate, made.batch_size, extra),
        )
        kept = _read(db.execute(_SELECT, (made.campaign,)))
    if kept is None or kept != made:
        raise LedgerConflictError(f"campaign {settings.campaign!r} is recorded with other settings", ledger=ledger.url)
    return kept


def campaign_settings(ledger: Ledger, campaign: str) -> CampaignSettings | None:
    """The recorded settings of `campaign`; None when it has none (or was recorded by an older release)."""
    with ledger.transaction() as db:
        return _read(db.execute(_SELECT, (campaign,)))


_SELECT = "SELECT id, name, created, sender, rate, batch_size, settings FROM ledger_campaigns WHERE id = ?"


def _read(rows: list[tuple[Any, ...]]) -> CampaignSettings | None:
    if not rows:
        return None
    campaign, name, created, sender, rate, batch_size, extra = rows[0]
    return CampaignSettings(
        str(campaign),
        str(sender),
        float(rate),
        int(batch_size),
        name=name,
        created=float(created),
        **{key: value for key, value in json.loads(extra).items() if key in _EXTRA},
    )
