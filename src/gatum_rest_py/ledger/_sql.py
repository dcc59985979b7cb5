"""The statements the ledger's store shares, and the few that differ between the databases."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._backends import Backend
from ._reports import chunks, marks

__all__ = ["CLAIMED", "FINISH_ATTEMPT", "FINISH_ATTEMPTS", "OPEN", "in_list", "insert_ids", "insert_planned"]

# The attempts claims started, finished: worker and start come from the claim (the message row).
FINISH_ATTEMPTS = (
    "INSERT INTO ledger_attempts (key, no, worker, started, finished, result, detail, source) "
    "SELECT key, attempts, claimed_by, claimed_at, ?, ?, ?, ? FROM ledger_messages WHERE {inside} "
    "ON CONFLICT (key, no) DO UPDATE SET finished = excluded.finished, result = excluded.result, "
    "detail = excluded.detail, source = excluded.source"
)
FINISH_ATTEMPT = FINISH_ATTEMPTS.format(inside="key = ? AND attempts = ?")
CLAIMED = "state = 'sending', claimed_by = ?, claimed_at = ?, updated = ?, attempts = attempts + 1"
OPEN = "state IN ('sending', 'in_doubt')"  # an answer may still come for a message taken to be in doubt


PLANNED_COLUMNS = ("key", "campaign", "numbers", "sender", "text", "options", "state", "created", "updated")


def insert_planned(db: Backend, rows: Sequence[tuple[Any, ...]], now: float) -> None:
    """New messages, `planned` (PostgreSQL: COPY, rather than a round trip per row)."""
    db.insert_rows("ledger_messages", PLANNED_COLUMNS, [(*row, "planned", now, now) for row in rows])


def in_list(kind: str, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column IN (?, …)` and its values; on PostgreSQL `column = ANY(?)` with one array."""
    if kind == "postgresql":
        return f"{column} = ANY(?)", [list(values)]
    return f"{column} IN ({marks(len(values))})", list(values)


def insert_ids(db: Backend, rows: Sequence[tuple[str, str, str, int]]) -> None:
    """(id_state, key, number, position) rows; an id already recorded is left as it is."""
    insert = "INSERT INTO ledger_ids (id_state, key, number, position) "
    if db.kind == "postgresql":
        if rows:  # four arrays: one statement, few values to convert
            columns = [list(column) for column in zip(*rows, strict=True)]
            arrays = "unnest(?::text[], ?::text[], ?::text[], ?::int[])"
            db.execute(f"{insert}SELECT * FROM {arrays} ON CONFLICT DO NOTHING", columns)  # noqa: S608 - ours
        return
    for part in chunks(rows, 200):
        values = ", ".join(["(?, ?, ?, ?)"] * len(part))
        db.execute(f"{insert}VALUES {values} ON CONFLICT DO NOTHING", [value for row in part for value in row])
