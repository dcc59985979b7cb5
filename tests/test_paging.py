"""Paging iterators: every page of groups and of sms_full_data, sync and async, with safe stops."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI, PagingError
from gatum_rest_py.cli._paging import all_pages
from gatum_rest_py.cli._session import CLIError

TOKEN = "tok"


def scripted(
    pages: dict[int, list[dict[str, Any]]], sent: list[dict[str, Any]], shape: str = "array"
) -> httpx.MockTransport:
    """A server answering page `offset` of `pages` (missing pages are empty)."""

    def answer(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        sent.append(body)
        items = pages.get(body["offset"], [])
        data: Any = items if shape == "array" else {"groupDetails": {"offset": body["offset"]}, "list": items}
        return httpx.Response(200, json={"status": True, "data": data})

    return httpx.MockTransport(answer)


def groups(*ids: int) -> list[dict[str, Any]]:
    return [{"id_group": i, "name_group": f"g{i}"} for i in ids]


@pytest.mark.parametrize("shape", ["array", "page"])
def test_groups_are_walked_until_a_short_page(shape: str) -> None:
    sent: list[dict[str, Any]] = []
    pages = {0: groups(1, 2), 1: groups(3, 4), 2: groups(5)}
    with GatumRESTAPI("https://gatum.test", transport=scripted(pages, sent, shape)) as api:
        found = [group.id_group for group in api.iter_groups(TOKEN, limit=2)]
    assert found == [1, 2, 3, 4, 5]
    assert [(body["offset"], body["limit"]) for body in sent] == [(0, 2), (1, 2), (2, 2)]


@pytest.mark.parametrize(("option", "value"), [("limit", 0), ("max_pages", 0), ("limit", "10"), ("max_pages", True)])
def test_a_walk_that_could_not_move_is_refused_with_the_librarys_error(option: str, value: Any) -> None:
    from gatum_rest_py import InvalidRequestError

    sent: list[dict[str, Any]] = []
    with GatumRESTAPI("https://gatum.test", transport=scripted({0: groups(1)}, sent)) as api:
        with pytest.raises(InvalidRequestError, match=f"list_group: {option}={value!r}: a whole number >= 1"):
            next(api.iter_groups(TOKEN, **{option: value}))
    assert sent == []  # nothing asked


def test_an_empty_page_ends_the_walk() -> None:
    sent: list[dict[str, Any]] = []
    with GatumRESTAPI("https://gatum.test", transport=scripted({0: groups(1, 2)}, sent)) as api:
        assert [group.id_group for group in api.iter_groups(TOKEN, limit=2)] == [1, 2]
    assert [body["offset"] for body in sent] == [0, 1]


def test_the_same_full_page_twice_is_an_error_not_an_endless_loop() -> None:
    same = {offset: groups(1, 2) for offset in range(5)}
    with GatumRESTAPI("https://gatum.test", transport=scripted(same, [])) as api:
        walk = api.iter_groups(TOKEN, limit=2)
        assert [next(walk).id_group, next(walk).id_group] == [1, 2]
        with pytest.raises(PagingError, match="same as page 0"):
            next(walk)


def test_max_pages_is_a_hard_cap() -> None:
    endless = {offset: groups(2 * offset, 2 * offset + 1) for offset in range(100)}
    sent: list[dict[str, Any]] = []
    with GatumRESTAPI("https://gatum.test", transport=scripted(endless, sent)) as api:
        with pytest.raises(PagingError, match="3 pages"):
            list(api.iter_groups(TOKEN, limit=2, max_pages=3))
    assert len(sent) == 3


def test_an_error_page_raises_its_typed_error() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(401, json={"status": False, "error_code": 401, "errors": "unauthorized"})
    )
    with GatumRESTAPI("https://gatum.test", transport=transport) as api, pytest.raises(Exception) as caught:
        list(api.iter_sms_full_data(TOKEN))
    assert type(caught.value).__name__ == "AuthenticationError"


async def test_sms_records_are_walked_async_with_their_filters() -> None:
    sent: list[dict[str, Any]] = []
    record = {"id_state": 1, "phone": "380957225759", "state": "DELIVRD"}
    pages = {0: [record] * 3, 1: [{**record, "id_state": 2}]}
    async with AsyncGatumRESTAPI("https://gatum.test", async_transport=scripted(pages, sent)) as api:
        found = [r.id_state async for r in api.iter_sms_full_data(TOKEN, limit=3, state=["DELIVRD"], mcc=255)]
    assert found == [1, 1, 1, 2]
    assert sent == [
        {"MCC": 255, "state": ["DELIVRD"], "limit": 3, "offset": 0},
        {"MCC": 255, "state": ["DELIVRD"], "limit": 3, "offset": 1},
    ]


def test_against_the_mock(mock_url: str) -> None:
    """Prism answers every page with its example (one group): a short page ends the walk at once;
    with limit 1 the same full page comes back and the walk stops with PagingError."""
    with GatumRESTAPI(mock_url) as api:
        assert [group.id_group for group in api.iter_groups(TOKEN)] == [957]
        with pytest.raises(PagingError):
            list(api.iter_groups(TOKEN, limit=1))


def test_the_cli_walks_with_the_same_loop_and_words_its_stops_itself() -> None:
    def body(*ids: int) -> dict[str, Any]:
        return {"status": True, "data": groups(*ids)}

    def endless(page: int) -> dict[str, Any]:
        return body(2 * page, 2 * page + 1)

    short_second_page = [body(1, 2), body(3)]
    assert len(all_pages(short_second_page.__getitem__, page_size=2, max_pages=9, what="x")) == 3
    with pytest.raises(CLIError, match=r"^x: stopped after --max-pages 3 pages of 2 records \(6 records\); narrow"):
        all_pages(endless, page_size=2, max_pages=3, what="x")
    with pytest.raises(CLIError, match=r"^x: page 1 is the same as page 0; .* \(got 2 records so far; try a larger"):
        all_pages(lambda page: body(1, 2), page_size=2, max_pages=3, what="x")
