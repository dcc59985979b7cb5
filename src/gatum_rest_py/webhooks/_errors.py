"""The receiver's own exceptions, and the answers it gives without processing a delivery."""

from __future__ import annotations

import logging
from typing import TypeAlias

from .._exceptions import ConfigurationError, GatumError

__all__ = ["AsyncOnlyError", "Payload", "Rejected"]

logger = logging.getLogger("gatum_rest_py.webhooks")

Payload: TypeAlias = list[str] | dict[str, str]
"""An answer body: the acknowledgement, or {"error": …}."""


class Rejected(GatumError):
    """A delivery refused unprocessed: `status` 403, 400, 405, 413 or 503, and a message that is
    safe to log (never the secret or a report). `check_access` raises it; pickles with `status`."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def reply(self) -> tuple[int, Payload]:
        logger.warning("delivery-report request refused (%d): %s", self.status, self)
        # A 403 says nothing about why: which check failed is for your log, not for a prober.
        return self.status, {"error": "forbidden" if self.status == 403 else str(self)}


class AsyncOnlyError(ConfigurationError, RuntimeError):
    """A sync entry point (`handle`, `respond`, `wsgi_app`) met what only `handle_async` /
    `asgi_app` can run: an async dedupe store, or an async callback inside a running event loop.

    Raised per delivery, not when the receiver is made: one receiver may serve both kinds of entry
    point. A RuntimeError as well, as it was before it was a GatumError.
    """
