"""`Client`: the generated client's `AuthenticatedClient`, with this package's policy built in.

Every `gatum_client` endpoint function called with it gets token handling (`_auth`), retries
(`_retry`), a finite timeout, TLS verification that cannot be switched off, and typed
exceptions for error statuses (`raise_for_status=True`, the default)::

    from gatum_client.api.account import account_info
    from gatum_rest_py import Client

    with Client("https://restapi.gatum.io", username="login", password="secret") as client:
        info = account_info.sync(client=client)
"""

from __future__ import annotations

import json
import ssl
import time
from contextvars import ContextVar
from typing import Any

import httpx
from gatum_client import AuthenticatedClient
from gatum_client.api.auth import access_token as access_token_api
from gatum_client.api.auth import authorize as authorize_api
from gatum_client.models import AccessTokenRequest, AccessTokenResponse, AuthorizeRequest, AuthorizeResponse
from gatum_client.types import Response

from ._auth import TOKEN_HEADER, Credentials, Token, TokenAuth
from ._exceptions import APIError, APIResponseValidationError, status_error_for
from ._retry import DEFAULT_MAX_RETRIES, AsyncRetryTransport, RetryConfig, RetryTransport, connection_error
from ._spec import is_read_only

__version__ = "2.0.0"

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""30 s to read an answer, 10 s to connect: finite, so no call can hang forever."""

last_response: ContextVar[httpx.Response | None] = ContextVar("gatum_last_response", default=None)
"""The last raw response received in this thread or task (lets the facade keep the raw body)."""

VerifyTypes = bool | str | ssl.SSLContext


def ssl_context(verify: VerifyTypes) -> ssl.SSLContext | bool:
    """TLS settings for httpx: always verifying; `verify` may name a CA bundle or be a context."""
    if verify is False:
        raise ValueError("TLS verification cannot be switched off; pass a CA bundle path or an SSLContext instead")
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    if isinstance(verify, ssl.SSLContext) and verify.verify_mode == ssl.CERT_NONE:
        raise ValueError("the SSLContext given does not verify certificates; TLS verification cannot be switched off")
    return verify


def normalize_base_url(base_url: str) -> str:
    """`https://restapi.gatum.io/` and `https://restapi.gatum.io` alike, never `//v1/...`."""
    url = httpx.URL(base_url.strip())
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(f"base_url must be an http(s) URL such as https://restapi.gatum.io, got {base_url!r}")
    return str(url).rstrip("/")


def _raise_for_status(request: httpx.Request, response: httpx.Response) -> None:
    if response.status_code >= 400:
        ambiguous = response.status_code >= 500 and not is_read_only(request)
        raise status_error_for(response, outcome_unknown=ambiguous)
    if response.status_code == 200:
        # The generated parsers call response.json(); fail here, with the raw text, instead.
        try:
            json.loads(response.content)
        except ValueError:
            raise APIResponseValidationError(response, "the body is not JSON") from None


class _PolicyHTTPClient(httpx.Client):
    def __init__(self, *, raise_for_status: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._raise_for_status = raise_for_status

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = super().send(request, **kwargs)
        except httpx.TransportError as exc:  # from a transport given by the caller
            raise connection_error(request, exc, 1) from exc
        last_response.set(response)
        if self._raise_for_status:
            _raise_for_status(request, response)
        return response


class _AsyncPolicyHTTPClient(httpx.AsyncClient):
    def __init__(self, *, raise_for_status: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._raise_for_status = raise_for_status

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        try:
            response = await super().send(request, **kwargs)
        except httpx.TransportError as exc:
            raise connection_error(request, exc, 1) from exc
        last_response.set(response)
        if self._raise_for_status:
            _raise_for_status(request, response)
        return response


def _token_from(authorized: Response[Any], issued: Response[Any] | None) -> Token:
    for step in (authorized, issued):
        if step is not None and step.status_code != 200:
            raw = last_response.get()
            if raw is not None and raw.status_code == step.status_code:
                raise status_error_for(raw)
            raise APIError(f"login failed with HTTP {step.status_code}")
    if issued is None or not isinstance(issued.parsed, AccessTokenResponse):
        raise APIError("login answered without an access token")
    data = issued.parsed.data
    return Token.from_expiry(data.access_token, float(data.expires_at), now=time.time())


class Client(AuthenticatedClient):
    """A `gatum_client` client with auth, retries, timeouts and typed errors (sync and asyncio).

    Authenticate with `access_token=...`, or with `username=...` and `password=...` (the client
    then logs in by itself when a call needs the token, and again when the token expires or is
    refused), or with neither and pass the token per call through `GatumRESTAPI`.
    """

    def __init__(
        self,
        base_url: str,
        *,
        access_token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryConfig | None = None,
        verify: VerifyTypes = True,
        headers: dict[str, str] | None = None,
        raise_for_status: bool = True,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if (username is None) != (password is None):
            raise ValueError("give both username and password, or neither")
        if access_token is not None and username is not None:
            raise ValueError("give either access_token or username/password, not both")
        timeout = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        verify = ssl_context(verify)
        super().__init__(
            base_url=normalize_base_url(base_url),
            token="",  # unused: the token is put on requests by TokenAuth, never stored here
            prefix="",
            auth_header_name=TOKEN_HEADER,
            timeout=timeout,
            verify_ssl=verify,
            headers={"User-Agent": f"gatum-rest-py/{__version__}", **(headers or {})},
        )
        self._options: dict[str, Any] = {
            "access_token": access_token,
            "username": username,
            "password": password,
            "timeout": timeout,
            "retry": retry if retry is not None else RetryConfig(max_retries=max_retries),
            "verify": verify,
            "headers": dict(headers or {}),
            "raise_for_status": raise_for_status,
            "transport": transport,
            "async_transport": async_transport,
        }
        self._retry_config = self._options["retry"]
        self._raise_for_status = raise_for_status
        self._transport = transport
        self._async_transport = async_transport
        credentials = Credentials(username, password) if username is not None and password is not None else None
        self._auth = TokenAuth(
            access_token=access_token, credentials=credentials, login=self._login, async_login=self._async_login
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, auth={self._auth!r})"

    # The generated versions rebuild the client with attrs' evolve(), which cannot call this
    # __init__; these build a new Client with the same options instead.
    def with_headers(self, headers: dict[str, str]) -> Client:
        """A new client like this one, with additional headers."""
        return type(self)(self._base_url, **{**self._options, "headers": {**self._options["headers"], **headers}})

    def with_timeout(self, timeout: httpx.Timeout) -> Client:
        """A new client like this one, with another timeout."""
        return type(self)(self._base_url, **{**self._options, "timeout": timeout})

    def with_cookies(self, cookies: dict[str, str]) -> Client:
        raise NotImplementedError("the Gatum API uses no cookies")

    @property
    def base_url(self) -> str:
        return self._base_url

    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "headers": self._headers,
            "cookies": self._cookies,
            "timeout": self._timeout,
            "auth": self._auth,
            "follow_redirects": False,
            "raise_for_status": self._raise_for_status,
        }

    def get_httpx_client(self) -> httpx.Client:
        if self._client is None:
            inner = self._transport or httpx.HTTPTransport(verify=self._verify_ssl)
            self._client = _PolicyHTTPClient(
                transport=RetryTransport(inner, self._retry_config), **self._client_kwargs()
            )
        return self._client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        if self._async_client is None:
            inner = self._async_transport or httpx.AsyncHTTPTransport(verify=self._verify_ssl)
            self._async_client = _AsyncPolicyHTTPClient(
                transport=AsyncRetryTransport(inner, self._retry_config), **self._client_kwargs()
            )
        return self._async_client

    def close(self) -> None:
        """Close the pooled connections of the sync client (it is re-created on next use)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    async def aclose(self) -> None:
        """Close the pooled connections of the asyncio client."""
        if self._async_client is not None:
            await self._async_client.aclose()
            self._async_client = None

    def _login(self, credentials: Credentials) -> Token:
        authorized = authorize_api.sync_detailed(
            client=self, body=AuthorizeRequest(username=credentials.username, password=credentials.password)
        )
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return _token_from(authorized, None)
        code = authorized.parsed.data.authorization_code
        issued = access_token_api.sync_detailed(client=self, body=AccessTokenRequest(authorization_code=code))
        return _token_from(authorized, issued)

    async def _async_login(self, credentials: Credentials) -> Token:
        authorized = await authorize_api.asyncio_detailed(
            client=self, body=AuthorizeRequest(username=credentials.username, password=credentials.password)
        )
        if not isinstance(authorized.parsed, AuthorizeResponse):
            return _token_from(authorized, None)
        code = authorized.parsed.data.authorization_code
        issued = await access_token_api.asyncio_detailed(client=self, body=AccessTokenRequest(authorization_code=code))
        return _token_from(authorized, issued)
