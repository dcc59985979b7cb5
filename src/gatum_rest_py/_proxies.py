"""Which proxy a request goes through: the one given, or the one the environment names (as requests did).

`proxy=` (or `GATUM_PROXY`, see `_config.proxy_from_environment`) sends every request through that
proxy. Otherwise, with `trust_env` (the default), the environment decides per request URL:

* `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` (lower case too, and it wins), read with the standard
  library's `urllib.request.getproxies()` (on macOS and Windows: the system settings when the
  environment names none); a URL without a scheme is `http://`;
* `NO_PROXY`: a comma-separated list of `*` (no proxy at all), host names (the host and its
  subdomains: `example.com`, `.example.com`, `*.example.com`), IP addresses and networks
  (`127.0.0.1`, `10.0.0.0/8`, `::1`), each optionally with `:port`.

The environment is read once, when the connection pool is made (the first call), as httpx does.

Proxy URLs may carry credentials (`http://user:pw@proxy:3128`): they reach the proxy as
`Proxy-Authorization` (or the SOCKS handshake) and nowhere else; `masked_proxy_url` is the form
for messages and reprs.
"""

from __future__ import annotations

import ipaddress
import urllib.request
from collections.abc import Callable
from typing import TypeVar

import httpx

from ._exceptions import ConfigurationError
from ._redact import MASK, split_userinfo

__all__ = [
    "PROXY_SCHEMES",
    "AsyncProxyRouter",
    "ProxyRouter",
    "ProxyRoutes",
    "choose_proxies",
    "masked_proxy_url",
    "parse_proxy",
]

PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")

T = TypeVar("T")
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_MAX_CACHED_ROUTES = 256
_DEFAULT_PORTS = {"http": 80, "https": 443}


def masked_proxy_url(url: str) -> str:
    """`url` with its password (or a lone user part, often a token) replaced by `[secure]`.

    Plain string work, so that even a URL too broken to parse is never shown with its secret::

        >>> masked_proxy_url("http://user:pw@proxy:3128")
        'http://user:[secure]@proxy:3128'
    """
    split = split_userinfo(url)
    if split is None:
        return url
    head, userinfo, tail = split
    user, colon, _ = userinfo.partition(":")
    shown = f"{user}:{MASK}" if colon else MASK
    return f"{head}{shown}@{tail}"


def parse_proxy(url: str, *, scheme_required: bool = False) -> httpx.Proxy:
    """An `httpx.Proxy` for `url` (credentials moved out of the URL); ValueError, without the secret, if unusable.

    A URL without a scheme is `http://` (the environment's variables), unless `scheme_required`
    (a proxy given to the client: there a missing scheme is more often a typo than a shorthand).
    """
    if not isinstance(url, str) or (scheme_required and "://" not in url):
        proxy = None
    else:
        text = url.strip()
        if "://" not in text:
            text = "http://" + text
        try:
            proxy = httpx.Proxy(text)
        except (ValueError, httpx.InvalidURL):
            proxy = None  # the parser's own message may quote the URL, credentials included
    if proxy is None or not proxy.url.host:
        shown = masked_proxy_url(url) if isinstance(url, str) else url
        raise ConfigurationError(
            f"proxy: {shown!r} is not a proxy URL such as http://proxy:3128 "
            f"(scheme {', '.join(PROXY_SCHEMES[:-1])} or {PROXY_SCHEMES[-1]}, and a host)"
        )
    return proxy


def _split_port(entry: str) -> tuple[str, int | None]:
    if entry.startswith("["):  # [v6] or [v6]:port
        host, _, rest = entry[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    host, colon, port = entry.rpartition(":")
    if colon and host.count(":") == 0 and port.isdigit():
        return host, int(port)
    return entry, None


class ProxyRoutes:
    """The environment's proxies: for each request URL the key of its proxy in `proxies`, or None (direct)."""

    def __init__(self, by_scheme: dict[str, str], no_proxy: str) -> None:
        self.proxies: dict[str, httpx.Proxy | ValueError] = {}
        for url in by_scheme.values():
            if url not in self.proxies:
                try:
                    self.proxies[url] = parse_proxy(url)
                except ValueError as exc:  # said at the first request it would serve, not before
                    self.proxies[url] = exc
        self._by_scheme = by_scheme
        self._bypass_all = False
        self._names: list[tuple[str, int | None]] = []
        self._networks: list[tuple[_Network, int | None]] = []
        for raw in no_proxy.replace(" ", ",").split(","):
            self._add_exception(raw.strip().lower())
        self._cache: dict[tuple[str, str, int | None], str | None] = {}

    def _add_exception(self, entry: str) -> None:
        if not entry:
            return
        if entry == "*":
            self._bypass_all = True
            return
        entry = entry.split("://", 1)[-1].rstrip("/")
        host, port = _split_port(entry)
        try:
            self._networks.append((ipaddress.ip_network(host, strict=False), port))
        except ValueError:
            self._names.append((host.lstrip("*").lstrip("."), port))

    @classmethod
    def from_environment(cls) -> ProxyRoutes | None:
        """The routes the environment asks for, or None when it names no proxy for http(s)."""
        found = urllib.request.getproxies()
        by_scheme = {scheme: found[scheme] for scheme in ("http", "https", "all") if found.get(scheme)}
        return cls(by_scheme, found.get("no", "")) if by_scheme else None

    def key_for(self, url: httpx.URL) -> str | None:
        """The key in `proxies` of the proxy for `url`, None for a direct connection."""
        where = (url.scheme, url.host, url.port)
        try:
            return self._cache[where]
        except KeyError:
            pass
        port = url.port if url.port is not None else _DEFAULT_PORTS.get(url.scheme)
        key = None if self._bypassed(url.host, port) else self._by_scheme.get(url.scheme, self._by_scheme.get("all"))
        if len(self._cache) >= _MAX_CACHED_ROUTES:  # many hosts (URLs given per call): start again
            self._cache.clear()
        self._cache[where] = key
        return key

    def _bypassed(self, host: str, port: int | None) -> bool:
        if self._bypass_all:
            return True
        host = host.lower().strip("[]")
        try:
            address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if address is not None:  # an address is matched by networks only, never as a name's suffix
            return any(address in network and only_port in (None, port) for network, only_port in self._networks)
        return any(
            (host == name or host.endswith("." + name)) and only_port in (None, port) for name, only_port in self._names
        )

    def build(self, make: Callable[[httpx.Proxy], T]) -> dict[str, T | ValueError]:
        """`make(proxy)` for each proxy; a proxy this backend cannot use becomes the error to raise when used."""
        made: dict[str, T | ValueError] = {}
        for key, proxy in self.proxies.items():
            if isinstance(proxy, ValueError):
                made[key] = proxy
                continue
            try:
                made[key] = make(proxy)
            except (ValueError, ImportError) as exc:
                made[key] = ConfigurationError(f"proxy {masked_proxy_url(key)!r} from the environment: {exc}")
        return made


def choose_proxies(proxy: str | None, trust_env: bool) -> httpx.Proxy | ProxyRoutes | None:
    """The proxy for every request, the environment's routes, or None (always direct)."""
    if proxy is not None:
        return parse_proxy(proxy)
    return ProxyRoutes.from_environment() if trust_env else None


class ProxyRouter(httpx.BaseTransport):
    """Each request to the direct transport or its proxy's, as `routes` decide."""

    def __init__(
        self, routes: ProxyRoutes, direct: httpx.BaseTransport, through: dict[str, httpx.BaseTransport | ValueError]
    ) -> None:
        self._routes, self._direct, self._through = routes, direct, through

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = self._routes.key_for(request.url)
        transport = self._direct if key is None else self._through[key]
        if isinstance(transport, ValueError):  # nothing was sent: a connection error, like a refused proxy
            raise httpx.ConnectError(str(transport), request=request)
        return transport.handle_request(request)

    def close(self) -> None:
        self._direct.close()
        for transport in self._through.values():
            if not isinstance(transport, ValueError):
                transport.close()

    def __repr__(self) -> str:
        return f"ProxyRouter(proxies={[masked_proxy_url(key) for key in self._through]!r})"


class AsyncProxyRouter(httpx.AsyncBaseTransport):
    """The asyncio twin of ProxyRouter."""

    def __init__(
        self,
        routes: ProxyRoutes,
        direct: httpx.AsyncBaseTransport,
        through: dict[str, httpx.AsyncBaseTransport | ValueError],
    ) -> None:
        self._routes, self._direct, self._through = routes, direct, through

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = self._routes.key_for(request.url)
        transport = self._direct if key is None else self._through[key]
        if isinstance(transport, ValueError):
            raise httpx.ConnectError(str(transport), request=request)
        return await transport.handle_async_request(request)

    async def aclose(self) -> None:
        await self._direct.aclose()
        for transport in self._through.values():
            if not isinstance(transport, ValueError):
                await transport.aclose()

    def __repr__(self) -> str:
        return f"AsyncProxyRouter(proxies={[masked_proxy_url(key) for key in self._through]!r})"
