"""The HTTP transports under `Client`'s retry policy: httpx's own, or aiohttp's for many concurrent calls.

`Client(..., http_backend="aiohttp")` (and the facades' same option) sends the asyncio calls
through aiohttp, via the `httpx-aiohttp` package (`pip install 'gatum-rest-py[aiohttp]'`), the
route openai-python takes: httpx's own async pool slows down as hundreds of calls wait on it,
aiohttp's does not. The blocking calls always use httpx. Either way the transport is built here
with the client's TLS settings (`verify`) and pool `limits`, and the retry policy wraps it::

    async with AsyncGatumRESTAPI(url, http_backend="aiohttp", limits=httpx.Limits(max_connections=200)) as api:
        await asyncio.gather(*(api.send_sms(token, [n], "Verify", "hi") for n in numbers))

httpx-aiohttp reports every aiohttp connection error as `httpx.ConnectTimeout` (a server that
closed the connection after reading the request included), which the retry policy takes for
"nothing was sent" and would repeat, sending a billed SMS twice. The errors are therefore
translated again here: only a connection that was never made is a connect error.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import AsyncIterator, Iterable
from typing import Any, Literal

import httpcore
import httpx

from ._retry import ATTEMPT_DEADLINE

HTTPBackend = Literal["httpx", "aiohttp"]
HTTP_BACKENDS: tuple[HTTPBackend, ...] = ("httpx", "aiohttp")

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)
"""httpx's own defaults: at most 100 connections, 20 of them kept open when idle, for 5 s."""


def check_backend(http_backend: str) -> HTTPBackend:
    """`http_backend` if it is a known backend (and installed); ValueError / ImportError otherwise."""
    if http_backend not in HTTP_BACKENDS:
        raise ValueError(f"http_backend must be one of {', '.join(HTTP_BACKENDS)}, not {http_backend!r}")
    if http_backend == "aiohttp":
        _aiohttp_transport_class()
    return "aiohttp" if http_backend == "aiohttp" else "httpx"


def sync_transport(verify: ssl.SSLContext | str | bool, limits: httpx.Limits) -> httpx.BaseTransport:
    """httpx's connection pool with these TLS settings and limits, and every socket operation
    bounded by the call's total deadline (see `_DeadlineBackend`)."""
    transport = httpx.HTTPTransport(verify=verify, limits=limits)
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend):  # httpx/httpcore internals: checked, not assumed
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


def _capped(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = ATTEMPT_DEADLINE.get()
    if deadline is None:
        return timeout
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise error("the call's total deadline passed")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    # A server that trickles a byte at a time never trips a per-read timeout, headers included:
    # each read may wait only for what is left of the call's deadline.
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's blocking network backend, with each socket operation bounded by `ATTEMPT_DEADLINE`."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_tcp(host, port, capped, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        capped = _capped(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, capped, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def async_transport(
    verify: ssl.SSLContext | str | bool, limits: httpx.Limits, http_backend: HTTPBackend
) -> httpx.AsyncBaseTransport:
    """The asyncio connection pool of `http_backend`, with these TLS settings and limits."""
    if http_backend == "aiohttp":
        return _SafeAiohttpTransport(_aiohttp_transport_class()(verify=verify, limits=limits))
    return httpx.AsyncHTTPTransport(verify=verify, limits=limits)


def _aiohttp_transport_class() -> Any:
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError:
        raise ImportError(
            "http_backend='aiohttp' needs the httpx-aiohttp package: pip install 'gatum-rest-py[aiohttp]'"
        ) from None
    return AiohttpTransport


def _translated(exc: BaseException, request: httpx.Request) -> BaseException:
    """The httpx error that says truthfully whether the request may have been sent."""
    import aiohttp

    cause = exc if isinstance(exc, aiohttp.ClientError) else exc.__cause__
    if not isinstance(cause, aiohttp.ClientError):
        return exc  # not from aiohttp (e.g. httpx's own UnsupportedProtocol): as it was
    message = f"{type(cause).__name__}: {cause}"
    new: httpx.TransportError
    if isinstance(cause, aiohttp.ClientConnectorError):  # DNS, refused, TLS handshake: nothing sent
        new = httpx.ConnectError(message, request=request)
    elif isinstance(cause, aiohttp.ConnectionTimeoutError):  # no connection within the connect timeout
        new = httpx.ConnectTimeout(message, request=request)
    elif isinstance(cause, aiohttp.ServerTimeoutError):  # the request was sent, no answer in time
        new = httpx.ReadTimeout(message, request=request)
    elif isinstance(cause, aiohttp.InvalidURL):
        new = httpx.UnsupportedProtocol(message, request=request)
    else:  # disconnected, reset, a broken answer: the request may have left
        new = httpx.ReadError(message, request=request)
    # aiohttp's certificate error poses as an ssl.SSLError without its details: chain the TLS
    # error itself, so the retry policy and the message see it (`_tls.tls_failure`).
    tls = getattr(cause, "certificate_error", None) or cause.__cause__
    new.__cause__ = tls if isinstance(tls, ssl.SSLError) else cause
    return new


class _TranslatedStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, request: httpx.Request) -> None:
        self._inner = inner
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                yield chunk
        except Exception as exc:
            translated = _translated(exc, self._request)
            if translated is exc:
                raise
            raise translated  # noqa: B904  # its __cause__ is the aiohttp error, set by _translated

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        except Exception as exc:
            translated = _translated(exc, self._request)
            if translated is exc:
                raise
            raise translated  # noqa: B904  # its __cause__ is the aiohttp error, set by _translated


class _SafeAiohttpTransport(httpx.AsyncBaseTransport):
    """httpx-aiohttp's transport, with its errors translated (see the module docstring)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as exc:
            translated = _translated(exc, request)
            if translated is exc:
                raise
            raise translated  # noqa: B904  # its __cause__ is the aiohttp error, set by _translated
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _TranslatedStream(response.stream, request)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
