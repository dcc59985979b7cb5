"""Walking every page of a listing (`offset` is a page index for both sms-full-data and groups).

The walk is the library's (`gatum_rest_py._paging`): it stops on an empty page or a short one
(fewer than `page_size` records), refuses to go past `max_pages`, and stops with an error when a
full page comes back the same as the one before (a platform that ignores `offset` would
otherwise be read until the cap). Here its PagingError becomes a CLIError naming the options
that help::

    records = all_pages(lambda page: fetch(limit=100, offset=page), page_size=100, max_pages=50)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._session import CLIError

Fetch = Callable[[int], Any]


def page_records(body: Any, what: str) -> list[Any]:
    """The `data` list of a listing's body; an error naming the listing when it is not one."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        raise CLIError(f"{what}: the answer has no `data` list: {str(body)[:200]}")
    return data


def all_pages(fetch: Fetch, *, page_size: int, max_pages: int, what: str) -> list[Any]:
    """Every record of every page, `fetch(page_index)` returning one page's body."""
    from .._paging import Pages, PagingError, walk_pages  # with the command, not with its --help

    pages = Pages(page_size, max_pages, what)
    try:
        return list(walk_pages(lambda page: page_records(fetch(page), what), pages))
    except PagingError:
        if pages.repeated_page:
            raise CLIError(
                f"{what}: page {pages.offset} is the same as page {pages.offset - 1}; the server seems to ignore "
                f"`offset` (got {pages.taken} records so far; try a larger --page-size)"
            ) from None
        raise CLIError(
            f"{what}: stopped after --max-pages {max_pages} pages of {page_size} records ({pages.taken} records); "
            "narrow the filters or raise --max-pages"
        ) from None
