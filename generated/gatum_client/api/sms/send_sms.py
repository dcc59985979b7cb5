# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.send_message import SendMessage
from ...models.send_response import SendResponse
from ...types import Response


def _get_kwargs(
    *,
    body: list[SendMessage],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/send",
    }

    _kwargs["json"] = []
    for componentsschemas_send_request_item_data in body:
        componentsschemas_send_request_item = componentsschemas_send_request_item_data.to_dict()
        _kwargs["json"].append(componentsschemas_send_request_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | SendResponse | None:
    if response.status_code == 200:
        response_200 = SendResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | SendResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=client.parse_body(response, lambda: _parse_response(client=client, response=response)),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[SendMessage],
) -> Response[ErrorResponse | SendResponse]:
    """Send one or more SMS (also HLR and MNP look-ups)

     The body is a JSON **array** of messages; one request may carry several. Each message
    is billed per destination number and part. Never repeat this call after an ambiguous
    failure (5xx, timeout): check `/v1/sms-full-data` first.

    Args:
        body (list[SendMessage]): The messages to send (a JSON array, at least one).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SendResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: list[SendMessage],
) -> ErrorResponse | SendResponse | None:
    """Send one or more SMS (also HLR and MNP look-ups)

     The body is a JSON **array** of messages; one request may carry several. Each message
    is billed per destination number and part. Never repeat this call after an ambiguous
    failure (5xx, timeout): check `/v1/sms-full-data` first.

    Args:
        body (list[SendMessage]): The messages to send (a JSON array, at least one).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SendResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: list[SendMessage],
) -> Response[ErrorResponse | SendResponse]:
    """Send one or more SMS (also HLR and MNP look-ups)

     The body is a JSON **array** of messages; one request may carry several. Each message
    is billed per destination number and part. Never repeat this call after an ambiguous
    failure (5xx, timeout): check `/v1/sms-full-data` first.

    Args:
        body (list[SendMessage]): The messages to send (a JSON array, at least one).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | SendResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: list[SendMessage],
) -> ErrorResponse | SendResponse | None:
    """Send one or more SMS (also HLR and MNP look-ups)

     The body is a JSON **array** of messages; one request may carry several. Each message
    is billed per destination number and part. Never repeat this call after an ambiguous
    failure (5xx, timeout): check `/v1/sms-full-data` first.

    Args:
        body (list[SendMessage]): The messages to send (a JSON array, at least one).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | SendResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
