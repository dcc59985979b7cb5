"""The campaign rate limiter: one schedule shared by separate processes through a real redis-server
(started by the test, tests/redis_fixture.py), and a 429 slowing every process down.

Assertions are on the schedule the limiter hands out (moments on Redis's own clock), not on how
fast this machine runs: a slow machine cannot make them fail.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest

pytest.importorskip("redis", reason="the shared limiter needs redis-py (the [redis] extra)")

import redis
from redis_fixture import redis_server_url  # noqa: F401 - the `redis_url` fixture

from gatum_rest_py.campaigns import CampaignInputError, LocalRateLimiter, SharedRateLimiter, parse_rate

# One process booking batches in the shared schedule (without sleeping) and printing what it got.
WORKER = """
import json, sys
from gatum_rest_py.campaigns import SharedRateLimiter
url, key, rate, batches, size = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
limiter = SharedRateLimiter(url, key, rate, recovery=float(sys.argv[6]))
print(json.dumps([[r.start, r.rate] for r in (limiter.reserve(size) for _ in range(batches))]))
"""


@pytest.fixture
def key() -> Iterator[str]:
    yield f"test-{uuid.uuid4().hex}"


def _workers(
    url: str, key: str, rate: float, processes: int, batches: int, size: int, recovery: float = 0.1
) -> list[list[float]]:
    running = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, key, str(rate), str(batches), str(size), str(recovery)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    results = []
    for process in running:
        out, _ = process.communicate(timeout=60)
        assert process.returncode == 0
        results.extend(json.loads(out))
    return results


def test_processes_share_one_schedule(redis_url: str, key: str) -> None:
    rate, size = 1000.0, 10  # 10 messages per batch: one batch every 10 ms, whoever books it
    grants = _workers(redis_url, key, rate, processes=3, batches=20, size=size)
    starts = sorted(start for start, _ in grants)
    assert len(starts) == 60
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= size / rate - 2e-6  # microsecond rounding
    # …and the messages booked over the whole span never exceed the rate by more than one batch
    assert 60 * size <= rate * (starts[-1] - starts[0]) + size + 1e-2


def test_a_429_slows_every_process(redis_url: str, key: str) -> None:
    # no climbing back here (recovery=0): how long the other process takes to start does not matter
    limiter = SharedRateLimiter(redis_url, key, "100/s", recovery=0)
    first = limiter.reserve(1)
    assert limiter.slow_down(retry_after=2.0) == 50.0
    assert limiter.slow_down(retry_after=2.0) == 50.0  # a burst of 429s cuts the rate once
    # another process of the campaign waits out the Retry-After, at the lowered rate
    (start, rate), (second_start, _) = _workers(redis_url, key, 100.0, processes=1, batches=2, size=5, recovery=0)
    assert start >= first.start + 2.0 and rate == 50.0
    assert second_start - start == pytest.approx(5 / 50.0, abs=2e-6)
    assert limiter.current_rate() == 50.0


def test_the_rate_climbs_back_after_a_slow_down(redis_url: str, key: str) -> None:
    limiter = SharedRateLimiter(redis_url, key, 100, recovery=0.5)
    limiter.slow_down(retry_after=0)
    assert limiter.current_rate() == 50.0
    client = redis.Redis.from_url(redis_url)
    # as if the slow-down had been a second and a half ago: half the rate is regained per second
    changed = int(client.hget(limiter.key, "changed") or 0)
    client.hset(limiter.key, "changed", changed - 1_500_000)
    assert limiter.reserve(1).rate == 100.0
    client.close()


def test_local_limiter_keeps_the_same_schedule() -> None:
    now = [100.0]
    slept: list[float] = []
    limiter = LocalRateLimiter(10, clock=lambda: now[0], sleep=slept.append)
    assert [limiter.acquire(5) for _ in range(3)] == [0.0, 0.5, 1.0]
    assert limiter.slow_down(retry_after=3) == 5.0
    assert limiter.reserve(5).start == pytest.approx(103.0) and limiter.reserve(5).start == pytest.approx(104.0)
    assert slept == [0.5, 1.0]


@pytest.mark.parametrize(("text", "rate"), [("50", 50.0), ("50/s", 50.0), ("3000/min", 50.0), ("7200 / h", 2.0)])
def test_rates_are_read_per_second(text: str, rate: float) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["0", "0/s", "fast", "-5/s", "5/day"])
def test_bad_rates_are_refused(text: str) -> None:
    with pytest.raises(CampaignInputError, match="--rate"):
        parse_rate(text)
