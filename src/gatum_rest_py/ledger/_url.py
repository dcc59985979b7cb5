"""Ledger URLs: `sqlite:///relative.db`, `sqlite:////absolute.db`, `postgresql://user:pw@host/db`.

`masked(url)` is the form that appears in errors and reprs: the password is replaced by `***`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ._errors import LedgerURLError

__all__ = ["LedgerURL", "masked", "parse_url"]

MASK = "***"


@dataclass(frozen=True)
class LedgerURL:
    """A parsed ledger URL: `kind` is "sqlite" (with `path`) or "postgresql" (with `dsn`)."""

    kind: str
    path: str  # sqlite: the file (":memory:" allowed); postgresql: ""
    dsn: str  # postgresql: the URL as given (libpq reads it); sqlite: ""
    shown: str  # for messages: the password masked

    def __repr__(self) -> str:
        return f"LedgerURL({self.shown!r})"


def masked(url: str) -> str:
    """`url` with the password of its user part replaced by `***`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable ledger URL>"
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))


def parse_url(url: str) -> LedgerURL:
    """Parse a ledger URL; LedgerURLError (naming it, masked) when it is not one."""
    if not isinstance(url, str) or not url.strip():
        raise LedgerURLError("a ledger URL is needed, e.g. sqlite:///gatum.db or postgresql://host/db", ledger="''")
    shown = masked(url)
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if sep and scheme == "sqlite":
        if not rest.startswith("/") or rest == "/":
            raise LedgerURLError("a SQLite URL is sqlite:///relative/path.db or sqlite:////abs/path.db", ledger=shown)
        path = rest[1:].partition("?")[0]
        return LedgerURL("sqlite", path, "", shown)
    if (sep and scheme in ("postgresql", "postgres")) or scheme.startswith("postgresql+"):
        dsn = "postgresql://" + rest
        return LedgerURL("postgresql", "", dsn, shown)
    raise LedgerURLError("unknown kind of ledger: use sqlite:///path.db or postgresql://…", ledger=shown)
