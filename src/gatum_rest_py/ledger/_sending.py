"""What both outboxes share: turning input into ledger messages, and answers into outcomes.

No I/O here (the outboxes call the API and the ledger), so the sync and async outboxes apply
exactly the same rules.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .._batch import CheckedMessage, SendMessagesResult, check_messages
from .._exceptions import InvalidRequestError, RateLimitError
from .._response import GatumResponse
from ..sandbox import split_parts  # the platform's GSM-7 / UCS-2 part rule, no server needed
from ._errors import one_line
from ._records import NewMessage, new_keys
from ._store import Claimed, Outcome

__all__ = [
    "DEFAULT_SETTLE",
    "DEFAULT_STALE_AFTER",
    "OutboxResult",
    "ReconcileResult",
    "SweepResult",
    "checked_messages",
    "new_messages",
    "not_sent_outcomes",
    "outcomes_of",
    "results_of",
    "wires_of",
    "worker_name",
]

DEFAULT_STALE_AFTER = 300.0
"""Seconds after which a message still `sending` is taken to have lost its sender (→ `in_doubt`)."""

DEFAULT_SETTLE = 600.0
"""Seconds after its last attempt before a message in doubt that the platform does not show is
taken not to have gone out (only with `resend_missing=True`)."""

_KNOWN = ("numbers", "sender_id", "text")


def worker_name() -> str:
    """host:pid:random — who claimed a message, in its attempts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _numbers(value: Any) -> tuple[str, ...]:
    if isinstance(value, (str, int)):
        return (str(value),)
    return tuple(str(number) for number in value)


def new_messages(
    messages: Sequence[Mapping[str, Any]], keys: Sequence[str | None] | None, campaign: str | None
) -> list[NewMessage]:
    """The ledger records of `messages` (send_sms's argument names), checked as `send_messages`
    checks them: a bad message raises InvalidRequestError before anything is recorded."""
    made, _ = checked_messages(messages, keys, campaign, None)
    return made


def checked_messages(
    messages: Sequence[Mapping[str, Any]],
    keys: Sequence[str | None] | None,
    campaign: str | None,
    access_token: str | None,
) -> tuple[list[NewMessage], dict[str, CheckedMessage]]:
    """`new_messages`, and by key each message as checked for `access_token` (sent as it is: no
    second check; see `wires_of`)."""
    checked = check_messages(access_token, messages)  # every message checked against the spec, nothing sent
    if keys is not None and len(keys) != len(messages):
        rule = "one key (or None) per message"
        raise InvalidRequestError(f"keys: {len(keys)} for {len(messages)} messages", argument="keys", rule=rule)
    fresh = iter(new_keys(len(messages) if keys is None else sum(key is None for key in keys)))
    made = []
    for index, message in enumerate(messages):
        key = keys[index] if keys is not None else None
        if key is not None and (not isinstance(key, str) or not key.strip()):
            raise InvalidRequestError(f"keys[{index}] is empty", argument=f"keys[{index}]", rule="a non-empty string")
        options = {name: value for name, value in message.items() if name not in _KNOWN and value is not None}
        made.append(
            NewMessage(
                key or next(fresh),
                _numbers(message["numbers"]),
                str(message["sender_id"]),
                str(message["text"]),
                options,
                campaign,
                key is None,
            )
        )
    return made, {message.key: wire for message, wire in zip(made, checked, strict=True)}


@dataclass(frozen=True)
class OutboxResult:
    """What the outbox did with one message: its key, its state now, the ids it got.

    `response` is the answer of its batch (when one came), `error` what went wrong (if anything).
    A message whose key was in the ledger already is not sent again: its state is as recorded.
    """

    key: str
    state: str
    ids: Mapping[str, list[str]] = field(default_factory=dict)
    detail: str | None = None
    response: GatumResponse[Any] | None = field(default=None, repr=False)
    error: Exception | None = field(default=None, repr=False)

    @property
    def id_states(self) -> list[str]:
        return [id_state for ids in self.ids.values() for id_state in ids]

    def answer(self) -> Any:
        """The JSON body of the batch's answer (None without one)."""
        if self.response is None:
            return None
        try:
            return self.response.json()
        except ValueError:
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "state": self.state,
            "id_states": self.id_states,
            "ids": dict(self.ids),
            "detail": self.detail,
            "answer": self.answer(),
        }


_RESULT = {"sent": "sent", "refused": "refused", "not_sent": "not_sent", "outcome_unknown": "in_doubt"}
_STATE = {"sent": "sent", "refused": "refused", "not_sent": "planned", "in_doubt": "in_doubt"}


def _parts_ids(claimed: Sequence[Claimed], result: SendMessagesResult) -> list[dict[str, list[str]]] | None:
    """Each message's ids when the platform gave one id per part (a 2-part message: two ids for its
    number); `send_messages` maps one id per message and number. None when the answer does not add up."""
    response = next((o.response for o in result.outcomes if o.response is not None), None)
    try:
        data = response.json().get("data") if response is not None else None
    except (ValueError, AttributeError):
        return None
    if not isinstance(data, dict) or "sending" in data:
        return None
    given = {str(n): entries for n, entries in data.items() if isinstance(entries, list)}
    messages_to: dict[str, int] = {}
    for claim in claimed:
        for number in claim.message.numbers:
            messages_to[number] = messages_to.get(number, 0) + 1
    if all(len(given.get(number, ())) == count for number, count in messages_to.items()):
        return None  # one id per message and number: send_messages mapped them already
    wanted: dict[str, int] = {}
    for claim in claimed:
        for number in claim.message.numbers:
            wanted[number] = wanted.get(number, 0) + len(split_parts(claim.message.text))
    if any(len(given.get(number, [])) != count for number, count in wanted.items()):
        return None
    taken: dict[str, int] = {}
    mapped = []
    for claim in claimed:
        parts = len(split_parts(claim.message.text))
        ids: dict[str, list[str]] = {}
        for number in claim.message.numbers:
            start = taken.get(number, 0)
            taken[number] = start + parts
            entries = given[number][start : start + parts]
            ids[number] = [str(e["id_state"]) for e in entries if isinstance(e, dict) and e.get("id_state") is not None]
        mapped.append(ids)
    return mapped


def outcomes_of(claimed: Sequence[Claimed], result: SendMessagesResult) -> list[Outcome]:
    """The ledger outcome of each claimed message from `send_messages`'s result (same order; one batch)."""
    outcomes = []
    by_part = _parts_ids(claimed, result) if any(o.status == "sent" for o in result.outcomes) else None
    for index, (claim, told) in enumerate(zip(claimed, result.outcomes, strict=True)):
        detail = one_line(f"{type(told.error).__name__}: {told.error}", 300) if told.error is not None else None
        ids = {number: [str(i) for i in id_list if i is not None] for number, id_list in told.ids.items()}
        if told.status == "sent" and by_part is not None:
            ids = by_part[index]
        # a 429 was not taken: planned again at once (its attempt keeps the why), not refused-then-replanned
        came = "not_sent" if isinstance(told.error, RateLimitError) else _RESULT[told.status]
        outcomes.append(Outcome(claim.message.key, claim.attempt, came, ids, detail))
    return outcomes


def failed_outcomes(claimed: Sequence[Claimed], error: BaseException) -> list[Outcome]:
    """Every claimed message, when sending raised: refused for bad input (nothing left), else in doubt."""
    result = "refused" if isinstance(error, InvalidRequestError) else "in_doubt"
    detail = one_line(f"{type(error).__name__}: {error}", 300)
    return [Outcome(c.message.key, c.attempt, result, {}, detail) for c in claimed]


def not_sent_outcomes(claimed: Sequence[Claimed], why: str = "not sent: stopped") -> list[Outcome]:
    """Claimed messages whose request never left: back to `planned` (their attempt keeps `why`)."""
    return [Outcome(c.message.key, c.attempt, "not_sent", {}, why) for c in claimed]


def wires_of(
    claimed: Sequence[Claimed], checked: Mapping[str, CheckedMessage] | None
) -> list[Mapping[str, Any] | CheckedMessage]:
    """What `send_messages` is given for claimed messages: as checked when they were planned (by
    this outbox: not checked again), else their recorded arguments."""
    if checked is not None:
        return [checked[c.message.key] for c in claimed]
    return [c.message.send_arguments() for c in claimed]


def results_of(outcomes: Sequence[Outcome], result: SendMessagesResult | None) -> list[OutboxResult]:
    told = result.outcomes if result is not None else [None] * len(outcomes)
    return [
        OutboxResult(
            o.key,
            _STATE[o.result],
            {number: list(ids) for number, ids in o.ids.items()},
            o.detail,
            response=t.response if t is not None else None,
            error=t.error if t is not None else None,
        )
        for o, t in zip(outcomes, told, strict=True)
    ]


@dataclass(frozen=True)
class ReconcileResult:
    """What `reconcile()` did: `found` (now `sent`), `requeued` (now `planned`), `still_in_doubt`."""

    found: list[str] = field(default_factory=list)
    requeued: list[str] = field(default_factory=list)
    still_in_doubt: list[str] = field(default_factory=list)
    marked_in_doubt: list[str] = field(default_factory=list)  # `sending` with no live sender, first

    def to_json(self) -> dict[str, list[str]]:
        return {
            "marked_in_doubt": self.marked_in_doubt,
            "found": self.found,
            "requeued": self.requeued,
            "still_in_doubt": self.still_in_doubt,
        }


@dataclass(frozen=True)
class SweepResult:
    """What `sweep()` did: how many stranded messages it looked up and how many records it recorded."""

    looked_up: int
    new_reports: int

    def to_json(self) -> dict[str, int]:
        return {"looked_up": self.looked_up, "new_reports": self.new_reports}
