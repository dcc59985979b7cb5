"""TLS policy: certificates are always verified, and the base URL is checked once, up front.

`verify` (an option of `Client` and the facades) may be:

* `True` (the default): the CA bundle httpx ships with (certifi);
* a path (`str` or `os.PathLike`) to a CA bundle file (PEM), or to a CA directory in OpenSSL's
  hashed layout (`openssl rehash DIR`, as in `/etc/ssl/certs`);
* an `ssl.SSLContext` that verifies certificates and host names.

Anything else is refused at construction with a `ValueError`, so a typo cannot switch
verification off and a wrong path fails before the first call, not at it::

    import ssl
    from gatum_rest_py import Client

    Client("https://restapi.gatum.io", access_token="...", verify="/etc/ssl/corporate-ca.pem")
    Client("https://restapi.gatum.io", access_token="...", verify=ssl.create_default_context())
    Client("https://restapi.gatum.io", access_token="...", verify=False)  # ValueError

Credentials over plain `http://` to anything but loopback are not refused (test rigs and
TLS-terminating sidecars use them) but logged once per host, as a warning on the
`gatum_rest_py` logger.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import ssl
import threading
from typing import TypeAlias

import httpx

from ._exceptions import ConfigurationError
from ._proxies import masked_proxy_url

__all__ = [
    "VerifyTypes",
    "normalize_base_url",
    "ssl_context",
    "tls_failure",
    "tls_failure_message",
    "warn_if_cleartext",
]

logger = logging.getLogger("gatum_rest_py")

VerifyTypes: TypeAlias = bool | str | os.PathLike[str] | ssl.SSLContext
"""What `verify=` accepts: True, a CA bundle file or CA directory path, or a verifying SSLContext."""

_NEVER_OFF = "TLS verification cannot be switched off"


def ssl_context(verify: VerifyTypes) -> ssl.SSLContext | bool:
    """The `verify` value for httpx: True, or an SSLContext that verifies certificates and host names.

    Raises ValueError for anything that would not verify, or that cannot be loaded::

        >>> ssl_context(True)
        True
        >>> ssl_context(False)
        Traceback (most recent call last):
        ValueError: verify=False: TLS verification cannot be switched off; ...
    """
    # `is True`, not truthiness: 1, "yes" or a non-empty list must not pass as "verify".
    if verify is True:
        return True
    if isinstance(verify, ssl.SSLContext):
        return _checked_context(verify)
    if isinstance(verify, (str, os.PathLike)) and not isinstance(verify, bool):
        return _context_from_path(verify)
    raise ConfigurationError(
        f"verify={verify!r}: {_NEVER_OFF}; pass True (the default), the path of a CA bundle file or "
        "CA directory, or an ssl.SSLContext that verifies certificates"
    )


def _checked_context(context: ssl.SSLContext) -> ssl.SSLContext:
    if context.verify_mode == ssl.CERT_NONE:
        raise ConfigurationError(f"the ssl.SSLContext given has verify_mode=CERT_NONE: {_NEVER_OFF}")
    if not context.check_hostname:
        raise ConfigurationError(
            "the ssl.SSLContext given has check_hostname=False, so any valid certificate for any host "
            f"would be accepted: {_NEVER_OFF}"
        )
    return context


def _context_from_path(verify: str | os.PathLike[str]) -> ssl.SSLContext:
    path = os.fspath(verify)
    try:
        if os.path.isdir(path):
            # OpenSSL looks certificates up in a CA directory by subject hash, on demand.
            return ssl.create_default_context(capath=path)
        if os.path.isfile(path):
            return ssl.create_default_context(cafile=path)
    except (ssl.SSLError, OSError) as exc:
        raise ConfigurationError(f"verify={path!r}: cannot load CA certificates from it ({exc})") from None
    raise ConfigurationError(f"verify={path!r}: no such CA bundle file or CA directory")


def normalize_base_url(base_url: str) -> str:
    """`https://restapi.gatum.io/` and `https://restapi.gatum.io` alike, never `//v1/...`.

    >>> normalize_base_url("https://restapi.gatum.io/")
    'https://restapi.gatum.io'
    """
    try:
        url = httpx.URL(base_url.strip()) if isinstance(base_url, str) else None
    except httpx.InvalidURL:
        url = None
    if url is None or url.scheme not in ("http", "https") or not url.host:
        # masked: a base URL may carry user:password@
        shown = masked_proxy_url(base_url) if isinstance(base_url, str) else base_url
        raise ConfigurationError(f"base_url: {shown!r} is not an http(s) URL such as https://restapi.gatum.io")
    return str(url).rstrip("/")


_warned: set[tuple[str, int | None]] = set()
_warned_lock = threading.Lock()


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):  # RFC 6761: always loopback
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def warn_if_cleartext(base_url: str) -> None:
    """Log a warning, once per host and process, when `base_url` is plain http:// to a non-loopback host.

    Every Gatum call but registration carries the access token, and logging in carries the
    password, so such a URL sends them readable by anyone on the path::

        warn_if_cleartext("http://gateway.internal")   # logs one warning
        warn_if_cleartext("http://127.0.0.1:4010")     # loopback (e.g. the mock): silent
    """
    url = httpx.URL(base_url.strip())
    if url.scheme != "http" or _is_loopback(url.host):
        return
    key = (url.host, url.port)
    with _warned_lock:
        if key in _warned:
            return
        _warned.add(key)
    # Only scheme, host and port: the URL itself may carry user:password@.
    where = f"http://{url.host}" + (f":{url.port}" if url.port is not None else "")
    logger.warning(
        "base_url %s is plain HTTP to a host that is not loopback: the access token and password "
        "travel unencrypted; use https://",
        where,
    )


# Raised when the peer simply went away mid-handshake: transient, like a refused connection.
_TRANSIENT_TLS_ERRORS = (ssl.SSLEOFError, ssl.SSLZeroReturnError, ssl.SSLSyscallError)


def tls_failure(exc: BaseException) -> ssl.SSLError | None:
    """The TLS error behind a transport error, when repeating the attempt would fail the same way.

    A certificate that does not verify, or a handshake the two sides cannot agree on, is a
    property of the server and of this client's settings, not of the moment: retrying it only
    delays the error. A handshake cut off by the peer (EOF) is not reported here.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError) and not isinstance(current, _TRANSIENT_TLS_ERRORS):
            return current
        current = current.__cause__ or current.__context__
    return None


def tls_failure_message(error: ssl.SSLError) -> str:
    """What to tell the user about `error` (see tls_failure)."""
    if isinstance(error, ssl.SSLCertVerificationError):
        reason = error.verify_message or error.reason or str(error)
        return (
            f"the server's TLS certificate failed verification ({reason}); nothing was sent. "
            "Check the base URL's host name, or pass verify= a CA bundle that trusts the server"
        )
    return f"the TLS handshake failed ({error.reason or error}); nothing was sent"
