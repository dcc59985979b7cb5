"""Walking every page of a listing: contact groups and `sms_full_data` records.

`offset` is a page index on this platform (offset 1 with limit 10 is items 11–20). A walk stops
on an empty page or a short one (fewer than `limit` items), and raises PagingError after
`max_pages` pages or when the platform answers the same full page twice (it would never end)::

    for group in api.iter_groups(limit=50):
        print(group.id_group, group.name_group)

    async for record in async_api.iter_sms_full_data(state=["DELIVRD"], limit=500):
        ...

`Pages.take` alone decides how a walk goes on; `walk_pages` and `async_walk_pages` only fetch the
page it names. They serve the facades' `iter_*` methods and the CLI's listings alike.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

from gatum_client.models import DeliveryReport, Group, GroupListResponse, SmsFullDataResponse

from ._call import CallOptions, SmsFilters, Unpack
from ._exceptions import APIResponseValidationError, GatumError, InvalidRequestError
from ._methods import AsyncMethods, SyncMethods
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


def _itself(item: Any) -> Any:
    return item


class Pages:
    """The state of one walk: which page comes next, and whether the last one ended it.

    `offset` is the index of the next page to fetch; after a PagingError, of the page that
    stopped the walk. `taken` counts the items accepted so far, and `repeated_page` tells a
    page that came back twice from the `max_pages` cap (the CLI words the two differently).
    """

    def __init__(self, limit: int, max_pages: int, what: str) -> None:
        for name, value in (("limit", limit), ("max_pages", max_pages)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                rule = "a whole number >= 1"
                raise InvalidRequestError(f"{what}: {name}={value!r}: {rule}", argument=name, rule=rule)
        self.limit, self.max_pages, self.what = limit, max_pages, what
        self.offset = 0
        self.done = False
        self.taken = 0
        self.repeated_page = False
        self._previous: list[Any] | None = None

    def take(self, items: list[T], key: Callable[[T], Any] = _itself) -> list[T]:
        """The items of the page at `offset`, just fetched; sets `done` when it was the last one.

        Two full pages are the same when `key` gives equal values for their items, in order.
        """
        full = len(items) >= self.limit
        # Only a full page can repeat the one before: a short or empty page ends the walk anyway.
        if full:
            page = [key(item) for item in items]
            if page == self._previous:
                self.repeated_page = True
                raise PagingError(f"{self.what}: page {self.offset} is the same as page {self.offset - 1}; stopped")
            self._previous = page
        self.offset += 1
        self.taken += len(items)
        self.done = not full
        if full and self.offset >= self.max_pages:
            raise PagingError(f"{self.what}: still more after {self.max_pages} pages (max_pages); stopped")
        return items


def walk_pages(fetch: Callable[[int], list[T]], pages: Pages, key: Callable[[T], Any] = _itself) -> Iterator[T]:
    """Every item of every page, `fetch(offset)` giving the items of page `offset` (see `Pages`)."""
    while not pages.done:
        yield from pages.take(fetch(pages.offset), key)


async def async_walk_pages(
    fetch: Callable[[int], Awaitable[list[T]]], pages: Pages, key: Callable[[T], Any] = _itself
) -> AsyncIterator[T]:
    """`walk_pages` with a coroutine `fetch`."""
    while not pages.done:
        for item in pages.take(await fetch(pages.offset), key):
            yield item


class SyncPagingMethods(SyncMethods):
    """`iter_groups` and `iter_sms_full_data` of `GatumRESTAPI`, built on its `list_group` and `sms_full_data`."""

    def iter_groups(
        self,
        access_token: str | None = None,
        *,
        limit: int = 10,
        max_pages: int = DEFAULT_MAX_PAGES,
        **options: Unpack[CallOptions],
    ) -> Iterator[Group]:
        """Every contact group, page after page (see `gatum_rest_py._paging`)."""

        def page(offset: int) -> list[Group]:
            return groups_of(self.list_group(access_token, limit=limit, offset=offset, **options))

        yield from walk_pages(page, Pages(limit, max_pages, "list_group"), Group.to_dict)

    def iter_sms_full_data(
        self,
        access_token: str | None = None,
        *,
        limit: int = 100,
        max_pages: int = DEFAULT_MAX_PAGES,
        **filters: Unpack[SmsFilters],
    ) -> Iterator[DeliveryReport]:
        """Every record `sms_full_data` finds with these filters, page after page."""

        def page(offset: int) -> list[DeliveryReport]:
            return records_of(self.sms_full_data(access_token, limit=limit, offset=offset, **filters))

        yield from walk_pages(page, Pages(limit, max_pages, "sms_full_data"), DeliveryReport.to_dict)


class AsyncPagingMethods(AsyncMethods):
    """`iter_groups` and `iter_sms_full_data` of `AsyncGatumRESTAPI`, as async iterators."""

    async def iter_groups(
        self,
        access_token: str | None = None,
        *,
        limit: int = 10,
        max_pages: int = DEFAULT_MAX_PAGES,
        **options: Unpack[CallOptions],
    ) -> AsyncIterator[Group]:
        """Every contact group, page after page (see `gatum_rest_py._paging`)."""

        async def page(offset: int) -> list[Group]:
            return groups_of(await self.list_group(access_token, limit=limit, offset=offset, **options))

        async for group in async_walk_pages(page, Pages(limit, max_pages, "list_group"), Group.to_dict):
            yield group

    async def iter_sms_full_data(
        self,
        access_token: str | None = None,
        *,
        limit: int = 100,
        max_pages: int = DEFAULT_MAX_PAGES,
        **filters: Unpack[SmsFilters],
    ) -> AsyncIterator[DeliveryReport]:
        """Every record `sms_full_data` finds with these filters, page after page."""

        async def page(offset: int) -> list[DeliveryReport]:
            return records_of(await self.sms_full_data(access_token, limit=limit, offset=offset, **filters))

        async for record in async_walk_pages(page, Pages(limit, max_pages, "sms_full_data"), DeliveryReport.to_dict):
            yield record
