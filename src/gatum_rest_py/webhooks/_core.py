"""The receiver's core: every decision about a delivery, as plain values, and no I/O.

Where a report goes, from the socket to your callback:

1. A driver has the request head (method, query string, peer address, Content-Length), and
   `ReceiverCore.refusal(head)` says whether to answer 405 / 403 / 400 / 413 before reading the body
   (`handle` skips this step: your framework has read the body already).
2. It reads the body, at most `max_body_size + 1` bytes, and asks the core for the delivery's `Plan`:
   `process(body)`, or `deliver(body, query_string, client_ip)`, which checks access first.
3. `plan.next(result)` hands back the next effect for the driver to perform, given the result of
   the one before: `Claim(keys)` in the dedupe store, `Record(reports)` of the new reports in the
   ledger (when the receiver has one), `Call(report)` of your callback, `Settle(key, accepted)` in
   the store; at the end, the `Reply` (status, JSON payload, headers).

`_drivers` performs the effects (sync, or on an event loop); `_apps` speaks WSGI and ASGI.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias, cast

from gatum_client.models import DeliveryReport
from gatum_client.types import Unset

from .._exceptions import WebhookPayloadError
from ._access import WebhookAccess
from ._errors import Payload, Rejected
from ._parsing import ack_id, dedupe_key, part_of, split_delivery_reports
from ._stores import ClaimState

__all__ = [
    "DEFAULT_MAX_BODY_SIZE",
    "Body",
    "Call",
    "Claim",
    "Effect",
    "Failed",
    "Plan",
    "ReceiverCore",
    "Record",
    "Reply",
    "RequestHead",
    "Settle",
]

logger = logging.getLogger("gatum_rest_py.webhooks")

DEFAULT_MAX_BODY_SIZE = 1024 * 1024
"""Largest request body the receiver reads (1 MiB); larger ones are answered 413."""

Body: TypeAlias = bytes | bytearray | str

_CLAIM_STATES: tuple[ClaimState, ...] = ("claimed", "accepted", "pending")
_DIGITS = re.compile("[0-9]+")
_METHOD_NOT_ALLOWED: Payload = {"error": "method not allowed: POST the delivery reports"}


# ---- what goes in and out --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestHead:
    """What the server knows of a request before its body is read."""

    method: str
    query_string: str | bytes | None
    client_ip: str | None
    content_length: str | None  # the header as sent; None when absent

    @property
    def declared_length(self) -> int | None:
        """The Content-Length as a number; None when absent or invalid (`refusal` answers that 400)."""
        raw = (self.content_length or "").strip()
        return int(raw) if _DIGITS.fullmatch(raw) else None


@dataclass(frozen=True, slots=True)
class Reply:
    """The answer to a delivery: 200 with the acknowledged ids, or a refusal with {"error": …}."""

    status: int
    payload: Payload

    @property
    def acknowledged(self) -> list[str]:
        """The acknowledged ids; [] for a refusal."""
        return self.payload if isinstance(self.payload, list) else []

    def encode(self) -> tuple[bytes, list[tuple[str, str]]]:
        """The response body and headers."""
        body = json.dumps(self.payload, ensure_ascii=False).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
        if self.status == 405:
            headers.append(("Allow", "POST"))
        return body, headers


@dataclass(frozen=True, slots=True)
class Claim:
    """Claim these dedupe keys in the store, in order; the result: one ClaimState per key."""

    keys: list[str]


@dataclass(frozen=True, slots=True)
class Call:
    """Call the callback with this report; the result: what it returned."""

    report: DeliveryReport


@dataclass(frozen=True, slots=True)
class Record:
    """Write these new reports into the ledger, in one transaction; the result is not used. If it
    fails, none of them is acknowledged (their claims are released: the platform delivers again)."""

    reports: list[DeliveryReport]


@dataclass(frozen=True, slots=True)
class Settle:
    """`accept` the key in the store (accepted) or `release` it; the result is not used."""

    key: str
    accepted: bool


@dataclass(frozen=True, slots=True)
class Failed:
    """The result of an effect that raised: the plan sees the exception where it asked for the effect."""

    error: Exception


Effect: TypeAlias = Claim | Record | Call | Settle
_Steps: TypeAlias = Generator[Effect, object, Reply]
_Batch: TypeAlias = list[tuple[str, str, DeliveryReport]]  # (ack id, dedupe key, report), first of each key


class Plan:
    """The steps of one delivery. A driver calls `next()`, performs the effect it gets, calls
    `next(result)` (or `next(Failed(exc))`), and so on until it gets the `Reply`."""

    __slots__ = ("_steps",)

    def __init__(self, steps: _Steps) -> None:
        self._steps = steps

    def next(self, result: object = None) -> Effect | Reply:
        try:
            if isinstance(result, Failed):
                return self._steps.throw(result.error)
            return self._steps.send(result)
        except StopIteration as finished:
            reply: Reply = finished.value
            return reply


# ---- the decisions -----------------------------------------------------------------------------------


class ReceiverCore:
    """The protocol of the delivery-report webhook, for the drivers to run (see the module docstring)."""

    __slots__ = ("access", "max_body_size", "records")

    def __init__(self, access: WebhookAccess, max_body_size: int, *, records: bool = False) -> None:
        self.access = access
        self.max_body_size = max_body_size
        self.records = records  # a ledger takes the new reports (Record) before the callback sees them

    def refusal(self, head: RequestHead) -> Reply | None:
        """The answer to give before reading the body (405, 403, 400, 413), or None to read it."""
        if head.method.upper() != "POST":
            return Reply(405, _METHOD_NOT_ALLOWED)
        rejected = self.access_refusal(head.query_string, head.client_ip) or self._length_refusal(head)
        return Reply(*rejected.reply()) if rejected is not None else None

    def access_refusal(self, query_string: str | bytes | None, client_ip: str | None) -> Rejected | None:
        """Rejected(403) unless the secret and the peer address pass."""
        reason = self.access.allowed(query_string, client_ip)
        return Rejected(403, f"{reason}; nothing processed") if reason is not None else None

    def deliver(self, body: Body, query_string: str | bytes | None, client_ip: str | None) -> Plan:
        """The plan for a body whose request head has not been checked: access first, then `process`."""
        return Plan(self._deliver(body, query_string, client_ip))

    def process(self, body: Body) -> Plan:
        """The plan for a body of a request that passed `refusal`."""
        return Plan(self._process(body))

    def _deliver(self, body: Body, query_string: str | bytes | None, client_ip: str | None) -> _Steps:
        rejected = self.access_refusal(query_string, client_ip)
        if rejected is not None:
            return Reply(*rejected.reply())
        return (yield from self._process(body))

    def _process(self, body: Body) -> _Steps:
        batch = self._judge(body)
        if isinstance(batch, Rejected):
            return Reply(*batch.reply())
        keys = [key for _, key, _ in batch]
        try:
            states = _claim_states(keys, (yield Claim(keys)))
        except Exception as exc:
            logger.error("delivery reports not processed: the dedupe store failed: %s: %s", type(exc).__name__, exc)
            return Reply(*Rejected(503, "the dedupe store is unavailable; deliver again later").reply())
        fresh = [report for (_, _, report), state in zip(batch, states, strict=True) if state == "claimed"]
        recorded = True
        if self.records and fresh:
            try:
                yield Record(fresh)
            except Exception as exc:
                logger.error("delivery reports not acknowledged: the ledger failed: %s: %s", type(exc).__name__, exc)
                recorded = False
        outcome: dict[str, bool] = {}
        for (_, key, report), state in zip(batch, states, strict=True):
            if state == "claimed":
                outcome[key] = (yield from _run_callback(key, report)) if recorded else (yield from _released(key))
            else:
                outcome[key] = _seen(report, state)
        return Reply(200, _acknowledge(batch, outcome))

    def _length_refusal(self, head: RequestHead) -> Rejected | None:
        length = head.declared_length
        if length is None and head.content_length not in (None, ""):
            return Rejected(400, f"invalid Content-Length: {head.content_length!r}")
        return self._too_large() if length is not None and length > self.max_body_size else None

    def _too_large(self) -> Rejected:
        return Rejected(413, f"delivery-report body is larger than {self.max_body_size} bytes")

    def _judge(self, body: Body) -> _Batch | Rejected:
        # No limit on the number of reports: the platform's 200 per attempt is an adjustable rate.
        if len(body.encode() if isinstance(body, str) else body) > self.max_body_size:
            return self._too_large()
        try:
            reports, skipped = split_delivery_reports(body)
        except WebhookPayloadError as exc:
            return Rejected(400, str(exc))
        for reason in skipped:
            logger.warning("delivery report %s; skipped, not acknowledged", reason)
        batch: dict[str, tuple[str, str, DeliveryReport]] = {}
        for report in reports:
            key = dedupe_key(report)
            batch.setdefault(key, (ack_id(report.id_state) or "", key, report))  # a repeat in one batch: once
        return list(batch.values())


def _run_callback(key: str, report: DeliveryReport) -> Generator[Effect, object, bool]:
    try:
        accepted = (yield Call(report)) is not False
    except Exception:
        logger.exception("delivery report %s not acknowledged: the callback raised", _label(report))
        accepted = False
    try:
        yield Settle(key, accepted)
    except Exception:
        logger.exception("delivery report %s not acknowledged: the dedupe store failed", _label(report))
        return False
    return accepted


def _released(key: str) -> Generator[Effect, object, bool]:
    try:
        yield Settle(key, False)
    except Exception:
        logger.exception("a delivery report's claim could not be released: the dedupe store failed")
    return False


def _claim_states(keys: Sequence[str], answer: object) -> list[ClaimState]:
    states = list(answer) if isinstance(answer, Iterable) and not isinstance(answer, (str, bytes)) else []
    if len(states) != len(keys) or not all(state in _CLAIM_STATES for state in states):
        raise ValueError(f"claim answered {len(states)} states for {len(keys)} keys (or an unknown state)")
    return cast("list[ClaimState]", states)


def _acknowledge(batch: _Batch, outcome: dict[str, bool]) -> list[str]:
    # An id is acknowledged only when every report of it in this batch was accepted: the
    # platform acknowledges by id, so acknowledging one state would drop a rejected sibling.
    ok: dict[str, bool] = {}
    for ack, key, _ in batch:
        ok[ack] = ok.get(ack, True) and outcome[key]
    return [ack for ack, good in ok.items() if good]


def _seen(report: DeliveryReport, state: ClaimState) -> bool:
    if state == "pending":
        logger.info("delivery report %s is being processed by another delivery; not acknowledged", _label(report))
    return state == "accepted"


def _label(report: DeliveryReport) -> str:
    state = None if isinstance(report.state, Unset) else report.state
    part = part_of(report)
    return f"id_state={ack_id(report.id_state)} state={state}" + (f" part_no={part}" if part is not None else "")
