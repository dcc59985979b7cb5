"""Who may deliver reports: the shared secret in the webhook URL and an optional allow-list.

The webhook URL is public, and `id_state`s are sequential: without a check anyone could post a
forged `UNDELIV` for a real message. The secret is the query parameter `secret` of the URL you
configure at the platform (`https://you.example/restdlr?secret=…`); it is compared in constant
time and never logged or repeated in an answer. The allow-list (CIDRs) is for deployments that
know the platform's addresses; the peer address is the server's (`REMOTE_ADDR`, ASGI `client`),
never `X-Forwarded-For`: behind a proxy, have the proxy or your server's forwarded-headers option
(gunicorn `--forwarded-allow-ips`, uvicorn `--proxy-headers`) set the real peer.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Iterable
from urllib.parse import parse_qs

from .._exceptions import ConfigurationError

__all__ = ["Network", "WebhookAccess"]

logger = logging.getLogger("gatum_rest_py.webhooks")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class WebhookAccess:
    """The access check of a receiver: `allowed(query_string, client_ip)` → None, or why not.

    Nothing to check when both `secret` and `allow_networks` are None::

        access = WebhookAccess(secret="k7…", allow_networks=["203.0.113.0/24"])
        assert access.allowed("secret=k7…", "203.0.113.9") is None
    """

    __slots__ = ("_secret", "networks")

    def __init__(self, secret: str | None = None, allow_networks: Iterable[str | Network] | None = None) -> None:
        if secret is not None and (not isinstance(secret, str) or not secret):
            raise ConfigurationError("secret must be a non-empty string (or None for no secret)")
        self._secret = secret.encode() if secret is not None else None
        if isinstance(allow_networks, str):  # a list of its characters otherwise
            raise ConfigurationError("allow_networks must be a list of networks, e.g. ['203.0.113.0/24']")
        try:
            networks = list(allow_networks) if allow_networks is not None else None
        except TypeError:
            raise ConfigurationError("allow_networks must be a list of networks, e.g. ['203.0.113.0/24']") from None
        self.networks: tuple[Network, ...] | None = (
            tuple(n if isinstance(n, (ipaddress.IPv4Network, ipaddress.IPv6Network)) else _network(n) for n in networks)
            if networks is not None
            else None
        )

    @property
    def checks_secret(self) -> bool:
        return self._secret is not None

    def allowed(self, query_string: str | bytes | None, client_ip: str | None) -> str | None:
        """None when the delivery may go on, else the reason for the log (no secret in it)."""
        if self.networks is not None and not self._peer_allowed(client_ip):
            return f"client address {client_ip or '(unknown)'} is not in allow_networks"
        if self._secret is None:
            return None
        if isinstance(query_string, (bytes, bytearray)):
            query_string = query_string.decode("latin-1")
        values = parse_qs(query_string or "", keep_blank_values=True).get("secret", [])
        if not values:
            return "no secret in the URL"
        if len(values) > 1:
            return "more than one secret in the URL"
        if not hmac.compare_digest(values[0].encode(), self._secret):
            return "wrong secret"
        return None

    def _peer_allowed(self, client_ip: str | None) -> bool:
        if not client_ip:
            return False
        try:
            address = ipaddress.ip_address(client_ip.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped  # ::ffff:203.0.113.9 from a dual-stack socket
        return any(address in network for network in self.networks or ())

    def __repr__(self) -> str:
        secret = "'***'" if self._secret is not None else "None"
        networks = [str(n) for n in self.networks] if self.networks is not None else None
        return f"WebhookAccess(secret={secret}, allow_networks={networks})"


def _network(value: str) -> Network:
    try:
        return ipaddress.ip_network(value.strip() if isinstance(value, str) else value, strict=False)
    except (ValueError, TypeError) as exc:
        raise ConfigurationError(f"allow_networks: not a network: {value!r} ({exc})") from None
