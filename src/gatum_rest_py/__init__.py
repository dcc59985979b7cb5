"""Python client for the Gatum SMS REST API: typed, retry-safe, generated from its OpenAPI spec.

* `GatumRESTAPI` / `AsyncGatumRESTAPI`: the vendor's old client, method for method, returning
  a `GatumResponse` for every HTTP status.
* `Client`: a `gatum_client` client with auth, retries, timeouts and typed errors, for calling
  the generated endpoint functions directly.
* `gatum_rest_py.webhooks`: receiving delivery reports.
"""

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
    GatumError,
    InternalServerError,
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
    "DedupeStore",
    "DeliveryReportReceiver",
    "GatumError",
    "GatumRESTAPI",
    "GatumResponse",
    "InternalServerError",
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
    "send_batches",
]

configure_logging_from_environment()
