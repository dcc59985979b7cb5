"""The exceptions of gatum_rest_py, one hierarchy for every failure::

    GatumError
    ├── InvalidRequestError          bad input, caught before anything is sent
    ├── WebhookPayloadError          a delivery-report body that is not a JSON array
    └── APIError
        ├── APIStatusError           the server answered with an error status
        │   ├── BadRequestError          400  (.error_code, .errors: field -> messages)
        │   ├── AuthenticationError      401
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

Messages never contain the access token or the password.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

OUTCOME_UNKNOWN_HINT = (
    "the request may have reached the server, so it was not retried (a repeat could send a second, paid SMS); "
    "check what happened (a send: sms_full_data; a group or list change: search it) before trying again"
)


class GatumError(Exception):
    """Base of every exception raised by gatum_rest_py."""


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
            message = f"{message}; outcome unknown: {OUTCOME_UNKNOWN_HINT}"
        super().__init__(message)
        self.request = request
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
        self.response = response
        # A 200 whose body says `status: false` stands for the status of its `error_code`.
        self.status_code = status_code if status_code is not None else response.status_code
        self.body = _text_of(response)
        self.json_body = _json_of(self.body)
        self.request_id = next((response.headers[h] for h in REQUEST_ID_HEADERS if h in response.headers), None)
        detail = _summary(self.json_body, self.body, withhold=_is_login(response))
        request = response.request if _has_request(response) else None
        where = f" for {request.method} {request.url.path}" if request is not None else ""
        rid = f" (request id {self.request_id})" if self.request_id else ""
        shown = (
            f"{self.status_code}"
            if self.status_code == response.status_code
            else f"{response.status_code} (status: false)"
        )
        super().__init__(f"HTTP {shown}{where}{rid}: {detail}", request=request, outcome_unknown=outcome_unknown)


class APIResponseValidationError(APIError):
    """The server answered 200 with a body the spec does not allow (e.g. not JSON).

    Carries `status_code`, `body` (the raw text) and the `response`.
    """

    def __init__(self, response: httpx.Response, reason: str) -> None:
        self.response = response
        self.status_code = response.status_code
        self.body = _text_of(response)
        request = response.request if _has_request(response) else None
        where = f" for {request.method} {request.url.path}" if request is not None else ""
        detail = _summary(None, self.body, withhold=_is_login(response))
        super().__init__(f"HTTP {self.status_code}{where}: {reason}: {detail}", request=request)


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


class PermissionDeniedError(APIStatusError):
    """403: the token may not do this (some vendors also answer 403 for an expired token)."""


class NotFoundError(APIStatusError):
    """404: no such resource or path (is the base URL right?)."""


class RateLimitError(APIStatusError):
    """429: too many requests; see the `Retry-After` header of `response`."""


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


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018 - raises when the response was built without one
    except RuntimeError:
        return False
    return True


def _text_of(response: httpx.Response) -> str:
    try:
        return response.text
    except (httpx.ResponseNotRead, UnicodeDecodeError, LookupError):
        return response.content.decode("utf-8", errors="replace") if response.is_stream_consumed else ""


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


def _is_login(response: httpx.Response) -> bool:
    # Answers of the operations that need no token (authorize, accesstoken, register) may carry
    # a code or a token: their bodies are never quoted in a message.
    from ._redact import carries_login_secrets

    return _has_request(response) and carries_login_secrets(response.request)


def _summary(json_body: Any, text: str, *, withhold: bool = False) -> str:
    if isinstance(json_body, dict):
        errors = _field_errors(json_body)
        if errors:
            return "; ".join(f"{k}: {', '.join(v)}" if k else ", ".join(v) for k, v in errors.items())
    if withhold:
        return "(body withheld: a login answer may hold credentials)"
    if not text.strip():
        return "(empty body)"
    snippet = " ".join(text.split())
    return snippet if len(snippet) <= 200 else snippet[:200] + "…"
