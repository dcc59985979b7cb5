"""A campaign's sending rate, held across every process and machine: one limiter state in Redis.

    limiter = SharedRateLimiter("redis://localhost:6379/0", key="campaign:42", rate=50)
    limiter.acquire(100)          # sleeps until 100 more messages fit the shared rate, then returns
    api.send_messages(...)
    except RateLimitError as exc:
        limiter.slow_down(exc.retry_after)   # every worker of the campaign slows down, not just this one

Why one Lua script and not `limits` or `pyrate-limiter` (both well kept): a campaign needs
three things those libraries do not give together. (1) A batch reserves its place in the
schedule and learns *how long to wait* (GCRA: one "theoretical arrival time"), instead of
polling "may I now?"; (2) the rate itself lives in Redis and can be lowered by any worker when
the platform answers 429 (and climbs back by itself), which fixed-rate limiters cannot express;
(3) the clock is Redis's (`TIME`), so machines with skewed clocks still share one schedule. The
script is short, atomic, and runs on any Redis >= 5 with redis-py (the `[redis]` extra).

Guarantee: over any span of T seconds, the messages let through by all processes together are at
most `rate * T` plus one batch (a reservation never waits for a batch to finish).
`LocalRateLimiter` is the same schedule inside one process, for runs without Redis.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from ._errors import CampaignInputError

__all__ = ["LocalRateLimiter", "RateLimiter", "Reservation", "SharedRateLimiter", "parse_rate"]

_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(s|sec|second|m|min|minute|h|hour))?\s*$", re.IGNORECASE)
_PER = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600}


def parse_rate(text: str | float) -> float:
    """Messages per second from `50`, `50/s`, `3000/min` or `10000/h`; CampaignInputError naming --rate."""
    if isinstance(text, (int, float)):
        value = float(text)
    else:
        match = _RATE.match(text)
        if match is None:
            raise CampaignInputError(
                f"--rate {text!r}: give messages per second, e.g. 50/s (or 3000/min)", argument="--rate", rule="N/s"
            )
        value = float(match[1]) / _PER[(match[2] or "s").lower()]
    if not value > 0:
        raise CampaignInputError(f"--rate {text!r} must be more than 0", argument="--rate", rule="a rate above 0")
    return value


@dataclass(frozen=True)
class Reservation:
    """A booked place in the schedule: wait `wait` seconds, then send; `start` is that moment on
    the limiter's clock (Redis's for the shared one), `rate` the rate it was booked at."""

    wait: float
    start: float
    rate: float


class RateLimiter(Protocol):
    """What the campaign sender needs of a limiter."""

    def reserve(self, count: int) -> Reservation:
        """Book `count` messages in the schedule; wait `.wait` seconds before sending them."""
        ...

    def acquire(self, count: int) -> float:
        """Wait until `count` more messages fit the rate; the seconds waited."""
        ...

    def slow_down(self, retry_after: float | None) -> float:
        """The platform answered 429: pause everyone `retry_after` seconds and lower the rate; the new rate."""
        ...


# KEYS[1]: the limiter's hash {tat, rate, changed, slowed}; times in microseconds of Redis's clock.
# ARGV: count, base rate, ttl seconds, recovery (fraction of the base rate regained per second).
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local count, base = tonumber(ARGV[1]), tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'changed')
local tat = tonumber(state[1]) or now
local rate = math.min(tonumber(state[2]) or base, base)
local changed = tonumber(state[3]) or now
if rate < base then
  local seconds = math.floor((now - changed) / 1000000)
  if seconds >= 1 then
    rate = math.min(base, rate + base * tonumber(ARGV[4]) * seconds)
    changed = changed + seconds * 1000000
  end
else
  changed = now
end
if tat < now then tat = now end
local wait = tat - now
tat = tat + count * 1000000 / rate
redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', tat), 'rate', string.format('%.17g', rate),
           'changed', string.format('%.0f', changed))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return {string.format('%.0f', wait), string.format('%.17g', rate), string.format('%.0f', now + wait)}
"""

# ARGV: base rate, ttl seconds, pause (microseconds), factor, lowest rate, guard (microseconds).
_SLOW_DOWN = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local base = tonumber(ARGV[1])
local state = redis.call('HMGET', KEYS[1], 'tat', 'rate', 'slowed')
local tat = tonumber(state[1]) or now
local rate = math.min(tonumber(state[2]) or base, base)
local slowed = tonumber(state[3]) or 0
-- Workers that get a 429 from one burst together cut the rate once, not once each.
if now - slowed >= tonumber(ARGV[6]) then
  rate = math.max(tonumber(ARGV[5]), rate * tonumber(ARGV[4]))
  slowed = now
end
local resume = now + tonumber(ARGV[3])
if tat < resume then tat = resume end
redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', tat), 'rate', string.format('%.17g', rate),
           'changed', string.format('%.0f', now), 'slowed', string.format('%.0f', slowed))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return string.format('%.17g', rate)
"""


class SharedRateLimiter:
    """The GCRA schedule of `key` in Redis, shared by every process given the same URL and key.

    `rate`: messages per second (or a text like `50/s`). After a 429, `slow_down` multiplies
    the rate by `slow_factor` (not below `min_rate`) and holds every reservation back by the
    answer's Retry-After (`default_pause` without one); the rate then climbs back by
    `recovery` x rate per second. State expires `ttl` seconds after the last use.
    """

    def __init__(
        self,
        redis: Any,
        key: str,
        rate: float | str,
        *,
        ttl: int = 86400,
        recovery: float = 0.1,
        slow_factor: float = 0.5,
        min_rate: float | None = None,
        default_pause: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if isinstance(redis, str):
            import redis as redis_py  # the `[redis]` extra, needed only for a shared limiter

            redis = redis_py.Redis.from_url(redis)
        self._redis = redis
        self.key = f"gatum:rate:{{{key}}}"  # one hash slot: the script touches this key alone
        self.rate = parse_rate(rate)
        self.min_rate = min_rate if min_rate is not None else self.rate / 20
        self._ttl, self._recovery, self._factor, self._pause = ttl, recovery, slow_factor, default_pause
        self._sleep = sleep
        self._acquire = redis.register_script(_ACQUIRE)
        self._slow_down = redis.register_script(_SLOW_DOWN)

    def __repr__(self) -> str:
        return f"SharedRateLimiter(key={self.key!r}, rate={self.rate})"

    def reserve(self, count: int) -> Reservation:
        """Book `count` messages in the shared schedule (sleep `wait` before sending them)."""
        wait, rate, start = self._acquire(
            keys=[self.key], args=[count, repr(self.rate), self._ttl, repr(self._recovery)]
        )
        return Reservation(int(wait) / 1_000_000, int(start) / 1_000_000, float(rate))

    def acquire(self, count: int) -> float:
        wait = self.reserve(count).wait
        if wait > 0:
            self._sleep(wait)
        return wait

    def slow_down(self, retry_after: float | None) -> float:
        pause = self._pause if retry_after is None else retry_after
        rate = self._slow_down(
            keys=[self.key],
            args=[
                repr(self.rate),
                self._ttl,
                int(pause * 1_000_000),
                repr(self._factor),
                repr(self.min_rate),
                1_000_000,
            ],
        )
        return float(rate)

    def current_rate(self) -> float:
        """The shared rate now (the configured one until a 429 lowers it)."""
        value = self._redis.hget(self.key, "rate")
        return min(float(value), self.rate) if value is not None else self.rate


class LocalRateLimiter:
    """The same schedule as SharedRateLimiter, for the threads of one process (no Redis)."""

    def __init__(
        self,
        rate: float | str,
        *,
        recovery: float = 0.1,
        slow_factor: float = 0.5,
        min_rate: float | None = None,
        default_pause: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = parse_rate(rate)
        self.min_rate = min_rate if min_rate is not None else self.rate / 20
        self._recovery, self._factor, self._pause = recovery, slow_factor, default_pause
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        now = clock()
        self._tat, self._current, self._changed, self._slowed = now, self.rate, now, float("-inf")

    def reserve(self, count: int) -> Reservation:
        with self._lock:
            now = self._clock()
            if self._current < self.rate:
                seconds = int(now - self._changed)
                if seconds >= 1:
                    self._current = min(self.rate, self._current + self.rate * self._recovery * seconds)
                    self._changed += seconds
            else:
                self._changed = now
            self._tat = max(self._tat, now)
            reservation = Reservation(self._tat - now, self._tat, self._current)
            self._tat += count / self._current
            return reservation

    def acquire(self, count: int) -> float:
        wait = self.reserve(count).wait
        if wait > 0:
            self._sleep(wait)
        return wait

    def slow_down(self, retry_after: float | None) -> float:
        with self._lock:
            now = self._clock()
            if now - self._slowed >= 1:
                self._current = max(self.min_rate, self._current * self._factor)
                self._slowed = now
            self._changed = now
            self._tat = max(self._tat, now + (self._pause if retry_after is None else retry_after))
            return self._current

    def current_rate(self) -> float:
        return self._current
