"""Phone numbers as people write them, turned into the platform's digits-only form.

The platform takes a number as its international digits (`380957225759`: no `+`, no spaces).
People write `+380 95 722-57-59`, `00380957225759` or `(095) 722.57.59`. Every number argument
of the facade and every number the CLI reads goes through `msisdn()` first, so the same text is
accepted everywhere; what is not a number once the formatting is gone is left as it was, for the
request check to refuse with the value the caller wrote.

Only formatting is removed: no country code is guessed for a national number (`0957225759` stays
as it is). With a default region, `gatum_rest_py.campaigns` normalises through `phonenumbers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

Number = str | int
"""One phone number: its digits as a string, or an integer."""

Numbers = Number | Sequence[Number]
"""One phone number, or several: a lone number is taken as a list of one."""

N = TypeVar("N")

# Spaces and tabs (any Unicode space: copied numbers carry no-break spaces), hyphens and dashes,
# dots, slashes and brackets: what phone books and web forms put between digits. A line break is
# not formatting: it is a joined or mis-read value, refused by the request check.
_LINE_BREAKS = "\n\r\v\f\x1c-\x1e\x85\u2028\u2029"
_FORMATTING = re.compile(rf"(?:[^\S{_LINE_BREAKS}]|[\u2010-\u2015\u2212\-./()\[\]])+")
_DIGITS = re.compile(r"[0-9]+")


def msisdn(value: N) -> N | str:
    """`value` in the platform's form when it is a number written with formatting; else unchanged.

    `'+380 95 722-57-59'`, `'00380957225759'` and `'380.95.722.57.59'` all become
    `'380957225759'`. Integers, and text that is not a number without its formatting
    (`'38095ABC12'`), are returned as given.
    """
    if not isinstance(value, str) or (_DIGITS.fullmatch(value) and not value.startswith("00")):
        return value
    digits = _FORMATTING.sub("", value)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):  # the international call prefix: no country code begins with 0
        digits = digits[2:]
    return digits if _DIGITS.fullmatch(digits) else value


def as_list(values: Any) -> list[Any] | None:
    """`values` as a list: a lone value (a string, a number, a mapping) becomes a list of one; None stays None."""
    if values is None:
        return None
    if isinstance(values, (str, bytes, int, float, Mapping)) or not isinstance(values, Iterable):
        return [values]
    return list(values)


def msisdns(values: Numbers | None) -> list[Any] | None:
    """The numbers of a number argument, a lone one wrapped, each through `msisdn()`."""
    listed = as_list(values)
    return None if listed is None else [msisdn(value) for value in listed]


__all__ = ["Number", "Numbers", "as_list", "msisdn", "msisdns"]
