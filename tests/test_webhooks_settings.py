"""The receiver's errors are the library's own: bad settings fail when made, as ConfigurationError
(a ValueError too), not on every delivery; `check_access` raises `Rejected`; an async store used
from sync code raises `AsyncOnlyError` on each delivery. All GatumErrors, one line, and they pickle."""

from __future__ import annotations

import asyncio
import math
import pickle
from typing import Any, TypeVar

import pytest
import redis
import redis.asyncio
from test_webhooks_abandoned import AsyncStore

from gatum_rest_py import ConfigurationError, GatumError
from gatum_rest_py.webhooks import (
    AsyncOnlyError,
    AsyncRedisDedupeStore,
    DeliveryReportReceiver,
    MemoryDedupeStore,
    RedisDedupeStore,
    Rejected,
)

BODY = b'[{"id_state": 1, "state": "DELIVRD"}]'
E = TypeVar("E", bound=BaseException)


def save(report: object) -> None:
    pass


def travelled(error: E) -> E:
    back: E = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own bytes
    return back


def assert_configuration_error(caught: pytest.ExceptionInfo[ConfigurationError], *words: str) -> None:
    error = caught.value
    assert isinstance(error, GatumError) and isinstance(error, ValueError)  # `except ValueError` keeps working
    assert "\n" not in str(error) and all(word in str(error) for word in words), str(error)
    assert type(travelled(error)) is type(error)


@pytest.mark.parametrize("size", [0, -1, 1.5, "1048576", True, None])
def test_a_bad_max_body_size_is_refused_when_set(size: Any) -> None:
    with pytest.raises(ConfigurationError) as caught:
        DeliveryReportReceiver(save, max_body_size=size)
    assert_configuration_error(caught, "max_body_size", repr(size))
    receiver = DeliveryReportReceiver(save, max_body_size=1)
    with pytest.raises(ConfigurationError):
        receiver.max_body_size = size  # a setting changed later is checked as well
    assert receiver.max_body_size == 1
    assert receiver.handle(b"[]") == (413, [])  # the setting kept is the good one
    receiver.max_body_size = 2
    assert receiver.handle(b"[]") == (200, [])


def test_a_receiver_without_a_usable_callback_store_or_ledger_is_refused() -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"callback": None}, "a callback, a ledger, or both"),
        ({"callback": "save"}, "callback must be callable"),
        ({"callback": save, "ledger": object()}, "record_reports"),
        ({"callback": save, "dedupe_store": {}}, "claim, accept and release"),
        ({"callback": save, "secret": ""}, "secret"),
        ({"callback": save, "allow_networks": "203.0.113.0/24"}, "allow_networks"),
        ({"callback": save, "allow_networks": 24}, "allow_networks"),
        ({"callback": save, "allow_networks": ["203.0.113.0/99"]}, "allow_networks"),
        ({"callback": save, "allow_networks": [object()]}, "allow_networks"),
    ]
    for settings, words in cases:
        callback = settings.pop("callback")
        with pytest.raises(ConfigurationError) as caught:
            DeliveryReportReceiver(callback, **settings)
        assert_configuration_error(caught, words)


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"max_size": 0}, "max_size"),
        ({"max_size": -1}, "max_size"),
        ({"max_size": 2.5}, "max_size"),
        ({"max_size": "100"}, "max_size"),
        ({"ttl": 0}, "ttl"),
        ({"ttl": -5}, "ttl"),
        ({"ttl": "60"}, "ttl"),
        ({"ttl": math.nan}, "ttl"),
        ({"pending_ttl": 0}, "pending_ttl"),
        ({"pending_ttl": -1}, "pending_ttl"),
        ({"pending_ttl": "60"}, "pending_ttl"),
        ({"pending_ttl": math.inf}, "pending_ttl"),
    ],
)
def test_bad_memory_store_settings(settings: dict[str, Any], words: str) -> None:
    with pytest.raises(ConfigurationError) as caught:
        MemoryDedupeStore(**settings)
    assert_configuration_error(caught, "MemoryDedupeStore", words)


def test_good_memory_store_settings_are_kept() -> None:
    store = MemoryDedupeStore(max_size=1, ttl=0.5, pending_ttl=None)
    assert (store.max_size, store.ttl, store.pending_ttl) == (1, 0.5, None)
    assert MemoryDedupeStore(ttl=None, pending_ttl=3).pending_ttl == 3


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"pending_ttl": "60"}, "pending_ttl"),
        ({"pending_ttl": None}, "pending_ttl"),
        ({"accepted_ttl": -1}, "accepted_ttl"),
        ({"accepted_ttl": math.inf}, "accepted_ttl"),
        ({"prefix": b"gatum:"}, "prefix"),
    ],
)
def test_bad_redis_store_settings(settings: dict[str, Any], words: str) -> None:
    # Building a store talks to no server: the clients connect on first use.
    pairs: list[tuple[Any, Any]] = [(RedisDedupeStore, redis.Redis()), (AsyncRedisDedupeStore, redis.asyncio.Redis())]
    for store_class, client in pairs:
        with pytest.raises(ConfigurationError) as caught:
            store_class(client, **settings)
        assert_configuration_error(caught, store_class.__name__, words)


def test_a_redis_store_given_the_other_kind_of_client_is_refused() -> None:
    with pytest.raises(ConfigurationError) as caught:
        RedisDedupeStore(redis.asyncio.Redis())  # type: ignore[arg-type]
    assert_configuration_error(caught, "RedisDedupeStore needs a redis.Redis", "AsyncRedisDedupeStore")
    with pytest.raises(ConfigurationError) as caught:
        AsyncRedisDedupeStore(redis.Redis())  # type: ignore[arg-type]
    assert_configuration_error(caught, "AsyncRedisDedupeStore needs a redis.asyncio.Redis")


def test_check_access_raises_rejected_a_gatum_error_with_its_status() -> None:
    receiver = DeliveryReportReceiver(save, secret="k")
    receiver.check_access("secret=k", "203.0.113.9")  # passes: nothing raised
    with pytest.raises(GatumError) as caught:
        receiver.check_access("secret=wrong", "203.0.113.9")
    rejected = caught.value
    assert type(rejected) is Rejected and rejected.status == 403
    assert str(rejected) == "wrong secret; nothing processed"
    back = travelled(rejected)
    assert type(back) is Rejected and back.status == 403 and str(back) == str(rejected)


def test_an_async_store_in_sync_code_is_refused_per_delivery_as_our_own_error() -> None:
    seen: list[Any] = []
    receiver = DeliveryReportReceiver(seen.append, dedupe_store=AsyncStore())  # made fine: it can serve both
    for use in (
        lambda: receiver.handle(BODY),
        lambda: receiver.respond(BODY, None, None),
        lambda: receiver.wsgi_app({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "0"}, print),
    ):
        with pytest.raises(AsyncOnlyError) as caught:
            use()
        error = caught.value
        assert isinstance(error, GatumError) and isinstance(error, RuntimeError)  # `except RuntimeError` still works
        assert str(error) == "the dedupe store is async: use handle_async or asgi_app (in sync code, RedisDedupeStore)"
        assert type(travelled(error)) is AsyncOnlyError
    assert seen == []
    assert asyncio.run(receiver.handle_async(BODY)) == (200, ["1"])  # the async side serves it
    assert len(seen) == 1
