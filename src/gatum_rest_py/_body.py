"""What a response body means, decided once per body for the typed path and the facades alike.

Every generated endpoint parses its answer through `Client.parse_body`, which calls `judge`:

* the body is decoded from JSON once (the generated parser then reuses the decoded value, and
  its models take the decoded dicts over, see `_models_of`);
* a 2xx body that says `"status": false` is an error answer (the spec's ErrorResponse): on the
  typed path it raises the exception its `error_code` stands for, the facades get ErrorResponse;
* a 2xx body that fits no model of the operation raises APIResponseValidationError on the typed
  path; the facades keep it as an `UnparsedBody` holding the raw data, and log one warning.

A big body (over 1 MiB, e.g. 100,000 `sms-full-data` records) is turned into models with the
cyclic garbage collector paused (`_models_of`): the models hold no reference cycles, but each
new object counts towards a collection that walks the ever larger heap, a third of the time
the models take to build. Mercurial pauses it the same way when it parses large files.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from gatum_client.models import ErrorResponse

from ._exceptions import APIResponseValidationError, error_code_of, status_error_for
from ._spec import operation_of

logger = logging.getLogger("gatum_rest_py")

T = TypeVar("T")

_MISSING = object()

BIG_BODY = 1 << 20
"""Bytes from which a body's models are built with the garbage collector paused."""


def _models_of(response: httpx.Response, parse: Callable[[], T]) -> T:
    """`parse()`, the generated parser, handed the value `decoded` cached, which it may take over.

    The models adopt the decoded dicts as their instance dicts (`_from_owned_dict` of the
    generated models: no copy per record), so once parsed, the decoded value is theirs:
    `response.json()` decodes the content afresh from then on, also when the parse failed
    part-way (the dicts already taken over have changed).
    """
    data = decoded(response)
    # The generated parsers call response.json(): hand them the value decoded here, for the parse
    # only (a response kept by an exception is pickled with its attributes: no lambda may stay).
    response.json = lambda **_: data  # type: ignore[method-assign]
    try:
        if len(response.content) < BIG_BODY or not gc.isenabled():
            return parse()
        gc.disable()
        try:
            return parse()
        finally:
            gc.enable()
    finally:
        response.extensions.pop("gatum_json", None)
        response.__dict__.pop("json", None)  # the class's json(): a fresh decode per call


class UnparsedBody:
    """A 2xx JSON body that fits none of the operation's models, kept as sent.

    `data` is the decoded JSON and `to_dict()` gives it back unchanged, like a generated model.
    """

    __slots__ = ("data", "operation_id")

    def __init__(self, data: Any, operation_id: str) -> None:
        self.data = data
        self.operation_id = operation_id

    def to_dict(self) -> Any:
        return self.data

    def __repr__(self) -> str:
        return f"UnparsedBody(operation_id={self.operation_id!r}, data={type(self.data).__name__})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnparsedBody):
            return NotImplemented
        return (self.data, self.operation_id) == (other.data, other.operation_id)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the generated models


def decoded(response: httpx.Response) -> Any:
    """The body decoded from JSON, once (kept in the response's extensions until the body is
    parsed into models, `_models_of`).

    Raises ValueError when the body is not JSON (or nested too deeply to decode).
    """
    cached = response.extensions.get("gatum_json", _MISSING)
    if cached is not _MISSING:
        return cached
    try:
        data = json.loads(response.content)
    except RecursionError:
        raise ValueError("the body is nested too deeply to decode") from None
    response.extensions["gatum_json"] = data
    return data


def error_status(data: Any) -> int | None:
    """The HTTP status a `{"status": false, ...}` body stands for (its `error_code`, else 400)."""
    if not isinstance(data, dict) or data.get("status") is not False:
        return None
    code = error_code_of(data)
    return code if code is not None and 400 <= code <= 599 else 400


def _operation_name(response: httpx.Response) -> str:
    op = operation_of(response.request)
    return op.operation_id if op is not None else f"{response.request.method} {response.request.url.path}"


def judge(response: httpx.Response, parse: Callable[[], T], *, strict: bool) -> T | Any:
    """The parsed body of `response` (see the module docstring); `strict` is the typed path."""
    if not response.is_success:
        if strict:  # the transport raises for these first; kept for a caller's own transport
            raise status_error_for(response)
        try:
            decoded(response)
            return _models_of(response, parse)
        except Exception:  # an error body the spec does not describe: the raw answer says it all
            return None
    try:
        data = decoded(response)
    except ValueError as exc:
        if strict:
            raise APIResponseValidationError(response, f"the body is not JSON ({exc})") from None
        logger.warning(
            "%s answered HTTP %d with a body that is not JSON", _operation_name(response), response.status_code
        )
        return None
    status = error_status(data)
    if status is not None:
        if strict:
            raise status_error_for(response, status_code=status)
        try:
            return ErrorResponse.from_dict(data)
        except Exception:
            return UnparsedBody(data, _operation_name(response))
    try:
        parsed = _models_of(response, parse)
    except Exception as exc:
        reason = f"the body fits no model of {_operation_name(response)} ({type(exc).__name__}: {exc})"
        if strict:
            raise APIResponseValidationError(response, reason) from None
        logger.warning("%s: kept as UnparsedBody", reason)
        return UnparsedBody(response.json(), _operation_name(response))  # as sent: `data` may be taken over
    if parsed is None and strict:
        raise APIResponseValidationError(response, f"HTTP {response.status_code} is not a documented answer")
    return parsed
