"""The asyncio calls through aiohttp (via `httpx-aiohttp`): the default, fast with hundreds in flight.

httpx's own async pool slows down as hundreds of calls wait on it, aiohttp's does not (the route
openai-python takes). The transports here share one `aiohttp.ClientSession` per pool: one for
direct connections and one per proxy, so the connection limit is the client's, whichever route.

httpx-aiohttp reports every aiohttp connection error as `httpx.ConnectTimeout` (a server that
closed the connection after reading the request included), which the retry policy takes for
"nothing was sent" and would repeat, sending a billed SMS twice. The errors are therefore
translated again here: only a connection that was never made is a connect error.
"""

from __future__ import annotations

import base64
import ssl
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import ConfigurationError
from ._proxies import masked_proxy_url

if TYPE_CHECKING:
    import aiohttp

__all__ = ["SharedSession", "aiohttp_transport", "aiohttp_transport_class"]


def aiohttp_transport_class() -> Any:
    """httpx-aiohttp's transport class; ImportError saying what to install when it is missing."""
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError:
        raise ImportError(
            "http_backend='aiohttp' needs the httpx-aiohttp package: pip install 'gatum-rest-py[aiohttp]'"
        ) from None
    return AiohttpTransport


class SharedSession:
    # httpx-aiohttp makes its ClientSession at the first request (inside the event loop) from this
    # factory; every route of one pool gets the same session, hence the same connection limit.
    def __init__(self, context: ssl.SSLContext, limits: httpx.Limits) -> None:
        self._context, self._limits = context, limits
        self.session: aiohttp.ClientSession | None = None

    def __call__(self) -> aiohttp.ClientSession:
        if self.session is None:
            import aiohttp

            # httpx's None ("no limit", "never expires") is aiohttp's 0 and None
            connector = aiohttp.TCPConnector(
                limit=self._limits.max_connections or 0,
                keepalive_timeout=self._limits.keepalive_expiry,
                ssl=self._context,
            )
            # trust_env=False: the proxy is chosen here per request (`_proxies`), not looked up by
            # aiohttp in a thread for every request.
            self.session = aiohttp.ClientSession(connector=connector, trust_env=False)
        return self.session


def _basic(proxy: httpx.Proxy) -> str | None:
    if proxy.raw_auth is None:
        return None
    user, password = proxy.raw_auth
    return "Basic " + base64.b64encode(user + b":" + password).decode("ascii")


def aiohttp_transport(
    context: ssl.SSLContext, limits: httpx.Limits, proxy: httpx.Proxy | None, shared: SharedSession | None = None
) -> httpx.AsyncBaseTransport:
    """An aiohttp transport, direct or through `proxy` (http:// proxies only), sharing `shared`'s session."""
    session = shared if shared is not None else SharedSession(context, limits)
    transport_class = aiohttp_transport_class()
    if proxy is None:
        return _SafeAiohttpTransport(transport_class(verify=context, limits=limits, client=session), session)
    if proxy.url.scheme != "http":
        raise ConfigurationError(
            f"http_backend='aiohttp' takes http:// proxies only; use http_backend='httpx' for {proxy.url.scheme}://"
        )
    # aiohttp's `proxy_auth` is deprecated: the credentials travel as headers, on the CONNECT
    # (proxy_headers) or, for http:// URLs, on the forwarded request itself (see handle_async_request).
    basic = _basic(proxy)
    headers = httpx.Headers(proxy.headers)
    if basic is not None:
        headers["Proxy-Authorization"] = basic
    plain = httpx.Proxy(proxy.url, headers=headers)
    inner = transport_class(verify=context, limits=limits, proxy=plain, client=session)
    return _SafeAiohttpTransport(inner, session, proxy_authorization=basic, shown=masked_proxy_url(str(proxy.url)))


def _translated(exc: BaseException, request: httpx.Request) -> BaseException:
    """The httpx error that says truthfully whether the request may have been sent."""
    import aiohttp

    cause = exc if isinstance(exc, aiohttp.ClientError) else exc.__cause__
    if not isinstance(cause, aiohttp.ClientError):
        return exc  # not from aiohttp (e.g. httpx's own UnsupportedProtocol): as it was
    message = f"{type(cause).__name__}: {cause}"
    new: httpx.TransportError
    if isinstance(cause, aiohttp.ClientHttpProxyError):  # the proxy refused the tunnel: nothing reached the API
        new = httpx.ProxyError(message, request=request)
        new.__cause__, new.__suppress_context__ = None, True  # its request_info holds Proxy-Authorization
        return new
    if isinstance(cause, aiohttp.ClientConnectorError):  # DNS, refused (proxy too), TLS handshake: nothing sent
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

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        session: SharedSession,
        *,
        proxy_authorization: str | None = None,
        shown: str = "direct",
    ) -> None:
        self._inner = inner
        self._session = session
        self._proxy_authorization = proxy_authorization
        self._shown = shown

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        sent = request
        if self._proxy_authorization is not None and request.url.scheme == "http":
            # A forwarded request carries the proxy's credentials itself; on a copy, so the
            # caller's request (kept by responses and errors) never holds them.
            headers = request.headers.copy()
            headers["Proxy-Authorization"] = self._proxy_authorization
            try:
                body: dict[str, Any] = {"content": request.content}
            except httpx.RequestNotRead:  # a streamed body: passed on as a stream
                body = {"stream": request.stream}
            sent = httpx.Request(request.method, request.url, headers=headers, extensions=request.extensions, **body)
        try:
            response = await self._inner.handle_async_request(sent)
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
        if self._session.session is not None:
            await self._session.session.close()

    def __repr__(self) -> str:
        return f"AiohttpTransport({self._shown})"
