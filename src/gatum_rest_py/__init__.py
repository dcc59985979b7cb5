"""Python client for the Gatum SMS REST API: typed, retry-safe, generated from its OpenAPI spec.

* `GatumRESTAPI` / `AsyncGatumRESTAPI`: the vendor's old client, method for method, returning
  a `GatumResponse` for every HTTP status.
* `Client`: a `gatum_client` client with auth, retries, timeouts and typed errors, for calling
  the generated endpoint functions directly.
* `gatum_rest_py.webhooks`: receiving delivery reports.
"""

from typing import TYPE_CHECKING

from ._batch import MessageOutcome, SendMessagesResult, send_batches
from ._body import UnparsedBody
from ._call import CallOptions
from ._client import DEFAULT_TIMEOUT, Client, __version__
from ._config import configure_logging_from_environment
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    GatumError,
    InternalServerError,
    InvalidCredentialsError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    WebhookPayloadError,
)
from ._facade import AsyncGatumRESTAPI, GatumRESTAPI
from ._paging import PagingError
from ._response import GatumResponse
from ._retry import DEFAULT_MAX_RETRIES, RetryConfig
from .webhooks import (
    AsyncRedisDedupeStore,
    DedupeStore,
    DeliveryReportReceiver,
    MemoryDedupeStore,
    RedisDedupeStore,
    acknowledgement,
    parse_delivery_reports,
)

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncGatumRESTAPI",
    "AsyncRedisDedupeStore",
    "AuthenticationError",
    "BadRequestError",
    "CallOptions",
    "Client",
    "ConfigurationError",
    "DedupeStore",
    "DeliveryReportReceiver",
    "GatumError",
    "GatumRESTAPI",
    "GatumResponse",
    "InternalServerError",
    "InvalidCredentialsError",
    "InvalidRequestError",
    "MemoryDedupeStore",
    "MessageOutcome",
    "NotFoundError",
    "PagingError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedisDedupeStore",
    "RetryConfig",
    "SendMessagesResult",
    "UnparsedBody",
    "WebhookPayloadError",
    "__version__",
    "acknowledgement",
    "parse_delivery_reports",
    "segments",
    "send_batches",
]

if TYPE_CHECKING:  # at run time `segments` is loaded on first use, by __getattr__ below
    from .campaigns._segments import segments


def __getattr__(name: str) -> object:
    """`gatum_rest_py.segments` (the message length calculator), imported on first use: the
    campaigns package stays out of `import gatum_rest_py`."""
    if name == "segments":
        from .campaigns._segments import segments

        return segments
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


configure_logging_from_environment()
