"""Dedupe stores on Redis (redis-py, `pip install 'gatum-rest-py[redis]'`): shared by every
worker process and machine that uses the same Redis and `prefix`.

One Redis key per report (`prefix` + `dedupe_key(report)`), holding "pending" or "accepted":

* claim: a Lua script, so one round trip decides atomically: absent → set "pending" with
  `pending_ttl` and answer "claimed"; "accepted" → refresh its `accepted_ttl`, answer "accepted";
  "pending" → "pending". `claim_many` sends one script call per key in one pipeline;
* accept: `SET key accepted PX accepted_ttl` — accepted keys expire, so the store never grows
  without bound (keep `accepted_ttl` longer than the platform keeps redelivering: days, not minutes);
* release: deletes the key only while it is "pending" — a release never undoes an acceptance;
* `accept_in(pipeline, key)` queues the acceptance on your own MULTI/EXEC transaction.

A worker that dies between claim and accept leaves a "pending" key that expires after
`pending_ttl`; the next redelivery then processes the report. Keep `pending_ttl` above the time
your callback needs for a whole batch, and below the platform's redelivery span.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._exceptions import ConfigurationError
from ._stores import DEFAULT_PENDING_TTL, ClaimState, seconds

if TYPE_CHECKING:  # redis is an optional dependency; the stores only call the client given to them
    import redis
    import redis.asyncio

__all__ = ["AsyncRedisDedupeStore", "RedisDedupeStore"]

DEFAULT_PREFIX = "gatum:dlr:"
DEFAULT_ACCEPTED_TTL = 7 * 24 * 3600.0

_Client = TypeVar("_Client", "redis.Redis", "redis.asyncio.Redis")

_CLAIM = """
local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('SET', KEYS[1], 'pending', 'PX', ARGV[1])
  return 'claimed'
end
if value == 'accepted' then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 'accepted'
end
return 'pending'
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == 'pending' then
  return redis.call('DEL', KEYS[1])
end
return 0
"""
_STATES: dict[Any, ClaimState] = {
    **{state: state for state in ("claimed", "accepted", "pending")},
    **{state.encode(): state for state in ("claimed", "accepted", "pending")},
}


class _RedisStore(Generic[_Client]):
    """What the sync and the async store share: the settings, the keys, the scripts on the client."""

    _async_client = False  # which redis-py client the store awaits (or not)

    def __init__(
        self,
        redis_client: _Client,
        *,
        prefix: str = DEFAULT_PREFIX,
        pending_ttl: float = DEFAULT_PENDING_TTL,
        accepted_ttl: float = DEFAULT_ACCEPTED_TTL,
    ) -> None:
        owner = type(self).__name__
        pending_ttl = seconds(owner, "pending_ttl", pending_ttl)
        accepted_ttl = seconds(owner, "accepted_ttl", accepted_ttl)
        if not isinstance(prefix, str):  # it is joined to every key: anything else fails on each delivery
            raise ConfigurationError(f"{owner}: prefix must be a string; got {type(prefix).__name__}")
        execute = getattr(redis_client, "execute_command", None)
        if execute is not None and inspect.iscoroutinefunction(execute) != self._async_client:
            # The wrong kind fails on every delivery (503 for good), not here: say so once.
            wanted = (
                "redis.asyncio.Redis" if self._async_client else "redis.Redis (redis.asyncio: AsyncRedisDedupeStore)"
            )
            raise ConfigurationError(f"{owner} needs a {wanted} client; got {type(redis_client).__name__}")
        self.redis: _Client = redis_client
        self._claim_script: Any = redis_client.register_script(_CLAIM)
        self._release_script: Any = redis_client.register_script(_RELEASE)
        self.prefix = prefix
        self.pending_ttl = pending_ttl
        self.accepted_ttl = accepted_ttl
        # Milliseconds, so that sub-second TTLs (tests, benchmarks) keep their meaning.
        self._pending_ms = max(1, round(pending_ttl * 1000))
        self._accepted_ms = max(1, round(accepted_ttl * 1000))
        self._claim_args = [self._pending_ms, self._accepted_ms]

    def _key(self, key: str) -> str:
        return self.prefix + key

    def accept_in(self, pipeline: Any, key: str) -> None:
        """Queue the acceptance of `key` on your own Redis transaction (MULTI/EXEC pipeline).

        Closes the one window the protocol leaves open: a worker killed after your callback's
        effect but before `accept` has the report processed again on redelivery. When the effect
        lives in the same Redis, commit both at once and the report counts exactly once::

            def save(report):
                pipe = client.pipeline(transaction=True)
                pipe.rpush("dlr:log", json.dumps(report.to_dict()))
                store.accept_in(pipe, dedupe_key(report))
                pipe.execute()
        """
        pipeline.set(self._key(key), "accepted", px=self._accepted_ms)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(prefix={self.prefix!r}, pending_ttl={self.pending_ttl}, "
            f"accepted_ttl={self.accepted_ttl})"
        )


def _state(raw: object) -> ClaimState:
    try:
        return _STATES[raw]
    except KeyError:
        raise RuntimeError(f"unexpected answer from the Redis claim script: {raw!r}") from None


class RedisDedupeStore(_RedisStore["redis.Redis"]):
    """DedupeStore on a `redis.Redis` client, for sync code (`handle`, `wsgi_app`, gunicorn...).

    `pending_ttl` and `accepted_ttl` are seconds (fractions allowed)::

        import redis
        from gatum_rest_py.webhooks import DeliveryReportReceiver, RedisDedupeStore

        store = RedisDedupeStore(redis.Redis.from_url("redis://localhost:6379/0"), prefix="myapp:dlr:")
        receiver = DeliveryReportReceiver(save, secret=SECRET, dedupe_store=store)
    """

    def claim(self, key: str) -> ClaimState:
        return _state(self._claim_script(keys=[self._key(key)], args=self._claim_args))

    def claim_many(self, keys: Sequence[str]) -> list[ClaimState]:
        if not keys:
            return []
        pipe = self.redis.pipeline(transaction=False)  # one round trip; each script call is atomic
        for key in keys:
            self._claim_script(keys=[self._key(key)], args=self._claim_args, client=pipe)
        return [_state(raw) for raw in pipe.execute()]

    def accept(self, key: str) -> None:
        self.redis.set(self._key(key), "accepted", px=self._accepted_ms)

    def release(self, key: str) -> None:
        self._release_script(keys=[self._key(key)])


class AsyncRedisDedupeStore(_RedisStore["redis.asyncio.Redis"]):
    """The same store on a `redis.asyncio.Redis` client, for `handle_async` and `asgi_app`::

    import redis.asyncio
    store = AsyncRedisDedupeStore(redis.asyncio.Redis.from_url("redis://localhost:6379/0"))
    """

    _async_client = True

    async def claim(self, key: str) -> ClaimState:
        return _state(await self._claim_script(keys=[self._key(key)], args=self._claim_args))

    async def claim_many(self, keys: Sequence[str]) -> list[ClaimState]:
        if not keys:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for key in keys:
            await self._claim_script(keys=[self._key(key)], args=self._claim_args, client=pipe)
        return [_state(raw) for raw in await pipe.execute()]

    async def accept(self, key: str) -> None:
        await self.redis.set(self._key(key), "accepted", px=self._accepted_ms)

    async def release(self, key: str) -> None:
        await self._release_script(keys=[self._key(key)])
