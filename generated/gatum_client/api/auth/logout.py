# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import ClientLike
from ...models.error_response import ErrorResponse
from ...models.generic_success_response import GenericSuccessResponse
from ...types import RequestOptions, Response, raising, with_options


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/logout",
    }

    return _kwargs


def _parse_response(*, client: ClientLike, response: httpx.Response) -> ErrorResponse | GenericSuccessResponse | None:
    if response.status_code == 200:
        response_200 = GenericSuccessResponse._from_owned_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse._from_owned_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse._from_owned_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse._from_owned_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: ClientLike, response: httpx.Response
) -> Response[ErrorResponse | GenericSuccessResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=client.parse_body(response, lambda: _parse_response(client=client, response=response)),
        raw=response,
    )


def sync_detailed(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | GenericSuccessResponse]:
    """Destroy the access token

     The token stops working. Not read-only, although it is a GET.

    Raises:
        gatum_rest_py.APIStatusError: With gatum_rest_py.Client: an error answer, by status (BadRequestError 400,
            AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404, RateLimitError 429,
            InternalServerError 5xx), also a 200 whose body says `status: false` (by its `error_code`).
        gatum_rest_py.APIResponseValidationError: With gatum_rest_py.Client: a 2xx body that is not JSON or fits no model.
        gatum_rest_py.APIConnectionError: With gatum_rest_py.Client: no answer (APITimeoutError when it timed out);
            `outcome_unknown` says whether the request may have been carried out.
        gatum_rest_py.InvalidRequestError: With gatum_rest_py.Client: a body that cannot be sent; nothing was sent.
        errors.UnexpectedStatus: Only with the bare generated clients: an undocumented status, if
            Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: Only with the bare generated clients: the request took longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenericSuccessResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(**with_options(kwargs, "logout", options))

    return _build_response(client=client, response=response)


def sync(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> ErrorResponse | GenericSuccessResponse | None:
    """Destroy the access token

     The token stops working. Not read-only, although it is a GET.

    Raises:
        gatum_rest_py.APIStatusError: With gatum_rest_py.Client: an error answer, by status (BadRequestError 400,
            AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404, RateLimitError 429,
            InternalServerError 5xx), also a 200 whose body says `status: false` (by its `error_code`).
        gatum_rest_py.APIResponseValidationError: With gatum_rest_py.Client: a 2xx body that is not JSON or fits no model.
        gatum_rest_py.APIConnectionError: With gatum_rest_py.Client: no answer (APITimeoutError when it timed out);
            `outcome_unknown` says whether the request may have been carried out.
        gatum_rest_py.InvalidRequestError: With gatum_rest_py.Client: a body that cannot be sent; nothing was sent.
        errors.UnexpectedStatus: Only with the bare generated clients: an undocumented status, if
            Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: Only with the bare generated clients: the request took longer than Client.timeout.

    Returns:
        ErrorResponse | GenericSuccessResponse
    """

    return sync_detailed(
        client=client,
        options=options,
    ).parsed


def sync_or_raise(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> GenericSuccessResponse:
    """Destroy the access token: the success model only.

    The request asks the client to raise for every other answer: ``gatum_rest_py.Client`` raises its
    typed error (see ``sync_detailed``), whatever its own ``raise_for_status``. With a bare generated
    client, any other answer raises errors.UnexpectedStatus.
    """
    response = sync_detailed(
        client=client,
        options=raising(options),
    )
    if not isinstance(response.parsed, GenericSuccessResponse):
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return response.parsed


async def asyncio_detailed(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> Response[ErrorResponse | GenericSuccessResponse]:
    """Destroy the access token

     The token stops working. Not read-only, although it is a GET.

    Raises:
        gatum_rest_py.APIStatusError: With gatum_rest_py.Client: an error answer, by status (BadRequestError 400,
            AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404, RateLimitError 429,
            InternalServerError 5xx), also a 200 whose body says `status: false` (by its `error_code`).
        gatum_rest_py.APIResponseValidationError: With gatum_rest_py.Client: a 2xx body that is not JSON or fits no model.
        gatum_rest_py.APIConnectionError: With gatum_rest_py.Client: no answer (APITimeoutError when it timed out);
            `outcome_unknown` says whether the request may have been carried out.
        gatum_rest_py.InvalidRequestError: With gatum_rest_py.Client: a body that cannot be sent; nothing was sent.
        errors.UnexpectedStatus: Only with the bare generated clients: an undocumented status, if
            Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: Only with the bare generated clients: the request took longer than Client.timeout.

    Returns:
        Response[ErrorResponse | GenericSuccessResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**with_options(kwargs, "logout", options))

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> ErrorResponse | GenericSuccessResponse | None:
    """Destroy the access token

     The token stops working. Not read-only, although it is a GET.

    Raises:
        gatum_rest_py.APIStatusError: With gatum_rest_py.Client: an error answer, by status (BadRequestError 400,
            AuthenticationError 401, PermissionDeniedError 403, NotFoundError 404, RateLimitError 429,
            InternalServerError 5xx), also a 200 whose body says `status: false` (by its `error_code`).
        gatum_rest_py.APIResponseValidationError: With gatum_rest_py.Client: a 2xx body that is not JSON or fits no model.
        gatum_rest_py.APIConnectionError: With gatum_rest_py.Client: no answer (APITimeoutError when it timed out);
            `outcome_unknown` says whether the request may have been carried out.
        gatum_rest_py.InvalidRequestError: With gatum_rest_py.Client: a body that cannot be sent; nothing was sent.
        errors.UnexpectedStatus: Only with the bare generated clients: an undocumented status, if
            Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: Only with the bare generated clients: the request took longer than Client.timeout.

    Returns:
        ErrorResponse | GenericSuccessResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            options=options,
        )
    ).parsed


async def asyncio_or_raise(
    *,
    client: ClientLike,
    options: RequestOptions | None = None,
) -> GenericSuccessResponse:
    """Destroy the access token: the success model only (asyncio; see ``sync_or_raise``)."""
    response = await asyncio_detailed(
        client=client,
        options=raising(options),
    )
    if not isinstance(response.parsed, GenericSuccessResponse):
        raise errors.UnexpectedStatus(response.status_code, response.content)
    return response.parsed
