"""A request the receiver answers without processing it."""

from __future__ import annotations

import logging
from typing import Any, TypeAlias

from .._exceptions import portable_reduce

__all__ = ["Payload", "Rejected"]

logger = logging.getLogger("gatum_rest_py.webhooks")

Payload: TypeAlias = list[str] | dict[str, str]
"""An answer body: the acknowledgement, or {"error": …}."""


class Rejected(Exception):
    """403, 400, 405, 413 or 503 with a message that is safe to log (never the secret or a report)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self) -> tuple[Any, ...]:
        return portable_reduce(self)  # `status` is not in args: the default would call Rejected(message)

    def reply(self) -> tuple[int, Payload]:
        logger.warning("delivery-report request refused (%d): %s", self.status, self)
        # A 403 says nothing about why: which check failed is for your log, not for a prober.
        return self.status, {"error": "forbidden" if self.status == 403 else str(self)}
