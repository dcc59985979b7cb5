"""Retries that never send an SMS twice.

The decision rests on one question: could the server have acted on the request?

* Read-only operations (`x-gatum-read-only` in the spec) are retried on connection errors,
  timeouts and on 408, 429, 500, 502, 503 and 504.
* Everything else (sends, creates, deletes, logins) is retried only when the request certainly
  did not reach the server: the connection was never made (refused, DNS, connect timeout, no
  pooled connection free) or the server refused it with 429. After a 5xx, a read timeout or a
  dropped connection the outcome is unknown and the error says so (`outcome_unknown`, decided
  by `_spec.outcome_unknown` alone).

Delays grow exponentially from `initial_delay` to `max_delay`, with jitter. A `Retry-After`
header is waited out when it asks for at most `max_retry_wait` seconds; a longer one is not
retried at all: the 429 reaches the caller at once (RateLimitError, `.retry_after` in seconds),
who may schedule the call instead of blocking a worker for an hour.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from dataclasses import dataclass

import httpx
from gatum_client.types import OPTIONS

from ._deadline import DEADLINE, budgets
from ._exceptions import APIConnectionError, APITimeoutError, ConfigurationError
from ._redact import redacted_request
from ._spec import NOT_SENT_ERRORS, is_read_only, operation_of, outcome_unknown
from ._tls import tls_failure, tls_failure_message

logger = logging.getLogger("gatum_rest_py")

DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RETRY_WAIT = 20.0
RETRYABLE_STATUSES_READ_ONLY = frozenset({408, 429, 500, 502, 503, 504})
RETRYABLE_STATUSES_WRITE = frozenset({429})


@dataclass(frozen=True)
class RetryConfig:
    """How often and how patiently to retry. `max_retries=0` switches retries off.

    `max_retry_wait`: the longest `Retry-After` (seconds) waited out before a retry; an answer
    asking for longer is returned (raised as RateLimitError on the typed path) at once.
    """

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_wait: float = DEFAULT_MAX_RETRY_WAIT

    def __post_init__(self) -> None:
        # Checked here, the one place every RetryConfig passes (given, made from max_retries, or
        # changed by with_options), so a wrong value fails now and not as the first call's error.
        retries: object = self.max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise ConfigurationError(f"max_retries: {retries!r} is not a whole number >= 0")
        for name in ("initial_delay", "max_delay", "max_retry_wait"):
            value: object = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:  # NaN too
                raise ConfigurationError(f"{name}: {value!r} is not a number of seconds >= 0")

    def delay(self, retries_done: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before retry number `retries_done + 1`; None when the answer's
        `Retry-After` asks for longer than `max_retry_wait`."""
        retry_after = retry_after_seconds(response) if response is not None else None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_retry_wait else None
        backoff = min(self.initial_delay * (2**retries_done), self.max_delay)
        jitter = 1 - 0.25 * random.random()  # noqa: S311 - jitter, not security
        return float(backoff * jitter)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """The answer's `Retry-After` in seconds (a number or an HTTP date), or None."""
    value = response.headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, seconds) if seconds == seconds else None  # NaN says nothing


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
    ambiguous = outcome_unknown(operation_of(request), error=exc)
    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    tls = tls_failure(exc) if isinstance(exc, httpx.ConnectError) else None
    said = str(exc) or ("no answer in time" if isinstance(exc, httpx.TimeoutException) else "no detail given")
    detail = tls_failure_message(tls) if tls is not None else f"{type(exc).__name__}: {said}"
    message = f"{request.method} {request.url.path} {what}{tries}: {detail}"
    cls = APITimeoutError if isinstance(exc, httpx.TimeoutException) else APIConnectionError
    return cls(message, request=redacted_request(request), outcome_unknown=ambiguous)


def _bound_attempt(request: httpx.Request) -> None:
    """Fit this attempt's timeouts into the call's deadline (see `_deadline`), if it has one."""
    deadline = request.extensions.get(DEADLINE)
    if deadline is None:
        return
    try:
        request.extensions["timeout"] = budgets(request.extensions.get("timeout", {}), deadline)
    except TimeoutError:
        raise httpx.ConnectTimeout("the call's total deadline passed before this attempt", request=request) from None


def _read_fully(response: httpx.Response) -> httpx.Response:
    # Read the body here, inside the retry loop: a read timeout or a connection dropped in the
    # middle of the body is a failure of this attempt like any other.
    try:
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


def _max_retries(config: RetryConfig, request: httpx.Request) -> int:
    options = request.extensions.get(OPTIONS)
    if options is not None and options.max_retries is not None:
        return int(options.max_retries)
    return config.max_retries


def _final(request: httpx.Request, outcome: httpx.Response | httpx.TransportError, retries: int) -> httpx.Response:
    """The answer of the last attempt, or the error it failed with, as ours."""
    if isinstance(outcome, httpx.Response):
        return outcome
    raise connection_error(request, outcome, retries + 1)


def _plan_retry(
    config: RetryConfig, request: httpx.Request, retries: int, outcome: httpx.Response | httpx.TransportError
) -> float | None:
    """Seconds to wait before the next attempt, or None when this attempt's outcome is final."""
    max_retries = _max_retries(config, request)
    if retries >= max_retries:
        return None
    deadline = request.extensions.get(DEADLINE)
    if isinstance(outcome, httpx.Response):
        if not _retryable_status(request, outcome):
            return None
        delay = config.delay(retries, outcome)
        if delay is None:
            return None  # asked to come back later than we would wait: the caller hears of it now
        reason = f"HTTP {outcome.status_code}"
    else:
        if not _retryable_error(request, outcome):
            return None
        delay, reason = config.delay(retries, None) or 0.0, type(outcome).__name__
    if deadline is not None and delay >= deadline.remaining():
        return None  # the next attempt could not finish in time
    logger.info(
        "retrying %s %s in %.2fs (retry %d of %d): %s",
        request.method,
        request.url.path,
        delay,
        retries + 1,
        max_retries,
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
        retries = 0
        while True:
            outcome: httpx.Response | httpx.TransportError
            try:
                _bound_attempt(request)
                outcome = _read_fully(self._inner.handle_request(request))
            except httpx.TransportError as exc:
                outcome = exc
            delay = _plan_retry(self._config, request, retries, outcome)
            if delay is None:  # raised out here, not in the except: no __context__ keeps the unredacted request
                return _final(request, outcome, retries)
            if isinstance(outcome, httpx.Response):
                outcome.close()
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
            outcome: httpx.Response | httpx.TransportError
            try:
                _bound_attempt(request)
                outcome = await _aread_fully(await self._inner.handle_async_request(request))
            except httpx.TransportError as exc:
                outcome = exc
            delay = _plan_retry(self._config, request, retries, outcome)
            if delay is None:
                return _final(request, outcome, retries)
            if isinstance(outcome, httpx.Response):
                await outcome.aclose()
            retries += 1
            await async_sleep(delay)

    async def aclose(self) -> None:
        await self._inner.aclose()
