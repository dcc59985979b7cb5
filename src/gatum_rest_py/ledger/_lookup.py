"""Finding the ledger's messages among the platform's records (`sms_full_data`), for reconcile and sweep.

No I/O here: `lookups` says which `sms_full_data` queries to make, `match_in_doubt` and
`match_stranded` read the records they returned. The outboxes do the calls, sync or async.

A message in doubt is found by number, sender and text within the time window of its
attempts, among records whose `id_state` no other message of the ledger holds; the newest
message in doubt takes the newest record (an identical message sent earlier, outside this
ledger, is then not taken for one in doubt that did go out). A message's number gets one
record per part (the platform's `num_parts`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..webhooks._parsing import ack_id
from ._records import GROUP_OPTION, LedgerMessage

__all__ = ["LOOKUP_MARGIN", "Lookup", "is_group_send", "lookups", "match_in_doubt", "match_stranded"]

LOOKUP_MARGIN = 15 * 3600.0
"""Seconds added before and after a message's attempts when asking the platform. No source says
in which time zone the platform reads `time_period` (the sandbox: UTC), and a window off by the
platform's UTC offset would miss a message that did go out (then `resend_missing` would send it
twice): so the window is widened by the largest offset there is (14 h) and an hour for clocks.
The records are then matched by number, sender and text, so a wide window costs only records."""

PHONES_PER_LOOKUP = 100


@dataclass(frozen=True)
class Lookup:
    """One `sms_full_data` query: these numbers, this sender, this `time_period`."""

    sender_id: str
    phones: tuple[str, ...]
    time_period: str

    def filters(self) -> dict[str, Any]:
        return {"sender_id": self.sender_id, "phone": list(self.phones), "time_period": self.time_period}


def _period(start: float, end: float) -> str:
    fmt = "%Y-%m-%d %H:%M:%S"
    return f"{time.strftime(fmt, time.gmtime(start))} - {time.strftime(fmt, time.gmtime(end))}"


def _window(message: LedgerMessage) -> tuple[float, float]:
    starts = [a.started for a in message.attempts] or [message.created]
    ends = [a.finished or a.started for a in message.attempts] or [message.updated]
    return min(starts), max([*ends, message.updated])


def is_group_send(message: LedgerMessage) -> bool:
    """A send to contact groups (`send-bulk`, `campaigns.send_to_groups`): the platform's records
    do not say which send they came from, so it is never looked up, found or planned again."""
    return GROUP_OPTION in message.options


def lookups(messages: Sequence[LedgerMessage], *, margin: float = LOOKUP_MARGIN) -> list[Lookup]:
    """The queries that cover `messages` (group sends left out): per sender, numbers in groups of
    100, one time window each."""
    by_sender: dict[str, list[LedgerMessage]] = {}
    for message in messages:
        if is_group_send(message):
            continue
        by_sender.setdefault(message.sender_id, []).append(message)
    found: list[Lookup] = []
    now = time.time()
    for sender, group in by_sender.items():
        start = min(_window(m)[0] for m in group) - margin
        end = min(max(_window(m)[1] for m in group) + margin, now + margin)
        phones = sorted({number for m in group for number in m.numbers})
        for at in range(0, len(phones), PHONES_PER_LOOKUP):
            found.append(Lookup(sender, tuple(phones[at : at + PHONES_PER_LOOKUP]), _period(start, end)))
    return found


def _order(record: Mapping[str, Any]) -> tuple[int, str]:
    text = ack_id(record.get("id_state")) or ""
    return (int(text), "") if text.isdigit() else (0, text)


def _parts(record: Mapping[str, Any]) -> int:
    try:
        return max(1, int(record.get("num_parts") or 1))
    except (TypeError, ValueError):
        return 1


def match_in_doubt(
    messages: Sequence[LedgerMessage], records: Iterable[Mapping[str, Any]], known: set[str]
) -> tuple[dict[str, dict[str, list[str]]], list[dict[str, Any]]]:
    """(key → number → id_states for each message found, the records they took)."""
    pools: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for record in sorted(records, key=_order, reverse=True):  # newest first
        id_state = ack_id(record.get("id_state"))
        if id_state is None or id_state in known:
            continue
        slot = (str(record.get("phone")), str(record.get("originator")), str(record.get("text_sms")))
        pools.setdefault(slot, []).append(record)
    found: dict[str, dict[str, list[str]]] = {}
    taken: list[dict[str, Any]] = []
    for message in reversed(messages):  # the newest message in doubt takes the newest record
        if is_group_send(message):
            continue
        ids: dict[str, list[str]] = {}
        for number in message.numbers:
            pool = pools.get((number, message.sender_id, message.text), [])
            if not pool:
                continue
            first = pool.pop(0)
            picked = [first]
            wanted = _parts(first)
            while pool and len(picked) < wanted and _parts(pool[0]) == wanted:
                picked.append(pool.pop(0))
            picked.sort(key=_order)  # its parts in order
            ids[number] = [str(ack_id(r.get("id_state"))) for r in picked]
            taken += [dict(r) for r in picked]
        if ids:
            found[message.key] = ids
    return found, taken


def match_stranded(messages: Sequence[LedgerMessage], records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The records that are about these messages (by the `id_state`s the ledger holds for them)."""
    ours = {id_state for message in messages for id_state in message.id_states}
    return [dict(r) for r in records if ack_id(r.get("id_state")) in ours]
