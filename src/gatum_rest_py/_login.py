"""Logging in with username and password: authorize, then accesstoken, then a usable `Token`.

The answers are parsed strictly (the requests ask for `raise_for_status`): a refused login raises the typed status
error, an answer without a usable code or token raises APIResponseValidationError, and nothing
else is sent. An unusual `expires_at` does not stop a login: Unix seconds, a number of seconds
from now, or a date string are understood; anything else means "no expiry known", and the token
is then used until the server refuses it (401/403).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from gatum_client.api.auth import access_token as access_token_api
from gatum_client.api.auth import authorize as authorize_api
from gatum_client.client import ClientLike
from gatum_client.models import AccessTokenRequest, AuthorizeRequest
from gatum_client.types import RequestOptions, Response

from ._auth import Credentials, Token
from ._deadline import Deadline
from ._exceptions import APIError, APIResponseValidationError
from ._validation import TOKEN_PATTERN

# Below this an `expires_at` cannot be a Unix time of this century: it counts seconds from now.
_RELATIVE_LIMIT = 10**9


def _unusable(answer: Response[Any], what: str) -> APIError:
    response = answer.raw
    if response is None:
        return APIError(f"login failed: {what}")
    return APIResponseValidationError(response, f"login failed: {what}")


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value)
    return text if TOKEN_PATTERN.fullmatch(text) else None


def expiry(value: Any, now: float) -> float | None:
    """`expires_at` as Unix seconds, or None when it says nothing usable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = float(text)
        except ValueError:
            try:
                when = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                return None
            if when.tzinfo is None:  # the platform states times in GMT+0
                when = when.replace(tzinfo=timezone.utc)
            return when.timestamp()
    if not isinstance(value, (int, float)) or value != value or value <= 0:
        return None
    return float(value) if value >= _RELATIVE_LIMIT else now + float(value)


def _token(issued: Response[Any]) -> Token:
    data = getattr(issued.parsed, "data", None)
    value = _text(getattr(data, "access_token", None))
    if value is None:
        raise _unusable(issued, "the accesstoken answer holds no usable access_token")
    expires_at = getattr(data, "expires_at", None)
    return Token.from_expiry(value, expiry(expires_at, time.time()), now=time.time())


def _code(authorized: Response[Any]) -> str:
    code = _text(getattr(getattr(authorized.parsed, "data", None), "authorization_code", None))
    if code is None:
        raise _unusable(authorized, "the authorize answer holds no usable authorization_code")
    return code


def _options(deadline: Deadline | None) -> RequestOptions:
    # Every answer must be the one the spec promises, within the deadline of the call that needs the token.
    return RequestOptions(raise_for_status=True, deadline=deadline)


def login(client: ClientLike, credentials: Credentials, deadline: Deadline | None = None) -> Token:
    """Authorize, then exchange the code for a token (blocking)."""
    options = _options(deadline)
    body = AuthorizeRequest(username=credentials.username, password=credentials.password)
    code = _code(authorize_api.sync_detailed(client=client, body=body, options=options))
    request = AccessTokenRequest(authorization_code=code)
    return _token(access_token_api.sync_detailed(client=client, body=request, options=options))


async def async_login(client: ClientLike, credentials: Credentials, deadline: Deadline | None = None) -> Token:
    """Authorize, then exchange the code for a token (asyncio)."""
    options = _options(deadline)
    body = AuthorizeRequest(username=credentials.username, password=credentials.password)
    code = _code(await authorize_api.asyncio_detailed(client=client, body=body, options=options))
    request = AccessTokenRequest(authorization_code=code)
    return _token(await access_token_api.asyncio_detailed(client=client, body=request, options=options))
