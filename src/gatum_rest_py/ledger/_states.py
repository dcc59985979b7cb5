"""Message states, the order they move in, and what a message's delivery reports add up to.

::

    planned ──claim──▶ sending ──answer──▶ sent ──reports──▶ enroute ──▶ delivered | undelivered
       ▲                  │ │                                            expired | rejected | unknown
       │   not sent:      │ └─ no answer / 5xx ─▶ in_doubt ──reconcile: found──▶ sent
       ├──────────────────┘                           └─ reconcile(resend_missing=True),
       │                                                  not found after the settle time ─▶ planned
       └── replan() ◀── refused (the platform said no: send again after a fix)

Delivery states only move forward: `enroute` < `unknown` < the four definite final states. A
report of an earlier state (a late `ENROUTE`) is kept in the history but never becomes the
state; `unknown` (a state the platform names that we do not know) yields to a definite one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "DELIVERY_STATES",
    "FINAL_STATES",
    "SEND_STATES",
    "STATES",
    "State",
    "Unit",
    "delivery_state",
    "platform_state",
    "rank",
]

State = Literal[
    "planned",
    "sending",
    "sent",
    "refused",
    "in_doubt",
    "enroute",
    "delivered",
    "undelivered",
    "expired",
    "rejected",
    "unknown",
]
SEND_STATES: Final = ("planned", "sending", "sent", "refused", "in_doubt")
DELIVERY_STATES: Final = ("enroute", "delivered", "undelivered", "expired", "rejected", "unknown")
STATES: Final = SEND_STATES + DELIVERY_STATES
FAILED_STATES: Final = frozenset({"undelivered", "expired", "rejected"})
FINAL_STATES: Final = FAILED_STATES | {"delivered", "unknown"}

_RANK: Final[dict[str, int]] = {
    "planned": 0,
    "refused": 0,
    "sending": 1,
    "in_doubt": 1,
    "sent": 2,
    "enroute": 3,
    "unknown": 4,
    "delivered": 5,
    "undelivered": 5,
    "expired": 5,
    "rejected": 5,
}

# The platform's states (the SMPP names it reports) as ledger states; any other name is `unknown`.
_PLATFORM: Final[dict[str, str]] = {
    "ACCEPTD": "sent",  # accepted by the platform, not yet on its way: nothing new
    "ACCEPTED": "sent",
    "SCHEDULED": "sent",
    "ENROUTE": "enroute",
    "DELIVRD": "delivered",
    "DELIVERED": "delivered",
    "UNDELIV": "undelivered",
    "UNDELIVERABLE": "undelivered",
    "EXPIRED": "expired",
    "REJECTD": "rejected",
    "REJECTED": "rejected",
}


def rank(state: str) -> int:
    """How far along `state` is; a message only ever moves to a higher rank by a report."""
    return _RANK.get(state, 0)


def platform_state(name: object) -> str:
    """The ledger state of a platform state name (`DELIVRD` → `delivered`; anything unknown → `unknown`)."""
    return _PLATFORM.get(str(name).strip().upper(), "unknown") if name is not None else "unknown"


@dataclass(frozen=True)
class Unit:
    """One delivery report of one part of a message: its `id_state`, part and (ledger) state."""

    id_state: str
    part_no: int
    num_parts: int
    state: str


def delivery_state(ids: Mapping[str, Sequence[str]], reports: Iterable[Unit]) -> str | None:
    """The delivery state the reports of a message add up to (None: no report yet).

    `ids` maps each number of the message to the `id_state`s the platform gave it. A number with
    one id whose reports say `num_parts` > 1 has that many parts under that id; a number with
    several ids has one part per id. Every part delivered → `delivered`; any part failed →
    its state if every failed part agrees and none was delivered, else `undelivered`; every
    part final with some `unknown` → `unknown`; otherwise, once anything was reported, `enroute`.
    """
    best: dict[tuple[str, int], str] = {}
    parts_of: dict[str, int] = {}
    for unit in reports:
        parts_of[unit.id_state] = max(parts_of.get(unit.id_state, 1), unit.num_parts)
        if unit.state == "sent":
            continue  # ACCEPTD: the platform has it, which the answer said already
        slot = (unit.id_state, unit.part_no)
        if slot not in best or rank(unit.state) > rank(best[slot]):
            best[slot] = unit.state
    if not best:
        return None
    states: list[str | None] = []
    for id_list in ids.values():
        for id_state in id_list:
            reported = {part: state for (i, part), state in best.items() if i == id_state}
            if len(id_list) == 1 and parts_of.get(id_state, 1) > 1:
                states += [reported.get(part) for part in range(1, parts_of[id_state] + 1)]
            else:  # one part per id: the best of its reports, whatever part number they carry
                states.append(max(reported.values(), key=rank) if reported else None)
    if not states:
        return None
    failed = {state for state in states if state in FAILED_STATES}
    if failed:
        return failed.pop() if len(failed) == 1 and "delivered" not in states else "undelivered"
    if all(state == "delivered" for state in states):
        return "delivered"
    if all(state in FINAL_STATES for state in states):
        return "unknown"
    return "enroute"
