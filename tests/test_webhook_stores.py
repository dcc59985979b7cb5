"""The dedupe stores' contract, run against MemoryDedupeStore and against a real redis-server
(RedisDedupeStore and AsyncRedisDedupeStore), the receiver on a shared store, and a bounded
version of `make dlr-load` (gunicorn workers on Redis, one SIGKILLed) asserting 0 lost / 0 duplicated.

The suite starts its own redis-server on a free loopback port (nothing persisted). Without the
binary the Redis tests are skipped, except under CI=true, where that is a failure.
"""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
import threading
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from typing import Any

import httpx
import pytest
import pytest_asyncio
import redis
import redis.asyncio
from conftest import ROOT
from gatum_client.models import DeliveryReport
from redis.backoff import NoBackoff
from redis.retry import Retry

from gatum_rest_py.webhooks import (
    AsyncRedisDedupeStore,
    ClaimState,
    DeliveryReportReceiver,
    MemoryDedupeStore,
    RedisDedupeStore,
    dedupe_key,
)

sys.path.insert(0, str(ROOT / "bench"))
from redis_fixture import redis_server_url  # noqa: F401 - the `redis_url` fixture
from redis_runner import free_port

PENDING_TTL = 0.3  # seconds: short, so that expiry can be watched
ACCEPTED_TTL = 0.6


def report(id_state: Any = 1, **fields: Any) -> dict[str, Any]:
    return {"id_state": id_state, "phone": "380957225759", "state": "DELIVRD", **fields}


def body_of(*reports: dict[str, Any]) -> bytes:
    return json.dumps(list(reports)).encode()


class Store:
    """One interface over the three stores for the contract tests: every method is a coroutine."""

    def __init__(self, inner: Any, make_another: Callable[[], Any]) -> None:
        self.inner = inner
        self.make_another = make_another  # the same store as another process would build it
        self.is_async = asyncio.iscoroutinefunction(inner.claim)

    async def _call(self, name: str, *args: Any) -> Any:
        result = getattr(self.inner, name)(*args)
        return await result if self.is_async else result

    async def claim(self, key: str) -> ClaimState:
        return await self._call("claim", key)  # type: ignore[no-any-return]

    async def claim_many(self, keys: Sequence[str]) -> list[ClaimState]:
        return await self._call("claim_many", keys)  # type: ignore[no-any-return]

    async def accept(self, key: str) -> None:
        await self._call("accept", key)

    async def release(self, key: str) -> None:
        await self._call("release", key)


@pytest_asyncio.fixture(params=["memory", "redis", "redis-async"], loop_scope="function")
async def store(request: pytest.FixtureRequest) -> AsyncIterator[Store]:
    if request.param == "memory":
        memory = MemoryDedupeStore(ttl=ACCEPTED_TTL, pending_ttl=PENDING_TTL)
        yield Store(memory, lambda: memory)
        return
    url = request.getfixturevalue("redis_url")
    prefix = f"test:{uuid.uuid4().hex}:"
    settings = {"prefix": prefix, "pending_ttl": PENDING_TTL, "accepted_ttl": ACCEPTED_TTL}
    if request.param == "redis":
        clients = [redis.Redis.from_url(url)]

        def another() -> RedisDedupeStore:
            clients.append(redis.Redis.from_url(url))
            return RedisDedupeStore(clients[-1], **settings)

        yield Store(another(), another)
        for client in clients:
            client.close()
    else:
        async_clients: list[redis.asyncio.Redis] = []

        def another_async() -> AsyncRedisDedupeStore:
            async_clients.append(redis.asyncio.Redis.from_url(url))
            return AsyncRedisDedupeStore(async_clients[-1], **settings)

        yield Store(another_async(), another_async)
        for async_client in async_clients:
            await async_client.aclose()


# ---- the contract ------------------------------------------------------------------------------------


async def test_claim_accept_release(store: Store) -> None:
    assert await store.claim("a") == "claimed"
    assert await store.claim("a") == "pending"  # being processed: neither process nor acknowledge
    await store.release("a")
    assert await store.claim("a") == "claimed"  # released: a redelivery processes it again
    await store.accept("a")
    assert await store.claim("a") == "accepted"
    await store.release("a")  # a late release never undoes an acceptance
    assert await store.claim("a") == "accepted"
    assert await store.claim("b") == "claimed"  # keys are independent


async def test_claim_many_is_claim_for_each_key_in_order(store: Store) -> None:
    await store.claim("done")
    await store.accept("done")
    await store.claim("busy")
    assert await store.claim_many(["new", "done", "busy", "new"]) == ["claimed", "accepted", "pending", "pending"]
    assert await store.claim_many([]) == []


async def test_a_pending_claim_expires_so_a_crashed_worker_does_not_block_the_report(store: Store) -> None:
    assert await store.claim("k") == "claimed"  # ...and the worker dies: no accept, no release
    assert await store.claim("k") == "pending"
    await asyncio.sleep(PENDING_TTL + 0.1)
    assert await store.claim("k") == "claimed"


async def test_accepted_keys_expire_counted_from_the_last_delivery(store: Store) -> None:
    await store.claim("k")
    await store.accept("k")
    await asyncio.sleep(ACCEPTED_TTL * 0.6)
    assert await store.claim("k") == "accepted"  # refreshes
    await asyncio.sleep(ACCEPTED_TTL * 0.6)
    assert await store.claim("k") == "accepted"  # 1.2 x the TTL after the accept: still there
    await asyncio.sleep(ACCEPTED_TTL + 0.15)
    assert await store.claim("k") == "claimed"  # forgotten: the store does not grow without bound


async def test_a_second_store_on_the_same_backend_sees_the_same_states(store: Store) -> None:
    other = Store(store.make_another(), store.make_another)
    assert await store.claim("k") == "claimed"
    assert await other.claim("k") == "pending"
    await store.accept("k")
    assert await other.claim("k") == "accepted"


def claim_in_threads(stores: list[Store], key: str) -> list[ClaimState]:
    barrier = threading.Barrier(len(stores))
    answers: list[ClaimState] = []

    def claim(s: Store) -> None:
        barrier.wait(5)
        answers.append(asyncio.run(s.claim(key)))

    threads = [threading.Thread(target=claim, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return answers


async def test_concurrent_claims_from_many_connections_give_exactly_one_claimed(store: Store) -> None:
    stores = [Store(store.make_another(), store.make_another) for _ in range(12)]
    for round_ in range(5):
        key = f"race-{round_}"
        if store.is_async:
            answers = await asyncio.gather(*(s.claim(key) for s in stores))
        else:
            answers = claim_in_threads(stores, key)
        assert sorted(answers) == ["claimed"] + ["pending"] * (len(stores) - 1)


async def test_receivers_sharing_a_store_deliver_each_state_once(store: Store) -> None:
    seen: list[tuple[Any, Any]] = []

    async def save(r: DeliveryReport) -> None:
        seen.append((r.id_state, r.state))

    one = DeliveryReportReceiver(save, dedupe_store=store.inner)
    two = DeliveryReportReceiver(save, dedupe_store=store.make_another())
    enroute, delivered = report(7, state="ENROUTE"), report(7)
    assert await one.handle_async(body_of(enroute, report(8))) == (200, ["7", "8"])
    assert await two.handle_async(body_of(enroute, report(8))) == (200, ["7", "8"])  # acknowledged, no call
    assert await two.handle_async(body_of(delivered)) == (200, ["7"])
    assert await one.handle_async(body_of(enroute, delivered)) == (200, ["7"])
    assert seen == [(7, "ENROUTE"), (8, "DELIVRD"), (7, "DELIVRD")]


async def test_a_report_claimed_by_a_dead_worker_is_processed_after_the_pending_ttl(store: Store) -> None:
    seen: list[Any] = []
    receiver = DeliveryReportReceiver(lambda r: seen.append(r.id_state), dedupe_store=store.inner)
    elsewhere = Store(store.make_another(), store.make_another)  # another worker, which then dies
    assert await elsewhere.claim(dedupe_key(DeliveryReport.from_dict(report(9)))) == "claimed"
    assert await receiver.handle_async(body_of(report(9), report(10))) == (200, ["10"])  # 9: pending elsewhere
    await asyncio.sleep(PENDING_TTL + 0.1)
    assert await receiver.handle_async(body_of(report(9), report(10))) == (200, ["9", "10"])
    assert seen == [10, 9]


async def test_each_part_of_a_message_under_one_id_reaches_the_callback_once(store: Store) -> None:
    seen: list[tuple[Any, Any]] = []

    async def save(r: DeliveryReport) -> None:
        seen.append((r.id_state, r.part_no))

    one = DeliveryReportReceiver(save, dedupe_store=store.inner)
    two = DeliveryReportReceiver(save, dedupe_store=store.make_another())  # another worker
    first, second = report(5, part_no=1, num_parts=2), report(5, part_no=2, num_parts=2)
    assert await one.handle_async(body_of(first, second)) == (200, ["5"])
    assert await two.handle_async(body_of(second, first)) == (200, ["5"])  # redelivered elsewhere: no call
    assert await two.handle_async(body_of(report(6, part_no=1, num_parts=2))) == (200, ["6"])
    assert await one.handle_async(body_of(report(6, part_no=2, num_parts=2))) == (200, ["6"])  # a later batch
    assert seen == [(5, 1), (5, 2), (6, 1), (6, 2)]


async def test_a_cancelled_delivery_releases_its_claims_at_once_and_only_its_own(store: Store) -> None:
    calls: list[Any] = []

    async def slow_first(r: DeliveryReport) -> None:
        calls.append(r.id_state)
        if len(calls) == 1:
            await asyncio.sleep(5)

    receiver = DeliveryReportReceiver(slow_first, dedupe_store=store.inner)
    elsewhere = Store(store.make_another(), store.make_another)  # another worker, processing 9 right now
    assert await elsewhere.claim(dedupe_key(DeliveryReport.from_dict(report(9)))) == "claimed"
    with pytest.raises(asyncio.TimeoutError):  # well within PENDING_TTL: expiry plays no part
        await asyncio.wait_for(receiver.handle_async(body_of(report(10), report(9))), 0.05)
    assert await receiver.handle_async(body_of(report(10), report(9))) == (200, ["10"])  # 9: still pending
    assert calls == [10, 10]


# ---- Redis specifics -----------------------------------------------------------------------------------


@pytest.fixture
def sync_redis(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def test_redis_keys_values_and_ttls(sync_redis: redis.Redis) -> None:
    prefix = f"t:{uuid.uuid4().hex}:"
    store = RedisDedupeStore(sync_redis, prefix=prefix, pending_ttl=30, accepted_ttl=3600)
    key = dedupe_key(DeliveryReport.from_dict(report(598933232)))
    assert store.claim(key) == "claimed"
    assert sync_redis.get(prefix + key) == b"pending"
    assert 29_000 < sync_redis.pttl(prefix + key) <= 30_000
    store.accept(key)
    assert sync_redis.get(prefix + key) == b"accepted"
    assert 3_599_000 < sync_redis.pttl(prefix + key) <= 3_600_000  # every key expires: no unbounded growth
    assert sync_redis.keys(prefix + "*") == [f'{prefix}["598933232","DELIVRD"]'.encode()]
    other = RedisDedupeStore(sync_redis, prefix=prefix + "other:")
    assert other.claim(key) == "claimed"  # another prefix is another store
    assert "prefix=" in repr(store) and "Redis<" not in repr(store)


def test_redis_keys_of_parts_and_of_single_reports_stored_by_an_earlier_release(sync_redis: redis.Redis) -> None:
    prefix = f"t:{uuid.uuid4().hex}:"
    # What an earlier release stored for a single-part report: the key keeps matching.
    sync_redis.set(prefix + '["6","DELIVRD"]', "accepted", px=60_000)
    seen: list[Any] = []
    receiver = DeliveryReportReceiver(seen.append, dedupe_store=RedisDedupeStore(sync_redis, prefix=prefix))
    single = report(6, part_no=1, num_parts=1)
    assert receiver.handle(body_of(single, report(5, part_no=1, num_parts=2))) == (200, ["6", "5"])
    assert receiver.handle(body_of(report(5, part_no=2, num_parts=2))) == (200, ["5"])
    assert [(r.id_state, r.part_no) for r in seen] == [(5, 1), (5, 2)]
    keys = {k.decode()[len(prefix) :] for k in sync_redis.keys(prefix + "*")}
    assert keys == {'["6","DELIVRD"]', '["5","DELIVRD",1]', '["5","DELIVRD",2]'}


def test_redis_store_with_decoded_responses(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    store = RedisDedupeStore(client, prefix=f"t:{uuid.uuid4().hex}:")
    assert store.claim_many(["a", "a"]) == ["claimed", "pending"]
    store.accept("a")
    assert store.claim("a") == "accepted"
    client.close()


def test_redis_script_survives_a_script_flush(sync_redis: redis.Redis) -> None:
    store = RedisDedupeStore(sync_redis, prefix=f"t:{uuid.uuid4().hex}:")
    assert store.claim("a") == "claimed"
    sync_redis.script_flush()  # e.g. a Redis restart: EVALSHA answers NOSCRIPT, the script is loaded again
    assert store.claim_many(["a", "b"]) == ["pending", "claimed"]
    sync_redis.script_flush()
    assert store.claim("b") == "pending"


@pytest.mark.parametrize("ttl", [0, -1])
def test_redis_store_ttls_must_be_positive(sync_redis: redis.Redis, ttl: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        RedisDedupeStore(sync_redis, pending_ttl=ttl)
    with pytest.raises(ValueError, match="positive"):
        RedisDedupeStore(sync_redis, accepted_ttl=ttl)


def test_accept_in_commits_the_effect_and_the_acceptance_together(sync_redis: redis.Redis) -> None:
    prefix = f"t:{uuid.uuid4().hex}:"
    store = RedisDedupeStore(sync_redis, prefix=prefix)

    def save(r: DeliveryReport) -> None:
        pipe = sync_redis.pipeline(transaction=True)
        pipe.rpush(prefix + "log", dedupe_key(r))
        store.accept_in(pipe, dedupe_key(r))
        pipe.execute()

    receiver = DeliveryReportReceiver(save, dedupe_store=store)
    assert receiver.handle(body_of(report(1), report(1, state="ENROUTE"))) == (200, ["1"])
    assert receiver.handle(body_of(report(1))) == (200, ["1"])
    assert sync_redis.lrange(prefix + "log", 0, -1) == [b'["1","DELIVRD"]', b'["1","ENROUTE"]']
    assert sync_redis.get(prefix + '["1","ENROUTE"]') == b"accepted"


def test_sync_receiver_and_wsgi_app_on_redis(sync_redis: redis.Redis) -> None:
    seen: list[Any] = []
    store = RedisDedupeStore(sync_redis, prefix=f"t:{uuid.uuid4().hex}:")
    receiver = DeliveryReportReceiver(seen.append, secret="k", dedupe_store=store)
    with httpx.Client(transport=httpx.WSGITransport(app=receiver.wsgi_app), base_url="http://t") as client:
        first = client.post("/restdlr?secret=k", content=body_of(report(1), report(2)))
        again = client.post("/restdlr?secret=k", content=body_of(report(2), report(3)))
    assert (first.json(), again.json()) == (["1", "2"], ["2", "3"])
    assert [r.id_state for r in seen] == [1, 2, 3]


async def test_async_store_in_asgi_app_and_in_sync_code(redis_url: str) -> None:
    client = redis.asyncio.Redis.from_url(redis_url)
    store = AsyncRedisDedupeStore(client, prefix=f"t:{uuid.uuid4().hex}:")
    seen: list[Any] = []

    async def save(r: DeliveryReport) -> None:
        seen.append(r.id_state)

    receiver = DeliveryReportReceiver(save, dedupe_store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.asgi_app), base_url="http://t") as http:
        assert (await http.post("/", content=body_of(report(1), report(2)))).json() == ["1", "2"]
        assert (await http.post("/", content=body_of(report(2)))).json() == ["2"]
    with pytest.raises(RuntimeError, match="use handle_async"):  # inside a running loop
        receiver.handle(body_of(report(3)))
    await client.aclose()
    assert seen == [1, 2]


def test_async_store_in_sync_code_says_what_to_use(redis_url: str) -> None:
    receiver = DeliveryReportReceiver(
        print, dedupe_store=AsyncRedisDedupeStore(redis.asyncio.Redis.from_url(redis_url))
    )
    with pytest.raises(RuntimeError, match="use handle_async or asgi_app"):
        receiver.handle(body_of(report(1)))
    with pytest.raises(RuntimeError, match="RedisDedupeStore"):
        receiver.wsgi_app({"REQUEST_METHOD": "POST", "CONTENT_LENGTH": "2", "wsgi.input": io.BytesIO(b"[]")}, print)


def test_redis_down_is_503_and_nothing_reaches_the_callback(caplog: pytest.LogCaptureFixture) -> None:
    # No retries: redis-py's default backs off for seconds before giving up.
    client = redis.Redis(host="127.0.0.1", port=free_port(), password="hunter2-redis", retry=Retry(NoBackoff(), 0))
    seen: list[Any] = []
    receiver = DeliveryReportReceiver(seen.append, dedupe_store=RedisDedupeStore(client))
    assert receiver.handle(body_of(report(1))) == (503, [])
    assert seen == [] and "dedupe store failed" in caplog.text and "hunter2" not in caplog.text


# ---- load and fault: gunicorn workers sharing Redis, one killed -----------------------------------------


def test_load_with_a_worker_killed_loses_and_duplicates_nothing(redis_url: str) -> None:
    """`make dlr-load`, smaller: 2 gunicorn workers, 2,000 reports, 20 % concurrent duplicates, redelivery,
    forged batches, one worker SIGKILLed mid-run; the callback's committed log proves exactly once."""
    command = [sys.executable, str(ROOT / "bench" / "dlr_load.py"), "--workers", "2", "--reports", "2000"]
    command += ["--pending-ttl", "0.5", "--redis-url", redis_url, "--json"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 2, done.stdout + done.stderr
    result = json.loads(lines[1])
    assert lines[0].startswith("dlr-load: 2 gunicorn workers, 2000 reports:") and "lost 0, duplicated 0" in lines[0]
    assert result["exactly_once"] == result["acknowledged"] == 2000
    assert (result["lost"], result["duplicated"], result["unexpected_processed"]) == (0, 0, 0)
    assert result["killed_worker"] and result["worker_restarted"]
    assert result["duplicate_sends"] > 200 and result["redeliveries"] > 0
    assert result["forged_sent"] == result["forged_refused"] > 0
