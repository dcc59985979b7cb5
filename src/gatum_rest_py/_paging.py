"""Walking every page of a listing: contact groups and `sms_full_data` records.

`offset` is a page index on this platform (offset 1 with limit 10 is items 11–20). A walk stops
on an empty page or a short one (fewer than `limit` items), and raises PagingError after
`max_pages` pages or when the platform answers the same full page twice (it would never end)::

    for group in api.iter_groups(limit=50):
        print(group.id_group, group.name_group)

    async for record in async_api.iter_sms_full_data(state=["DELIVRD"], limit=500):
        ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from gatum_client.models import DeliveryReport, Group, GroupListResponse, SmsFullDataResponse

from ._exceptions import APIResponseValidationError, GatumError
from ._response import GatumResponse

T = TypeVar("T")

DEFAULT_MAX_PAGES = 1000


class PagingError(GatumError):
    """A listing did not end: `max_pages` reached, or the same full page came back twice."""


def groups_of(response: GatumResponse[Any]) -> list[Group]:
    """The groups of one `list_group` page, whichever documented shape it came in."""
    parsed = _checked(response, GroupListResponse)
    data = parsed.data
    if isinstance(data, list):
        return data
    return data.list_ if isinstance(data.list_, list) else [data.list_]


def records_of(response: GatumResponse[Any]) -> list[DeliveryReport]:
    """The records of one `sms_full_data` page."""
    return _checked(response, SmsFullDataResponse).data


def _checked(response: GatumResponse[Any], model: type[T]) -> T:
    response.raise_for_status()
    if not isinstance(response.parsed, model):
        reason = f"the page is not a {model.__name__}: cannot walk on"
        raise APIResponseValidationError(response.http_response, reason)
    return response.parsed


class Pages:
    """The state of one walk: which page comes next, and whether the last one ended it."""

    def __init__(self, limit: int, max_pages: int, what: str) -> None:
        if limit < 1 or max_pages < 1:
            raise ValueError("limit and max_pages must be at least 1")
        self.limit, self.max_pages, self.what = limit, max_pages, what
        self.offset = 0
        self.done = False
        self._previous: list[Any] | None = None

    def take(self, items: list[Any], to_dict: Callable[[Any], Any]) -> list[Any]:
        """The items of the page just fetched; sets `done` when it was the last one."""
        page = [to_dict(item) for item in items]
        if items and page == self._previous and len(items) >= self.limit:
            raise PagingError(f"{self.what}: page {self.offset} is the same as page {self.offset - 1}; stopped")
        self._previous = page
        self.offset += 1
        self.done = len(items) < self.limit
        if not self.done and self.offset >= self.max_pages:
            raise PagingError(f"{self.what}: still more after {self.max_pages} pages (max_pages); stopped")
        return items
