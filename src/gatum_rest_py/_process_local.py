"""`ProcessLocal`: for the objects that belong to the process that made them (a client, a ledger).

They hold connection pools, locks and a login (a password, a token): a pickle of one would carry
the secret into a task queue or a cache, and could not carry the connections anyway. So pickling
one raises a `TypeError` that says what to do instead, rather than a confusing error about a
lock or a lambda deep inside. A shallow `copy.copy` still shares what the original holds, as it
did; a deep copy is refused like a pickle (it would have to copy the connections).
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

__all__ = ["ProcessLocal"]

_T = TypeVar("_T", bound="ProcessLocal")


class ProcessLocal:
    """Refuses pickling and deep copies with one clear line; see the module docstring."""

    _holds = "its connections and login"
    _make_instead = "make one in each process"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        name = type(self).__name__
        raise TypeError(f"a {name} holds {self._holds} and is not pickled or deep-copied: {self._make_instead}")

    def __copy__(self: _T) -> _T:
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        return clone
