"""Copies of requests with the secrets taken out, for everything a user (or an error tracker) can reach.

httpx masks only `Authorization` in a headers repr, and keeps the body a request was sent
with. The requests that responses and exceptions of this package hold are therefore copies
made by `redacted_request`:

* the secret headers (`X-Access-Token`, `Authorization`, `Proxy-Authorization`) say `[secure]`,
  so neither `repr(exc.request.headers)` nor `exc.request.headers["X-Access-Token"]` shows the token;
* a password in the URL (`https://user:pw@host`) says `[secure]`;
* the body of an operation sent without a token (authorize, accesstoken, register: the ones
  that carry a password or a one-time code) has its `password`, `authorization_code` and
  `access_token` values replaced by `[secure]`; other bodies are kept, as sent.

::

    safe = redacted_request(request)
    safe.headers["X-Access-Token"]   # '[secure]'
    safe.content                     # b'{"username": "me", "password": "[secure]"}' for /v1/authorize

The copy is never sent; it exists only to be looked at.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import httpx
from attrs import evolve
from gatum_client.types import OPTIONS

from ._spec import operation_of

__all__ = [
    "MASK",
    "SECRET_FIELDS",
    "SECRET_HEADERS",
    "carries_login_secrets",
    "has_request",
    "mask_secret_fields",
    "redact_response",
    "redacted_request",
    "replace_content",
    "scrub_echoes",
    "sent_secrets",
    "split_userinfo",
]

MASK = "[secure]"  # what httpx itself shows for Authorization
SECRET_HEADERS = frozenset({"x-access-token", "authorization", "proxy-authorization"})
SECRET_FIELDS = frozenset({"password", "authorization_code", "access_token"})
"""JSON keys whose values are masked in the bodies of the operations that work without a token."""


def _mask(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: MASK if k in SECRET_FIELDS and v is not None else _mask(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(item) for item in value]
    return value


def mask_secret_fields(content: bytes) -> bytes:
    """`content` (a JSON body) with the values of SECRET_FIELDS masked, at any depth.

    A body that is not JSON cannot be inspected, so it is replaced as a whole::

        >>> mask_secret_fields(b'{"username": "me", "password": "pw"}')
        b'{"username": "me", "password": "[secure]"}'
    """
    if not content:
        return content
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return MASK.encode()
    return json.dumps(_mask(data), ensure_ascii=False).encode()


def carries_login_secrets(request: httpx.Request) -> bool:
    """Whether `request` is for an operation whose body or answer holds a password, code or token.

    The operations that need no token are exactly the ones that obtain one (or an account):
    their answers too should not be quoted in an error message.
    """
    op = operation_of(request)
    return op is not None and not op.needs_token


def _masked_headers(headers: httpx.Headers) -> httpx.Headers:
    masked = headers.copy()
    for name in SECRET_HEADERS:
        if name in masked:
            masked[name] = MASK  # one masked line for all of its lines
    return masked


def _masked_extensions(extensions: dict[str, Any]) -> dict[str, Any]:
    # The call's options carry its headers, the caller's token among them: masked there too.
    options = extensions.get(OPTIONS)
    if options is None or not options.headers or not SECRET_HEADERS.intersection(map(str.lower, options.headers)):
        return extensions
    headers = {name: MASK if name.lower() in SECRET_HEADERS else value for name, value in options.headers.items()}
    return {**extensions, OPTIONS: evolve(options, headers=headers)}


def redacted_request(request: httpx.Request) -> httpx.Request:
    """A copy of `request` fit to be kept on a response or an exception (see the module docstring)."""
    headers = _masked_headers(request.headers)
    extensions = _masked_extensions(request.extensions)
    url = request.url
    if url.password:
        url = url.copy_with(username=url.username, password=MASK)
    try:
        content = request.content
    except httpx.RequestNotRead:
        # A streamed body has gone out and cannot be read back; keep nothing of it.
        return httpx.Request(request.method, url, headers=headers, extensions=extensions)
    if carries_login_secrets(request):
        content = mask_secret_fields(content)
        return httpx.Request(request.method, url, headers=headers, content=content, extensions=extensions)
    # Every other call: a copy through httpx's own pickling support (__getstate__/__setstate__),
    # so the method and read body come along without building a new Request (URL and headers
    # normalised again, body re-encoded), most of this copy's cost on every call.
    safe = httpx.Request.__new__(httpx.Request)
    safe.__setstate__(request.__getstate__())
    safe.url, safe.headers, safe.extensions = url, headers, extensions
    safe.stream = httpx.ByteStream(content)
    return safe


def split_userinfo(url: str) -> tuple[str, str, str] | None:
    """`url` as (what precedes its user part, the user part, what follows its "@"), split at the
    last "@": a password typed as it is ("p#ss/w?rd@1") holds characters a URL parser stops at,
    and hiding too much of an odd URL is better than showing a secret. None without a user part.
    Plain string work, so that even a URL too broken to parse is never shown with its secret."""
    scheme, sep, rest = url.partition("://")
    userinfo, at, tail = (rest if sep else url).rpartition("@")
    return (f"{scheme}{sep}" if sep else "", userinfo, tail) if at else None


def has_request(response: httpx.Response) -> bool:
    """Whether `response` has a request (one built by hand may not)."""
    try:
        response.request  # noqa: B018 - raises when the response was built without one
    except RuntimeError:
        return False
    return True


def redact_response(response: httpx.Response) -> None:
    """Replace the requests `response` holds by redacted copies: its own, httpx's `next_request`
    (the redirect it did not follow carries the token as well) and those of its `history` (a
    request replayed after a new login: the first attempt's copy holds the new token)."""
    if has_request(response):
        response.request = redacted_request(response.request)
    if response.next_request is not None:
        response.next_request = redacted_request(response.next_request)
    for earlier in response.history:
        redact_response(earlier)


def sent_secrets(request: httpx.Request) -> list[str]:
    """The secrets `request` carried as sent (its token and auth headers; a login's password and
    code), for scrubbing from what a server echoes back: an answer may quote them."""
    headers = request.headers  # looked up by name (3), not all decoded: this runs on every call
    found = [value for name in SECRET_HEADERS for value in headers.get_list(name)]
    if carries_login_secrets(request):
        try:
            body = json.loads(request.content)
        except (ValueError, httpx.RequestNotRead):
            body = None
        if isinstance(body, dict):
            found += [str(body[name]) for name in SECRET_FIELDS if isinstance(body.get(name), (str, int))]
    return [secret for secret in found if len(secret) >= 4 and secret != MASK]  # "abc" would mask every word


def scrub_echoes(response: httpx.Response, secrets: Sequence[str]) -> None:
    """Mask in an error answer the `secrets` its request carried, when the server quoted them
    ("invalid token tok-…"): an error answer is kept by exceptions, quoted in their messages,
    logged. An answer that is no error is the caller's data, kept to the byte."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return
    if not any(secret.encode() in content for secret in secrets):
        return
    if response.is_success and not _says_status_false(content):
        return
    text = content.decode("utf-8", "replace")
    for secret in secrets:
        text = text.replace(secret, MASK)
    replace_content(response, text.encode())


def replace_content(response: httpx.Response, content: bytes) -> None:
    """Give a read `response` another body. httpx has no public way to: `_content` is where
    `.content` keeps it, and `.text` caches its decoding in `_text`."""
    response._content = content
    response.__dict__.pop("_text", None)


def _says_status_false(content: bytes) -> bool:
    """Whether a 2xx body is the platform's other way of saying no (`{"status": false, …}`)."""
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("status") is False
