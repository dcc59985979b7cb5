"""What the ledger hands out: a message with its attempts, ids and history (`LedgerMessage`)."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

__all__ = ["GROUP_OPTION", "Attempt", "Event", "LedgerMessage", "NewMessage", "iso_time", "new_keys", "parse_time"]


GROUP_OPTION = "id_group"
"""The option that makes a message a send to contact groups (`send-bulk`, `campaigns.send_to_groups`)."""


def new_keys(count: int) -> list[str]:
    """`count` fresh message keys (a caller may choose its own instead, e.g. "otp-user42-20261204"):
    the time (ns) then 64 random bits, 32 hex digits like a UUID's. Made in order, they land at
    the end of the ledger's key indexes, where writing them costs least."""
    now = time.time_ns()
    noise = os.urandom(8 * count).hex()
    return [f"{now + i:016x}{noise[16 * i : 16 * i + 16]}" for i in range(count)]


def iso_time(seconds: float | None) -> str | None:
    """UNIX seconds as ISO 8601 UTC with milliseconds (`2026-12-04T09:30:00.123Z`)."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text: object) -> float | None:
    """A platform time (`YYYY-MM-DD HH:MM:SS`, UTC; or UNIX seconds) as UNIX seconds; None if unreadable.

    A number that is no time a message can be shown at (`iso_time`) is unreadable too: NaN (which
    SQLite would store as NULL), ±inf, or one too large for a float or a date (10**400, 1e20).
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        try:
            seconds = float(text)
            datetime.fromtimestamp(seconds, timezone.utc)
        except (OverflowError, ValueError, OSError):  # OSError: what some platforms raise out of range
            return None
        return seconds
    if not isinstance(text, str):
        return None
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    except ValueError:
        return None


@dataclass(frozen=True)
class NewMessage:
    """A message to record before it is sent: `send_sms`'s arguments, a key and a campaign."""

    key: str
    numbers: tuple[str, ...]
    sender_id: str
    text: str
    options: Mapping[str, Any] = field(default_factory=dict)  # sms_type, lifetime, callback_url, …
    campaign: str | None = None
    generated_key: bool = False  # a key made here cannot exist yet: no look-up needed

    def send_arguments(self) -> dict[str, Any]:
        """The message as `send_messages` takes it."""
        return {"numbers": list(self.numbers), "sender_id": self.sender_id, "text": self.text, **self.options}


@dataclass(frozen=True)
class Event:
    """One step of a message's history: a state it reached (or a report of one part), when, and why."""

    state: str
    time: float
    source: str  # plan, claim, answer, resume, reconcile, report, sweep, replan
    id_state: str | None = None
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"state": self.state, "time": iso_time(self.time), "source": self.source}
        if self.id_state is not None:
            data["id_state"] = self.id_state
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass(frozen=True)
class Attempt:
    """One claim of a message for sending: who, when it started and ended, what came of it."""

    no: int
    worker: str
    started: float
    finished: float | None
    result: str | None  # sent, refused, in_doubt, not_sent; None while in flight (or the sender died)
    detail: str | None
    source: str | None = None  # what recorded the result: answer (or resume: its sender had died)

    def to_json(self) -> dict[str, Any]:
        return {
            "no": self.no,
            "worker": self.worker,
            "started": iso_time(self.started),
            "finished": iso_time(self.finished),
            "result": self.result,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class LedgerMessage:
    """A message as the ledger knows it: what was asked, its state, its ids and its whole history."""

    key: str
    state: str
    numbers: tuple[str, ...]
    sender_id: str
    text: str
    options: Mapping[str, Any] = field(repr=False)  # a callback_url may hold the webhook's ?secret=
    campaign: str | None
    created: float
    updated: float
    ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # number -> id_states, in order
    events: tuple[Event, ...] = ()
    attempts: tuple[Attempt, ...] = ()
    detail: str | None = None  # the last error or remark

    @property
    def id_states(self) -> list[str]:
        return [id_state for ids in self.ids.values() for id_state in ids]

    @property
    def age(self) -> float:
        return time.time() - self.created

    def to_json(self) -> dict[str, Any]:
        """The message as JSON (what `gatum messages show --json` prints)."""
        return {
            "key": self.key,
            "state": self.state,
            "id_states": self.id_states,
            "ids": {number: list(ids) for number, ids in self.ids.items()},
            "numbers": list(self.numbers),
            "sender_id": self.sender_id,
            "text": self.text,
            "options": dict(self.options),
            "campaign": self.campaign,
            "created": iso_time(self.created),
            "updated": iso_time(self.updated),
            "detail": self.detail,
            "events": [event.to_json() for event in self.events],
            "attempts": [attempt.to_json() for attempt in self.attempts],
        }
