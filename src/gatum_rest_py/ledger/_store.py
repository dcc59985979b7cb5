"""`Ledger`: the durable record of every message, on SQLite or PostgreSQL (see `_backends`).

Every method that changes something is one transaction: it happens entirely or not at all,
whatever stops the process. A method that fails raises a `LedgerError` naming the ledger.
The `Outbox` drives the sending states; `record_reports` takes delivery reports in.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .._process_local import ProcessLocal
from ._backends import Backend, backend_for
from ._errors import LedgerConflictError, LedgerError, LedgerStateError
from ._records import GROUP_OPTION, LedgerMessage, NewMessage
from ._reports import chunks, marks, store_reports
from ._schema import ensure_schema
from ._sql import FINISH_ATTEMPT as _FINISH_ATTEMPT
from ._sql import claim_rows, insert_planned, record_ids, record_outcomes, state_by_key
from ._sql import in_list as _in
from ._url import parse_url
from ._views import load_messages

__all__ = ["Claimed", "Ledger", "Outcome", "open_ledger"]

_COLUMNS = "key, numbers, sender, text, options, campaign, attempts"
_SENT_OR_LATER = ("sent", "enroute")  # not final yet: what sweep() looks up


@dataclass(frozen=True)
class Claimed:
    """A message claimed for sending (now `sending`): what to send, and the number of this attempt."""

    message: NewMessage
    attempt: int


@dataclass(frozen=True)
class Outcome:
    """What came of one claimed message: `result` is sent, refused, in_doubt or not_sent."""

    key: str
    attempt: int
    result: str
    ids: Mapping[str, Sequence[Any]]
    detail: str | None = None


GROUP_SEND_OPTIONS = f'%"{GROUP_OPTION}"%'
"""The options of a group send (`campaigns.send_to_groups`), as LIKE sees them: options are JSON
text, where a quote inside a value is escaped, so only the key `id_group` matches."""


class Ledger(ProcessLocal):
    """A ledger of messages at `url` (`sqlite:///gatum.db`, `postgresql://user@host/db`).

    Opening creates the tables (or migrates an older ledger); one from a newer release raises
    LedgerSchemaError. Safe to share between threads; each process opens its own (after a fork
    the child reconnects by itself).

    Durability: a claim is on disk before `claim` returns (else a power cut could forget that a
    message went out, and it would go twice); plans and answers are written at once and reach the
    disk with the next claim (lost only to a power cut, they leave a message `sending`, which
    reconcile settles). `durable=False` (SQLite) skips the disk wait for claims too: a crashed
    process is still safe, a power cut is not.
    """

    _holds = "its database connection"
    _make_instead = "open it in each process (Ledger(url))"

    def __init__(self, url: str, *, durable: bool = True) -> None:
        self._url = parse_url(url)
        self._options = {"durable": durable} if self._url.kind == "sqlite" else {}
        self._db: Backend = backend_for(self._url, **self._options)
        self._lock = threading.RLock()
        self._pid = os.getpid()
        self._db.connect()
        self._ensure_schema()

    @property
    def url(self) -> str:
        """The ledger's URL, password masked."""
        return self._url.shown

    @property
    def kind(self) -> str:
        return self._url.kind

    def __repr__(self) -> str:
        return f"Ledger({self._url.shown!r})"

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- transactions ---------------------------------------------------------------------

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[Backend]:
        """One transaction: committed when the block ends, rolled back (and the error translated) if it raises."""
        with self._lock:
            if os.getpid() != self._pid:  # forked: the parent's connection is not ours to use
                self._db = backend_for(self._url, **self._options)
                self._pid = os.getpid()
            db = self._db
            try:
                db.begin(durable)
                yield db
                db.commit()
            except BaseException as exc:
                with contextlib.suppress(Exception):  # the connection is gone: the original error says why
                    db.rollback()
                if isinstance(exc, LedgerError):
                    raise
                translated = db.error_for(exc)
                if translated is not None:
                    raise translated from None
                raise

    def _ensure_schema(self) -> None:
        with self.transaction() as db:
            ensure_schema(db, self.url)

    # ---- planning and claiming --------------------------------------------------------------

    def plan(self, messages: Sequence[NewMessage]) -> list[tuple[str, str]]:
        """Record messages as `planned` (one transaction); (key, state) of each, in order.

        A key already in the ledger is left as it is (its state is returned): planning again is
        how a retried job avoids a second send. The same key for a different message raises
        LedgerConflictError and nothing is recorded.
        """
        now = time.time()
        existing: dict[str, tuple[Any, ...]] = {}
        with self.transaction(durable=False) as db:
            asked = [m.key for m in messages if not m.generated_key]
            for part in chunks(asked):
                sql = f"SELECT key, numbers, sender, text, options, campaign, state FROM ledger_messages WHERE key IN ({marks(len(part))})"  # noqa: S608, E501
                existing.update((row[0], row) for row in db.execute(sql, part))
            rows, states, planned = [], [], set()
            for m in messages:
                content = (_numbers_json(m.numbers), m.sender_id, m.text, _json(m.options), m.campaign)
                if m.key in existing:
                    if tuple(existing[m.key][1:6]) != content:
                        raise LedgerConflictError(f"key {m.key!r} is taken by another message", ledger=self.url)
                    states.append((m.key, str(existing[m.key][6])))
                    continue
                if m.key in planned:
                    raise LedgerConflictError(f"key {m.key!r} is given twice", ledger=self.url)
                planned.add(m.key)
                rows.append((m.key, m.campaign, content[0], m.sender_id, m.text, content[3]))
                states.append((m.key, "planned"))
            insert_planned(db, rows, now)
        return states

    def claim(
        self,
        limit: int,
        *,
        worker: str,
        campaign: str | None = None,
        keys: Sequence[str] | None = None,
        outcomes: Sequence[Outcome] = (),
    ) -> list[Claimed]:
        """Move up to `limit` planned messages (oldest first; of `campaign`, or among `keys`) to `sending`.

        Committed before anything is sent: a claimed message is never claimed again, by this
        or another process (SQLite: the write lock; PostgreSQL: FOR UPDATE SKIP LOCKED).
        `outcomes`, if any, are recorded first in the same transaction (see `claim_messages`).
        """
        where: list[str] = ["state = 'planned'"]
        args: list[Any] = []
        if campaign is not None:
            where.append("campaign = ?")
            args.append(campaign)
        if keys is None:  # a group send goes only by its own key, through send-bulk: never in a /v1/send batch
            where.append("options NOT LIKE ?")
            args.append(GROUP_SEND_OPTIONS)
        else:
            if not keys:
                if outcomes:
                    self.record_outcomes(outcomes)
                return []
            where[0] = f"{state_by_key(self.kind)} = 'planned'"
            where.append(f"key IN ({marks(len(keys))})")
            args.extend(keys)
        # By keys: found through the key index (ordering all planned messages would cost a scan per claim).
        rows = self._claim(where, args, limit, worker, _COLUMNS, ordered=keys is None, outcomes=outcomes)
        return [Claimed(_new_message(row[1:]), int(row[7])) for row in rows]

    def claim_messages(
        self, messages: Sequence[NewMessage], *, worker: str, outcomes: Sequence[Outcome] = ()
    ) -> list[Claimed]:
        """`claim` of these messages (those still planned), when the caller holds them already:
        nothing but their keys is read back. The outbox's `send_many` uses it.

        `outcomes`, if any, are recorded first in the same transaction (`record_outcomes`): a
        sender that records one batch's answer as it claims the next waits for the disk once."""
        if not messages:
            if outcomes:
                self.record_outcomes(outcomes)
            return []
        by_key = {m.key: m for m in messages}
        inside, args = _in(self.kind, "key", list(by_key))
        where = [f"{state_by_key(self.kind)} = 'planned'", inside]
        rows = self._claim(where, args, len(by_key), worker, "key, attempts", ordered=False, outcomes=outcomes)
        return [Claimed(by_key[row[1]], int(row[2])) for row in rows]

    def _claim(
        self,
        where: list[str],
        args: list[Any],
        limit: int,
        worker: str,
        columns: str,
        *,
        ordered: bool,
        outcomes: Sequence[Outcome] = (),
    ) -> list[tuple[Any, ...]]:
        """(seq, *columns) of the claimed rows, oldest first; `attempts` among the columns is the new count.
        One statement: pick (PostgreSQL: lock, skipping rows another worker holds), claim, read back."""
        now = time.time()
        with self.transaction() as db:
            if outcomes:
                record_outcomes(db, outcomes, "answer", now)
            return claim_rows(db, where, args, limit, worker, columns, ordered=ordered, now=now)

    def record_outcomes(self, outcomes: Sequence[Outcome], *, source: str = "answer") -> None:
        """Record what came of claimed messages (one transaction for all of them): each attempt,
        with the worker and start time of its claim, and the message's new state and ids."""
        with self.transaction(durable=False) as db:
            record_outcomes(db, outcomes, source, time.time())

    # ---- doubt ----------------------------------------------------------------------------

    def mark_stale(self, older_than: float, campaign: str | None = None) -> list[str]:
        """`sending` messages (of `campaign`) claimed more than `older_than` seconds ago → `in_doubt`
        (their sender stopped between claim and answer; the request may have left). Never sent again by itself."""
        now = time.time()
        of_campaign, args = (" AND campaign = ?", [campaign]) if campaign is not None else ("", [])
        with self.transaction() as db:
            sql = f"SELECT key, attempts FROM ledger_messages WHERE state = 'sending' AND claimed_at <= ?{of_campaign}"  # noqa: S608
            rows = db.execute(sql + db.claim_suffix, [now - older_than, *args])
            detail = "its sender stopped before the answer was recorded"
            db.executemany(_FINISH_ATTEMPT, [(now, "in_doubt", detail, "resume", key, no) for key, no in rows])
            db.executemany(
                "UPDATE ledger_messages SET state = 'in_doubt', updated = ?, detail = ? "
                "WHERE key = ? AND state = 'sending'",
                [(now, detail, key) for key, _ in rows],
            )
        return [key for key, _ in rows]

    def resolve(
        self, found: Mapping[str, Mapping[str, Sequence[Any]]], requeue: Sequence[str] = (), *, source: str
    ) -> None:
        """Settle messages in doubt: `found` (key → ids the platform shows) → `sent`; `requeue` → `planned`."""
        now = time.time()
        with self.transaction() as db:
            db.executemany(
                "UPDATE ledger_messages SET state = 'sent', updated = ?, detail = NULL "
                "WHERE key = ? AND state = 'in_doubt'",
                [(now, key) for key in found],
            )
            db.executemany(
                "INSERT INTO ledger_events (key, state, time, source, detail, recorded) VALUES (?, 'sent', ?, ?, ?, ?)",
                [(key, now, source, "found on the platform", now) for key in found],
            )
            detail = "not found on the platform after the settle time: planned again"
            db.executemany(
                "UPDATE ledger_messages SET state = 'planned', updated = ?, detail = ? "
                "WHERE key = ? AND state = 'in_doubt'",
                [(now, detail, key) for key in requeue],
            )
            db.executemany(
                "INSERT INTO ledger_events (key, state, time, source, detail, recorded) "
                "VALUES (?, 'planned', ?, ?, ?, ?)",
                [(key, now, source, detail, now) for key in requeue],
            )
            record_ids(db, found, now)

    def replan(self, key: str, *, checked_not_sent: bool = False) -> None:
        """A `refused` message (after a fix), or one `in_doubt` you checked did not go out
        (`checked_not_sent=True`), back to `planned`; anything else raises LedgerStateError."""
        allowed = ("refused", "in_doubt") if checked_not_sent else ("refused",)
        now = time.time()
        with self.transaction() as db:
            rows = db.execute("SELECT state FROM ledger_messages WHERE key = ?", (key,))
            if not rows or rows[0][0] not in allowed:
                state = rows[0][0] if rows else "not in the ledger"
                raise LedgerStateError(f"message {key!r} is {state}: not replanned", ledger=self.url)
            db.execute("UPDATE ledger_messages SET state = 'planned', updated = ? WHERE key = ?", (now, key))
            db.execute(
                "INSERT INTO ledger_events (key, state, time, source, recorded) VALUES (?, 'planned', ?, 'replan', ?)",
                (key, now, now),
            )

    # ---- reports ----------------------------------------------------------------------------

    def record_reports(self, reports: Sequence[Mapping[str, Any]], *, source: str = "report") -> int:
        """Keep delivery reports (JSON objects as the platform sends them) and move their messages
        forward; one transaction; the number of reports not seen before."""
        with self.transaction() as db:
            return store_reports(db, reports, source, time.time())

    def record_report(self, report: Any) -> bool:
        """One report (a `DeliveryReport` or a mapping): True. The receiver's ledger hook."""
        data = report.to_dict() if hasattr(report, "to_dict") else report
        self.record_reports([data])
        return True

    # ---- reading ----------------------------------------------------------------------------

    def get(self, key_or_id_state: str) -> LedgerMessage | None:
        """The message with this key, or the one the platform gave this `id_state`; None if neither."""
        with self.transaction() as db:
            found = load_messages(db, "key = ?", [key_or_id_state])
            if not found:
                found = load_messages(db, "key IN (SELECT key FROM ledger_ids WHERE id_state = ?)", [key_or_id_state])
        return found[0] if found else None

    def messages(
        self,
        *,
        state: str | Sequence[str] | None = None,
        since: float | None = None,
        campaign: str | None = None,
        updated_before: float | None = None,
        limit: int | None = None,
    ) -> list[LedgerMessage]:
        """Messages (oldest first) in `state`, created at or after `since`, of `campaign`."""
        where: list[str] = ["1 = 1"]
        args: list[Any] = []
        states = [state] if isinstance(state, str) else list(state or [])
        if states:
            where.append(f"state IN ({marks(len(states))})")
            args += states
        for clause, value in (("created >= ?", since), ("campaign = ?", campaign), ("updated < ?", updated_before)):
            if value is not None:
                where.append(clause)
                args.append(value)
        with self.transaction() as db:
            return load_messages(db, " AND ".join(where), args, limit=limit)

    def stranded(self, older_than: float, *, limit: int | None = None) -> list[LedgerMessage]:
        """Sent messages with no final state, unchanged for `older_than` seconds (what sweep() looks up)."""
        return self.messages(state=_SENT_OR_LATER, updated_before=time.time() - older_than, limit=limit)

    def unmatched_reports(self, limit: int = 1000) -> list[dict[str, Any]]:
        """Reports of ids no message of this ledger has (yet), as received."""
        with self.transaction() as db:
            rows = db.execute("SELECT body FROM ledger_reports WHERE key IS NULL ORDER BY received LIMIT ?", (limit,))
        return [json.loads(row[0]) for row in rows]

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        """Those of `ids` that a message of this ledger holds."""
        known: set[str] = set()
        with self.transaction() as db:
            for part in chunks(list(ids)):
                sql = f"SELECT id_state FROM ledger_ids WHERE id_state IN ({marks(len(part))})"  # noqa: S608
                known.update(row[0] for row in db.execute(sql, part))
        return known

    def counts(self, *, campaign: str | None = None) -> dict[str, int]:
        """How many messages (of `campaign`) are in each state."""
        where, args = ("WHERE campaign = ?", [campaign]) if campaign is not None else ("", [])
        with self.transaction() as db:
            sql = f"SELECT state, count(*) FROM ledger_messages {where} GROUP BY state"  # noqa: S608
            return {str(s): int(n) for s, n in db.execute(sql, args)}


def _json(options: Mapping[str, Any]) -> str:
    if not options:  # most messages: no options (and no call into json)
        return "{}"
    return json.dumps(dict(options), sort_keys=True, ensure_ascii=False)


def _numbers_json(numbers: Sequence[str]) -> str:
    if len(numbers) == 1 and numbers[0].isascii() and numbers[0].isdigit():  # most: one number, digits
        return f'["{numbers[0]}"]'
    return json.dumps(list(numbers))


def _new_message(row: Sequence[Any]) -> NewMessage:
    return NewMessage(row[0], tuple(json.loads(row[1])), row[2], row[3], json.loads(row[4]), row[5])


def open_ledger(url: str, **options: Any) -> Ledger:
    """Open (creating if needed) the ledger at `url`; see `Ledger`."""
    return Ledger(url, **options)
