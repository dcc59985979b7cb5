"""`send_messages`: many personalised messages in few `/v1/send` requests, each message accounted for.

`/v1/send` takes a JSON array of messages, so sending 10,000 messages of 100 each is 100
requests instead of 10,000. Each message is a mapping with `send_sms`'s argument names
(`numbers`, `sender_id`, `text`, and the optional `sms_type`, `begin_date`, `begin_time`,
`lifetime`, `delivery`, `callback_url`); every message is built by `send_sms`'s own mapping and
checked before the first request leaves (a bad one raises InvalidRequestError naming its index)::

    result = api.send_messages(token, [
        {"numbers": ["380957225759"], "sender_id": "Verify", "text": "Hi Ann, your code is 4242"},
        {"numbers": ["380661093766"], "sender_id": "Verify", "text": "Hi Bob, your code is 1717"},
    ])
    for outcome in result:
        print(outcome.index, outcome.status, outcome.ids)   # 0 sent {'380957225759': [598933232]}
    retry_later = [messages[o.index] for o in result.not_sent]   # safe to send again
    look_up = [messages[o.index] for o in result.in_doubt]       # check sms_full_data first

Batch size: no public source states how many messages one `/v1/send` request may carry (the
vendor's READMEs, its site and the third-party connectors were searched); one integrator sends
100 per request, so `DEFAULT_BATCH_SIZE` is 100. Raise it only after checking with the platform.

A batch is never sent twice: a batch whose request failed after it may have left (connection
lost, timeout, 5xx) marks its messages `outcome_unknown` and is not retried, by the client's
retry policy or here; look them up (`sms_full_data`) before sending them again.

How answers map back: the answer `{"status": true, "data": {"380…": [{"id_state": …}], …}}` is
keyed by number; each message takes, for each of its numbers, the next unused entry of that
number's list, in message order (so two messages of one batch to the same number get that
number's first and second id). The other documented answer, `{"data": {"sending": {...}}}`, has
no per-number ids: its messages are `sent` with empty `ids`.

Messages checked long before they are sent (the ledger's outbox checks them when it records
them): `check_messages(token, messages)` maps and checks them once; `send_messages` takes the
`CheckedMessage`s it returns (any of them, in any grouping) and does not check them again.

Ctrl-C or cancellation: the batch in flight may have been carried out. The sync method raises
`SendInterrupted` (a KeyboardInterrupt) whose `result` has that batch `outcome_unknown` and the
batches not yet started `not_sent`; both methods log a WARNING saying which numbers are in doubt::

    try:
        result = api.send_messages(token, messages)
    except SendInterrupted as stop:
        look_up = [messages[o.index] for o in stop.result.in_doubt]
        raise
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from gatum_client.models import ErrorResponse, SendMessage

from ._batch_messages import CheckedMessage, batched_calls, check_calls, check_messages, message_calls
from ._body import UnparsedBody
from ._call import Call, CallOptions, Unpack
from ._exceptions import APIError, GatumError, InvalidRequestError
from ._methods import AsyncMethods, SyncMethods
from ._response import GatumResponse

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MAX_CONCURRENCY",
    "CheckedMessage",
    "MessageOutcome",
    "SendInterrupted",
    "SendMessagesResult",
    "async_send_messages",
    "check_messages",
    "send_batches",
    "send_messages",
]

T = TypeVar("T")

logger = logging.getLogger("gatum_rest_py")

DEFAULT_BATCH_SIZE = 100
"""Messages per `/v1/send` request: no documented limit exists; an integrator uses 100."""

DEFAULT_MAX_CONCURRENCY = 4
"""Batches in flight at once on the async facade."""

Status = Literal["sent", "refused", "not_sent", "outcome_unknown"]


class CallRunner(Protocol):
    """What `send_messages` needs of a facade: its `validate` setting and its `_run` (GatumRESTAPI has both)."""

    _validate: bool

    def _run(self, call: Call[T], method: str) -> GatumResponse[T]: ...


class AsyncCallRunner(Protocol):
    """What `async_send_messages` needs of a facade (AsyncGatumRESTAPI has both)."""

    _validate: bool

    async def _run(self, call: Call[T], method: str) -> GatumResponse[T]: ...


@dataclass(frozen=True)
class MessageOutcome:
    """What became of one input message.

    `status` is `sent` (accepted; `ids` maps each of its numbers to the `id_state`s it got),
    `refused` (the platform answered with an error: not sent), `not_sent` (no connection was
    made: nothing left) or `outcome_unknown` (its batch may have been carried out: look it up
    before sending again). `error` is its batch's error, `response` its batch's answer if any.
    """

    index: int
    batch: int
    status: Status
    ids: dict[str, list[Any]] = field(default_factory=dict)
    error: Exception | None = None
    response: GatumResponse[Any] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class SendMessagesResult:
    """One `MessageOutcome` per input message, in input order (iterate, index or `len()`)."""

    outcomes: list[MessageOutcome]
    batches: int

    def __iter__(self) -> Iterator[MessageOutcome]:
        return iter(self.outcomes)

    def __len__(self) -> int:
        return len(self.outcomes)

    def __getitem__(self, index: int) -> MessageOutcome:
        return self.outcomes[index]

    def _with(self, *statuses: Status) -> list[MessageOutcome]:
        return [outcome for outcome in self.outcomes if outcome.status in statuses]

    @property
    def sent(self) -> list[MessageOutcome]:
        return self._with("sent")

    @property
    def not_sent(self) -> list[MessageOutcome]:
        """Refused by the platform or never sent: safe to correct and send again."""
        return self._with("refused", "not_sent")

    @property
    def in_doubt(self) -> list[MessageOutcome]:
        """Their batch may have been carried out: look them up before sending again."""
        return self._with("outcome_unknown")


class SendInterrupted(KeyboardInterrupt):
    """Ctrl-C during `send_messages`: `result` tells each message's fate (the batch in flight is in doubt)."""

    def __init__(self, result: SendMessagesResult) -> None:
        super().__init__(f"send_messages interrupted: {_summary(result)}")
        self.result = result

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.result,))


def _summary(result: SendMessagesResult) -> str:
    doubt = sorted({n for o in result.in_doubt for n in _numbers_of(o)})
    shown = ", ".join(doubt[:10]) + (f" and {len(doubt) - 10} more" if len(doubt) > 10 else "")
    text = f"{len(result.sent)} sent, {len(result.not_sent)} not sent, {len(result.in_doubt)} outcome unknown"
    if doubt:
        text += f" (to {shown}: look them up with sms_full_data, or `gatum sms list --phone N`, before sending again)"
    return text


def _numbers_of(outcome: MessageOutcome) -> list[str]:
    return list(outcome.ids) or list(getattr(outcome.error, "numbers", ()))


class _Interrupted(APIError):
    """The error of a message whose batch was in flight when Ctrl-C or a cancellation stopped it."""

    def __init__(self, message: str, numbers: list[str]) -> None:
        super().__init__(message)
        self.numbers = numbers

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.numbers))


def _stopped(
    batches: list[tuple[range, Call[Any]]], settled: dict[int, list[MessageOutcome]], started: set[int], how: str
) -> SendMessagesResult:
    """The result when a run stops early: settled batches as they are, started ones in doubt, the rest not sent."""
    outcomes: list[MessageOutcome] = []
    for batch, (span, call) in enumerate(batches):
        if batch in settled:
            outcomes += settled[batch]
        elif batch in started:
            for k, i in enumerate(span):
                numbers = [str(n) for n in call.wire[k].get("number", [])]
                error = _Interrupted(f"send_messages {how} while batch {batch} was in flight: outcome unknown", numbers)
                outcomes.append(MessageOutcome(i, batch, "outcome_unknown", error=error))
        else:
            error = _Interrupted(f"send_messages {how} before batch {batch} was sent", [])
            outcomes += [MessageOutcome(i, batch, "not_sent", error=error) for i in span]
    result = SendMessagesResult(outcomes, len(batches))
    from ._facade import INTERRUPTED  # (imported here: the facade imports this module)

    doubt = [n for o in result.in_doubt for n in _numbers_of(o)]
    logger.warning("send_messages %s: %s", how, _summary(result), extra={INTERRUPTED: ("sendSms", doubt)})
    return result


def send_batches(
    messages: Sequence[Mapping[str, Any]], *, batch_size: int = DEFAULT_BATCH_SIZE
) -> list[list[SendMessage]]:
    """The typed path's helper: `messages` (send_sms argument names) checked and cut into bodies.

    Each list is the `body` of one `/v1/send` request::

        for body in send_batches(messages):
            answer = send_sms.sync(client=client, body=body)
    """
    calls = message_calls(None, messages, batch_size, {})
    check_calls(calls, validate=True)
    return [[SendMessage.from_dict(message) for message in call.wire] for _, call in batched_calls(calls, batch_size)]


def _ids_by_message(wires: list[dict[str, Any]], data: Mapping[str, Any]) -> list[dict[str, list[Any]]]:
    # Each number's list of results is consumed in message order.
    taken: dict[str, int] = {}
    mapped = []
    for wire in wires:
        ids: dict[str, list[Any]] = {}
        for number in map(str, wire["number"]):
            results = data.get(number)
            position = taken.get(number, 0)
            taken[number] = position + 1
            if isinstance(results, list) and position < len(results):
                result = results[position]
                ids.setdefault(number, []).append(result.get("id_state") if isinstance(result, Mapping) else None)
            else:
                ids.setdefault(number, [])
        mapped.append(ids)
    return mapped


def _outcomes_of_answer(batch: int, span: range, call: Call[Any], response: GatumResponse[Any]) -> list[MessageOutcome]:
    def every(status: Status, error: Exception | None) -> list[MessageOutcome]:
        return [MessageOutcome(i, batch, status, error=error, response=response) for i in span]

    if response.outcome_unknown or response.status_code >= 400 or isinstance(response.parsed, ErrorResponse):
        try:
            response.raise_for_status()
            error: Exception = APIError(f"sendSms: HTTP {response.status_code}")
        except GatumError as exc:
            error = exc
        return every("outcome_unknown" if response.outcome_unknown else "refused", error)
    try:
        body = response.json()
    except ValueError:
        body = None
    data = body.get("data") if isinstance(body, dict) else None
    if isinstance(response.parsed, UnparsedBody) or not isinstance(data, Mapping):
        reason = f"sendSms answered HTTP {response.status_code} with a body of no documented shape"
        return every("outcome_unknown", APIError(reason))
    if "sending" in data:  # the summary shape: accepted, without per-number ids
        return every("sent", None)
    ids = _ids_by_message(call.wire, data)
    return [MessageOutcome(i, batch, "sent", ids[k], response=response) for k, i in enumerate(span)]


def _outcomes_of_error(batch: int, span: range, error: Exception) -> list[MessageOutcome]:
    # Only an error known to have stopped before sending (a connection never made, a body that
    # could not be built) is "not sent"; anything else may have happened after the request left.
    unknown = not isinstance(error, InvalidRequestError) and getattr(error, "outcome_unknown", True)
    status: Status = "outcome_unknown" if unknown else "not_sent"
    return [MessageOutcome(i, batch, status, error=error) for i in span]


def send_messages(
    api: CallRunner,
    access_token: str | None,
    messages: Sequence[Mapping[str, Any] | CheckedMessage],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    **options: Unpack[CallOptions],
) -> SendMessagesResult:
    """Send personalised messages, `batch_size` to a `/v1/send` request (see the module docstring).

    All messages are checked before anything is sent; then the batches go one after another.
    A failed batch is reported, never resent; the others are still sent.
    """
    calls = message_calls(access_token, messages, batch_size, options)
    check_calls(calls, api._validate, messages)
    settled: dict[int, list[MessageOutcome]] = {}
    batches = batched_calls(calls, batch_size)
    try:
        for batch, (span, call) in enumerate(batches):
            try:
                response = api._run(call, "send_messages")
            except Exception as exc:  # recorded, not raised: the other batches' fate must be told too
                settled[batch] = _outcomes_of_error(batch, span, exc)
            else:
                settled[batch] = _outcomes_of_answer(batch, span, call, response)
    except KeyboardInterrupt as exc:
        # The first unsettled batch had started (or its answer was being read): in doubt.
        raise SendInterrupted(_stopped(batches, settled, {len(settled)}, "interrupted")) from exc
    return SendMessagesResult([o for batch in range(len(batches)) for o in settled[batch]], len(batches))


async def async_send_messages(
    api: AsyncCallRunner,
    access_token: str | None,
    messages: Sequence[Mapping[str, Any] | CheckedMessage],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
    **options: Unpack[CallOptions],
) -> SendMessagesResult:
    """The asyncio `send_messages`: at most `max_concurrency` batches in flight at once."""
    if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
        rule = "a whole number >= 1"
        message = f"max_concurrency={max_concurrency!r} is invalid: {rule}"
        raise InvalidRequestError(message, argument="max_concurrency", rule=rule)
    calls = message_calls(access_token, messages, batch_size, options)
    check_calls(calls, api._validate, messages)
    batches = batched_calls(calls, batch_size)
    gate = asyncio.Semaphore(max_concurrency)
    settled: dict[int, list[MessageOutcome]] = {}
    started: set[int] = set()

    async def one(batch: int, span: range, call: Call[Any]) -> None:
        async with gate:
            started.add(batch)
            try:
                response = await api._run(call, "send_messages")
            except Exception as exc:
                settled[batch] = _outcomes_of_error(batch, span, exc)
            else:
                settled[batch] = _outcomes_of_answer(batch, span, call, response)

    try:
        await asyncio.gather(*(one(batch, span, call) for batch, (span, call) in enumerate(batches)))
    except (asyncio.CancelledError, KeyboardInterrupt):
        # The cancellation goes on as it came (asyncio relies on it); the log tells what is in doubt.
        _stopped(batches, settled, started, "cancelled")
        raise
    return SendMessagesResult([o for batch in range(len(batches)) for o in settled[batch]], len(batches))


class SyncBatchMethods(SyncMethods):
    """`send_messages` of `GatumRESTAPI`."""

    _validate: bool

    def send_messages(
        self,
        access_token: str | None,
        messages: Sequence[Mapping[str, Any] | CheckedMessage],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        **options: Unpack[CallOptions],
    ) -> SendMessagesResult:
        """Send personalised messages, `batch_size` to a `/v1/send` request (see `gatum_rest_py._batch`).

        All messages are checked before anything is sent; then the batches go one after another.
        A failed batch is reported, never resent; the others are still sent.
        """
        return send_messages(self, access_token, messages, batch_size=batch_size, **options)


class AsyncBatchMethods(AsyncMethods):
    """`send_messages` of `AsyncGatumRESTAPI`."""

    _validate: bool

    async def send_messages(
        self,
        access_token: str | None,
        messages: Sequence[Mapping[str, Any] | CheckedMessage],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        **options: Unpack[CallOptions],
    ) -> SendMessagesResult:
        """The asyncio `send_messages`: at most `max_concurrency` batches in flight at once.

        See `gatum_rest_py._batch`; as the sync method, it checks every message before sending any.
        """
        return await async_send_messages(
            self, access_token, messages, batch_size=batch_size, max_concurrency=max_concurrency, **options
        )
