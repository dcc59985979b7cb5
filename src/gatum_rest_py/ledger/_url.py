"""Ledger URLs: `sqlite:///relative.db`, `sqlite:////absolute.db`, `postgresql://user:pw@host/db`.

`masked(url)` is the form that appears in errors and reprs: any password is replaced by `***`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus, urlsplit

from .._redact import split_userinfo
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


_KEYWORD_PASSWORD = re.compile(r"(\b(?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
"""A password in libpq's `key=value` form (`host=db password=secret`)."""


def _userinfo(url: str) -> tuple[str, str, str, str] | None:
    """(`scheme://`, user, password, what follows the "@") of a URL with a password (split as
    `split_userinfo` splits it)."""
    split = split_userinfo(url) if "://" in url else None
    if split is None or ":" not in split[1]:
        return None
    user, _, password = split[1].partition(":")
    return split[0], user, password, split[2]


def masked(url: str) -> str:
    """`url` with the password of its user part, and any `password` parameter, replaced by `***`."""
    if "://" not in url:
        return _KEYWORD_PASSWORD.sub(lambda m: m.group(1) + MASK, url)
    split = _userinfo(url)
    shown = url if split is None else f"{split[0]}{split[1]}:{MASK}@{split[3]}"
    try:
        parts = urlsplit(shown)
    except ValueError:
        return "<unparsable ledger URL>"
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
    split = _userinfo(url)
    found = [split[2], unquote(split[2])] if split is not None and split[2] else []
    try:
        query = urlsplit(url).query
    except ValueError:
        query = ""
    for parameter in query.split("&"):
        if _is_secret(parameter) and parameter.partition("=")[2]:
            found.append(unquote_plus(parameter.partition("=")[2]))
    return list(dict.fromkeys(found))  # as typed and as decoded: once when they are the same


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
        path, query, _ = rest[1:].partition("?")
        if query:  # silently ignoring one (mode=ro, say) would write where the user asked not to
            raise LedgerURLError(f"a SQLite ledger URL takes no parameters: {shown.partition('?')[2]!r}", ledger=shown)
        return LedgerURL("sqlite", path, "", shown)
    if (sep and scheme in ("postgresql", "postgres")) or scheme.startswith("postgresql+"):
        dsn = "postgresql://" + rest
        return LedgerURL("postgresql", "", dsn, shown)
    raise LedgerURLError("unknown kind of ledger: use sqlite:///path.db or postgresql://…", ledger=shown)
