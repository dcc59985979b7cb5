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

import asyncio
import dataclasses
import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
from gatum_client import AuthenticatedClient

from ._auth import TOKEN_HEADER, Credentials, TokenAuth
from ._body import judge
from ._config import from_environment
from ._http import _AsyncPolicyHTTPClient, _PolicyHTTPClient, last_response
from ._login import async_login, login, strict_parsing
from ._retry import DEFAULT_MAX_RETRIES, AsyncRetryTransport, RetryConfig, RetryTransport
from ._tls import VerifyTypes, normalize_base_url, ssl_context, warn_if_cleartext
from ._transports import DEFAULT_LIMITS, HTTPBackend, async_transport, check_backend, sync_transport
from ._validation import check_token

__version__ = "2.0.0"

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""30 s to read an answer, 10 s to connect: finite, so no call can hang forever."""


class Client(AuthenticatedClient):
    """A `gatum_client` client with auth, retries, timeouts and typed errors (sync and asyncio).

    Authenticate with `access_token=...`, or with `username=...` and `password=...` (the client
    then logs in by itself when a call needs the token, and again when the token expires or is
    refused), or with neither and pass the token per call through `GatumRESTAPI`. Left out,
    `base_url`, the token and the credentials come from `GATUM_BASE_URL`, `GATUM_TOKEN`,
    `GATUM_USERNAME` and `GATUM_PASSWORD`.

    One instance keeps one connection pool for blocking calls and one per event loop for asyncio
    calls, so it may serve threads and successive `asyncio.run()` jobs alike. `total_timeout`
    (seconds) bounds a whole call, retries and slow answers included.

    `limits` sizes the connection pools (default `DEFAULT_LIMITS`: 100 connections, 20 kept
    idle), with `verify` kept; `http_backend="aiohttp"` sends the asyncio calls through aiohttp
    (`pip install 'gatum-rest-py[aiohttp]'`), which stays fast with hundreds of concurrent calls.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        access_token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        total_timeout: float | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry: RetryConfig | None = None,
        verify: VerifyTypes = True,
        headers: dict[str, str] | None = None,
        raise_for_status: bool = True,
        transport: httpx.BaseTransport | None = None,
        async_transport: httpx.AsyncBaseTransport | None = None,
        limits: httpx.Limits | None = None,
        http_backend: HTTPBackend = "httpx",
    ) -> None:
        http_backend = check_backend(http_backend)
        base_url, access_token, username, password = from_environment(base_url, access_token, username, password)
        if (username is None) != (password is None):
            raise ValueError("give both username and password, or neither")
        if access_token is not None and username is not None:
            raise ValueError("give either access_token or username/password, not both")
        if access_token is not None:
            check_token(access_token)
        if total_timeout is not None and not total_timeout > 0:
            raise ValueError("total_timeout must be a positive number of seconds")
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
            "total_timeout": total_timeout,
            "retry": retry if retry is not None else RetryConfig(max_retries=max_retries),
            "verify": verify,
            "headers": dict(headers or {}),
            "raise_for_status": raise_for_status,
            "transport": transport,
            "async_transport": async_transport,
            "limits": limits,
            "http_backend": http_backend,
        }
        self._retry_config = self._options["retry"]
        self._raise_for_status = raise_for_status
        self._total_timeout = total_timeout
        self._transport = transport
        self._async_transport = async_transport
        self._limits = limits if limits is not None else DEFAULT_LIMITS
        self._http_backend = http_backend
        self._pool_lock = threading.Lock()
        self._async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = (
            weakref.WeakKeyDictionary()
        )
        credentials = Credentials(username, password) if username is not None and password is not None else None
        self._auth = TokenAuth(
            access_token=access_token,
            credentials=credentials,
            login=lambda c: login(self, c, last_response.get),
            async_login=lambda c: async_login(self, c, last_response.get),
        )
        if access_token is not None or credentials is not None:
            warn_if_cleartext(self._base_url)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._base_url!r}, auth={self._auth!r})"

    # The generated versions rebuild the client with attrs' evolve(), which cannot call this
    # __init__; these build a new Client with the same options instead.
    def with_headers(self, headers: dict[str, str]) -> Client:
        """A new client like this one, with additional headers (see `with_options`)."""
        return self.with_options(extra_headers=headers)

    def with_timeout(self, timeout: httpx.Timeout) -> Client:
        """A new client like this one, with another timeout (see `with_options`)."""
        return self.with_options(timeout=timeout)

    def with_options(
        self,
        *,
        timeout: httpx.Timeout | float | None = None,
        max_retries: int | None = None,
        extra_headers: dict[str, str] | None = None,
        total_timeout: float | None = None,
    ) -> Client:
        """A client like this one with some options changed, for the calls made with it::

            fast = client.with_options(timeout=5, max_retries=0)
            account_info.sync_or_raise(client=fast)

        It shares this client's token (no second login); it has connection pools of its own.
        """
        options = dict(self._options)
        if timeout is not None:
            options["timeout"] = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        if max_retries is not None:
            options["retry"] = dataclasses.replace(self._retry_config, max_retries=max_retries)
        if extra_headers is not None:
            options["headers"] = {**options["headers"], **extra_headers}
        if total_timeout is not None:
            options["total_timeout"] = total_timeout
        twin = type(self)(self._base_url, **options)
        twin._auth = self._auth
        return twin

    def with_cookies(self, cookies: dict[str, str]) -> Client:
        raise NotImplementedError("the Gatum API uses no cookies")

    @property
    def base_url(self) -> str:
        return self._base_url

    def parse_body(self, response: httpx.Response, parse: Callable[[], T]) -> T:
        """Parse an answer by this package's rules (see `_body`): typed errors or a kept body."""
        result: T = judge(response, parse, strict=self._raise_for_status or strict_parsing.get())
        return result

    def _client_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "headers": self._headers,
            "cookies": self._cookies,
            "timeout": self._timeout,
            "auth": self._auth,
            "follow_redirects": False,
            "raise_for_status": self._raise_for_status,
            "total_timeout": self._total_timeout,
        }

    def get_httpx_client(self) -> httpx.Client:
        client = self._client
        if client is None:
            with self._pool_lock:  # twenty threads starting at once still make one pool
                client = self._client
                if client is None:
                    inner = self._transport or sync_transport(self._verify_ssl, self._limits)
                    client = self._client = _PolicyHTTPClient(
                        transport=RetryTransport(inner, self._retry_config), **self._client_kwargs()
                    )
        return client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        # A pool belongs to the event loop its connections were made in: one pool per loop.
        loop = asyncio.get_running_loop()
        with self._pool_lock:
            # A pool holds its loop, so a closed loop's entry never leaves the weak mapping by
            # itself: drop it (its sockets close with it), or each asyncio.run job leaks one.
            for closed in [other for other in self._async_clients if other.is_closed()]:
                del self._async_clients[closed]
            client = self._async_clients.get(loop)
            if client is None:
                inner = self._async_transport or async_transport(self._verify_ssl, self._limits, self._http_backend)
                client = self._async_clients[loop] = _AsyncPolicyHTTPClient(
                    transport=AsyncRetryTransport(inner, self._retry_config), **self._client_kwargs()
                )
        return client

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def close(self) -> None:
        """Close the pooled connections (re-created on next use), the asyncio ones where possible."""
        with self._pool_lock:
            client, self._client = self._client, None
            pools = list(self._async_clients.items())
            self._async_clients.clear()
        if client is not None:
            client.close()
        for loop, pool in pools:
            if loop.is_closed():
                continue  # its sockets went with the loop
            if loop.is_running():  # cannot wait for it from here: let its loop close it
                asyncio.run_coroutine_threadsafe(pool.aclose(), loop)
            elif not _loop_running_here():  # an idle loop: close its pool in it
                loop.run_until_complete(pool.aclose())
            # else: another loop runs in this thread and the idle one cannot be run: the pool is
            # dropped and its sockets close with it.

    async def aclose(self) -> None:
        """Close the pooled connections of this event loop (and forget those of closed loops)."""
        loop = asyncio.get_running_loop()
        with self._pool_lock:
            pool = self._async_clients.pop(loop, None)
            for other in [other for other in self._async_clients if other.is_closed()]:
                del self._async_clients[other]
        if pool is not None:
            await pool.aclose()


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
