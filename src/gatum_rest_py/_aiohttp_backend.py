"""The asyncio calls through aiohttp: the default, fast with hundreds in flight.

httpx's own async pool slows down as hundreds of calls wait on it, aiohttp's does not (the route
openai-python takes). The transports here share one `aiohttp.ClientSession` per pool: one for
direct connections and one per proxy, so the connection limit is the client's, whichever route.

`AiohttpTransport` is httpx's transport interface over aiohttp, argument mapping only: one
request in, its whole answer read (the retry policy reads every answer whole anyway: a body cut
short is a failed attempt) and handed to httpx as bytes. It replaced httpx-aiohttp's transport,
whose answers reached httpx through three nested async streams: about 20 µs of CPU per call,
the margin of the 60x target at 200 calls in flight (docs/speed.md).

aiohttp's errors are translated here into the httpx error that says truthfully whether the
request may have been sent: only a connection that was never made is a connect error (the retry
policy repeats those; a send that may have left is never repeated, it would be a second paid SMS).
"""

from __future__ import annotations

import base64
import functools
import ssl
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import ConfigurationError
from ._proxies import masked_proxy_url

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AiohttpTransport", "SharedSession", "aiohttp_transport", "require_aiohttp"]


def require_aiohttp() -> None:
    """ImportError saying what to install when aiohttp is missing."""
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        raise ImportError("http_backend='aiohttp' needs the aiohttp package: pip install aiohttp") from None


class SharedSession:
    # The ClientSession is made at the first request (aiohttp wants it made inside the event
    # loop); every route of one pool gets the same session, hence the same connection limit.
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


@functools.lru_cache(maxsize=64)
def _timeout(connect: float | None, read: float | None, pool: float | None) -> aiohttp.ClientTimeout:
    import aiohttp

    # httpx's pool timeout is aiohttp's wait for a connection (connect), its connect and read
    # timeouts aiohttp's per socket operation ones
    return aiohttp.ClientTimeout(sock_connect=connect, sock_read=read, connect=pool)


def _client_timeout(request: httpx.Request) -> aiohttp.ClientTimeout:
    timeout = request.extensions.get("timeout") or {}
    return _timeout(timeout.get("connect"), timeout.get("read"), timeout.get("pool"))


def _basic(proxy: httpx.Proxy) -> str | None:
    if proxy.raw_auth is None:
        return None
    user, password = proxy.raw_auth
    return "Basic " + base64.b64encode(user + b":" + password).decode("ascii")


def aiohttp_transport(
    context: ssl.SSLContext, limits: httpx.Limits, proxy: httpx.Proxy | None, shared: SharedSession | None = None
) -> httpx.AsyncBaseTransport:
    """An aiohttp transport, direct or through `proxy` (http:// proxies only), sharing `shared`'s session."""
    require_aiohttp()
    session = shared if shared is not None else SharedSession(context, limits)
    if proxy is None:
        return AiohttpTransport(session)
    if proxy.url.scheme != "http":
        raise ConfigurationError(
            f"http_backend='aiohttp' takes http:// proxies only; use http_backend='httpx' for {proxy.url.scheme}://"
        )
    # aiohttp's `proxy_auth` is deprecated: the credentials travel as headers, on the CONNECT
    # (proxy_headers) or, for http:// URLs, on the forwarded request itself (see handle_async_request).
    return AiohttpTransport(session, proxy=proxy)


def _translated(exc: BaseException, request: httpx.Request) -> BaseException:
    """The httpx error that says truthfully whether the request may have been sent."""
    import aiohttp

    if not isinstance(exc, aiohttp.ClientError):
        return exc  # not from aiohttp (e.g. httpx's own UnsupportedProtocol): as it was
    cause = exc
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


class AiohttpTransport(httpx.AsyncBaseTransport):
    """httpx's asyncio transport interface over `session`'s aiohttp session, direct or through `proxy`."""

    def __init__(self, session: SharedSession, *, proxy: httpx.Proxy | None = None) -> None:
        self._session = session
        self._proxy_url: str | None = None
        self._proxy_authorization: str | None = None
        self._proxy_headers: dict[str, str] | None = None
        self._shown = "direct"
        if proxy is not None:
            self._proxy_url = str(proxy.url)  # httpx.Proxy keeps no credentials in it
            self._proxy_authorization = _basic(proxy)
            self._proxy_headers = dict(proxy.headers)
            if self._proxy_authorization is not None:
                self._proxy_headers["Proxy-Authorization"] = self._proxy_authorization
            self._shown = masked_proxy_url(self._proxy_url)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        headers = request.headers.multi_items()
        if self._proxy_authorization is not None and request.url.scheme == "http":
            # A forwarded request carries the proxy's credentials itself; only on the wire, so
            # the caller's request (kept by responses and errors) never holds them.
            headers.append(("Proxy-Authorization", self._proxy_authorization))
        data: Any
        try:
            data = request.content or None
        except httpx.RequestNotRead:  # a streamed body: aiohttp sends it chunked
            data = request.stream
            headers = [(name, value) for name, value in headers if name.lower() != "transfer-encoding"]
        try:
            async with self._session().request(
                request.method,
                str(request.url),
                headers=headers,
                data=data,
                allow_redirects=False,
                auto_decompress=False,  # httpx decodes the body, by its Content-Encoding
                compress=False,
                timeout=_client_timeout(request),
                server_hostname=request.extensions.get("sni_hostname"),
                proxy=self._proxy_url,
                proxy_headers=self._proxy_headers,
            ) as answer:
                content = await answer.read()
        except Exception as exc:
            translated = _translated(exc, request)
            if translated is exc:
                raise
            raise translated  # noqa: B904  # its __cause__ is the aiohttp error, set by _translated
        extensions: dict[str, Any] = {"http_version": b"HTTP/1.1"}
        if answer.reason:
            extensions["reason_phrase"] = answer.reason.encode("latin-1", "replace")
        response = httpx.Response(
            answer.status,
            headers=answer.raw_headers,
            stream=httpx.ByteStream(content),
            request=request,
            extensions=extensions,
        )
        response.read()  # decoded here from the bytes at hand (a blocking read of bytes: no await)
        return response

    async def aclose(self) -> None:
        if self._session.session is not None:
            await self._session.session.close()

    def __repr__(self) -> str:
        return f"AiohttpTransport({self._shown})"
