"""What the hand-written layer knows about operations, read from the spec (via spec_facts).

Each request an endpoint function makes names its endpoint (`request.extensions["gatum_endpoint"]`,
see `gatum_client.types.with_options`); `operation_of` turns that into the spec's `Operation` once
per request and keeps it on the request, so the token, retry, redaction and outcome rules below all
read the same answer. A request built by hand (`client.get_httpx_client().post("/v1/send")`) is
recognised by its method and path instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import httpx
from gatum_client.spec_facts import OPERATIONS
from gatum_client.types import ENDPOINT

__all__ = ["OPERATIONS_BY_ID", "Operation", "is_read_only", "needs_token", "operation_of", "outcome_unknown"]


@dataclass(frozen=True)
class Operation:
    """One operation of the spec."""

    operation_id: str
    function: str
    method: str
    path: str
    read_only: bool
    needs_token: bool
    request_schema: str | None


OPERATIONS_BY_ID: dict[str, Operation] = {op_id: Operation(op_id, **facts) for op_id, facts in OPERATIONS.items()}
_BY_FUNCTION: dict[str, Operation] = {op.function: op for op in OPERATIONS_BY_ID.values()}

_OPERATION = "gatum_operation"
"""Request extension: the `Operation` (or None) `operation_of` found for the request."""

SESSION_OPERATIONS = frozenset({"authorize", "accessToken", "logout"})
"""Logging in and out: not read-only, but doing it twice is harmless, so its outcome is never "unknown"."""

# A transport error raised before a single byte of the request left: nothing can have happened.
# A proxy that refused the tunnel (httpx.ProxyError) never passed the request on either.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.ProxyError,
)


@lru_cache(maxsize=256)
def _lookup(method: str, url_path: str) -> Operation | None:
    # The base URL may carry a prefix of its own (https://host/api/v1/...), so match the tail.
    path = url_path.rstrip("/")
    for op in OPERATIONS_BY_ID.values():
        if op.method == method and (path == op.path or path.endswith(op.path)):
            return op
    return None


def operation_of(request: httpx.Request) -> Operation | None:
    """The spec operation `request` is for, or None for a URL the spec does not know."""
    extensions = request.extensions
    try:
        return extensions[_OPERATION]  # type: ignore[no-any-return]
    except KeyError:
        pass
    endpoint = extensions.get(ENDPOINT)
    op = _BY_FUNCTION.get(endpoint) if endpoint is not None else _lookup(request.method.upper(), request.url.path)
    extensions[_OPERATION] = op
    return op


def is_read_only(request: httpx.Request) -> bool:
    """Whether repeating `request` is harmless: only operations the spec marks read-only are."""
    op = operation_of(request)
    return op is not None and op.read_only


def needs_token(request: httpx.Request) -> bool:
    """Whether `request` must carry the access token (unknown URLs get it too)."""
    op = operation_of(request)
    return op is None or op.needs_token


def outcome_unknown(op: Operation | None, *, status: int | None = None, error: BaseException | None = None) -> bool:
    """Whether a call that got no success may still have been carried out (the one rule for it).

    Reads change nothing, and logging in or out again is harmless (SESSION_OPERATIONS), so their
    outcome is never in doubt. For everything else (sends above
    all; an operation the spec does not know counts as one): a 5xx answer, or a failure after the
    request may have left (a read timeout, a dropped connection, an unexpected error), leaves it
    unknown; an error answer below 500, or a connection that was never made, means it was not.
    """
    if op is not None and (op.read_only or op.operation_id in SESSION_OPERATIONS):
        return False
    if status is not None:
        return status >= 500
    return not isinstance(error, NOT_SENT_ERRORS)
