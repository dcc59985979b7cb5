"""Retries that never send an SMS twice.

The decision rests on one question: could the server have acted on the request?

* Read-only operations (`x-gatum-read-only` in the spec) are retried on connection errors,
  timeouts and on 408, 429, 500, 502, 503 and 504.
* Everything else (sends, creates, deletes, logins) is retried only when the request certainly
  did not reach the server: the connection was never made (refused, DNS, connect timeout, no
  pooled connection free) or the server refused it with 429. After a 5xx, a read timeout or a
  dropped connection the outcome is unknown and the error says so (`outcome_unknown`).

Delays grow exponentially from `initial_delay` to `max_delay`, with jitter; a `Retry-After`
header is honoured up to `max_retry_after` seconds.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

import httpx

from ._exceptions import APIConnectionError, APITimeoutError
from ._redact import redacted_request
from ._spec import is_read_only
from ._tls import tls_failure, tls_failure_message

logger = logging.getLogger("gatum_rest_py")

DEFAULT_MAX_RETRIES = 2
RETRYABLE_STATUSES_READ_ONLY = frozenset({408, 429, 500, 502, 503, 504})
RETRYABLE_STATUSES_WRITE = frozenset({429})
# Raised before a single byte of the request left: repeating is harmless for any operation.
NOT_SENT_ERRORS: tuple[type[httpx.TransportError], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RetryConfig:
    """How often and how patiently to retry. `max_retries=0` switches retries off."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def __post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        if min(self.initial_delay, self.max_delay, self.max_retry_after) < 0:
            raise ValueError("retry delays must be >= 0")

    def delay(self, retries_done: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number `retries_done + 1`."""
        retry_after = _retry_after_seconds(response) if response is not None else None
        if retry_after is not None:
            return min(retry_after, self.max_retry_after)
        backoff = min(self.initial_delay * (2**retries_done), self.max_delay)
        jitter = 1 - 0.25 * random.random()  # noqa: S311 - jitter, not security
        return float(backoff * jitter)


def _retry_after_seconds(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _retryable_status(request: httpx.Request, response: httpx.Response) -> bool:
    allowed = RETRYABLE_STATUSES_READ_ONLY if is_read_only(request) else RETRYABLE_STATUSES_WRITE
    return response.status_code in allowed


def _retryable_error(request: httpx.Request, exc: httpx.TransportError) -> bool:
    # A certificate that does not verify fails the same way every time, for every operation.
    if isinstance(exc, httpx.ConnectError) and tls_failure(exc) is not None:
        return False
    return isinstance(exc, NOT_SENT_ERRORS) or is_read_only(request)


def connection_error(request: httpx.Request, exc: httpx.TransportError, attempts: int) -> APIConnectionError:
    """The gatum_rest_py error for a transport failure that was not (or no longer) retried."""
    ambiguous = not isinstance(exc, NOT_SENT_ERRORS) and not is_read_only(request)
    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    tls = tls_failure(exc) if isinstance(exc, httpx.ConnectError) else None
    detail = tls_failure_message(tls) if tls is not None else f"{type(exc).__name__}: {exc}"
    message = f"{request.method} {request.url.path} {what}{tries}: {detail}"
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(message, request=redacted_request(request), outcome_unknown=ambiguous)


MAX_RETRIES_EXTENSION = "gatum_max_retries"
"""Request extension: this call's `max_retries`, replacing the client's (optional)."""

ATTEMPT_DEADLINE: ContextVar[float | None] = ContextVar("gatum_attempt_deadline", default=None)
"""The deadline of the blocking request being sent in this thread (read by `_transports`' backend)."""

DEADLINE_EXTENSION = "gatum_deadline"
"""Request extension: the `time.monotonic()` by which the whole call must be done (optional)."""


class _DeadlineStream(httpx.SyncByteStream):
    # A server trickling a byte at a time never trips the per-read timeout: check the clock
    # between chunks as well.
    def __init__(self, inner: httpx.SyncByteStream, request: httpx.Request, deadline: float) -> None:
        self._inner, self._request, self._deadline = inner, request, deadline

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout("the call's total deadline passed while reading", request=self._request)
            yield chunk

    def close(self) -> None:
        self._inner.close()


def _bound_attempt(request: httpx.Request) -> float | None:
    """Fit this attempt's timeouts into the call's deadline; None when there is no deadline."""
    deadline = request.extensions.get(DEADLINE_EXTENSION)
    if deadline is None:
        return None
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise httpx.ConnectTimeout("the call's total deadline passed before this attempt", request=request)
    timeouts = request.extensions.get("timeout", {})
    request.extensions["timeout"] = {
        key: min(remaining, timeouts.get(key) or remaining) for key in ("connect", "read", "write", "pool")
    }
    return float(deadline)


def _read_fully(response: httpx.Response, request: httpx.Request | None = None) -> httpx.Response:
    # Read the body here, inside the retry loop: a read timeout or a connection dropped in the
    # middle of the body is a failure of this attempt like any other.
    try:
        deadline = request.extensions.get(DEADLINE_EXTENSION) if request is not None else None
        if deadline is not None and isinstance(response.stream, httpx.SyncByteStream):
            response.stream = _DeadlineStream(response.stream, request, deadline)  # type: ignore[arg-type]
        response.read()
    except BaseException:
        response.close()
        raise
    return response


async def _aread_fully(response: httpx.Response) -> httpx.Response:
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise
    return response


def _plan_retry(
    config: RetryConfig, request: httpx.Request, retries: int, outcome: httpx.Response | httpx.TransportError
) -> float | None:
    """Seconds to wait before the next attempt, or None when this attempt's outcome is final."""
    if retries >= request.extensions.get(MAX_RETRIES_EXTENSION, config.max_retries):
        return None
    deadline = request.extensions.get(DEADLINE_EXTENSION)
    if isinstance(outcome, httpx.Response):
        if not _retryable_status(request, outcome):
            return None
        delay, reason = config.delay(retries, outcome), f"HTTP {outcome.status_code}"
    else:
        if not _retryable_error(request, outcome):
            return None
        delay, reason = config.delay(retries, None), type(outcome).__name__
    if deadline is not None and time.monotonic() + delay >= deadline:
        return None  # the next attempt could not finish in time
    logger.info(
        "retrying %s %s in %.2fs (retry %d of %d): %s",
        request.method,
        request.url.path,
        delay,
        retries + 1,
        request.extensions.get(MAX_RETRIES_EXTENSION, config.max_retries),
        reason,
    )
    return delay


def sleep(seconds: float) -> None:
    """Wait between attempts (a module function so tests can replace it)."""
    time.sleep(seconds)


async def async_sleep(seconds: float) -> None:
    """Wait between attempts, asyncio flavour."""
    await asyncio.sleep(seconds)


class RetryTransport(httpx.BaseTransport):
    """Wraps a transport with the retry policy; raises APIConnectionError/APITimeoutError."""

    def __init__(self, inner: httpx.BaseTransport, config: RetryConfig) -> None:
        self._inner = inner
        self._config = config

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        reset = ATTEMPT_DEADLINE.set(request.extensions.get(DEADLINE_EXTENSION))
        try:
            return self._attempts(request)
        finally:
            ATTEMPT_DEADLINE.reset(reset)

    def _attempts(self, request: httpx.Request) -> httpx.Response:
        retries = 0
        while True:
            try:
                _bound_attempt(request)
                response = _read_fully(self._inner.handle_request(request), request)
            except httpx.TransportError as exc:
                delay = _plan_retry(self._config, request, retries, exc)
                if delay is None:
                    raise connection_error(request, exc, retries + 1) from exc
            else:
                delay = _plan_retry(self._config, request, retries, response)
                if delay is None:
                    return response
                response.close()
            retries += 1
            sleep(delay)

    def close(self) -> None:
        self._inner.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio twin of RetryTransport."""

    def __init__(self, inner: httpx.AsyncBaseTransport, config: RetryConfig) -> None:
        self._inner = inner
        self._config = config

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        retries = 0
        while True:
            try:
                _bound_attempt(request)
                response = await _aread_fully(await self._inner.handle_async_request(request))
            except httpx.TransportError as exc:
                delay = _plan_retry(self._config, request, retries, exc)
                if delay is None:
                    raise connection_error(request, exc, retries + 1) from exc
            else:
                delay = _plan_retry(self._config, request, retries, response)
                if delay is None:
                    return response
                await response.aclose()
            retries += 1
            await async_sleep(delay)

    async def aclose(self) -> None:
        await self._inner.aclose()
