"""Reading whole messages (with their ids, attempts and history) out of the ledger's tables.

The history is put together here: `planned` at the message's creation, `sending` and its result
for each attempt (the one in flight, and one that ended sent, from the message row itself), then
the recorded events (reports, reconcile, replan), all in the order they were recorded. A report's
event shows the report's own time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ._backends import Backend
from ._records import Attempt, Event, LedgerMessage
from ._reports import chunks, marks

__all__ = ["load_messages"]

_RESULT_STATE = {"sent": "sent", "refused": "refused", "in_doubt": "in_doubt", "not_sent": "planned"}
_COLUMNS = (
    "key, state, numbers, sender, text, options, campaign, created, updated, detail, claimed_by, claimed_at, attempts, "
    "answered"
)


def load_messages(db: Backend, where: str, args: Sequence[Any], *, limit: int | None = None) -> list[LedgerMessage]:
    """The messages matching `where` (oldest first), each complete."""
    sql = f"SELECT {_COLUMNS} FROM ledger_messages WHERE {where} ORDER BY seq"  # noqa: S608 - built by the ledger
    rows = db.execute(sql + (" LIMIT ?" if limit is not None else ""), [*args, *([limit] if limit is not None else [])])
    keys = [row[0] for row in rows]
    ids: dict[str, dict[str, list[str]]] = {}
    recorded: dict[str, list[tuple[float, Event]]] = {}
    attempts: dict[str, list[Attempt]] = {}
    for part in chunks(keys):
        inside = f"key IN ({marks(len(part))})"
        for key, number, id_state in db.execute(
            f"SELECT key, number, id_state FROM ledger_ids WHERE {inside} ORDER BY key, number, position",  # noqa: S608
            part,
        ):
            ids.setdefault(key, {}).setdefault(number, []).append(id_state)
        for key, state, at, source, id_state, detail, when in db.execute(
            f"SELECT key, state, time, source, id_state, detail, recorded FROM ledger_events WHERE {inside} ORDER BY seq",  # noqa: S608, E501
            part,
        ):
            recorded.setdefault(key, []).append((float(when), Event(state, float(at), source, id_state, detail)))
        for key, no, worker, started, finished, result, detail, source in db.execute(
            f"SELECT key, no, worker, started, finished, result, detail, source FROM ledger_attempts WHERE {inside} ORDER BY no",  # noqa: S608, E501
            part,
        ):
            end = None if finished is None else float(finished)
            attempts.setdefault(key, []).append(Attempt(int(no), worker, float(started), end, result, detail, source))
    return [_message(row, ids.get(row[0], {}), attempts.get(row[0], []), recorded.get(row[0], [])) for row in rows]


def _message(
    row: Sequence[Any], ids: dict[str, list[str]], tried: list[Attempt], recorded: list[tuple[float, Event]]
) -> LedgerMessage:
    key, state, created, claimed_by, claimed_at, count = row[0], row[1], float(row[7]), row[10], row[11], row[12]
    answered = row[13]
    if claimed_at is not None and all(a.no != count for a in tried):  # the row's own attempt
        worker, started = claimed_by or "", float(claimed_at)
        if answered is not None:  # ended sent (kept on the row, see _schema)
            tried = [*tried, Attempt(int(count), worker, started, float(answered), "sent", None, "answer")]
        elif state == "sending":  # in flight
            tried = [*tried, Attempt(int(count), worker, started, None, None, None)]
    history: list[tuple[float, Event]] = [(created, Event("planned", created, "plan"))]
    for attempt in tried:
        history.append((attempt.started, Event("sending", attempt.started, "claim", detail=_by(attempt))))
        if attempt.result is not None and attempt.finished is not None:
            state_now = _RESULT_STATE.get(attempt.result, attempt.result)
            outcome = Event(state_now, attempt.finished, attempt.source or "answer", None, attempt.detail)
            history.append((attempt.finished, outcome))
    history += recorded
    history.sort(key=lambda item: item[0])  # stable: what was recorded in one step keeps its order
    return LedgerMessage(
        key=key,
        state=state,
        numbers=tuple(json.loads(row[2])),
        sender_id=row[3],
        text=row[4],
        options=json.loads(row[5]),
        campaign=row[6],
        created=created,
        updated=float(row[8]),
        ids={number: tuple(id_list) for number, id_list in ids.items()},
        events=tuple(event for _, event in history),
        attempts=tuple(tried),
        detail=row[9],
    )


def _by(attempt: Attempt) -> str:
    return f"attempt {attempt.no} by {attempt.worker}"
