"""An asyncio pool closed in its own event loop when that loop ends.

`asyncio.run` (and asyncio.Runner, pytest-asyncio, anyio's asyncio backend) finishes a loop with
`loop.shutdown_asyncgens()`, which closes each async generator still suspended in the loop while
the loop still runs. One such generator per pool closes the pool there. Without it, a pool left
open when `asyncio.run` returns becomes garbage later, and aiohttp logs "Unclosed client
session" and "Unclosed connector" for it: the client was used as documented (one pool per loop)
and yet errors were logged.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncGenerator
from typing import Protocol

__all__ = ["close_when_loop_ends"]


class _Closable(Protocol):
    async def aclose(self) -> None: ...


async def _closing(pool: _Closable) -> AsyncGenerator[None, None]:
    try:
        yield
    finally:  # loop.shutdown_asyncgens(), or the client dropped while the loop runs
        await pool.aclose()


def close_when_loop_ends(pool: _Closable) -> AsyncGenerator[None, None]:
    """Register `pool` to be closed when the running loop ends; keep the returned generator as long
    as the pool (the loop holds it only weakly). Call from code running in that loop."""
    closer = _closing(pool)
    # The first step runs here, up to the `yield`: that first iteration is what registers the
    # generator with the running loop (its firstiter hook), no task needed.
    with contextlib.suppress(StopIteration):
        closer.__anext__().send(None)
    return closer
