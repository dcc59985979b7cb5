"""`GatumRESTAPI` and `AsyncGatumRESTAPI`: the vendor's old client, method for method.

Every method of the old `gatum_rest_py` is here with its parameter names, order and defaults,
plus the operations it lacked. Methods return a `GatumResponse` for every HTTP status, as the
old client did; bad arguments raise InvalidRequestError before anything is sent, and a call
that gets no usable answer raises APIConnectionError (or APITimeoutError).

Requests go through the generated `gatum_client` endpoints with a `Client`, so they get the
same timeouts, retries and TLS settings as the typed path. The argument mappings live in
`_operations`, once for both classes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, ParamSpec, TypeVar

import httpx
from gatum_client.api.auth import access_token as access_token_api
from gatum_client.api.auth import authorize as authorize_api
from gatum_client.models import (
    AccessTokenRequest,
    AccessTokenResponse,
    AuthorizeRequest,
    AuthorizeResponse,
    ErrorResponse,
)
from gatum_client.types import PARSE_LATER, Response

from ._batch import AsyncBatchMethods, SyncBatchMethods
from ._call import Call
from ._client import DEFAULT_TIMEOUT, Client
from ._exceptions import APIError, InvalidRequestError
from ._paging import AsyncPagingMethods, SyncPagingMethods
from ._process_local import ProcessLocal
from ._response import GatumResponse
from ._retry import DEFAULT_MAX_RETRIES, RetryConfig
from ._settings import check_asyncio_proxy
from ._spec import OPERATIONS_BY_ID, outcome_unknown
from ._tls import VerifyTypes
from ._transports import DEFAULT_HTTP_BACKEND, HTTPBackend
from ._validation import check_token, validate_body

P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger("gatum_rest_py")

INTERRUPTED = "gatum_interrupted"
"""Attribute of the WARNING record `warn_interrupted` logs: (operation id, numbers in doubt); the CLI reads it."""

_SENDS = frozenset({"sendSms", "sendBulk"})
"""The billed operations: an interrupted one may have sent (and charged for) its SMS."""


class _FacadeBase(ProcessLocal):
    _ASYNCIO_ONLY = False

    def __init__(
        self,
        base_url: str | None = None,
        *,
        username: str | None = None,
        password: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        total_timeout: float | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryConfig | None = None,
        verify: VerifyTypes = True,
        validate: bool = True,
        limits: httpx.Limits | None = None,
        http_backend: HTTPBackend = DEFAULT_HTTP_BACKEND,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        proxy: str | None = None,
        trust_env: bool = True,
    ) -> None:
        self._client = Client(
            base_url,
            username=username,
            password=password,
            timeout=timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry=retry,
            verify=verify,
            limits=limits,
            http_backend=http_backend,
            transport=transport,
            async_transport=async_transport,
            proxy=proxy,
            trust_env=trust_env,
        )
        if self._ASYNCIO_ONLY:
            # No blocking call will use the proxy, so one the asyncio backend cannot take is
            # refused now rather than at the first call.
            check_asyncio_proxy(self._client._settings)
        self._validate = validate

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._client!r})"

    @property
    def client(self) -> Client:
        """The `gatum_client` client underneath, for calling generated endpoints directly: its
        typed path raises this package's errors (the facade's own calls ask for the answer as it is)."""
        return self._client

    def _kwargs(self, call: Call[Any], method: str) -> dict[str, Any]:
        if call.access_token is not None:
            check_token(call.access_token)
        if call.to_body is None:
            return {"client": self._client, "options": call.request_options()}
        schema = OPERATIONS_BY_ID[call.operation_id].request_schema
        if self._validate and schema is not None:
            validate_body(method, schema, call.wire, call.arg_names)
        try:
            body = call.to_body(call.wire)
        except (TypeError, ValueError, KeyError) as exc:
            # validate=False, but the generated model cannot carry the value (e.g. an unknown enum
            # member): nothing can be sent, so say which argument it is, by the spec's rule.
            if schema is not None:
                validate_body(method, schema, call.wire, call.arg_names)
            raise InvalidRequestError(f"{method}: {exc}", argument="body", rule=str(exc)) from None
        return {"client": self._client, "body": body, "options": call.request_options()}


def recipients(wire: Any) -> list[str]:
    """The numbers a request's body sends to (`number` of each message; `phone` of a bulk send)."""
    found: list[str] = []
    for message in wire if isinstance(wire, list) else [wire]:
        if isinstance(message, Mapping):
            for key in ("number", "phone"):
                value = message.get(key)
                found += map(str, value if isinstance(value, list) else [] if value is None else [value])
    return found


def warn_interrupted(call: Call[Any], method: str, how: str) -> None:
    """Log (WARNING) that a call stopped by Ctrl-C or cancellation may still have been carried out.

    Reads and logins change nothing worth telling; a send names its numbers and how to look
    them up, since sending again could send (and bill) a second SMS.
    """
    op = OPERATIONS_BY_ID[call.operation_id]
    if op.read_only or not op.needs_token:
        return
    if call.operation_id not in _SENDS:
        note: dict[str, tuple[str, list[str]]] = {INTERRUPTED: (call.operation_id, [])}
        logger.warning("%s %s: the outcome is unknown (the request may have been carried out)", method, how, extra=note)
        return
    numbers = recipients(call.wire)
    to = f" to {', '.join(numbers)}" if numbers else ""
    look_up = f"gatum sms list --phone {numbers[0]}" if numbers else "gatum sms list"
    logger.warning(
        "%s %s: outcome unknown, the SMS%s may have been sent; look it up (sms_full_data, or `%s`) "
        "before sending again",
        method,
        how,
        to,
        look_up,
        extra={INTERRUPTED: (call.operation_id, numbers)},
    )


def _answer(call: Call[T], response: Response[T]) -> GatumResponse[T]:
    raw = response.raw
    if raw is None:  # a generated endpoint always keeps it: this would be a bug, said plainly
        raise APIError(f"{call.operation_id}: no answer to this request was received")
    op = OPERATIONS_BY_ID[call.operation_id]
    return GatumResponse(
        raw,
        response.parsed,
        operation_id=call.operation_id,
        outcome_unknown=outcome_unknown(op, status=raw.status_code),
        parse=raw.extensions.pop(PARSE_LATER, None),
    )


class GatumRESTAPI(SyncPagingMethods, SyncBatchMethods, _FacadeBase):
    """Synchronous Gatum client, a drop-in for the vendor's old `GatumRESTAPI`.

    `GatumRESTAPI(base_url='https://restapi.gatum.io/')`; use it in a `with` block or call
    `close()` to release its pooled connections. Pass the token to each call as the old client
    did, or give `username` and `password` here and pass `access_token=None`: the client then
    logs in by itself. One instance may be shared by threads, each call with its own token.
    """

    def __enter__(self) -> GatumRESTAPI:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _run(self, call: Call[T], method: str) -> GatumResponse[T]:
        kwargs = self._kwargs(call, method)
        try:
            response = call.sync(**kwargs)
        except KeyboardInterrupt:
            # Ctrl-C while the request may be on the wire: say so, and let the interrupt go on.
            warn_interrupted(call, method, "interrupted")
            raise
        return _answer(call, response)

    def access_token(self, username: str = "", password: str = "") -> GatumResponse[Any]:
        """Log in: authorize, then exchange the code for a token (`data.access_token`, `data.expires_at`).

        Returns the accesstoken response, or the authorize response when that failed.
        """
        authorized = self._run(_authorize_call(username, password), "access_token")
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return authorized
        return self._run(_access_token_call(str(authorized.parsed.data.authorization_code)), "access_token")


class AsyncGatumRESTAPI(AsyncPagingMethods, AsyncBatchMethods, _FacadeBase):
    """The asyncio twin of GatumRESTAPI: the same methods, as coroutines.

    Use it in an `async with` block or call `aclose()`.
    """

    _ASYNCIO_ONLY = True

    async def __aenter__(self) -> AsyncGatumRESTAPI:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _run(self, call: Call[T], method: str) -> GatumResponse[T]:
        kwargs = self._kwargs(call, method)
        try:
            response = await call.asyncio(**kwargs)
        except (KeyboardInterrupt, asyncio.CancelledError):
            warn_interrupted(call, method, "cancelled")
            raise
        return _answer(call, response)

    async def access_token(self, username: str = "", password: str = "") -> GatumResponse[Any]:
        """Log in: authorize, then exchange the code for a token (see GatumRESTAPI.access_token)."""
        authorized = await self._run(_authorize_call(username, password), "access_token")
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return authorized
        return await self._run(_access_token_call(str(authorized.parsed.data.authorization_code)), "access_token")


def _authorize_call(username: str, password: str) -> Call[AuthorizeResponse | ErrorResponse]:
    wire = {"username": username, "password": password}
    return Call("authorize", authorize_api.sync_detailed, None, wire, AuthorizeRequest.from_dict)


def _access_token_call(code: str) -> Call[AccessTokenResponse | ErrorResponse]:
    wire = {"authorization_code": code}
    return Call("accessToken", access_token_api.sync_detailed, None, wire, AccessTokenRequest.from_dict)
