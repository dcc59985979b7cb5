"""Delivery reports into the ledger, inside a transaction of the store (`Ledger.record_reports`).

Every report is kept, once per (`id_state`, `part_no`, platform state): a report of an id the
ledger does not know (yet) waits in `ledger_reports` without a message and is joined when the
send's answer (or `reconcile`) records that id (`join_reports`). A report of a known id adds an
event to its message's history; the message's state then becomes what all its parts' reports
add up to (`_states.delivery_state`), and only ever moves forward.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..webhooks._parsing import ack_id
from ._backends import Backend
from ._records import parse_time
from ._states import Unit, delivery_state, platform_state, rank

__all__ = ["chunks", "join_reports", "marks", "report_row", "store_reports"]

CHUNK = 500
"""Values per `IN (…)` list (SQLite allows 999 parameters in older builds)."""


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def marks(count: int) -> str:
    return ", ".join("?" * count)


MAX_PARTS = 255
"""The most parts a message can have: the concatenation header counts them in one octet (3GPP TS 23.040)."""

KEY_BYTES = 1000
"""The longest `id_state` or platform state kept as is in `ledger_reports`' primary key: a
PostgreSQL index entry holds about 2.7 kB, and no real id or state comes near this."""


def _int(value: Any, default: int) -> int:
    """A part number or count of a report; `default` (what a missing one means) when it is none a
    message can have. Beyond `MAX_PARTS` it is garbage, and would not fit the columns (PostgreSQL's
    INTEGER stops at 2**31 - 1) nor could `delivery_state` count that many parts."""
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(inf), which JSON's 1e999 is
        return default
    return number if 0 < number <= MAX_PARTS else default


def _text(value: str) -> str:
    """`value` as both databases take it. PostgreSQL refuses NUL in text, and neither database can
    encode a lone surrogate (JSON can carry one: "\\ud800"): each is written as its JSON escape.
    The report's body keeps the exact value."""
    if "\x00" in value:
        value = value.replace("\x00", "\\u0000")
    try:
        value.encode()
    except UnicodeEncodeError:
        value = value.encode("utf-8", "backslashreplace").decode()
    return value


def _key_text(value: str) -> str:
    """`value` (see `_text`) as a part of the reports' primary key: one longer than `KEY_BYTES` is cut
    there, followed by the SHA-256 of the whole, so that two such values still differ."""
    value = _text(value)
    data = value.encode()
    if len(data) <= KEY_BYTES:
        return value
    return f"{data[: KEY_BYTES - 70].decode(errors='ignore')}…{hashlib.sha256(data).hexdigest()}"


def _body(report: Mapping[str, Any]) -> str:
    """The report as JSON, exactly: readable UTF-8, or all escapes when it holds a lone surrogate."""
    body = json.dumps(dict(report), ensure_ascii=False, sort_keys=True, default=str)
    try:
        body.encode()
    except UnicodeEncodeError:
        body = json.dumps(dict(report), sort_keys=True, default=str)
    return body


def report_row(report: Mapping[str, Any], now: float) -> tuple[Any, ...] | None:
    """(id_state, part_no, state, num_parts, platform_state, time, event time, body) of a report; None without an id."""
    id_state = ack_id(report.get("id_state"))
    if id_state is None:
        return None
    raw_state = report.get("state")
    named = "" if raw_state is None else str(raw_state)
    state = platform_state(raw_state) if named else "unknown"
    when = report.get("time")
    at = parse_time(when) or now
    part_no, num_parts = _int(report.get("part_no"), 0), _int(report.get("num_parts"), 1)
    shown = None if when is None else _text(str(when))
    return (_key_text(id_state), part_no, state, num_parts, _key_text(named), shown, at, _body(report))


def store_reports(db: Backend, reports: Sequence[Mapping[str, Any]], source: str, now: float) -> int:
    """Keep the reports not seen before, add them to their messages; the number of new reports."""
    rows: dict[tuple[str, int, str], tuple[Any, ...]] = {}
    for report in reports:
        row = report_row(report, now)
        if row is not None:
            rows.setdefault((row[0], row[1], row[4]), row)
    if not rows:
        return 0
    ids = sorted({key[0] for key in rows})
    seen: set[tuple[str, int, str]] = set()
    owner: dict[str, str] = {}
    for part in chunks(ids):
        found = db.execute(
            f"SELECT id_state, part_no, platform_state FROM ledger_reports WHERE id_state IN ({marks(len(part))})",  # noqa: S608
            part,
        )
        seen.update((r[0], int(r[1]), r[2]) for r in found)
        owner.update(
            db.execute(f"SELECT id_state, key FROM ledger_ids WHERE id_state IN ({marks(len(part))})", part)  # noqa: S608
        )
    new = [row for key, row in rows.items() if key not in seen]
    db.executemany(
        "INSERT INTO ledger_reports (id_state, part_no, state, num_parts, platform_state, time, received, source, key, "
        "body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [(r[0], r[1], r[2], r[3], r[4], r[5], now, source, owner.get(r[0]), r[7]) for r in new],
    )
    _events_for(db, [(owner[r[0]], r) for r in new if r[0] in owner], source, now)
    refresh_states(db, {owner[r[0]] for r in new if r[0] in owner}, now)
    return len(new)


def _events_for(db: Backend, owned: Sequence[tuple[str, tuple[Any, ...]]], source: str, now: float) -> None:
    db.executemany(
        "INSERT INTO ledger_events (key, state, time, source, id_state, detail, recorded) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(key, r[2], r[6], source, r[0], _detail(r[4], r[1], r[3]), now) for key, r in owned],
    )


def _detail(named: str, part_no: int, num_parts: int) -> str:
    part = f" part {part_no}/{num_parts}" if num_parts > 1 else ""
    return f"{named or '(no state)'}{part}"


def join_reports(db: Backend, key_of: Mapping[str, str], now: float) -> None:
    """Give the reports that came before their id was known (report before answer) to their messages."""
    if not key_of or not db.execute("SELECT 1 FROM ledger_reports WHERE key IS NULL LIMIT 1"):
        return  # no report is waiting for its message (the usual case): nothing to look up
    ids = sorted(key_of)
    waiting: list[tuple[str, tuple[Any, ...]]] = []
    for part in chunks(ids):
        columns = "id_state, part_no, state, num_parts, platform_state, time, received, source"
        sql = f"SELECT {columns} FROM ledger_reports WHERE key IS NULL AND id_state IN ({marks(len(part))})"  # noqa: S608
        rows = db.execute(sql, part)
        for r in rows:
            at = parse_time(r[5]) or r[6]
            waiting.append((key_of[r[0]], (r[0], r[1], r[2], r[3], r[4], r[5], at, r[7])))
    if not waiting:
        return
    db.executemany(
        "UPDATE ledger_reports SET key = ? WHERE id_state = ? AND part_no = ? AND platform_state = ?",
        [(key, r[0], r[1], r[4]) for key, r in waiting],
    )
    for key, r in waiting:
        _events_for(db, [(key, r)], str(r[7]), now)
    refresh_states(db, {key for key, _ in waiting}, now)


def refresh_states(db: Backend, keys: set[str], now: float) -> None:
    """Move each message to the state its reports add up to, when that is further along."""
    if not keys:
        return
    ordered = sorted(keys)
    current: dict[str, str] = {}
    ids: dict[str, dict[str, list[str]]] = {}
    units: dict[str, list[Unit]] = {}
    for part in chunks(ordered):
        where = f"key IN ({marks(len(part))})"
        current.update(db.execute(f"SELECT key, state FROM ledger_messages WHERE {where}", part))  # noqa: S608
        for key, number, id_state in db.execute(
            f"SELECT key, number, id_state FROM ledger_ids WHERE {where} ORDER BY key, number, position",  # noqa: S608
            part,
        ):
            ids.setdefault(key, {}).setdefault(number, []).append(id_state)
        for key, id_state, part_no, num_parts, state in db.execute(
            f"SELECT key, id_state, part_no, num_parts, state FROM ledger_reports WHERE {where}",  # noqa: S608
            part,
        ):
            units.setdefault(key, []).append(Unit(id_state, int(part_no), int(num_parts), state))
    moves = []
    for key in ordered:
        state = current.get(key)
        if state is None or rank(state) < rank("sent"):
            continue  # not sent as far as the ledger knows: reports wait for the answer or reconcile
        reached = delivery_state(ids.get(key, {}), units.get(key, []))
        if reached is not None and rank(reached) > rank(state):
            moves.append((key, reached))
    db.executemany("UPDATE ledger_messages SET state = ?, updated = ? WHERE key = ?", [(s, now, k) for k, s in moves])
    db.executemany(
        "INSERT INTO ledger_events (key, state, time, source, recorded) VALUES (?, ?, ?, 'reports', ?)",
        [(k, s, now, now) for k, s in moves],
    )
