"""`GatumResponse`: what every `GatumRESTAPI` method returns, error statuses included."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import httpx
from gatum_client.models import ErrorResponse

from ._body import UnparsedBody, error_status
from ._exceptions import REQUEST_ID_HEADERS, APIResponseValidationError, status_error_for

T = TypeVar("T")


class GatumResponse(Generic[T]):
    """An HTTP answer, raw and parsed.

    * `status_code`, `headers`, `text`, `content` and `json()` are the answer exactly as the
      server sent it (like the `requests` response the vendor's old client returned);
    * `parsed` is the typed `gatum_client` model of the body (e.g. `SendResponse`, or
      `ErrorResponse` for a 400 and for a 200 whose body says `status: false`), an `UnparsedBody`
      holding the raw data for a 2xx JSON body that fits no model (logged as a warning), or None
      for a status the spec does not document or a body that is not JSON;
    * `outcome_unknown` is true when an operation that creates or changes something got a 5xx:
      it may have been carried out; look it up (`sms_full_data`) before repeating it.

    The body is parsed into `parsed` when that is first read (or by `raise_for_status`), not on
    receipt: most callers of the old client's methods read `.json()` or nothing, and the parse is
    about 5% of a send's CPU with many sends in flight (openai-python parses lazily too).
    """

    __slots__ = ("_parse", "_parsed", "_parsing", "_raw", "operation_id", "outcome_unknown")

    def __init__(
        self,
        raw: httpx.Response,
        parsed: T | UnparsedBody | None = None,
        *,
        operation_id: str,
        outcome_unknown: bool,
        parse: Callable[[], T | UnparsedBody | None] | None = None,
    ) -> None:
        self._raw = raw
        self._parsed = parsed
        self._parse = parse
        # parsed once, also when two threads ask at once (the models take the decoded dicts over)
        self._parsing = threading.Lock()
        self.operation_id = operation_id
        self.outcome_unknown = outcome_unknown

    @property
    def parsed(self) -> T | UnparsedBody | None:
        if self._parse is not None:
            with self._parsing:
                if self._parse is not None:
                    self._parsed, self._parse = self._parse(), None
        return self._parsed

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled parsed: the parse left for later is a closure over the generated parser.
        return (_restored, (self._raw, self.parsed, self.operation_id, self.outcome_unknown))

    @property
    def status_code(self) -> int:
        return self._raw.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._raw.headers

    @property
    def content(self) -> bytes:
        return self._raw.content

    @property
    def text(self) -> str:
        return self._raw.text

    @property
    def is_success(self) -> bool:
        return self._raw.is_success

    @property
    def request_id(self) -> str | None:
        return next((self._raw.headers[h] for h in REQUEST_ID_HEADERS if h in self._raw.headers), None)

    @property
    def http_response(self) -> httpx.Response:
        """The underlying httpx response."""
        return self._raw

    def json(self, **kwargs: Any) -> Any:
        """The body decoded from JSON, exactly as sent (raises ValueError when it is not JSON)."""
        try:
            return self._raw.json(**kwargs)
        except RecursionError:
            raise ValueError("the body is nested too deeply to decode") from None

    def raise_for_status(self) -> GatumResponse[T]:
        """Raise the typed APIStatusError for an error answer; return self otherwise.

        An error answer is an error status, or a 2xx whose body says `status: false` (raised as
        the error its `error_code` stands for, e.g. AuthenticationError for 401). A 2xx body that
        is not JSON or fits no model raises APIResponseValidationError, as on the typed path (the
        body stays on `.parsed` as an UnparsedBody, and on the exception: nothing is lost).
        """
        if self._raw.status_code >= 400:
            raise status_error_for(self._raw, outcome_unknown=self.outcome_unknown)
        if isinstance(self.parsed, ErrorResponse):
            try:
                status = error_status(self._raw.json())
            except (ValueError, RecursionError):
                status = None
            raise status_error_for(self._raw, status_code=status or 400)
        if isinstance(self.parsed, UnparsedBody):
            raise APIResponseValidationError(self._raw, f"the body fits no model of {self.operation_id}")
        if self.parsed is None and self._raw.is_success:
            try:
                self._raw.json()
            except (ValueError, RecursionError):
                raise APIResponseValidationError(self._raw, f"the body of {self.operation_id} is not JSON") from None
            reason = f"HTTP {self.status_code} is not a documented answer of {self.operation_id}"
            raise APIResponseValidationError(self._raw, reason)
        return self

    def __repr__(self) -> str:
        return f"<GatumResponse {self.operation_id} [{self.status_code}]>"


def _restored(raw: httpx.Response, parsed: Any, operation_id: str, outcome_unknown: bool) -> GatumResponse[Any]:
    return GatumResponse(raw, parsed, operation_id=operation_id, outcome_unknown=outcome_unknown)
