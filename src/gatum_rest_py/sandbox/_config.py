"""How a sandbox behaves: accounts, senders, timing of delivery reports, where they go."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit

from .._exceptions import InvalidRequestError

# A sender ID the sandbox never treats as registered, so the refusal can be tried without a
# `--senders` list (the platform answers `not_registr_originator` for such a sender).
UNREGISTERED_SENDER = "Unverified"
_RATE = re.compile(r"^\s*([1-9][0-9]*)\s*/\s*(s|sec|second|m|min|minute)\s*$")


def parse_rate(text: str) -> tuple[int, float]:
    """`--rate-limit` text as (requests, per seconds): `50/s` is (50, 1.0), `600/min` (600, 60.0).

    Example:
        >>> parse_rate("5/s")
        (5, 1.0)
    """
    found = _RATE.match(text)
    if found is None:
        raise InvalidRequestError(
            f"rate limit {text[:40]!r} is not N/s or N/min", argument="rate_limit", rule="N/s or N/min, N >= 1"
        )
    return int(found[1]), 1.0 if found[2].startswith("s") else 60.0


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one sandbox; every field has a default that suits `make sandbox`.

    Example:
        >>> SandboxConfig(dlr_delay=0.2, senders=frozenset({"Verify"})).dlr_delay
        0.2
    """

    db: str = ":memory:"  # SQLite file, or ":memory:"
    # login -> password; None: any username/password logs in (one account per username).
    users: Mapping[str, str] | None = field(default=None, repr=False)
    # Registered sender IDs; None: every sender except UNREGISTERED_SENDER.
    senders: frozenset[str] | None = None
    # where reports go when a message has no callback_url; out of the repr: it may hold ?secret=
    webhook_url: str | None = field(default=None, repr=False)
    dlr_delay: float = 2.0  # seconds from the send to the final state (ENROUTE comes halfway)
    retry_delay: float = 1.0  # first wait before a report is delivered again; doubles each time
    max_attempts: int = 5  # deliveries of one report, the first included
    intermediate_reports: bool = True  # POST the ENROUTE state too; False: only the final one
    token_ttl: int = 3600  # seconds an access token is valid
    code_ttl: int = 300  # seconds an authorization code is valid
    starting_balance: float = 100.0
    currency: str = "EUR"
    # Hosts reports may be POSTed to; None: any. Tests pass the loopback names only.
    callback_hosts: frozenset[str] | None = None
    # Requests with a token per account, e.g. "50/s"; over it: 429 with Retry-After, nothing done.
    rate_limit: str | None = None
    # A send costing more than the balance is blocked with `no_money` (not sent, not charged).
    enforce_balance: bool = False
    # How long the stalling magic number (0006) holds its answer back, in wall-clock seconds.
    stall_seconds: float = 300.0

    def __post_init__(self) -> None:
        # Values come from code, JSON (the pytest marker, /_sandbox/reset) and the command line; a
        # wrong type would otherwise surface later as an unrelated error (`'<' not supported ...`)
        # or, for flags, be taken as truthy without a word.
        for item in fields(self):
            value = getattr(self, item.name)
            fits, rule = _FIELDS[item.name]
            if not fits(value):
                shown = f"a {type(value).__name__}" if item.name == "users" else _shown(value)  # passwords
                raise InvalidRequestError(
                    f"SandboxConfig: {item.name} must be {rule}, not {shown}", argument=item.name, rule=rule
                )
        if self.rate_limit is not None:
            parse_rate(self.rate_limit)

    def sender_registered(self, sender: str) -> bool:
        if self.senders is not None:
            return sender in self.senders
        return sender.casefold() != UNREGISTERED_SENDER.casefold()


_Check = Callable[[object], bool]


def _number(low: float | None = None) -> _Check:
    # bool is an int to Python, but `dlr_delay=True` is a mistake, not one second. NaN fails
    # every comparison (`nan < 0` too) and infinity never comes: neither is a delay or a balance.
    def fits(value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return False
        return low is None or value >= low

    return fits


def _count(low: int) -> _Check:
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= low


def _optional(check: _Check) -> _Check:
    return lambda value: value is None or check(value)


def _of(*kinds: type) -> _Check:
    return lambda value: isinstance(value, kinds)


def _texts(value: object) -> bool:
    # A str is a collection of str too, but `senders="Verify,VShop"` would match by substring.
    return isinstance(value, Set) and all(isinstance(item, str) for item in value)


def _logins(value: object) -> bool:
    return isinstance(value, Mapping) and all(isinstance(x, str) for pair in value.items() for x in pair)


def _web_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
        _ = parts.port  # a port out of range raises ValueError only when asked for
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _shown(value: object) -> str:
    """`value` for a one-line error: its repr, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# What each field of SandboxConfig accepts, and the words an error says it with.
_FIELDS: dict[str, tuple[_Check, str]] = {
    "db": (_of(str, os.PathLike), "a file name or ':memory:'"),
    "users": (_optional(_logins), "a mapping of login to password (str to str)"),
    "senders": (_optional(_texts), "a set of sender IDs (str)"),
    "webhook_url": (_optional(_web_url), "an http(s):// URL with a host"),
    "dlr_delay": (_number(0), "a number of seconds >= 0"),
    "retry_delay": (_number(0), "a number of seconds >= 0"),
    "max_attempts": (_count(1), "a whole number >= 1"),
    "intermediate_reports": (_of(bool), "True or False"),
    "token_ttl": (_count(0), "a whole number of seconds >= 0"),
    "code_ttl": (_count(0), "a whole number of seconds >= 0"),
    "starting_balance": (_number(), "a number"),
    "currency": (_of(str), "a currency code (str)"),
    "callback_hosts": (_optional(_texts), "a set of host names (str)"),
    "rate_limit": (_optional(_of(str)), "N/s or N/min (str)"),
    "enforce_balance": (_of(bool), "True or False"),
    "stall_seconds": (_number(0), "a number of seconds >= 0"),
}


def read_users(path: str | Path) -> dict[str, str]:
    """Read a `--users` file: one `login:password` per line; blank lines and `#` comments skipped.

    Example:
        >>> import tempfile, os
        >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        ...     _ = f.write("# accounts\\nalice:secret\\n")
        >>> read_users(f.name)
        {'alice': 'secret'}
        >>> os.unlink(f.name)
    """
    users: dict[str, str] = {}
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        login, sep, password = line.partition(":")
        if not sep or not login or not password:
            # The line itself is not quoted: it holds a password.
            raise InvalidRequestError(
                f"--users: line {number} is not `login:password`", argument="users", rule="login:password"
            )
        users[login] = password
    return users
