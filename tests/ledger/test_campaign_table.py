"""The ledger's campaigns table (schema 2): a campaign's settings kept by id, a v1 ledger migrated
when it is opened, and the campaign-scoped doubt and counts the Celery workers rely on."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from gatum_rest_py.ledger import (
    SCHEMA_VERSION,
    CampaignSettings,
    Ledger,
    LedgerConflictError,
    campaign_settings,
    record_campaign_settings,
)
from ledger._support import new, sqlite_url

SHOP = CampaignSettings(
    "shop-1a2b3c4d",
    sender="Shop",
    rate=25.0,
    batch_size=25,
    name="shop",
    between="09:00-20:00",
    timezone="Europe/Kyiv",
    at=1_800_000_000.0,
    callback_url="https://example.com/dlr",
)


def test_a_campaign_s_settings_are_kept_by_its_id(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        assert campaign_settings(ledger, SHOP.campaign) is None
        kept = record_campaign_settings(ledger, SHOP)
        assert kept == SHOP and kept.created > 0
        assert record_campaign_settings(ledger, SHOP) == SHOP  # a retried command: no change
        with pytest.raises(LedgerConflictError, match="other settings"):
            record_campaign_settings(ledger, CampaignSettings(SHOP.campaign, "Other", 25.0, 25))
    with Ledger(ledger_url) as ledger:  # another process reads them back
        again = campaign_settings(ledger, SHOP.campaign)
    assert again == SHOP and again is not None and again.created == kept.created


def test_a_version_1_ledger_is_migrated_when_opened(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    with Ledger(url) as ledger:
        ledger.plan([new("k1", campaign="old")])
    with sqlite3.connect(tmp_path / "ledger.db") as db:  # what a release with schema 1 made
        db.execute("DROP TABLE ledger_campaigns")
        db.execute("ALTER TABLE ledger_messages DROP COLUMN answered")  # schema 3's
        db.execute("UPDATE ledger_schema_version SET version = 1")
    with Ledger(url) as ledger:
        assert ledger.get("k1") is not None  # the messages are kept
        assert campaign_settings(ledger, "old") is None  # recorded before campaigns had settings
        record_campaign_settings(ledger, SHOP)
        assert campaign_settings(ledger, SHOP.campaign) == SHOP
    with sqlite3.connect(tmp_path / "ledger.db") as db:
        assert db.execute("SELECT version FROM ledger_schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert SCHEMA_VERSION == 3


def test_mark_stale_of_one_campaign_leaves_the_others_sending(ledger_url: str) -> None:
    with Ledger(ledger_url) as ledger:
        ledger.plan([new("a1", campaign="a"), new("b1", campaign="b")])
        assert len(ledger.claim(10, worker="w")) == 2
        time.sleep(0.01)
        assert ledger.mark_stale(0, campaign="a") == ["a1"]
        assert ledger.counts(campaign="a") == {"in_doubt": 1}
        assert ledger.counts(campaign="b") == {"sending": 1}
        assert ledger.mark_stale(0) == ["b1"]
