"""The HTTP transports under `Client`'s retry policy, built with the client's TLS settings, limits and proxy.

* Blocking calls: httpcore's pool behind our own transport (`_pool`), every socket operation
  bounded by the call's deadline.
* asyncio calls: aiohttp by default (`DEFAULT_HTTP_BACKEND`, see
  `_aiohttp_backend`), which stays fast with hundreds of calls in flight; or httpx's own pool
  with `http_backend="httpx"`.

Either way the transport sends through `proxy` when given, else, with `trust_env`, through the
proxy the environment names for the request's URL (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`,
`NO_PROXY`; see `_proxies`)::

    sync_transport(ssl_context(True), DEFAULT_LIMITS, proxy="http://user:pw@proxy.internal:3128")
    async_transport(ssl_context(True), httpx.Limits(max_connections=200), "aiohttp")
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Literal

import httpx

from ._aiohttp_backend import SharedSession, aiohttp_transport, require_aiohttp
from ._exceptions import ConfigurationError
from ._pool import PoolTransport
from ._proxies import AsyncProxyRouter, ProxyRouter, choose_proxies, masked_proxy_url

__all__ = [
    "DEFAULT_HTTP_BACKEND",
    "DEFAULT_LIMITS",
    "HTTP_BACKENDS",
    "HTTPBackend",
    "async_transport",
    "check_backend",
    "masked_proxy_url",
    "sync_transport",
]

HTTPBackend = Literal["httpx", "aiohttp"]
HTTP_BACKENDS: tuple[HTTPBackend, ...] = ("httpx", "aiohttp")

DEFAULT_HTTP_BACKEND: HTTPBackend = "aiohttp"
"""The asyncio backend of a default install: aiohttp, 40-70x the sync rate with 50-200 calls in flight."""

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
"""httpx's own defaults: at most 100 connections, 20 of them kept open when idle, for 5 s."""


def check_backend(http_backend: str) -> HTTPBackend:
    """`http_backend` if it is a known backend (and installed); ConfigurationError / ImportError otherwise."""
    if http_backend not in HTTP_BACKENDS:
        raise ConfigurationError(f"http_backend: {http_backend!r} is not one of {', '.join(HTTP_BACKENDS)}")
    if http_backend == "aiohttp":
        require_aiohttp()
    return "aiohttp" if http_backend == "aiohttp" else "httpx"


def _context(verify: ssl.SSLContext | str | bool, trust_env: bool) -> ssl.SSLContext:
    # One context for every route of a pool; with trust_env, SSL_CERT_FILE / SSL_CERT_DIR apply
    # to verify=True, as in httpx.
    return (
        verify if isinstance(verify, ssl.SSLContext) else httpx.create_ssl_context(verify=verify, trust_env=trust_env)
    )


def sync_transport(
    verify: ssl.SSLContext | str | bool, limits: httpx.Limits, *, proxy: str | None = None, trust_env: bool = True
) -> httpx.BaseTransport:
    """httpcore's pool with these TLS settings and limits, every socket operation bounded by the call's
    deadline (`_deadline`), through `proxy` or the environment's proxies (with `trust_env`)."""
    context = _context(verify, trust_env)
    choice = choose_proxies(proxy, trust_env)
    if choice is None or isinstance(choice, httpx.Proxy):
        return PoolTransport(context, limits, choice)
    return ProxyRouter(
        choice, PoolTransport(context, limits), choice.build(lambda through: PoolTransport(context, limits, through))
    )


def async_transport(
    verify: ssl.SSLContext | str | bool,
    limits: httpx.Limits,
    http_backend: HTTPBackend,
    *,
    proxy: str | None = None,
    trust_env: bool = True,
) -> httpx.AsyncBaseTransport:
    """The asyncio connection pool of `http_backend`, with these TLS settings and limits, through
    `proxy` or the environment's proxies (with `trust_env`)."""
    context = _context(verify, trust_env)
    make: Callable[[httpx.Proxy | None], httpx.AsyncBaseTransport]
    if http_backend == "aiohttp":
        shared = SharedSession(context, limits)  # every route draws on one connection limit

        def make(through: httpx.Proxy | None) -> httpx.AsyncBaseTransport:
            return aiohttp_transport(context, limits, through, shared)

    else:

        def make(through: httpx.Proxy | None) -> httpx.AsyncBaseTransport:
            return httpx.AsyncHTTPTransport(verify=context, limits=limits, proxy=through)

    choice = choose_proxies(proxy, trust_env)
    if choice is None or isinstance(choice, httpx.Proxy):
        return make(choice)
    return AsyncProxyRouter(choice, make(None), choice.build(make))
