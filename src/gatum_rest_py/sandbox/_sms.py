"""Message facts the sandbox computes: parts (GSM-7 or UCS-2), magic outcomes, prices."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

# GSM 03.38 basic set (one septet each) and its extension table (escape + septet: two each).
_GSM_BASIC: Final = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED: Final = frozenset("^{}\\[~]|€\f")


def split_parts(text: str) -> list[str]:
    """The parts a text is sent in: GSM-7 160 chars (153 per part when split), else UCS-2 70 (67).

    Example:
        >>> len(split_parts("a" * 160)), len(split_parts("a" * 161)), len(split_parts("ї" * 71))
        (1, 2, 2)
    """
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        return _split(text, single=160, multi=153, size=lambda ch: 2 if ch in _GSM_EXTENDED else 1)
    # UCS-2 counts UTF-16 code units: a character outside the BMP (an emoji) takes two.
    return _split(text, single=70, multi=67, size=lambda ch: 2 if ord(ch) > 0xFFFF else 1)


def _split(text: str, *, single: int, multi: int, size: Callable[[str], int]) -> list[str]:
    if sum(size(ch) for ch in text) <= single:
        return [text]
    parts: list[str] = []
    current, used = "", 0
    for ch in text:
        width = size(ch)
        if used + width > multi:  # a character is never cut between two parts
            parts.append(current)
            current, used = "", 0
        current += ch
        used += width
    return [*parts, current] if current else parts


@dataclass(frozen=True)
class Outcome:
    """What happens to a message to some number (see the magic-number table in the package docs)."""

    final_state: str = "DELIVRD"
    after_lifetime: bool = False  # the final state comes when the message's lifetime is over
    duplicate_report: bool = False  # the webhook gets the final report twice
    send_fails: bool = False  # /v1/send stores the message, then answers 500
    stalls: bool = False  # /v1/send stores the message, then holds its answer back (stall_seconds)
    rate_limited_once: bool = False  # the first send to the number (per account) gets 429, nothing stored
    final_first: bool = False  # the final report comes before ENROUTE, and again an hour later
    no_reports: bool = False  # states change, but no report is ever POSTed
    last_part_state: str | None = None  # a message of several parts: the last one ends in this state

    def final_states(self, parts: int) -> list[str]:
        """The final state of each of `parts` parts."""
        states = [self.final_state] * parts
        if self.last_part_state is not None and parts > 1:
            states[-1] = self.last_part_state
        return states


MAGIC_OUTCOMES: Final[dict[str, Outcome]] = {
    "0001": Outcome(final_state="UNDELIV"),
    "0002": Outcome(final_state="EXPIRED", after_lifetime=True),
    "0003": Outcome(final_state="REJECTD"),
    "0004": Outcome(duplicate_report=True),
    "0005": Outcome(send_fails=True),
    "0006": Outcome(stalls=True),
    "0007": Outcome(rate_limited_once=True),
    "0008": Outcome(final_first=True),
    "0009": Outcome(no_reports=True),
    "0010": Outcome(last_part_state="UNDELIV"),
}


def outcome_for(phone: str) -> Outcome:
    """The outcome a destination number picks by its last four digits.

    Example:
        >>> outcome_for("380957220001").final_state, outcome_for("380957225759").final_state
        ('UNDELIV', 'DELIVRD')
    """
    return MAGIC_OUTCOMES.get(phone[-4:], Outcome())


@dataclass(frozen=True)
class Price:
    prefix: str
    iso: str
    country: str
    continent: str
    mcc: int
    mnc: int
    operator: str
    price: float  # per part, in the account's currency


# A small price table; the longest matching prefix wins, numbers matching none cost DEFAULT_PRICE.
PRICES: Final[tuple[Price, ...]] = (
    Price("380", "UA", "Ukraine", "Europe", 255, 1, "Vodafone", 0.025),
    Price("48", "PL", "Poland", "Europe", 260, 2, "T-Mobile", 0.035),
    Price("49", "DE", "Germany", "Europe", 262, 1, "Telekom", 0.075),
    Price("44", "GB", "United Kingdom", "Europe", 234, 15, "Vodafone", 0.04),
    Price("1", "US", "United States", "North America", 310, 260, "T-Mobile", 0.01),
    Price("55", "BR", "Brazil", "South America", 724, 5, "Claro", 0.03),
    Price("91", "IN", "India", "Asia", 404, 10, "Airtel", 0.005),
    Price("234", "NG", "Nigeria", "Africa", 621, 30, "MTN", 0.02),
    Price("61", "AU", "Australia", "Oceania", 505, 1, "Telstra", 0.045),
)
DEFAULT_PRICE: Final = 0.05


def price_for(phone: str) -> Price | None:
    """The table row for a number (longest prefix first), or None."""
    matches = [row for row in PRICES if phone.startswith(row.prefix)]
    return max(matches, key=lambda row: len(row.prefix), default=None)


def part_price(phone: str) -> float:
    row = price_for(phone)
    return row.price if row else DEFAULT_PRICE
