"""The ledger's errors: one `GatumError` subclass per way a ledger can fail, each naming the ledger.

`ledger` is the ledger's URL with any password masked; the message is one line. Nothing is
half-written when one is raised: every state change is one transaction, rolled back on failure.
"""

from __future__ import annotations

from .._exceptions import GatumError

__all__ = [
    "LedgerConflictError",
    "LedgerError",
    "LedgerFullError",
    "LedgerSchemaError",
    "LedgerStateError",
    "LedgerURLError",
    "LedgerUnavailableError",
]

_MAX_DETAIL = 100
MAX_MESSAGE = 160
"""An error is one short line: the house rule for every GatumError."""


def one_line(text: str, limit: int = _MAX_DETAIL) -> str:
    """`text` on one line, cut to `limit` characters (a database's message can be long)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class LedgerError(GatumError):
    """A ledger operation failed. `ledger` is the ledger's URL, password masked."""

    def __init__(self, message: str, *, ledger: str) -> None:
        super().__init__(one_line(f"ledger {ledger}: {message}", MAX_MESSAGE))
        self.ledger = ledger


class LedgerURLError(LedgerError, ValueError):
    """The ledger URL is not one this package opens (`sqlite:///path` or `postgresql://…`)."""


class LedgerUnavailableError(LedgerError):
    """The ledger cannot be opened, or went away mid-run (the operation was rolled back)."""


class LedgerSchemaError(LedgerError):
    """The ledger's schema is from a newer release of this package (or is not a ledger at all)."""


class LedgerFullError(LedgerError):
    """The disk (or the database's size limit) is full; the operation was rolled back."""


class LedgerConflictError(LedgerError, ValueError):
    """A message key already stands for a different message (other numbers, sender or text)."""


class LedgerStateError(LedgerError):
    """The message is not in a state that allows this (e.g. replanning a message that was sent)."""
