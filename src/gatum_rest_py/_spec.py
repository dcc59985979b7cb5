"""What the hand-written layer knows about operations, read from the spec (via spec_facts)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import httpx
from gatum_client.spec_facts import OPERATIONS


@dataclass(frozen=True)
class Operation:
    """One operation of the spec."""

    operation_id: str
    method: str
    path: str
    read_only: bool
    needs_token: bool
    request_schema: str | None


OPERATIONS_BY_ID: dict[str, Operation] = {op_id: Operation(op_id, **facts) for op_id, facts in OPERATIONS.items()}


@lru_cache(maxsize=256)
def _lookup(method: str, url_path: str) -> Operation | None:
    # The base URL may carry a prefix of its own (https://host/api/v1/...), so match the tail.
    path = url_path.rstrip("/")
    for op in OPERATIONS_BY_ID.values():
        if op.method == method and (path == op.path or path.endswith(op.path)):
            return op
    return None


_OPERATION_EXTENSION = "gatum_operation"


def operation_for(request: httpx.Request) -> Operation | None:
    """The spec operation `request` is for, or None for a URL the spec does not know."""
    # Asked several times per call (token, redaction, retry policy, the facade's answer): the
    # answer is kept on the request, for as long as its method and URL stay the same objects.
    method, url = request.method, request.url
    kept = request.extensions.get(_OPERATION_EXTENSION)
    if kept is not None and kept[0] is url and kept[1] is method:
        return kept[2]  # type: ignore[no-any-return]
    op = _lookup(method.upper(), url.path)
    request.extensions[_OPERATION_EXTENSION] = (url, method, op)
    return op


def is_read_only(request: httpx.Request) -> bool:
    """Whether repeating `request` is harmless: only operations the spec marks read-only are."""
    op = operation_for(request)
    return op is not None and op.read_only


def needs_token(request: httpx.Request) -> bool:
    """Whether `request` must carry the access token (unknown URLs get it too)."""
    op = operation_for(request)
    return op is None or op.needs_token
