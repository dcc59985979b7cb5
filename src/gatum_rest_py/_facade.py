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

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Concatenate, ParamSpec, TypeVar

import httpx
from gatum_client.api.auth import access_token as access_token_api
from gatum_client.api.auth import authorize as authorize_api
from gatum_client.models import (
    AccessTokenRequest,
    AccessTokenResponse,
    AuthorizeRequest,
    AuthorizeResponse,
    DeliveryReport,
    ErrorResponse,
    Group,
)

from . import _batch
from . import _operations as ops
from ._auth import call_token
from ._call import Call, CallOptions, SmsFilters, Unpack
from ._client import DEFAULT_TIMEOUT, Client
from ._exceptions import APIError, InvalidRequestError
from ._http import call_options, last_response
from ._paging import DEFAULT_MAX_PAGES, Pages, groups_of, records_of
from ._response import GatumResponse
from ._retry import DEFAULT_MAX_RETRIES, RetryConfig
from ._spec import OPERATIONS_BY_ID, operation_for
from ._tls import VerifyTypes
from ._transports import HTTPBackend
from ._validation import check_token, validate_body

P = ParamSpec("P")
T = TypeVar("T")


class _FacadeBase:
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
        http_backend: HTTPBackend = "httpx",
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
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
            raise_for_status=False,
            limits=limits,
            http_backend=http_backend,
            transport=transport,
            async_transport=async_transport,
        )
        self._validate = validate

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._client.base_url!r})"

    @property
    def client(self) -> Client:
        """The `gatum_client` client underneath, for calling generated endpoints directly."""
        return self._client

    def _kwargs(self, call: Call[Any], method: str) -> dict[str, Any]:
        if call.access_token is not None:
            check_token(call.access_token)
        if call.to_body is None:
            return {"client": self._client}
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
        return {"client": self._client, "body": body}


class _call_scope:
    """The call's token, options and last-response slot, set for the duration of one call.

    A class rather than a @contextmanager generator: this runs on every call, and the
    generator machinery cost more than the three ContextVar swaps it wraps.
    """

    __slots__ = ("_call", "_resets")

    def __init__(self, call: Call[Any]) -> None:
        self._call = call

    def __enter__(self) -> None:
        call = self._call
        self._resets = (call_token.set(call.access_token), last_response.set(None), call_options.set(call))

    def __exit__(self, *exc_info: object) -> None:
        token_reset, raw_reset, options_reset = self._resets
        call_options.reset(options_reset)
        last_response.reset(raw_reset)
        call_token.reset(token_reset)


def _answer(call: Call[T], parsed: T | None) -> GatumResponse[T]:
    raw = last_response.get()
    # Each GatumResponse belongs to its own operation's request, never to a login made on the way.
    op = operation_for(raw.request) if raw is not None else None
    if raw is None or op is None or op.operation_id != call.operation_id:
        raise APIError(f"{call.operation_id}: no answer to this request was received")
    return GatumResponse(
        raw, parsed, operation_id=call.operation_id, outcome_unknown=not op.read_only and raw.status_code >= 500
    )


def _dressed_as(method: Any, build: Callable[..., Any]) -> None:
    """Give `method` the name, docs and signature (with `self`) of the mapping it calls."""
    method.__name__ = method.__qualname__ = build.__name__
    method.__doc__ = build.__doc__
    signature = inspect.signature(build)
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY)
    returns = str(signature.return_annotation).replace("Call[", "GatumResponse[", 1)
    method.__signature__ = signature.replace(
        parameters=[self_param, *signature.parameters.values()], return_annotation=returns
    )


def _sync(build: Callable[P, Call[T]]) -> Callable[Concatenate[GatumRESTAPI, P], GatumResponse[T]]:
    def method(self: GatumRESTAPI, /, *args: P.args, **kwargs: P.kwargs) -> GatumResponse[T]:
        return self._run(build(*args, **kwargs), build.__name__)

    _dressed_as(method, build)
    return method


def _async(build: Callable[P, Call[T]]) -> Callable[Concatenate[AsyncGatumRESTAPI, P], Awaitable[GatumResponse[T]]]:
    async def method(self: AsyncGatumRESTAPI, /, *args: P.args, **kwargs: P.kwargs) -> GatumResponse[T]:
        return await self._run(build(*args, **kwargs), build.__name__)

    _dressed_as(method, build)
    return method


class GatumRESTAPI(_FacadeBase):
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
        with _call_scope(call):
            return _answer(call, call.sync(**kwargs).parsed)

    def access_token(self, username: str = "", password: str = "") -> GatumResponse[Any]:
        """Log in: authorize, then exchange the code for a token (`data.access_token`, `data.expires_at`).

        Returns the accesstoken response, or the authorize response when that failed.
        """
        authorized = self._run(_authorize_call(username, password), "access_token")
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return authorized
        return self._run(_access_token_call(str(authorized.parsed.data.authorization_code)), "access_token")

    account_info = _sync(ops.account_info)
    register_customer = _sync(ops.register_customer)
    send_sms = _sync(ops.send_sms)
    sms_full_data = _sync(ops.sms_full_data)
    replacement = _sync(ops.replacement)
    list_group = _sync(ops.list_group)
    create_group = _sync(ops.create_group)
    delete_group = _sync(ops.delete_group)
    group_number_add = _sync(ops.group_number_add)
    group_number_search = _sync(ops.group_number_search)
    group_number_delete = _sync(ops.group_number_delete)
    send_bulk = _sync(ops.send_bulk)
    black_list_add = _sync(ops.black_list_add)
    black_list_search = _sync(ops.black_list_search)
    black_list_delete = _sync(ops.black_list_delete)
    logout = _sync(ops.logout)
    product_price = _sync(ops.product_price)
    account_price = _sync(ops.account_price)
    country_price = _sync(ops.country_price)
    country_by_continent = _sync(ops.country_by_continent)
    send_messages = _batch.send_messages

    def iter_groups(
        self,
        access_token: str | None = None,
        *,
        limit: int = 10,
        max_pages: int = DEFAULT_MAX_PAGES,
        **options: Unpack[CallOptions],
    ) -> Iterator[Group]:
        """Every contact group, page after page (see `gatum_rest_py._paging`)."""
        pages = Pages(limit, max_pages, "list_group")
        while not pages.done:
            response = self.list_group(access_token, limit=limit, offset=pages.offset, **options)
            yield from pages.take(groups_of(response), Group.to_dict)

    def iter_sms_full_data(
        self,
        access_token: str | None = None,
        *,
        limit: int = 100,
        max_pages: int = DEFAULT_MAX_PAGES,
        **filters: Unpack[SmsFilters],
    ) -> Iterator[DeliveryReport]:
        """Every record `sms_full_data` finds with these filters, page after page."""
        pages = Pages(limit, max_pages, "sms_full_data")
        while not pages.done:
            response = self.sms_full_data(access_token, limit=limit, offset=pages.offset, **filters)
            yield from pages.take(records_of(response), DeliveryReport.to_dict)


class AsyncGatumRESTAPI(_FacadeBase):
    """The asyncio twin of GatumRESTAPI: the same methods, as coroutines.

    Use it in an `async with` block or call `aclose()`.
    """

    async def __aenter__(self) -> AsyncGatumRESTAPI:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _run(self, call: Call[T], method: str) -> GatumResponse[T]:
        kwargs = self._kwargs(call, method)
        with _call_scope(call):
            return _answer(call, (await call.asyncio(**kwargs)).parsed)

    async def access_token(self, username: str = "", password: str = "") -> GatumResponse[Any]:
        """Log in: authorize, then exchange the code for a token (see GatumRESTAPI.access_token)."""
        authorized = await self._run(_authorize_call(username, password), "access_token")
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return authorized
        return await self._run(_access_token_call(str(authorized.parsed.data.authorization_code)), "access_token")

    account_info = _async(ops.account_info)
    register_customer = _async(ops.register_customer)
    send_sms = _async(ops.send_sms)
    sms_full_data = _async(ops.sms_full_data)
    replacement = _async(ops.replacement)
    list_group = _async(ops.list_group)
    create_group = _async(ops.create_group)
    delete_group = _async(ops.delete_group)
    group_number_add = _async(ops.group_number_add)
    group_number_search = _async(ops.group_number_search)
    group_number_delete = _async(ops.group_number_delete)
    send_bulk = _async(ops.send_bulk)
    black_list_add = _async(ops.black_list_add)
    black_list_search = _async(ops.black_list_search)
    black_list_delete = _async(ops.black_list_delete)
    logout = _async(ops.logout)
    product_price = _async(ops.product_price)
    account_price = _async(ops.account_price)
    country_price = _async(ops.country_price)
    country_by_continent = _async(ops.country_by_continent)
    send_messages = _batch.async_send_messages

    async def iter_groups(
        self,
        access_token: str | None = None,
        *,
        limit: int = 10,
        max_pages: int = DEFAULT_MAX_PAGES,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[Group]:
        """Every contact group, page after page (see `gatum_rest_py._paging`)."""
        pages = Pages(limit, max_pages, "list_group")
        while not pages.done:
            response = await self.list_group(access_token, limit=limit, offset=pages.offset, **options)
            for group in pages.take(groups_of(response), Group.to_dict):
                yield group

    async def iter_sms_full_data(
        self,
        access_token: str | None = None,
        *,
        limit: int = 100,
        max_pages: int = DEFAULT_MAX_PAGES,
        **filters: Unpack[SmsFilters],
    ) -> AsyncIterator[DeliveryReport]:
        """Every record `sms_full_data` finds with these filters, page after page."""
        pages = Pages(limit, max_pages, "sms_full_data")
        while not pages.done:
            response = await self.sms_full_data(access_token, limit=limit, offset=pages.offset, **filters)
            for record in pages.take(records_of(response), DeliveryReport.to_dict):
                yield record


def _authorize_call(username: str, password: str) -> Call[AuthorizeResponse | ErrorResponse]:
    wire = {"username": username, "password": password}
    return Call("authorize", authorize_api.sync_detailed, None, wire, AuthorizeRequest.from_dict)


def _access_token_call(code: str) -> Call[AccessTokenResponse | ErrorResponse]:
    wire = {"authorization_code": code}
    return Call("accessToken", access_token_api.sync_detailed, None, wire, AccessTokenRequest.from_dict)
