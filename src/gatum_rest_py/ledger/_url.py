"""Ledger URLs: `sqlite:///relative.db`, `sqlite:////absolute.db`, `postgresql://user:pw@host/db`.

`masked(url)` is the form that appears in errors and reprs: any password is replaced by `***`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus, urlsplit, urlunsplit

from ._errors import LedgerURLError

__all__ = ["LedgerURL", "masked", "parse_url", "secrets_of"]

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


_SECRET_PARAMETERS = frozenset({"password", "sslpassword"})
"""libpq's connection parameters that hold a secret (`postgresql://host/db?password=…`); a Redis
URL's `?password=` too."""


def _is_secret(parameter: str) -> bool:
    return unquote(parameter.partition("=")[0]).lower() in _SECRET_PARAMETERS


def masked(url: str) -> str:
    """`url` with the password of its user part, and any `password` parameter, replaced by `***`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable ledger URL>"
    shown = url
    if parts.password is not None:
        user = parts.username or ""
        host = parts.netloc.rpartition("@")[2]
        shown = urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))
    if any(_is_secret(parameter) for parameter in parts.query.split("&")):
        query = "&".join(
            f"{parameter.partition('=')[0]}={MASK}" if _is_secret(parameter) else parameter
            for parameter in parts.query.split("&")
        )
        shown = shown.replace(f"?{parts.query}", f"?{query}", 1)
    return shown


def secrets_of(url: str) -> list[str]:
    """The secrets `url` carries, as a server may echo them: its user part's password and the
    values of its password parameters (decoded)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [unquote(parts.password)] if parts.password else []
    for parameter in parts.query.split("&"):
        if _is_secret(parameter) and parameter.partition("=")[2]:
            found.append(unquote_plus(parameter.partition("=")[2]))
    return found


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
        path, query, parameters = rest[1:].partition("?")
        if query:  # silently ignoring one (mode=ro, say) would write where the user asked not to
            raise LedgerURLError(f"a SQLite ledger URL takes no parameters: ?{parameters}", ledger=shown)
        return LedgerURL("sqlite", path, "", shown)
    if (sep and scheme in ("postgresql", "postgres")) or scheme.startswith("postgresql+"):
        dsn = "postgresql://" + rest
        return LedgerURL("postgresql", "", dsn, shown)
    raise LedgerURLError("unknown kind of ledger: use sqlite:///path.db or postgresql://…", ledger=shown)
