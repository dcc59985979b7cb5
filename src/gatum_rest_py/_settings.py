"""A client's options, checked once: every constructor and `Client.with_options` build them here.

A value that cannot work raises ConfigurationError (a ValueError) with one line naming the
argument and what it takes, when the client is built rather than at its first call, where it
would surface as a connection error after retries, or not at all. Values from the environment
(`GATUM_BASE_URL`, `GATUM_PROXY`) arrive here like arguments and meet the same rules::

    build_settings(base_url="https://restapi.gatum.io", timeout="abc", ...)
    # ConfigurationError: timeout: 'abc' is not a number of seconds > 0 (or an httpx.Timeout)
"""

from __future__ import annotations

import dataclasses
import importlib.util
import math
import re
from collections.abc import Mapping
from typing import Any, TypeGuard

import httpx

from ._exceptions import ConfigurationError
from ._proxies import masked_proxy_url, parse_proxy
from ._retry import RetryConfig
from ._tls import VerifyTypes, normalize_base_url, ssl_context
from ._transports import DEFAULT_LIMITS, HTTPBackend, check_backend

__all__ = [
    "HEADERS_RULE",
    "Settings",
    "as_timeout",
    "build_settings",
    "changed_settings",
    "check_asyncio_proxy",
    "headers_fault",
    "positive_seconds",
]

_SOCKS = ("socks5", "socks5h")


@dataclasses.dataclass(frozen=True, repr=False)
class Settings:
    """A Client's options, stored once (`with_options` makes a client from a changed copy)."""

    base_url: str
    timeout: httpx.Timeout
    total_timeout: float | None
    retry: RetryConfig
    verify: Any
    headers: dict[str, str]
    raise_for_status: bool
    transport: httpx.BaseTransport | None
    async_transport: httpx.AsyncBaseTransport | None
    limits: httpx.Limits
    http_backend: HTTPBackend
    proxy: str | None
    trust_env: bool


def build_settings(
    *,
    base_url: str,
    timeout: httpx.Timeout | float | None,
    total_timeout: float | None,
    max_retries: int,
    retry: RetryConfig | None,
    verify: VerifyTypes,
    headers: Mapping[str, str] | None,
    default_headers: Mapping[str, str],
    raise_for_status: bool,
    transport: httpx.BaseTransport | None,
    async_transport: httpx.AsyncBaseTransport | None,
    limits: httpx.Limits | None,
    http_backend: HTTPBackend,
    proxy: str | None,
    trust_env: bool,
) -> Settings:
    """The options of a new client, each checked (ConfigurationError for the first that cannot work)."""
    http_backend = check_backend(http_backend)
    if retry is not None and not isinstance(retry, RetryConfig):
        raise ConfigurationError(f"retry: {retry!r} is not a RetryConfig")
    retries = RetryConfig(max_retries=max_retries)  # checked even when `retry` wins: a typo is still a typo
    if limits is not None and not isinstance(limits, httpx.Limits):
        raise ConfigurationError(f"limits: {limits!r} is not an httpx.Limits")
    # Our own transports speak SOCKS through socksio: the blocking one unless replaced, the
    # asyncio one with the httpx backend; aiohttp takes no SOCKS proxy at all.
    needs_socksio = transport is None or (async_transport is None and http_backend == "httpx")
    aiohttp_asyncio = async_transport is None and http_backend == "aiohttp"
    asyncio_note = ", and http_backend='httpx' for asyncio calls" if aiohttp_asyncio else ""
    return Settings(
        base_url=normalize_base_url(base_url),
        timeout=_timeout(timeout),
        total_timeout=_total_timeout(total_timeout),
        retry=retry if retry is not None else retries,
        verify=ssl_context(verify),
        headers={**default_headers, **_headers("headers", headers)},
        raise_for_status=raise_for_status,
        transport=transport,
        async_transport=async_transport,
        limits=limits if limits is not None else DEFAULT_LIMITS,
        http_backend=http_backend,
        proxy=_proxy(proxy, needs_socksio, asyncio_note),
        trust_env=trust_env,
    )


def changed_settings(
    settings: Settings,
    *,
    timeout: httpx.Timeout | float | None,
    max_retries: int | None,
    extra_headers: Mapping[str, str] | None,
    total_timeout: float | None,
) -> Settings:
    """`settings` with the options `Client.with_options` was given (None: unchanged), by the same rules."""
    changes: dict[str, Any] = {}
    if timeout is not None:
        changes["timeout"] = _timeout(timeout)
    if max_retries is not None:
        changes["retry"] = dataclasses.replace(settings.retry, max_retries=max_retries)
    if extra_headers is not None:
        changes["headers"] = {**settings.headers, **_headers("extra_headers", extra_headers)}
    if total_timeout is not None:
        changes["total_timeout"] = _total_timeout(total_timeout)
    return dataclasses.replace(settings, **changes)


def check_asyncio_proxy(settings: Settings) -> None:
    """For a client that makes asyncio calls only: refuse now a proxy its asyncio backend cannot use.

    `Client` serves blocking calls too, which take any proxy, so it cannot refuse it: its
    asyncio calls raise the same ConfigurationError when they build their pool.
    """
    if settings.proxy is None or settings.async_transport is not None or settings.http_backend != "aiohttp":
        return
    scheme = parse_proxy(settings.proxy).url.scheme
    if scheme != "http":
        raise ConfigurationError(
            f"proxy: {masked_proxy_url(settings.proxy)!r}: http_backend='aiohttp' (the default) takes "
            f"http:// proxies only; pass http_backend='httpx' for {scheme}:// proxies"
        )


def positive_seconds(value: object) -> TypeGuard[float]:
    """Whether `value` is a finite number of seconds > 0 (not a bool, not NaN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def as_timeout(value: object) -> httpx.Timeout | None:
    """`value` as an httpx.Timeout each of whose parts is None or a finite number of seconds > 0;
    None when it cannot be one. The client's `timeout` and a call's `timeout=` both pass here."""
    try:
        timeout = value if isinstance(value, httpx.Timeout) else httpx.Timeout(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, IndexError):  # a tuple of the wrong length
        return None
    parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    return timeout if all(part is None or positive_seconds(part) for part in parts) else None


def _timeout(value: object) -> httpx.Timeout:
    # None is httpx's "no timeout", which worked before these checks: kept, though not advised.
    timeout = as_timeout(value)
    if timeout is None:
        raise ConfigurationError(f"timeout: {value!r} is not a number of seconds > 0 (or an httpx.Timeout)")
    return timeout


def _total_timeout(value: object) -> float | None:
    if value is not None and not positive_seconds(value):
        raise ConfigurationError(f"total_timeout: {value!r} is not a number of seconds > 0")
    return None if value is None else float(value)


HEADERS_RULE = "a mapping of header names to values, both printable ASCII text (no line breaks)"


def headers_fault(value: object) -> str | None:
    """What is wrong with `value` as headers to send (None: nothing), never quoting a value: one
    may be a token. A value httpx cannot encode (non-ASCII) or one with a line break would fail
    once the request is on its way, and a send would then read as one that may have left."""
    if not isinstance(value, Mapping):
        return f"a {type(value).__name__}, not {HEADERS_RULE}"
    for name, text in value.items():
        if not isinstance(name, str) or not _HEADER_NAME.fullmatch(name):
            return f"a header name that is not a token of ASCII letters, digits and !#$%&'*+-.^_`|~: {name!r}"
        if not isinstance(text, str) or not _HEADER_VALUE.fullmatch(text):
            return f"the value of {name!r} is not printable ASCII text on one line (not shown: it may be a secret)"
    return None


_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")


def _headers(argument: str, value: object) -> dict[str, str]:
    if value is None:
        return {}
    fault = headers_fault(value)
    if fault is not None:
        raise ConfigurationError(f"{argument}: {fault}")
    assert isinstance(value, Mapping)  # headers_fault said so
    return {str(name): str(text) for name, text in value.items()}


def _proxy(proxy: str | None, needs_socksio: bool, asyncio_note: str) -> str | None:
    if proxy is None:
        return None
    scheme = parse_proxy(proxy, scheme_required=True).url.scheme
    if scheme in _SOCKS and needs_socksio and importlib.util.find_spec("socksio") is None:
        raise ConfigurationError(
            f"proxy: {masked_proxy_url(proxy)!r} needs the socksio package (pip install socksio){asyncio_note}"
        )
    return proxy
