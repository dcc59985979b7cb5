"""Walking every page of a listing (`offset` is a page index for both sms-full-data and groups).

Stops on an empty page or a short one (fewer than `page_size` records); refuses to go past
`max_pages`, and stops with an error when a full page comes back the same as the one before
(a platform that ignores `offset` would otherwise be read until the cap)::

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
    """Every record of every page, `fetch(page_index)` returning one page's records."""
    records: list[Any] = []
    previous: list[Any] | None = None
    for page in range(max_pages):
        items = page_records(fetch(page), what)
        if not items:
            return records
        if items == previous:
            raise CLIError(
                f"{what}: page {page} is the same as page {page - 1}; the server seems to ignore `offset` "
                f"(got {len(records)} records so far; try a larger --page-size)"
            )
        records.extend(items)
        if len(items) < page_size:
            return records
        previous = items
    raise CLIError(
        f"{what}: stopped after --max-pages {max_pages} pages of {page_size} records ({len(records)} records); "
        "narrow the filters or raise --max-pages"
    )
