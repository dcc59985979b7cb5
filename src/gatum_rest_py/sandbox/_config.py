"""How a sandbox behaves: accounts, senders, timing of delivery reports, where they go."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

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
    webhook_url: str | None = None  # where reports go when a message has no callback_url
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
        if self.dlr_delay < 0 or self.retry_delay < 0:
            raise InvalidRequestError(
                "SandboxConfig: delays must be >= 0", argument="dlr_delay", rule="a number of seconds >= 0"
            )
        if self.max_attempts < 1:
            raise InvalidRequestError("SandboxConfig: max_attempts must be >= 1", argument="max_attempts", rule=">= 1")
        if self.rate_limit is not None:
            parse_rate(self.rate_limit)
        if self.stall_seconds < 0:
            raise InvalidRequestError(
                "SandboxConfig: stall_seconds must be >= 0", argument="stall_seconds", rule=">= 0"
            )

    def sender_registered(self, sender: str) -> bool:
        if self.senders is not None:
            return sender in self.senders
        return sender.casefold() != UNREGISTERED_SENDER.casefold()


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
