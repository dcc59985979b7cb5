"""The messages of `send_messages`, each built by `send_sms`'s own mapping and checked against the
spec before anything is sent; `CheckedMessage`s are messages checked once, ahead of time, that
`send_messages` takes as they are (see `gatum_rest_py._batch`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NoReturn

from gatum_client.models import SendMessage

from . import _operations as ops
from ._call import Call, CallOptions, Unpack
from ._exceptions import InvalidRequestError
from ._validation import validate_body

__all__ = ["ARGUMENTS", "CheckedMessage", "batched_calls", "check_calls", "check_messages", "message_calls"]

ARGUMENTS = frozenset(
    {"numbers", "sender_id", "text", "sms_type", "begin_date", "begin_time", "lifetime", "delivery", "callback_url"}
)


@dataclass(frozen=True)
class CheckedMessage:
    """One message of `send_messages`, mapped to its wire form and checked once (`check_messages`),
    with the token and options it is to be sent with. `send_messages` takes these in place of
    mappings and neither maps nor checks them again: for a caller that checks messages long before
    it sends them (the ledger's outbox checks them when it records them)."""

    call: Call[Any] = field(repr=False)  # holds the token: kept out of the repr
    options: Mapping[str, Any] = field(repr=False)

    def __reduce__(self) -> NoReturn:
        # The token it was checked with would be in the bytes (a task queue's broker, a cache).
        raise TypeError(
            "a CheckedMessage holds the access token it was checked with and is not pickled: "
            "pickle the message mappings and check them where they are sent"
        )

    def __copy__(self) -> CheckedMessage:
        return self  # frozen: a copy would be the same message

    def __deepcopy__(self, memo: dict[int, Any]) -> CheckedMessage:
        return self


def check_messages(
    access_token: str | None, messages: Sequence[Mapping[str, Any]], **options: Unpack[CallOptions]
) -> list[CheckedMessage]:
    """Each message mapped and checked against the spec as `send_messages` checks it (a bad one
    raises InvalidRequestError naming its index); nothing is sent. Send them (or any of them, in
    any grouping) with `send_messages(access_token, checked, **options)`, the same token and options."""
    calls = message_calls(access_token, messages, 1, options)
    check_calls(calls, validate=True)
    return [CheckedMessage(call, options) for call in calls]


def message_calls(
    access_token: str | None,
    messages: Sequence[Mapping[str, Any] | CheckedMessage],
    batch_size: int,
    options: CallOptions,
) -> list[Call[Any]]:
    """The call of each message (a `CheckedMessage`'s own, as it was checked)."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        rule = "a whole number >= 1"
        raise InvalidRequestError(f"batch_size={batch_size!r} is invalid: {rule}", argument="batch_size", rule=rule)
    if isinstance(messages, (str, bytes, Mapping)) or not isinstance(messages, Sequence) or not messages:
        rule = "a non-empty list of mappings with send_sms's argument names"
        raise InvalidRequestError(f"messages is invalid: {rule}", argument="messages", rule=rule)
    calls = []
    for index, message in enumerate(messages):
        where = f"messages[{index}]"
        if type(message) is CheckedMessage:
            if message.call.access_token != access_token or message.options != options:
                rule = "the access token and options it was checked with"
                raise InvalidRequestError(
                    f"{where} was checked for another token or options", argument=where, rule=rule
                )
            calls.append(message.call)
            continue
        try:
            if not isinstance(message, Mapping):
                raise InvalidRequestError(f"{where} is not a mapping", argument=where, rule="a mapping")
            unknown = set(message) - ARGUMENTS
            if unknown:
                rule = f"send_sms's argument names ({', '.join(sorted(ARGUMENTS))})"
                raise InvalidRequestError(f"{where} has unknown key(s) {sorted(unknown)}", argument=where, rule=rule)
            calls.append(ops.send_sms(access_token, **message, **options))
        except TypeError as exc:  # a required argument is missing
            raise InvalidRequestError(f"{where}: {exc}", argument=where, rule="send_sms's arguments") from None
        except InvalidRequestError as exc:
            if exc.argument.startswith(where):
                raise
            argument = f"{where}.{exc.argument}"
            raise InvalidRequestError(f"send_messages: {where}: {exc}", argument=argument, rule=exc.rule) from None
    return calls


def check_calls(calls: list[Call[Any]], validate: bool, messages: Sequence[object] = ()) -> None:
    """Each call checked against the spec (those of `CheckedMessage`s among `messages` were already)."""
    for index, call in enumerate(calls):
        if messages and type(messages[index]) is CheckedMessage:
            continue
        where = f"messages[{index}]"
        try:
            if validate:
                validate_body(f"send_messages: {where}", "SendRequest", call.wire, call.arg_names)
            else:  # unchecked, but the generated model must still be able to carry it
                SendMessage.from_dict(call.wire[0])
        except InvalidRequestError as exc:
            raise InvalidRequestError(str(exc), argument=f"{where}.{exc.argument}", rule=exc.rule) from None
        except (TypeError, ValueError, KeyError) as exc:  # validate=False and the model cannot carry it
            raise InvalidRequestError(f"send_messages: {where}: {exc}", argument=where, rule=str(exc)) from None


def batched_calls(calls: list[Call[Any]], batch_size: int) -> list[tuple[range, Call[Any]]]:
    batches = []
    for start in range(0, len(calls), batch_size):
        span = range(start, min(start + batch_size, len(calls)))
        wire = [calls[i].wire[0] for i in span]
        batches.append((span, replace(calls[span.start], wire=wire)))
    return batches
