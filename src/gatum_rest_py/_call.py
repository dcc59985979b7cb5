"""`Call`: one request of a facade method, and the per-call options every method takes.

A `Call` is typed by the generated endpoint it goes to: `Call.to(send_sms.sync_detailed, ...)`
is a `Call[ErrorResponse | SendResponse]`, so each facade method's return type comes from the
generated client (from the spec), and mypy checks the annotation written on each mapping.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, NoReturn, TypedDict, TypeVar, cast

import httpx
from gatum_client.models.sms_type import SmsType
from gatum_client.types import RequestOptions, Response

from ._auth import TOKEN_HEADER
from ._exceptions import InvalidRequestError
from ._settings import HEADERS_RULE, as_timeout, headers_fault
from ._spec import OPERATIONS_BY_ID

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Unpack

__all__ = ["Call", "CallOptions", "SmsFilters", "Unpack", "present"]

T = TypeVar("T")


class CallOptions(TypedDict, total=False):
    """Keyword options every facade method takes, for this call only."""

    extra_body: Mapping[str, Any]
    """Merged into the JSON body (into each message of a send): fields the spec does not know yet."""
    extra_headers: Mapping[str, str]
    """Added to this request's headers."""
    timeout: float | httpx.Timeout
    """Replaces the client's `timeout` for this call."""
    max_retries: int
    """Replaces the client's `max_retries` for this call (a send is still never repeated blindly)."""
    total_timeout: float
    """Seconds the whole call may take, retries and slow answers included."""


class SmsFilters(CallOptions, total=False):
    """The filters of `sms_full_data` (its argument names), plus the per-call options."""

    mcc: int
    mnc: int
    sender_id: str
    phone: str | int | Sequence[str | int]
    id_base: int | Sequence[int]
    time_period: str
    type_sms: SmsType
    state: str | Sequence[str]


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request, ready for the facade to validate and send."""

    operation_id: str
    sync: Callable[..., Response[T]]
    """The generated `sync_detailed` of the endpoint; its module also has `asyncio_detailed`."""
    access_token: str | None
    wire: Any = None
    """The JSON body in wire names (None for operations without a body)."""
    to_body: Callable[[Any], Any] | None = None
    """Builds the generated model(s) the endpoint takes from `wire`."""
    arg_names: Mapping[str, str] = field(default_factory=dict)
    """Wire name -> argument name, where they differ."""
    options: RequestOptions | None = None
    """The per-call options (headers, timeout, max_retries, total_timeout), checked."""

    @property
    def asyncio(self) -> Callable[..., Awaitable[Response[T]]]:
        module = sys.modules[self.sync.__module__]
        return cast(Callable[..., Awaitable[Response[T]]], module.asyncio_detailed)

    def request_options(self) -> RequestOptions:
        """What the request carries: these options, the caller's token as its header, no raising
        for an error answer (the facades return those as they are) and the body parsed only
        when the facade's `GatumResponse.parsed` is read (most callers read `.json()` or nothing)."""
        options = self.options
        headers = options.headers if options is not None else None
        if self.access_token is not None:
            headers = {**headers, TOKEN_HEADER: self.access_token} if headers else {TOKEN_HEADER: self.access_token}
        if options is None:
            return RequestOptions(headers=headers, raise_for_status=False, parse_later=True)
        return RequestOptions(
            headers=headers,
            timeout=options.timeout,
            max_retries=options.max_retries,
            total_timeout=options.total_timeout,
            raise_for_status=False,
            parse_later=True,
        )

    def with_options(self, options: CallOptions) -> Call[T]:
        """This call with the per-call `options` applied (checked: a bad option is an InvalidRequestError)."""
        if not options:
            return self
        unknown = sorted(set(options) - set(CallOptions.__annotations__))
        if unknown:  # a misspelled argument lands here too (the methods take **options)
            rule = f"an argument of the method, or a per-call option: {', '.join(CallOptions.__annotations__)}"
            names = ", ".join(repr(name) for name in unknown)
            operation = OPERATIONS_BY_ID.get(self.operation_id)
            where = f"{operation.function}: " if operation is not None else ""
            raise InvalidRequestError(f"{where}unknown argument {names}: not {rule}", argument=unknown[0], rule=rule)
        call = self._with_extra_body(options.get("extra_body"))
        timeout = options.get("timeout")
        max_retries = options.get("max_retries")
        total_timeout = options.get("total_timeout")
        headers = options.get("extra_headers")
        fault = None if headers is None else headers_fault(headers)
        if fault is not None:  # the headers themselves are never quoted: a value may be a token
            raise InvalidRequestError(f"extra_headers: {fault}", argument="extra_headers", rule=HEADERS_RULE)
        if max_retries is not None and (
            isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0
        ):
            _invalid("max_retries", max_retries, "a whole number >= 0")
        if total_timeout is not None and (
            isinstance(total_timeout, bool) or not isinstance(total_timeout, (int, float)) or not total_timeout > 0
        ):
            _invalid("total_timeout", total_timeout, "a positive number of seconds")
        request_options = RequestOptions(
            headers=dict(headers) if headers is not None else None,
            timeout=_timeout(timeout),
            max_retries=max_retries,
            total_timeout=float(total_timeout) if total_timeout is not None else None,
        )
        return replace(call, options=request_options)

    def _with_extra_body(self, extra_body: Mapping[str, Any] | None) -> Call[T]:
        if extra_body is None:
            return self
        if not isinstance(extra_body, Mapping) or self.to_body is None:
            _invalid("extra_body", extra_body, "a mapping of wire field names to values, for an operation with a body")
        if isinstance(self.wire, list):
            return replace(self, wire=[{**message, **extra_body} for message in self.wire])
        return replace(self, wire={**self.wire, **extra_body})


def _timeout(value: Any) -> httpx.Timeout | None:
    if value is None:  # not given: the client's timeout
        return None
    timeout = as_timeout(value)  # the client's own rule
    if timeout is None:
        _invalid("timeout", value, "a positive number of seconds or an httpx.Timeout")
    return timeout


def _invalid(argument: str, value: Any, rule: str) -> NoReturn:
    raise InvalidRequestError(f"{argument}={value!r} is invalid: {rule}", argument=argument, rule=rule)


def present(**fields: Any) -> dict[str, Any]:
    """The fields that were given (not None)."""
    return {name: value for name, value in fields.items() if value is not None}
