"""The httpx clients underneath `Client`: the call's deadline, typed errors, a redacted request.

A call's path, from an endpoint function to the socket and back::

    send_sms.sync_detailed(client=..., body=..., options=RequestOptions(...))   generated
      -> request.extensions: the endpoint's name, the options           (gatum_client.types.with_options)
    PolicyHTTPClient.send(request)                                         this module
      -> the operation looked up once (`_spec.operation_of`), the call's Deadline put on the request
      -> TokenAuth (`_auth`): the caller's token, or the client's own (logging in on the way)
      -> RetryTransport (`_retry`): attempts within the deadline, never repeating a send blindly
      -> the transport (`_transports`: `_pool` or aiohttp): every socket operation within the deadline
    <- the answer: a redacted copy of its request kept on it; an error status raised as a typed
       error when the call asks for it (`raise_for_status`); one DEBUG log line per call
       (`GATUM_LOG=debug`: method, path, operation, status or error, time; never a secret)
    <- the generated parser, through `Client.parse_body` (`_body.judge`)

Everything a call needs travels on its request; nothing is kept per thread or task.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import httpx
from gatum_client.types import OPTIONS

from ._deadline import DEADLINE, Deadline
from ._exceptions import APIConnectionError, GatumError, InvalidRequestError, status_error_for
from ._redact import redact_response, redacted_request, scrub_echoes, sent_secrets
from ._retry import connection_error
from ._spec import operation_of, outcome_unknown

__all__ = ["AsyncPolicyHTTPClient", "PolicyHTTPClient", "raises_for_status"]

logger = logging.getLogger("gatum_rest_py")


def _log_call(request: httpx.Request, started: float, outcome: httpx.Response | BaseException) -> None:
    # The path only (no query: no secret travels there today, and none may tomorrow); the
    # token is a header and never logged.
    op = operation_of(request)
    name = op.operation_id if op is not None else "?"
    took = (time.perf_counter() - started) * 1000
    result = str(outcome.status_code) if isinstance(outcome, httpx.Response) else f"failed ({type(outcome).__name__})"
    logger.debug("%s %s (%s) -> %s in %.1f ms", request.method, request.url.path, name, result, took)


def raises_for_status(request: httpx.Request, default: bool) -> bool:
    """Whether an error answer to `request` raises: as its call asks, else as the client is set up."""
    options = request.extensions.get(OPTIONS)
    wanted = options.raise_for_status if options is not None else None
    return default if wanted is None else bool(wanted)


def _unexpected(request: httpx.Request, exc: Exception) -> APIConnectionError:
    # Anything but an httpx error while the request was in flight (a closed event loop, a bug in
    # a custom transport): the request may have left, so for a write the outcome is unknown.
    message = f"{request.method} {request.url.path} failed: {type(exc).__name__}: {exc}"
    ambiguous = outcome_unknown(operation_of(request), error=exc)
    return APIConnectionError(message, request=redacted_request(request), outcome_unknown=ambiguous)


def _invalid_body(exc: Exception) -> InvalidRequestError:
    rule = "JSON text the wire can carry (valid Unicode, finite numbers)"
    return InvalidRequestError(f"the request body cannot be sent: {exc}", argument="body", rule=rule)


class _AnswerCookies(httpx.Cookies):
    """httpx's cookie jar, read only for an answer that sets a cookie.

    httpx hands every response to `extract_cookies`, which builds urllib request and response
    stand-ins before the jar finds no `Set-Cookie` (~14 µs timed alone; with it skipped the
    facade's CPU per call went from 1.14x to 1.01x raw httpx in `make bench`); the API sets none,
    so the check comes first. An answer that does set one is kept as httpx keeps it.
    """

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


class _Policy:
    """What the blocking and the asyncio httpx clients underneath `Client` share."""

    def __init__(
        self, *, raise_for_status: bool, total_timeout: float | None, cookies: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.cookies = cookies
        self._raise_for_status = raise_for_status
        self._total_timeout = total_timeout
        self._joined: dict[str, httpx.URL] = {}
        self._joined_base: httpx.URL | None = None

    # httpx's public `cookies` attribute, kept as an _AnswerCookies: httpx reads and replaces the
    # client's jar only through this property.
    @property
    def cookies(self) -> httpx.Cookies:
        return self._answer_cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._answer_cookies = _AnswerCookies(cookies)

    def build_request(self, method: str, url: httpx.URL | str, **kwargs: Any) -> httpx.Request:
        if isinstance(url, str):
            # httpx parses a relative path and joins it to base_url on every request (~15 µs,
            # half of building one); the endpoints ask for the same few paths over and over, so
            # each path's absolute URL is made once (bounded: paths with ids vary).
            base: httpx.URL = self.base_url  # type: ignore[attr-defined]
            if self._joined_base is not base:
                self._joined, self._joined_base = {}, base
            joined = self._joined.get(url)
            if joined is None:
                joined = httpx.URL(url)
                if joined.is_relative_url:  # joined as httpx joins it: base_url's path + this path
                    joined = base.copy_with(raw_path=base.raw_path + joined.raw_path.lstrip(b"/"))
                if len(self._joined) < 256:
                    self._joined[url] = joined
            url = joined
        try:
            return super().build_request(method, url, **kwargs)  # type: ignore[misc, no-any-return]
        except (UnicodeEncodeError, ValueError, TypeError) as exc:  # nothing was sent
            raise _invalid_body(exc) from None

    def _start(self, request: httpx.Request) -> Deadline | None:
        """Look the operation up once; put the call's deadline on the request. Returns the
        deadline when this request starts it (a login made on the way keeps its caller's)."""
        operation_of(request)
        extensions = request.extensions
        if DEADLINE in extensions:
            return None
        options = extensions.get(OPTIONS)
        if options is not None and options.deadline is not None:
            extensions[DEADLINE] = options.deadline
            return None
        total = options.total_timeout if options is not None and options.total_timeout is not None else None
        total = self._total_timeout if total is None else total
        if total is None:
            return None
        deadline = extensions[DEADLINE] = Deadline.after(total)
        return deadline

    def _received(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.request = request
        secrets = sent_secrets(request)
        if secrets:
            scrub_echoes(response, secrets)
        redact_response(response)  # its request, a redirect not followed, a first attempt before a new login
        if not response.is_success and raises_for_status(request, self._raise_for_status):
            ambiguous = outcome_unknown(operation_of(request), status=response.status_code)
            raise status_error_for(response, outcome_unknown=ambiguous)
        return response


class PolicyHTTPClient(_Policy, httpx.Client):
    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = self._send(request, **kwargs)
        except BaseException as exc:
            if logger.isEnabledFor(logging.DEBUG):
                _log_call(request, started, exc)
            raise
        if logger.isEnabledFor(logging.DEBUG):
            _log_call(request, started, response)
        return response

    def _send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self._start(request)
        try:
            response = super().send(request, **kwargs)
        except GatumError:
            raise
        except httpx.TransportError as exc:  # from a transport given by the caller
            failure = connection_error(request, exc, 1)
        except Exception as exc:
            failure = _unexpected(request, exc)
        else:
            return self._received(request, response)
        raise failure  # out here: the error it replaces (and its unredacted request) is not its __context__


class AsyncPolicyHTTPClient(_Policy, httpx.AsyncClient):
    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        try:
            response = await self._send(request, **kwargs)
        except BaseException as exc:
            if logger.isEnabledFor(logging.DEBUG):
                _log_call(request, started, exc)
            raise
        if logger.isEnabledFor(logging.DEBUG):
            _log_call(request, started, response)
        return response

    async def _send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        deadline = self._start(request)
        try:
            if deadline is None:  # no limit, or an outer request keeps the clock
                response = await super().send(request, **kwargs)
            else:  # the one place an asyncio call's deadline is enforced
                response = await asyncio.wait_for(super().send(request, **kwargs), max(0.0, deadline.remaining()))
        except GatumError:
            raise
        except httpx.TransportError as exc:
            failure = connection_error(request, exc, 1)
        except asyncio.TimeoutError:  # the total deadline passed
            failure = connection_error(request, httpx.ReadTimeout("the call's total deadline passed"), 1)
        except Exception as exc:
            failure = _unexpected(request, exc)
        else:
            return self._received(request, response)
        raise failure
