"""Python client for the Gatum SMS REST API: typed, retry-safe, generated from its OpenAPI spec.

* `GatumRESTAPI` / `AsyncGatumRESTAPI`: the vendor's old client, method for method, returning
  a `GatumResponse` for every HTTP status.
* `Client`: a `gatum_client` client with auth, retries, timeouts and typed errors, for calling
  the generated endpoint functions directly.
* `gatum_rest_py.webhooks`: receiving delivery reports.
"""

import importlib
from typing import TYPE_CHECKING

from ._config import configure_logging_from_environment

__docformat__ = "google restructuredtext"
"""For pdoc (`make docs`): the facade methods' `Args:`/`Returns:`/`Raises:` sections, and `::` blocks."""

if TYPE_CHECKING:  # at run time each name is imported on first use, by __getattr__ below
    from ._batch import MessageOutcome, SendInterrupted, SendMessagesResult, send_batches
    from ._batch_messages import CheckedMessage, check_messages
    from ._body import UnparsedBody
    from ._call import CallOptions
    from ._client import DEFAULT_TIMEOUT, Client, __version__
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
    from .campaigns._segments import segments
    from .webhooks import (
        AsyncRedisDedupeStore,
        DedupeStore,
        DeliveryReportReceiver,
        MemoryDedupeStore,
        RedisDedupeStore,
        acknowledgement,
        parse_delivery_reports,
    )

_EXPORTS: dict[str, str] = {
    "MessageOutcome": "._batch",
    "SendInterrupted": "._batch",
    "SendMessagesResult": "._batch",
    "send_batches": "._batch",
    "CheckedMessage": "._batch_messages",
    "check_messages": "._batch_messages",
    "UnparsedBody": "._body",
    "CallOptions": "._call",
    "DEFAULT_TIMEOUT": "._client",
    "Client": "._client",
    "__version__": "._client",
    "APIConnectionError": "._exceptions",
    "APIError": "._exceptions",
    "APIResponseValidationError": "._exceptions",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._exceptions",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "ConfigurationError": "._exceptions",
    "GatumError": "._exceptions",
    "InternalServerError": "._exceptions",
    "InvalidCredentialsError": "._exceptions",
    "InvalidRequestError": "._exceptions",
    "NotFoundError": "._exceptions",
    "PermissionDeniedError": "._exceptions",
    "RateLimitError": "._exceptions",
    "WebhookPayloadError": "._exceptions",
    "AsyncGatumRESTAPI": "._facade",
    "GatumRESTAPI": "._facade",
    "PagingError": "._paging",
    "GatumResponse": "._response",
    "DEFAULT_MAX_RETRIES": "._retry",
    "RetryConfig": "._retry",
    "AsyncRedisDedupeStore": ".webhooks",
    "DedupeStore": ".webhooks",
    "DeliveryReportReceiver": ".webhooks",
    "MemoryDedupeStore": ".webhooks",
    "RedisDedupeStore": ".webhooks",
    "acknowledgement": ".webhooks",
    "parse_delivery_reports": ".webhooks",
    "segments": ".campaigns._segments",
}
"""Each public name and the module it comes from."""

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
    "CheckedMessage",
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
    "SendInterrupted",
    "SendMessagesResult",
    "UnparsedBody",
    "WebhookPayloadError",
    "__version__",
    "acknowledgement",
    "check_messages",
    "parse_delivery_reports",
    "segments",
    "send_batches",
]


def __getattr__(name: str) -> object:
    """Each public name, imported on first use (PEP 562): `import gatum_rest_py` stays light, so the
    `gatum` command starts fast (`gatum --help` loads neither httpx nor the generated models), and the
    campaigns package stays out of `import gatum_rest_py` until `segments` is used."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # once: later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


configure_logging_from_environment()
