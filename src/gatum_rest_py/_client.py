"""`Client`: what the generated endpoints need (`gatum_client.client.ClientLike`), with the policy built in.

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
import functools
import os
import threading
import weakref
from collections.abc import AsyncGenerator, Callable
from typing import Any, TypeVar

import httpx
from gatum_client.types import OPTIONS, PARSE_LATER

from ._auth import Credentials, TokenAuth
from ._body import judge
from ._config import from_environment, proxy_from_environment
from ._exceptions import ConfigurationError
from ._http import AsyncPolicyHTTPClient, PolicyHTTPClient, raises_for_status
from ._login import async_login, login
from ._loop_end import close_when_loop_ends
from ._process_local import ProcessLocal
from ._proxies import masked_proxy_url
from ._retry import DEFAULT_MAX_RETRIES, AsyncRetryTransport, RetryConfig, RetryTransport
from ._settings import Settings, build_settings, changed_settings
from ._tls import VerifyTypes, warn_if_cleartext
from ._transports import DEFAULT_HTTP_BACKEND, HTTPBackend, async_transport, sync_transport
from ._validation import check_token

__version__ = "2.0.0"

T = TypeVar("T")

_INHERITED: list[object] = []
"""In a forked child: what its clients held in the parent (see `Client._forked`)."""

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
"""30 s to read an answer, 10 s to connect: finite, so no call can hang forever."""


class Client(ProcessLocal):
    """The client for `gatum_client`'s endpoint functions: auth, retries, timeouts and typed errors (sync and asyncio).

    Authenticate with `access_token=...`, or with `username=...` and `password=...` (the client
    then logs in by itself when a call needs the token, and again when the token expires or is
    refused), or with neither and pass the token per call through `GatumRESTAPI`. Left out,
    `base_url`, the token and the credentials come from `GATUM_BASE_URL`, `GATUM_TOKEN`,
    `GATUM_USERNAME` and `GATUM_PASSWORD`.

    It composes httpx clients with this package's policy (`_http`, `_auth`, `_retry`,
    `_transports`); every httpx client it hands out (`get_httpx_client()`,
    `get_async_httpx_client()`) carries the policy. One instance keeps one connection pool for
    blocking calls and one per event loop for asyncio calls, so it may serve threads and
    successive `asyncio.run()` jobs alike; a forked child process (pre-fork servers, Celery,
    multiprocessing) gets pools of its own on first use, never its parent's sockets.
    `total_timeout` (seconds) bounds a whole call, retries and slow answers included.

    `limits` sizes the connection pools (default `DEFAULT_LIMITS`); the asyncio calls go through
    aiohttp by default (`http_backend="httpx"` for httpx's own pool). `proxy` sends every request
    through that proxy; without it, `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY`/`NO_PROXY` are honoured
    (`trust_env=False` ignores them), as `requests` did.
    """

    raise_on_unexpected_status = False
    """For `gatum_client.client.ClientLike`: an undocumented answer is judged by `parse_body`."""

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
        http_backend: HTTPBackend = DEFAULT_HTTP_BACKEND,
        proxy: str | None = None,
        trust_env: bool = True,
    ) -> None:
        base_url, access_token, username, password = from_environment(base_url, access_token, username, password)
        if (username is None) != (password is None):
            raise ConfigurationError("give both username and password, or neither")
        if access_token is not None and username is not None:
            raise ConfigurationError("give either access_token or username/password, not both")
        for name, value in (("username", username), ("password", password)):
            if value is not None and not isinstance(value, str):  # else refused at login, as a wrong password
                raise ConfigurationError(f"{name}: must be a str, not {type(value).__name__}")  # never the value
        if access_token is not None:
            check_token(access_token)
        settings = build_settings(
            base_url=base_url,
            timeout=timeout,
            total_timeout=total_timeout,
            max_retries=max_retries,
            retry=retry,
            verify=verify,
            headers=headers,
            default_headers={"User-Agent": f"gatum-rest-py/{__version__}"},
            raise_for_status=raise_for_status,
            transport=transport,
            async_transport=async_transport,
            limits=limits,
            http_backend=http_backend,
            proxy=proxy_from_environment(proxy),
            trust_env=trust_env,
        )
        credentials = Credentials(username, password) if username is not None and password is not None else None
        auth = TokenAuth(
            access_token=access_token,
            credentials=credentials,
            login=lambda c, deadline: login(self, c, deadline),
            async_login=lambda c, deadline: async_login(self, c, deadline),
        )
        self._setup(settings, auth)
        warn_if_cleartext(settings.base_url)  # a token given per call (the old API's way) travels too

    def _setup(self, settings: Settings, auth: TokenAuth) -> None:
        self._settings = settings
        self._auth = auth
        self._pid = os.getpid()
        self._pool_lock = threading.Lock()
        # The blocking pool, in a slot the client's finalizer sees without holding the client: a
        # client dropped without close() (a `with_options` twin made per call, typically) closes it
        # as it goes, rather than leave its sockets for the collector to warn about.
        self._sync = _PoolSlot()
        weakref.finalize(self, self._sync.close)
        self._async_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncPolicyHTTPClient] = (
            weakref.WeakKeyDictionary()
        )
        self._pool_closers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncGenerator[None, None]] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        proxy = "" if self._settings.proxy is None else f", proxy={masked_proxy_url(self._settings.proxy)!r}"
        base_url = masked_proxy_url(self._settings.base_url)  # a user:password@ in it stays out of sight too
        return f"{type(self).__name__}(base_url={base_url!r}{proxy}, auth={self._auth!r})"

    @property
    def base_url(self) -> str:
        return self._settings.base_url

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

        It shares this client's token (no second login); it has connection pools of its own,
        closed by `close()` or when it is dropped: make it once and reuse it, rather than one per call.
        """
        settings = changed_settings(
            self._settings,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
            total_timeout=total_timeout,
        )
        twin = object.__new__(type(self))
        twin._setup(settings, self._auth)
        return twin

    def with_headers(self, headers: dict[str, str]) -> Client:
        """A new client like this one, with additional headers (see `with_options`)."""
        return self.with_options(extra_headers=headers)

    def with_timeout(self, timeout: httpx.Timeout) -> Client:
        """A new client like this one, with another timeout (see `with_options`)."""
        return self.with_options(timeout=timeout)

    def parse_body(self, response: httpx.Response, parse: Callable[[], T]) -> T | None:
        """Parse an answer by this package's rules (see `_body`): typed errors or a kept body.

        A call whose options say `parse_later` gets None, and the parse, ready to run, in the
        answer's extensions (`PARSE_LATER`)."""
        strict = raises_for_status(response.request, self._settings.raise_for_status)
        options = response.request.extensions.get(OPTIONS)
        if options is not None and options.parse_later:
            response.extensions[PARSE_LATER] = functools.partial(judge, response, parse, strict=strict)
            return None
        result: T = judge(response, parse, strict=strict)
        return result

    def _client_kwargs(self) -> dict[str, Any]:
        settings = self._settings
        return {
            "base_url": settings.base_url,
            "headers": settings.headers,
            "timeout": settings.timeout,
            "auth": self._auth,
            "follow_redirects": False,
            "trust_env": False,  # the environment's proxies are the transports' business (`_transports`)
            "raise_for_status": settings.raise_for_status,
            "total_timeout": settings.total_timeout,
        }

    def _forked(self) -> bool:
        # redis-py's pid check: a child must not use (or close) the sockets it inherited.
        if self._pid == os.getpid():
            return False
        # The parent's pools stay referenced, never used nor closed here: dropped, they would be
        # collected and warn of unclosed sockets that are the parent's to close.
        _INHERITED.append((self._sync, self._async_pools, self._pool_closers))
        self._setup(self._settings, self._auth)  # the token's locks check the pid themselves (after_fork)
        return True

    def get_httpx_client(self) -> httpx.Client:
        """The blocking httpx client, with this client's policy (built on first use)."""
        client = self._sync.pool
        if self._forked() or client is None:  # the pid first: a twin's first call in a child has no pool yet
            with self._pool_lock:  # twenty threads starting at once still make one pool
                client = self._sync.pool
                if client is None:
                    settings = self._settings
                    inner = settings.transport or sync_transport(
                        settings.verify, settings.limits, proxy=settings.proxy, trust_env=settings.trust_env
                    )
                    client = self._sync.pool = PolicyHTTPClient(
                        transport=RetryTransport(inner, settings.retry), **self._client_kwargs()
                    )
        return client

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The asyncio httpx client of the running event loop, with this client's policy."""
        # A pool belongs to the event loop its connections were made in: one pool per loop.
        loop = asyncio.get_running_loop()
        if not self._forked():
            client = self._async_pools.get(loop)
            if client is not None:  # this loop's pool: the path of every call but the first
                return client
        with self._pool_lock:
            # A pool holds its loop, so a closed loop's entry never leaves the weak mapping by
            # itself: drop it (its sockets close with it), or each asyncio.run job leaks one.
            for closed in [other for other in self._async_pools if other.is_closed()]:
                del self._async_pools[closed]
                self._pool_closers.pop(closed, None)
            client = self._async_pools.get(loop)
            if client is None:
                settings = self._settings
                inner = settings.async_transport or async_transport(
                    settings.verify,
                    settings.limits,
                    settings.http_backend,
                    proxy=settings.proxy,
                    trust_env=settings.trust_env,
                )
                client = self._async_pools[loop] = AsyncPolicyHTTPClient(
                    transport=AsyncRetryTransport(inner, settings.retry), **self._client_kwargs()
                )
                self._pool_closers[loop] = close_when_loop_ends(client)
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
        if self._forked():
            return  # what there was belongs to the parent process
        with self._pool_lock:
            client, self._sync.pool = self._sync.pool, None
            pools = list(self._async_pools.items())
            self._async_pools.clear()
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
        if self._forked():
            return
        loop = asyncio.get_running_loop()
        with self._pool_lock:
            pool = self._async_pools.pop(loop, None)
            for other in [other for other in self._async_pools if other.is_closed()]:
                del self._async_pools[other]
        if pool is not None:
            await pool.aclose()


class _PoolSlot:
    """A client's blocking pool (None until first used, and after close())."""

    __slots__ = ("pool",)

    def __init__(self) -> None:
        self.pool: PolicyHTTPClient | None = None

    def close(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.close()


def _loop_running_here() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
