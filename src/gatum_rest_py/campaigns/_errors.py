"""The campaign's own error: bad input, found before anything is sent."""

from __future__ import annotations

from .._exceptions import InvalidRequestError

__all__ = ["CampaignInputError"]

_MAX_LENGTH = 160


class CampaignInputError(InvalidRequestError):
    """The input of a campaign breaks a rule; nothing was sent.

    `argument` names where: a file and line (`contacts.csv line 7`), a column (`column name`)
    or an option (`--rate`); `rule` says what it must be. The message is one short line.
    """

    def __init__(self, message: str, *, argument: str, rule: str) -> None:
        line = " ".join(message.split())
        if len(line) > _MAX_LENGTH:
            line = line[: _MAX_LENGTH - 1] + "…"
        super().__init__(line, argument=argument, rule=rule)
