"""The httpx clients underneath `Client`: per-call options, the call's deadline, typed errors.

`Client` builds one `_PolicyHTTPClient` (and one `_AsyncPolicyHTTPClient` per event loop); they
apply a facade call's options (`call_options`) to each request, start the call's total deadline,
turn whatever escapes the transport into this package's errors, keep a redacted copy of the
request on the response, and remember the last response (`last_response`) for the facade.
"""

from __future__ import annotations

import asyncio
import time
from contextvars import ContextVar, Token
from typing import TYPE_CHECKING, Any

import httpx

from ._call import Call
from ._exceptions import APIConnectionError, GatumError, InvalidRequestError, status_error_for
from ._login import strict_parsing
from ._redact import redacted_request
from ._retry import DEADLINE_EXTENSION, MAX_RETRIES_EXTENSION, connection_error
from ._spec import is_read_only

if TYPE_CHECKING:
    from httpx._types import CookieTypes

last_response: ContextVar[httpx.Response | None] = ContextVar("gatum_last_response", default=None)
"""The last raw response received in this thread or task (lets the facade keep the raw body)."""

call_options: ContextVar[Call[Any] | None] = ContextVar("gatum_call_options", default=None)
"""The facade call in progress: its per-call headers, timeout, max_retries and total_timeout."""

_deadline: ContextVar[float | None] = ContextVar("gatum_deadline", default=None)
"""The `time.monotonic()` by which the outermost request in progress must be done: the requests
a login makes on the way inherit it instead of starting a clock of their own."""


def _raise_for_status(request: httpx.Request, response: httpx.Response) -> None:
    if not response.is_success:
        ambiguous = response.status_code >= 500 and not is_read_only(request)
        raise status_error_for(response, outcome_unknown=ambiguous)


def _unexpected(request: httpx.Request, exc: Exception) -> APIConnectionError:
    # Anything but an httpx error while the request was in flight (a closed event loop, a bug in
    # a custom transport): the request may have left, so for a write the outcome is unknown.
    ambiguous = not is_read_only(request)
    message = f"{request.method} {request.url.path} failed: {type(exc).__name__}: {exc}"
    return APIConnectionError(message, request=redacted_request(request), outcome_unknown=ambiguous)


def _invalid_body(exc: Exception) -> InvalidRequestError:
    rule = "JSON text the wire can carry (valid Unicode, finite numbers)"
    return InvalidRequestError(f"the request body cannot be sent: {exc}", argument="body", rule=rule)


def _start(request: httpx.Request, total_timeout: float | None) -> Token[float | None] | None:
    """Apply the per-call options to `request`; set the call's deadline if this is the outermost request."""
    options = call_options.get()
    if options is not None:
        if options.headers:
            request.headers.update(options.headers)
        if options.timeout is not None:
            request.extensions["timeout"] = options.timeout.as_dict()
        if options.max_retries is not None:
            request.extensions[MAX_RETRIES_EXTENSION] = options.max_retries
        if options.total_timeout is not None:
            total_timeout = options.total_timeout
    deadline = _deadline.get()
    reset = None
    if deadline is None and total_timeout is not None:
        deadline = time.monotonic() + total_timeout
        reset = _deadline.set(deadline)
    if deadline is not None:
        request.extensions[DEADLINE_EXTENSION] = deadline
    return reset


class _Cookies(httpx.Cookies):
    """httpx's cookie jar, consulted only when an answer sets a cookie.

    httpx hands every response to the standard library's cookie machinery, which builds
    urllib request and response stand-ins first: about 14 µs per call on this package's
    hot path, for a platform that authenticates with a token and sets no cookies. An answer
    with a `Set-Cookie` header is still stored, exactly as httpx would.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class _Policy:
    """What the blocking and the asyncio httpx clients underneath `Client` share."""

    _cookies: httpx.Cookies

    def __init__(self, *, raise_for_status: bool, total_timeout: float | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._raise_for_status = raise_for_status
        self._total_timeout = total_timeout
        self.cookies = self._cookies
        self._merged: dict[str, httpx.URL] = {}
        self._merged_base: httpx.URL | None = None

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: CookieTypes) -> None:
        self._cookies = _Cookies(cookies)

    def _merge_url(self, url: httpx.URL | str) -> httpx.URL:
        # httpx parses the path and joins it to base_url on every request, about 15 µs, half of
        # building a request. URLs are immutable, so each path's join is kept, per base_url:
        # the generated endpoints ask for the same few paths over and over.
        if not isinstance(url, str):
            return super()._merge_url(url)  # type: ignore[misc, no-any-return]
        base = self.base_url  # type: ignore[attr-defined]
        if self._merged_base is not base:
            self._merged, self._merged_base = {}, base
        merged = self._merged.get(url)
        if merged is None:
            merged = super()._merge_url(url)  # type: ignore[misc]
            if len(self._merged) < 256:  # a bound, for paths that carry ids
                self._merged[url] = merged
        return merged

    def build_request(self, *args: Any, **kwargs: Any) -> httpx.Request:
        try:
            return super().build_request(*args, **kwargs)  # type: ignore[misc, no-any-return]
        except (UnicodeEncodeError, ValueError, TypeError) as exc:  # nothing was sent
            raise _invalid_body(exc) from None

    def _received(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.request = redacted_request(request)
        last_response.set(response)
        if self._raise_for_status or strict_parsing.get():
            _raise_for_status(request, response)
        return response


class _PolicyHTTPClient(_Policy, httpx.Client):
    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        reset = _start(request, self._total_timeout)
        try:
            response = super().send(request, **kwargs)
        except GatumError:
            raise
        except httpx.TransportError as exc:  # from a transport given by the caller
            raise connection_error(request, exc, 1) from exc
        except Exception as exc:
            raise _unexpected(request, exc) from exc
        finally:
            if reset is not None:
                _deadline.reset(reset)
        return self._received(request, response)


class _AsyncPolicyHTTPClient(_Policy, httpx.AsyncClient):
    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        reset = _start(request, self._total_timeout)
        try:
            deadline = request.extensions.get(DEADLINE_EXTENSION)
            if deadline is None or reset is None:  # no limit, or an outer request keeps the clock
                response = await super().send(request, **kwargs)
            else:
                response = await asyncio.wait_for(
                    super().send(request, **kwargs), max(0.0, deadline - time.monotonic())
                )
        except GatumError:
            raise
        except httpx.TransportError as exc:
            raise connection_error(request, exc, 1) from exc
        except asyncio.TimeoutError as exc:  # the total deadline passed
            raise connection_error(request, httpx.ReadTimeout("the call's total deadline passed"), 1) from exc
        except Exception as exc:
            raise _unexpected(request, exc) from exc
        finally:
            if reset is not None:
                _deadline.reset(reset)
        return self._received(request, response)
