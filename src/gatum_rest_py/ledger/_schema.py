"""The ledger's tables, versioned: `schema_version` holds the version a ledger was made with.

A ledger made by this release opens with the next ones: each release that changes the tables
adds a step to `MIGRATIONS` (from version N to N+1, run in one transaction) and raises
`SCHEMA_VERSION`. A ledger from a newer release is refused (LedgerSchemaError) instead of
being read with a schema this release does not know.

Times are UNIX seconds (floats) in UTC; numbers, options and report bodies are JSON text, so
the same statements serve SQLite and PostgreSQL. A message's history is its row (planned at
`created`), its attempts (each claim and what came of it) and `ledger_events` for everything
else (reports, reconcile, replan), so a send writes no more rows than it must: an attempt that
ended `sent` (nearly all of them) stays on the message row, as its claim (`claimed_by`,
`claimed_at`, `attempts`) and the answer's time (`answered`); `ledger_attempts` keeps the others.
"""

from __future__ import annotations

from typing import Final

from ._backends import Backend
from ._errors import LedgerSchemaError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "ensure_schema", "tables"]

SCHEMA_VERSION: Final = 3

_TABLES: Final = """
CREATE TABLE ledger_schema_version (
    version INTEGER NOT NULL
);
CREATE TABLE ledger_messages (
    seq {serial} PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    campaign TEXT,
    numbers TEXT NOT NULL,
    sender TEXT NOT NULL,
    text TEXT NOT NULL,
    options TEXT NOT NULL,
    state TEXT NOT NULL,
    created {real} NOT NULL,
    updated {real} NOT NULL,
    claimed_by TEXT,
    claimed_at {real},
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT,
    answered {real}
);
CREATE INDEX ledger_messages_state ON ledger_messages (state);
CREATE INDEX ledger_messages_planned ON ledger_messages (seq) WHERE state = 'planned';
CREATE INDEX ledger_messages_planned_campaign ON ledger_messages (campaign, seq) WHERE state = 'planned';
CREATE TABLE ledger_attempts (
    key TEXT NOT NULL,
    no INTEGER NOT NULL,
    worker TEXT NOT NULL,
    started {real} NOT NULL,
    finished {real},
    result TEXT,
    detail TEXT,
    source TEXT,
    PRIMARY KEY (key, no)
);
CREATE TABLE ledger_ids (
    id_state TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    number TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX ledger_ids_key ON ledger_ids (key);
CREATE TABLE ledger_reports (
    id_state TEXT NOT NULL,
    part_no INTEGER NOT NULL,
    state TEXT NOT NULL,
    num_parts INTEGER NOT NULL,
    platform_state TEXT NOT NULL,
    time TEXT,
    received {real} NOT NULL,
    source TEXT NOT NULL,
    key TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (id_state, part_no, platform_state)
);
CREATE INDEX ledger_reports_key ON ledger_reports (key);
CREATE TABLE ledger_events (
    seq {serial} PRIMARY KEY,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    time {real} NOT NULL,
    source TEXT NOT NULL,
    id_state TEXT,
    detail TEXT,
    recorded {real} NOT NULL
);
CREATE INDEX ledger_events_key ON ledger_events (key, seq);
"""

# Version 2: a campaign's sending settings (none secret), so that a resume or a Celery worker
# needs nothing but its id. Times are UNIX seconds; `settings` is JSON (window, time zone, …).
_CAMPAIGNS: Final = """
CREATE TABLE ledger_campaigns (
    id TEXT PRIMARY KEY,
    name TEXT,
    created {real} NOT NULL,
    sender TEXT NOT NULL,
    rate {real} NOT NULL,
    batch_size INTEGER NOT NULL,
    settings TEXT NOT NULL
)
"""

_TYPES: Final = {
    "sqlite": {"serial": "INTEGER", "real": "REAL"},
    "postgresql": {"serial": "BIGSERIAL", "real": "DOUBLE PRECISION"},
}


def tables(kind: str) -> list[str]:
    """The statements that create the current schema in a `kind` ("sqlite" or "postgresql") database."""
    script = (_TABLES + _CAMPAIGNS).format(**_TYPES[kind])
    return [statement.strip() for statement in script.split(";") if statement.strip()]


# Version 3: the time a `sent` answer came, on the message row (the attempt it ends is the row's
# claim), instead of an attempt row per sent message: one write fewer per message sent.
_ANSWERED: Final = "ALTER TABLE ledger_messages ADD COLUMN answered {real}"

MIGRATIONS: Final[dict[int, list[str]]] = {1: [_CAMPAIGNS], 2: [_ANSWERED]}
"""version N -> the statements that take a version-N ledger to N+1 (`{real}`/`{serial}`: the database's types)."""


def ensure_schema(db: Backend, shown: str) -> None:
    """Inside a transaction: create the tables of a new ledger, migrate an older one, refuse a newer one."""
    if db.kind == "postgresql":
        db.execute("SELECT pg_advisory_xact_lock(2121212121)")  # two first openings at once: one creates
        exists = db.execute("SELECT to_regclass('ledger_schema_version') IS NOT NULL")[0][0]
    else:
        exists = bool(db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_schema_version'"))
    if not exists:
        for statement in tables(db.kind):
            db.execute(statement)
        db.execute("INSERT INTO ledger_schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        return
    rows = db.execute("SELECT version FROM ledger_schema_version")
    version = int(rows[0][0]) if rows else 0
    if version > SCHEMA_VERSION:
        raise LedgerSchemaError(
            f"made by a newer gatum-rest-py (schema {version}; this one reads up to {SCHEMA_VERSION}): upgrade",
            ledger=shown,
        )
    if version < 1:
        raise LedgerSchemaError("not a ledger (its schema_version table is empty)", ledger=shown)
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step]:
            db.execute(statement.format(**_TYPES[db.kind]))
    if version != SCHEMA_VERSION:
        db.execute("UPDATE ledger_schema_version SET version = ?", (SCHEMA_VERSION,))
