"""The exceptions of gatum_rest_py, one hierarchy for every failure::

    GatumError
    ├── ConfigurationError           a client set up wrongly (base URL, TLS, proxy, retries); a ValueError
    ├── InvalidRequestError          bad input, caught before anything is sent
    ├── WebhookPayloadError          a delivery-report body that is not a JSON array
    └── APIError
        ├── APIStatusError           the server answered with an error status
        │   ├── BadRequestError          400  (.error_code, .errors: field -> messages)
        │   ├── AuthenticationError      401
        │   │   └── InvalidCredentialsError  400 on a login: wrong username, password or code (also a BadRequestError)
        │   ├── PermissionDeniedError    403
        │   ├── NotFoundError            404
        │   ├── RateLimitError           429
        │   └── InternalServerError      5xx
        ├── APIResponseValidationError  a 2xx body that is not JSON or fits no model
        └── APIConnectionError       no usable answer (refused, dropped, DNS, TLS)
            └── APITimeoutError          connect, read, write or pool timeout

`outcome_unknown` is true on an error raised for an operation that creates or changes
something (above all a send) when the request may have reached the server: it was not
retried, and the caller must look the outcome up (`sms_full_data`) before trying again.

Messages never contain the access token or the password, nor does anything an exception holds:
its `request` (and its response's) is a redacted copy (`_redact.redacted_request`).

Every exception pickles and deep-copies with its class, message and attributes, so Celery, RQ and
multiprocessing can carry it across processes (`portable_reduce`).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._redact import MASK, carries_login_secrets, has_request, redact_response, redacted_request, replace_content
from ._spec import operation_of

OUTCOME_UNKNOWN_HINT = (
    "it may have gone out, so it was not retried (a repeat could be a second paid SMS): check sms_full_data"
)
"""What an error on a send adds when its outcome is unknown."""
CHANGE_UNKNOWN_HINT = "it may have been done, so it was not retried: look it up before trying again"
"""The same for a change that sends no SMS (a group, a contact, the black list)."""
_SENDS = frozenset({"sendSms", "sendBulk"})


class GatumError(Exception):
    """Base of every exception raised by gatum_rest_py."""

    def __reduce__(self) -> tuple[Any, ...]:
        return portable_reduce(self)


def portable_reduce(exc: BaseException) -> tuple[Any, ...]:
    """`__reduce__` for an exception whose constructor does not take `*exc.args`.

    BaseException pickles as `cls(*exc.args)` plus its `__dict__`: that fails for keyword-only
    or response-based constructors. This rebuilds without calling `__init__` (the message is
    already made) and restores the attributes, with any request or response redacted again,
    since an attribute may have been replaced after construction.
    """
    state = {name: _without_secrets(value) for name, value in vars(exc).items()}
    return _rebuild_exception, (type(exc), exc.args), state


def _rebuild_exception(cls: type[BaseException], args: tuple[Any, ...]) -> BaseException:
    # The name is part of every pickle made so far: renaming it breaks loading them.
    return cls.__new__(cls, *args)  # BaseException.__new__ sets args; __init__ is not run


def _without_secrets(value: Any) -> Any:
    if isinstance(value, httpx.Request):
        return redacted_request(value)
    if isinstance(value, httpx.Response):
        return _redacted_copy(value)
    return value


def _kept(response: httpx.Response) -> httpx.Response:
    """The answer an exception keeps: its requests redacted; a masked copy when it is a login
    answer (it may hand out a code or a token), from the start, not only once it travels."""
    redact_response(response)
    return _redacted_copy(response) if _is_login(response) else response


def _redacted_copy(response: httpx.Response) -> httpx.Response:
    # Through httpx's own pickling support: the caller's response is left alone, and the copy
    # has no stream or extensions (the network stream, which cannot travel).
    safe = httpx.Response.__new__(httpx.Response)
    safe.__setstate__(response.__getstate__())
    safe.history = [_redacted_copy(earlier) for earlier in safe.history]
    redact_response(safe)
    if _is_login(safe) and hasattr(safe, "_content"):
        # A login answer may hold the one-time code or the token itself.
        replace_content(safe, _login_masked(safe._content))
    return safe


def _hint_for(request: httpx.Request | None) -> str:
    op = operation_of(request) if request is not None else None
    if op is not None and op.operation_id not in _SENDS:
        return CHANGE_UNKNOWN_HINT
    return OUTCOME_UNKNOWN_HINT  # a send, or a request the spec does not know: assume the worst


class ConfigurationError(GatumError, ValueError):
    """The client is set up wrongly (no or a bad base URL, TLS off, a bad proxy or retry setting)."""


class InvalidRequestError(GatumError, ValueError):
    """An argument breaks a rule of the spec; nothing was sent.

    `argument` names the offending argument, `rule` says what it must be.
    """

    def __init__(self, message: str, *, argument: str, rule: str) -> None:
        super().__init__(message)
        self.argument = argument
        self.rule = rule


class WebhookPayloadError(GatumError, ValueError):
    """A delivery-report webhook body that is not a JSON array of reports."""


class APIError(GatumError):
    """A call to the API failed. `request` is the request that failed, when known."""

    def __init__(self, message: str, *, request: httpx.Request | None = None, outcome_unknown: bool = False) -> None:
        if outcome_unknown:
            message = f"{message}; outcome unknown: {_hint_for(request)}"
        super().__init__(message)
        self.request = redacted_request(request) if request is not None else None
        self.outcome_unknown = outcome_unknown


class APIConnectionError(APIError):
    """No usable answer: connection refused or dropped, DNS or TLS failure."""


class APITimeoutError(APIConnectionError):
    """The request timed out (connect, read, write or waiting for a pooled connection)."""


class APIStatusError(APIError):
    """The server answered with an error status.

    Carries `status_code`, `body` (the raw text), `json_body` (the parsed body, or None when it
    is not JSON), `request_id` (from `X-Request-Id` and similar headers, when sent) and the
    `response` itself.
    """

    def __init__(
        self, response: httpx.Response, *, outcome_unknown: bool = False, status_code: int | None = None
    ) -> None:
        response = self.response = _kept(response)
        # A 200 whose body says `status: false` stands for the status of its `error_code`.
        self.status_code = status_code if status_code is not None else response.status_code
        self.body = _text_of(response, withhold=_is_login(response))
        self.json_body = _json_of(self.body)
        self.request_id = next((response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None)
        detail = _summary(self.json_body, self.body, withhold=_is_login(response))
        request = response.request if has_request(response) else None
        where = f" for {request.method} {request.url.path}" if request is not None else ""
        rid = f" (request id {self.request_id})" if self.request_id else ""
        shown = (
            f"{self.status_code}"
            if self.status_code == response.status_code
            else f"{response.status_code} (status: false)"
        )
        super().__init__(f"HTTP {shown}{where}{rid}: {detail}", request=request, outcome_unknown=outcome_unknown)
        self.request = request  # already redacted, and the very object `response.request` is


class APIResponseValidationError(APIError):
    """The server answered 200 with a body the spec does not allow (e.g. not JSON).

    Carries `status_code`, `body` (the raw text) and the `response`.
    """

    def __init__(self, response: httpx.Response, reason: str) -> None:
        response = self.response = _kept(response)
        self.status_code = response.status_code
        self.body = _text_of(response, withhold=_is_login(response))
        request = response.request if has_request(response) else None
        where = f" for {request.method} {request.url.path}" if request is not None else ""
        detail = _summary(None, self.body, withhold=_is_login(response))
        super().__init__(f"HTTP {self.status_code}{where}: {reason}: {detail}")
        self.request = request


class BadRequestError(APIStatusError):
    """400: validation failed or the platform refused the request.

    `error_code` and `errors` come from the error envelope; `errors` is always a mapping of
    field name to messages (a plain-string `errors` or `error` is filed under "").
    """

    def __init__(
        self, response: httpx.Response, *, outcome_unknown: bool = False, status_code: int | None = None
    ) -> None:
        super().__init__(response, outcome_unknown=outcome_unknown, status_code=status_code)
        envelope = self.json_body if isinstance(self.json_body, dict) else {}
        self.error_code: int | None = error_code_of(envelope)
        self.errors: dict[str, list[str]] = _field_errors(envelope)


class AuthenticationError(APIStatusError):
    """401: the access token is missing, unknown or expired."""


class InvalidCredentialsError(AuthenticationError, BadRequestError):
    """A login refused: the platform answers 400 to a wrong username, password or authorization code.

    An AuthenticationError (what went wrong) and a BadRequestError (what the platform said:
    `status_code` 400, `errors`), so code catching either keeps working.
    """


class PermissionDeniedError(APIStatusError):
    """403: the token may not do this (some vendors also answer 403 for an expired token)."""


class NotFoundError(APIStatusError):
    """404: no such resource or path (is the base URL right?)."""


class RateLimitError(APIStatusError):
    """429: too many requests. `retry_after`: the seconds the answer's `Retry-After` asks for, or None."""

    def __init__(self, response: httpx.Response, **kwargs: Any) -> None:
        super().__init__(response, **kwargs)
        value = response.headers.get("retry-after")
        try:
            seconds: float | None = max(0.0, float(value)) if value is not None else None
        except ValueError:
            seconds = None
        self.retry_after = seconds


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


STATUS_TO_EXCEPTION: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}
"""Which exception an error status raises; any other 5xx is InternalServerError, any other 4xx APIStatusError."""

REQUEST_ID_HEADERS = ("x-request-id", "request-id", "x-correlation-id", "x-amzn-requestid")


def status_error_for(
    response: httpx.Response, *, outcome_unknown: bool = False, status_code: int | None = None
) -> APIStatusError:
    """The exception for an error `response` (status >= 400, or `status_code` for a 200 whose body
    says `status: false`); its body must have been read."""
    status = status_code if status_code is not None else response.status_code
    if status == 400 and _is_credentials_check(response):
        return InvalidCredentialsError(response, outcome_unknown=outcome_unknown, status_code=status_code)
    cls = STATUS_TO_EXCEPTION.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    return cls(response, outcome_unknown=outcome_unknown, status_code=status_code)


def error_code_of(envelope: Any) -> int | None:
    """The `error_code` of an error envelope as an integer (`400` and `"400"` alike), or None."""
    code = envelope.get("error_code") if isinstance(envelope, dict) else None
    if isinstance(code, str) and code.strip().isdigit():
        code = int(code)
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _text_of(response: httpx.Response, *, withhold: bool = False) -> str:
    try:
        text = response.text
    except (httpx.ResponseNotRead, UnicodeDecodeError, LookupError):
        text = response.content.decode("utf-8", errors="replace") if response.is_stream_consumed else ""
    # A login answer may hold the one-time code or the token: `body` keeps the rest of it.
    return _login_masked(text.encode()).decode() if withhold and text else text


def _login_masked(content: bytes) -> bytes:
    """`content` with the code or token a login answer issues masked; as it came when it has none.

    Not `mask_secret_fields`: an error envelope's `errors.password` is a message to keep, and a
    body that is not JSON holds none of the fields the platform issues.
    """
    try:
        data = json.loads(content)
    except (ValueError, RecursionError):
        return content
    masked = _mask_issued(data)
    return content if masked == data else json.dumps(masked, ensure_ascii=False).encode()


def _mask_issued(value: Any) -> Any:
    # Every text of a login answer but its error words: the code and the token have known names
    # (authorization_code, access_token), but an answer may name them otherwise ({"data": {"token": …}}).
    if isinstance(value, dict):
        return {k: v if k in ("error", "errors") else _mask_issued(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask_issued(item) for item in value]
    return MASK if isinstance(value, str) else value


def _json_of(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None


def _field_errors(envelope: dict[str, Any]) -> dict[str, list[str]]:
    errors = envelope.get("errors")
    if isinstance(errors, dict):
        return {str(k): [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in errors.items()}
    messages = [str(m) for m in (errors, envelope.get("error")) if isinstance(m, str) and m]
    return {"": messages} if messages else {}


_CREDENTIAL_CHECKS = frozenset({"authorize", "accessToken"})


def _is_credentials_check(response: httpx.Response) -> bool:
    op = operation_of(response.request) if has_request(response) else None
    return op is not None and op.operation_id in _CREDENTIAL_CHECKS


def _is_login(response: httpx.Response) -> bool:
    # Answers of the operations that need no token (authorize, accesstoken, register) may carry
    # a code or a token: their bodies are never quoted in a message.
    return has_request(response) and carries_login_secrets(response.request)


def _summary(json_body: Any, text: str, *, withhold: bool = False) -> str:
    if isinstance(json_body, dict):
        errors = _field_errors(json_body)
        if errors:
            said = "; ".join(f"{k}: {', '.join(v)}" if k else ", ".join(v) for k, v in errors.items())
            said = " ".join(said.split())  # one line, whatever line breaks the server's words hold
            return said if len(said) <= 300 else said[:300] + "…"
    if withhold:
        return "(body withheld: a login answer may hold credentials)"
    if not text.strip():
        return "(empty body)"
    snippet = " ".join(text.split())
    return snippet if len(snippet) <= 200 else snippet[:200] + "…"
