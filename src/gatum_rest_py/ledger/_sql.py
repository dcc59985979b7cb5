"""The statements the ledger's store shares, and the few that differ between the databases."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._backends import Backend
from ._reports import chunks, join_reports, marks

if TYPE_CHECKING:
    from ._store import Outcome

__all__ = [
    "CLAIMED",
    "FINISH_ATTEMPT",
    "FINISH_ATTEMPTS",
    "OPEN",
    "claim_rows",
    "in_list",
    "insert_ids",
    "insert_planned",
    "record_ids",
    "record_outcomes",
    "state_by_key",
]

# The attempts claims started, finished: worker and start come from the claim (the message row).
FINISH_ATTEMPTS = (
    "INSERT INTO ledger_attempts (key, no, worker, started, finished, result, detail, source) "
    "SELECT key, attempts, claimed_by, claimed_at, ?, ?, ?, ? FROM ledger_messages WHERE {inside} "
    "ON CONFLICT (key, no) DO UPDATE SET finished = excluded.finished, result = excluded.result, "
    "detail = excluded.detail, source = excluded.source"
)
FINISH_ATTEMPT = FINISH_ATTEMPTS.format(inside="key = ? AND attempts = ?")
CLAIMED = "state = 'sending', claimed_by = ?, claimed_at = ?, updated = ?, attempts = attempts + 1, answered = NULL"
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


def state_by_key(kind: str) -> str:
    """`state`, in a statement that finds its rows by key: written so that neither database walks
    the state indexes instead (every planned message, at each claim: SQLite would, and PostgreSQL
    does before it has statistics of messages just planned)."""
    return "+state" if kind == "sqlite" else "(state || '')"


def claim_rows(
    db: Backend, where: list[str], args: list[Any], limit: int, worker: str, columns: str, *, ordered: bool, now: float
) -> list[tuple[Any, ...]]:
    """(seq, *columns) of the rows claimed, oldest first (`attempts` among the columns: the new
    count). One statement: pick (PostgreSQL: lock, skipping rows another worker holds), claim, read back."""
    order = " ORDER BY seq" if ordered else ""
    pick = f"SELECT seq FROM ledger_messages WHERE {' AND '.join(where)}{order} LIMIT ?"  # noqa: S608
    sql = f"UPDATE ledger_messages SET {CLAIMED} WHERE seq IN ({pick}{db.claim_suffix}) RETURNING seq, {columns}"  # noqa: S608
    return sorted(db.execute(sql, [worker, now, now, *args, limit]))


_RESULT_STATE = {"sent": "sent", "refused": "refused", "in_doubt": "in_doubt", "not_sent": "planned"}


def record_outcomes(db: Backend, outcomes: Sequence[Outcome], source: str, now: float) -> None:
    """Each attempt finished (with the worker and start of its claim), each message's new state and ids.

    A plain `sent` answer stays on the message row (`answered`: the attempt is the row's claim),
    the cheapest record of the common case (`_sent_on_row`); every other result is an attempt row."""
    groups: dict[tuple[str, str | None, int], list[str]] = {}
    for o in outcomes:  # a batch shares its result: a statement or two for all of it
        groups.setdefault((o.result, o.detail, o.attempt), []).append(o.key)
    still_open = OPEN.replace("state", state_by_key(db.kind), 1)
    for (result, detail, attempt), keys in groups.items():
        on_row = result == "sent" and detail is None and source == "answer"
        for part in chunks(keys):
            if on_row:
                _sent_on_row(db, part, attempt, now)
                continue
            keys_in, args = in_list(db.kind, "key", part)
            inside = f"{keys_in} AND attempts = ?"
            db.execute(FINISH_ATTEMPTS.format(inside=inside), [now, result, detail, source, *args, attempt])
            sql = f"UPDATE ledger_messages SET state = ?, updated = ?, detail = ? WHERE {inside} AND {still_open}"  # noqa: S608
            db.execute(sql, [_RESULT_STATE[result], now, detail, *args, attempt])
    record_ids(db, {o.key: o.ids for o in outcomes if o.ids}, now)


def _sent_on_row(db: Backend, keys: Sequence[str], attempt: int, now: float) -> None:
    """`sending` → `sent`, the answer's time on the row. A message `mark_stale` took to be in doubt
    before its answer came (rare) has an attempt row already: that row records the answer."""
    sent = "UPDATE ledger_messages SET state = 'sent', updated = ?, detail = NULL, answered = ? WHERE {inside} AND attempts = ? AND {state} = ? RETURNING key"  # noqa: E501
    keys_in, args = in_list(db.kind, "key", keys)
    moved = db.execute(sent.format(inside=keys_in, state=state_by_key(db.kind)), [now, now, *args, attempt, "sending"])
    left = sorted(set(keys) - {row[0] for row in moved})
    if not left:
        return
    keys_in, args = in_list(db.kind, "key", left)
    late = db.execute(sent.format(inside=keys_in, state=state_by_key(db.kind)), [now, now, *args, attempt, "in_doubt"])
    if late:
        keys_in, args = in_list(db.kind, "key", [row[0] for row in late])
        finish = f"UPDATE ledger_attempts SET finished = ?, result = 'sent', detail = NULL, source = 'answer' WHERE {keys_in} AND no = ?"  # noqa: S608, E501
        db.execute(finish, [now, *args, attempt])


def record_ids(db: Backend, ids: Mapping[str, Mapping[str, Sequence[Any]]], now: float) -> None:
    """The ids the platform gave (key → number → ids), and the reports that came before them joined."""
    rows = [
        (str(id_state), key, str(number), position)
        for key, by_number in ids.items()
        for number, id_list in by_number.items()
        for position, id_state in enumerate(id_list)
        if id_state is not None
    ]
    insert_ids(db, rows)
    join_reports(db, {row[0]: row[1] for row in rows}, now)
