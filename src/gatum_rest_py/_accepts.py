"""Shortcuts of the input checks: whether a value is valid, answered without raising or naming anything.

`_validation` compiles each schema into a full check (which names the bad argument and the
rule) and, where it can, into one of these: every call's body is offered to the shortcut first,
and only a body it does not take goes through the full check. A shortcut may say False of a
valid value (the full check then decides) but never True of an invalid one
(tests/test_validation_soundness.py holds them to that). Lists of plain strings or integers,
such as 10,000 numbers, are taken in a few passes at C speed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=128)
def regex_of(pattern: str) -> re.Pattern[str]:
    # JSON Schema's `$` is the end of the text; Python's also matches before a final newline,
    # which would let "Verify\n" through.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


Accepts = Callable[[Any], bool]
"""True when a value is valid (False: run the full check to find out why, or whether it is)."""
AllValid = Callable[[list[Any] | tuple[Any, ...]], bool]
"""True when every item of a list is valid (False: walk it item by item to find out)."""


# `^[class]{m,n}$` (or `+`, `*`, one character): checked over a whole list at once, below.
_CLASS_PATTERN = re.compile(r"\^(\[(?:[^\]\\]|\\.)+\])(?:\{(\d+)(?:(,)(\d*))?\}|(\+)|(\*))?\$")


def _ascii_class(pattern: str) -> tuple[bytes, int, float] | None:
    """For `^[class]{m,n}$`: the ASCII characters of the class, and the length bounds."""
    shape = _CLASS_PATTERN.fullmatch(pattern)
    if shape is None:
        return None
    char_class, low, comma, high, plus, star = shape.groups()
    one = re.compile(char_class)
    members = bytes(c for c in range(128) if one.fullmatch(chr(c)))
    if plus or star:
        return members, 1 if plus else 0, math.inf
    if low is None:
        return members, 1, 1
    return members, int(low), (int(high) if high else math.inf) if comma else int(low)


def fast_checks(schema: Mapping[str, Any], names: list[str] | None) -> tuple[Accepts, AllValid | None] | None:
    """Checks of one scalar and of a whole list of scalars against `schema` that raise nothing, or
    None when they cannot be had cheaply.

    Only plain `str` and `int` (and `bool` for booleans) values are judged; anything else, text
    that is not ASCII, or a failure answers False, and the caller runs the full check to find out.
    """
    if names is None or any(key in schema for key in ("anyOf", "items", "properties", "required", "const")):
        return None
    allowed: set[type] = {str} if "string" in names else set()
    if "integer" in names or "number" in names:
        allowed.add(int)
    if "boolean" in names:
        allowed.add(bool)
    if not allowed:
        return None
    enum = schema.get("enum")
    try:
        enum_set = frozenset(enum) if enum is not None else None
    except TypeError:
        return None
    regex = regex_of(schema["pattern"]) if "pattern" in schema else None
    shape = _ascii_class(schema["pattern"]) if "pattern" in schema else None
    min_length, max_length = schema.get("minLength", 0), schema.get("maxLength", math.inf)
    if shape is not None:
        min_length, max_length = max(min_length, shape[1]), min(max_length, shape[2])
    minimum, maximum = schema.get("minimum"), schema.get("maximum")

    def all_valid(values: list[Any] | tuple[Any, ...]) -> bool:
        kinds = set(map(type, values))
        if not kinds <= allowed or (enum_set is not None and not set(values) <= enum_set):
            return False
        if str in kinds:
            texts = values if len(kinds) == 1 else [v for v in values if type(v) is str]
            joined = "".join(texts)
            if not joined.isascii():
                return False  # non-ASCII text may hold a lone surrogate: the item check says
            lengths = list(map(len, texts))
            if min(lengths) < min_length or max(lengths) > max_length:
                return False
            if shape is not None:
                if joined.encode("ascii").translate(None, shape[0]):
                    return False
            elif regex is not None and not all(map(regex.search, texts)):
                return False
        if int in kinds:
            numbers = values if len(kinds) == 1 else [v for v in values if type(v) is int]
            if (minimum is not None and min(numbers) < minimum) or (maximum is not None and max(numbers) > maximum):
                return False
        return True

    def accepts(value: Any) -> bool:
        kind = type(value)
        if kind not in allowed or (enum_set is not None and value not in enum_set):
            return False
        if kind is str:
            return (
                value.isascii()
                and min_length <= len(value) <= max_length
                and (regex is None or regex.search(value) is not None)
            )
        if kind is int:
            return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
        return True

    return accepts, all_valid
