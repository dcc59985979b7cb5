"""The access token: which one a request carries, and getting a fresh one when needed.

A request for an operation that needs the token gets, in this order:

1. the token passed to the call itself (`GatumRESTAPI.send_sms(access_token=...)`), which the
   facade puts on that call's request as its `X-Access-Token` header (so threads and asyncio
   tasks sharing one client never see each other's token); it is the caller's, so a 401 is
   returned to the caller as it is;
2. the fixed token given to the client (`Client(access_token=...)`);
3. a token the client obtained itself from username and password (authorize, then
   accesstoken), reused until shortly before `expires_at`; on a 401 or 403 it logs in again
   once and replays the request (the server refused it, so the replay cannot duplicate it).
   Locks make sure only one thread at a time, and one task per event loop, logs in (a thread
   and a loop, or two loops, may each log in once at the same moment: never one blocking the
   other, as a blocking call made inside a coroutine would otherwise wait for a task of its own
   loop forever).

Neither token nor password appears in a repr, a log line or an exception message.
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from dataclasses import dataclass

import httpx

from ._deadline import DEADLINE, Deadline
from ._spec import needs_token

TOKEN_HEADER = "X-Access-Token"  # noqa: S105 - a header name, not a secret
REAUTH_STATUSES = frozenset({401, 403})
REFRESH_MARGIN_SECONDS = 60.0


@dataclass(frozen=True, repr=False)
class Token:
    """An access token and when to stop using it (Unix seconds)."""

    value: str
    refresh_at: float

    @classmethod
    def from_expiry(cls, value: str, expires_at: float | None, now: float) -> Token:
        if expires_at is None:  # no expiry known: used until the server refuses it (401/403)
            return cls(value, math.inf)
        # Refresh a minute early; a token that lives shorter than two minutes at half-life.
        margin = min(REFRESH_MARGIN_SECONDS, max(0.0, expires_at - now) / 2)
        return cls(value, expires_at - margin)

    def fresh(self, now: float) -> bool:
        return now < self.refresh_at

    def __repr__(self) -> str:
        return f"Token(value='***', refresh_at={self.refresh_at})"


@dataclass(frozen=True, repr=False)
class Credentials:
    """Username and password of the web account."""

    username: str
    password: str

    def __repr__(self) -> str:
        return "Credentials(username='***', password='***')"


Login = Callable[[Credentials, Deadline | None], Token]
"""Logs in with the credentials, within the deadline of the call that needs the token."""
AsyncLogin = Callable[[Credentials, Deadline | None], Awaitable[Token]]


class TokenAuth(httpx.Auth):
    """Puts the right token on each request (see the module docstring)."""

    def __init__(
        self,
        *,
        access_token: str | None = None,
        credentials: Credentials | None = None,
        login: Login | None = None,
        async_login: AsyncLogin | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._static = access_token
        self._credentials = credentials
        self._login = login
        self._async_login = async_login
        self._clock = clock
        self._token: Token | None = None
        self._pid = os.getpid()
        self._thread_lock = threading.Lock()
        self._locks_guard = threading.Lock()
        # One lock per event loop: an asyncio.Lock belongs to the loop it was first used in, and
        # one client may serve several loops one after another (a Celery task per asyncio.run).
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def __repr__(self) -> str:
        mode = "token" if self._static else "credentials" if self._credentials else "per-call token"
        return f"TokenAuth(mode={mode!r})"

    @property
    def manages_token(self) -> bool:
        return self._credentials is not None and self._static is None

    def after_fork(self) -> None:
        """New locks for a forked child: a lock held by a parent's thread at fork time stays held.

        Once per process (redis-py's pid check): clients made by `with_options` share this object,
        any of them may be the first to run in a child, and each calls this, maybe while another
        holds the new lock. The logins call it too, so that no client's order matters."""
        if self._pid == os.getpid():
            return
        self._pid = os.getpid()
        self._thread_lock = threading.Lock()
        self._locks_guard = threading.Lock()
        self._async_locks = weakref.WeakKeyDictionary()

    def _own_token_needed(self, request: httpx.Request) -> bool:
        """Whether the client's own (logged-in) token goes on `request`; puts the fixed one on otherwise."""
        if not needs_token(request) or TOKEN_HEADER in request.headers:  # none needed, or the caller's
            return False
        if not self.manages_token:
            if self._static is not None:
                request.headers[TOKEN_HEADER] = self._static
            return False
        return True

    # -- sync ---------------------------------------------------------------------------------
    def _current_sync(self, request: httpx.Request, stale: str | None = None) -> str:
        self.after_fork()
        deadline: Deadline | None = request.extensions.get(DEADLINE)
        # Waiting for another thread's login counts towards this call's total_timeout too.
        lock = self._thread_lock
        if not lock.acquire(timeout=-1 if deadline is None else max(deadline.remaining(), 0.0)):
            raise httpx.ConnectTimeout("the call's total deadline passed while another call logged in", request=request)
        try:
            token = self._token
            if token is None or not token.fresh(self._clock()) or token.value == stale:
                assert self._credentials is not None and self._login is not None
                token = self._token = self._login(self._credentials, deadline)
            return token.value
        finally:
            lock.release()

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self._own_token_needed(request):
            yield request
            return
        token = self._current_sync(request)
        request.headers[TOKEN_HEADER] = token
        response = yield request
        if response.status_code in REAUTH_STATUSES:
            request.headers[TOKEN_HEADER] = self._current_sync(request, stale=token)
            yield request

    # -- async --------------------------------------------------------------------------------
    async def _current_async(self, request: httpx.Request, stale: str | None = None) -> str:
        self.after_fork()
        loop = asyncio.get_running_loop()
        with self._locks_guard:
            lock = self._async_locks.get(loop)
            if lock is None:
                lock = self._async_locks[loop] = asyncio.Lock()
        async with lock:
            token = self._token
            if token is None or not token.fresh(self._clock()) or token.value == stale:
                assert self._credentials is not None and self._async_login is not None
                token = self._token = await self._async_login(self._credentials, request.extensions.get(DEADLINE))
            return token.value

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if not self._own_token_needed(request):
            yield request
            return
        token = await self._current_async(request)
        request.headers[TOKEN_HEADER] = token
        response = yield request
        if response.status_code in REAUTH_STATUSES:
            request.headers[TOKEN_HEADER] = await self._current_async(request, stale=token)
            yield request
