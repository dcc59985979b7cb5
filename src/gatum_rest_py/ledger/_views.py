"""Reading whole messages (with their ids, attempts and events) out of the ledger's tables."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ._backends import Backend
from ._records import Attempt, Event, LedgerMessage
from ._reports import chunks, marks

__all__ = ["load_messages"]


def load_messages(db: Backend, where: str, args: Sequence[Any], *, limit: int | None = None) -> list[LedgerMessage]:
    """The messages matching `where` (oldest first), each complete."""
    columns = "key, state, numbers, sender, text, options, campaign, created, updated, detail"
    sql = f"SELECT {columns} FROM ledger_messages WHERE {where} ORDER BY seq"  # noqa: S608 - built by the ledger
    rows = db.execute(sql + (" LIMIT ?" if limit is not None else ""), [*args, *([limit] if limit is not None else [])])
    keys = [row[0] for row in rows]
    ids: dict[str, dict[str, list[str]]] = {}
    events: dict[str, list[Event]] = {}
    attempts: dict[str, list[Attempt]] = {}
    for part in chunks(keys):
        inside = f"key IN ({marks(len(part))})"
        for key, number, id_state in db.execute(
            f"SELECT key, number, id_state FROM ledger_ids WHERE {inside} ORDER BY key, number, position",  # noqa: S608
            part,
        ):
            ids.setdefault(key, {}).setdefault(number, []).append(id_state)
        for key, state, at, source, id_state, detail in db.execute(
            f"SELECT key, state, time, source, id_state, detail FROM ledger_events WHERE {inside} ORDER BY seq",  # noqa: S608
            part,
        ):
            events.setdefault(key, []).append(Event(state, float(at), source, id_state, detail))
        for key, no, worker, started, finished, result, detail in db.execute(
            f"SELECT key, no, worker, started, finished, result, detail FROM ledger_attempts WHERE {inside} ORDER BY no",  # noqa: S608, E501
            part,
        ):
            attempts.setdefault(key, []).append(
                Attempt(int(no), worker, float(started), None if finished is None else float(finished), result, detail)
            )
    return [
        LedgerMessage(
            key=row[0],
            state=row[1],
            numbers=tuple(json.loads(row[2])),
            sender_id=row[3],
            text=row[4],
            options=json.loads(row[5]),
            campaign=row[6],
            created=float(row[7]),
            updated=float(row[8]),
            ids={number: tuple(id_list) for number, id_list in ids.get(row[0], {}).items()},
            events=tuple(events.get(row[0], ())),
            attempts=tuple(attempts.get(row[0], ())),
            detail=row[9],
        )
        for row in rows
    ]
