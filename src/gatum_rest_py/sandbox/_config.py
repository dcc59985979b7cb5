"""How a sandbox behaves: accounts, senders, timing of delivery reports, where they go."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .._exceptions import InvalidRequestError

# A sender ID the sandbox never treats as registered, so the refusal can be tried without a
# `--senders` list (the platform answers `not_registr_originator` for such a sender).
UNREGISTERED_SENDER = "Unverified"


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

    def __post_init__(self) -> None:
        if self.dlr_delay < 0 or self.retry_delay < 0:
            raise InvalidRequestError(
                "SandboxConfig: delays must be >= 0", argument="dlr_delay", rule="a number of seconds >= 0"
            )
        if self.max_attempts < 1:
            raise InvalidRequestError("SandboxConfig: max_attempts must be >= 1", argument="max_attempts", rule=">= 1")

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
