"""`make dlr-load`: delivery reports at scale, with a worker killed mid-run.

Starts its own redis-server and gunicorn (N sync workers serving bench/dlr_app.py, sharing a
RedisDedupeStore), then replays what the platform does: batches of up to 200 reports, 20 % of
them sent a second time concurrently (so two workers race for the same reports), every report
left unacknowledged delivered again up to 5 attempts in all, forged batches without the secret
(403); one worker is SIGKILLed while it works and the gunicorn master starts a new one. Prints
one figure line and checks, from the Redis list the callback commits to:

* every (id_state, state) reached the callback exactly once (lost 0, duplicated 0);
* every report was acknowledged; no forged report was processed; the killed worker was replaced.

Exit status 0 when all invariants hold, 1 otherwise. `--json` prints the figures as JSON too.
"""

from __future__ import annotations

import argparse
import contextlib
import heapq
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import redis
from gatum_client.models import DeliveryReport
from redis_runner import RedisStartError, free_port, running_redis

from gatum_rest_py.webhooks import dedupe_key

HERE = Path(__file__).resolve().parent
SECRET = "load-" + uuid.uuid4().hex
REDELIVERY_DELAYS = (0.25, 0.5, 1.0, 2.0)  # after attempts 1..4; the sum outlasts the pending TTL
STATES = ("DELIVRD", "UNDELIV", "EXPIRED", "REJECTD")


def make_reports(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` reports: 10 % with a UUID id_state (acknowledged as sent), a quarter of the messages
    with two states (ENROUTE, then a final one): each state is its own report."""
    reports: list[dict[str, Any]] = []
    number = 600_000_000 + rng.randrange(1_000_000)
    while len(reports) < count:
        number += 1
        id_state: int | str = str(uuid.UUID(int=rng.getrandbits(128))) if rng.random() < 0.1 else number
        states = ["ENROUTE", rng.choice(STATES)] if rng.random() < 0.25 else [rng.choice(STATES)]
        for state in states[: count - len(reports)]:
            reports.append(
                {
                    "id_state": id_state,
                    "originator": "SMS",
                    "phone": "380957225759",
                    "type_sms": "sms",
                    "text_sms": "Your OTP is 42432",
                    "num_parts": 1,
                    "part_no": 1,
                    "state": state,
                    "time": "2023-07-24 12:03:48",
                }
            )
    return reports


def ack_text(report: dict[str, Any]) -> str:
    return str(report["id_state"])


class Server:
    """gunicorn with `workers` sync workers on a free loopback port."""

    def __init__(self, redis_url: str, workers: int, prefix: str, pending_ttl: float) -> None:
        self.port = free_port()
        self.workers = workers
        env = {**os.environ, "DLR_REDIS_URL": redis_url, "DLR_PREFIX": prefix, "DLR_SECRET": SECRET}
        env["DLR_PENDING_TTL"] = str(pending_ttl)
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync"]
        command += ["--bind", f"127.0.0.1:{self.port}", "--chdir", str(HERE), "--log-level", "error"]
        command += ["--graceful-timeout", "2", "--timeout", "30", "--backlog", "512", "dlr_app:app"]
        self.proc = subprocess.Popen(command, env=env)

    def children(self) -> set[int]:
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    stat = (entry / "stat").read_text()
                    if int(stat.rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                        found.add(int(entry.name))
        return found

    def wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.proc.returncode}")
            if len(self.children()) >= self.workers and post(self.port, b"[]", SECRET)[0] == 200:
                return
            time.sleep(0.05)
        raise RuntimeError(f"gunicorn did not serve within {timeout}s")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def post(port: int, body: bytes, secret: str | None, timeout: float = 15.0) -> tuple[int, list[str]]:
    """(status, acknowledgement) of one delivery; (0, []) when the connection broke."""
    path = "/restdlr" + (f"?secret={secret}" if secret is not None else "")
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", path, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = response.read()
        return response.status, json.loads(answer) if response.status == 200 else []
    except (OSError, http.client.HTTPException, ValueError):
        return 0, []
    finally:
        connection.close()


class Platform:
    """Replays the platform: batches, concurrent duplicates, redelivery, forgeries."""

    def __init__(
        self, server: Server, reports: list[dict[str, Any]], args: argparse.Namespace, client: redis.Redis, prefix: str
    ) -> None:
        self.server, self.reports, self.args = server, reports, args
        self.redis, self.prefix = client, prefix
        self.rng = random.Random(args.seed + 1)
        self.attempts = [0] * len(reports)
        self.acked = [False] * len(reports)
        self.lock = threading.Lock()
        self.due: list[tuple[float, int]] = []  # heap of (when, report index) to deliver again
        self.latencies: list[float] = []
        self.in_flight = 0
        self.given_up = 0
        self.counts: Counter[str] = Counter()
        self.killed: int | None = None

    def deliver(self, indices: list[int], counted: bool, stall: int | None = None) -> None:
        reports = [self.reports[i] for i in indices]
        if stall is not None:  # this delivery only: the worker stops inside the batch, see dlr_app.py
            reports[stall] = {**reports[stall], "bench_stall": True}
        body = json.dumps(reports).encode()
        started = time.perf_counter()
        status, ack = post(self.server.port, body, SECRET)
        elapsed = time.perf_counter() - started
        acknowledged = set(ack)
        with self.lock:
            if status:  # answered deliveries; a broken connection (the killed worker) has no latency
                self.latencies.append(elapsed)
            self.counts[f"status {status}"] += 1
            for i in indices:
                if ack_text(self.reports[i]) in acknowledged:
                    self.acked[i] = True
                elif counted and not self.acked[i]:
                    if self.attempts[i] < self.args.attempts:
                        heapq.heappush(self.due, (time.monotonic() + REDELIVERY_DELAYS[self.attempts[i] - 1], i))
                    else:
                        self.given_up += 1
            if counted:
                self.in_flight -= 1

    def forge(self, indices: list[int]) -> None:
        forged = [{**self.reports[i], "state": "UNDELIV-FORGED"} for i in indices]
        for secret in (None, "wrong-" + SECRET):
            status, _ = post(self.server.port, json.dumps(forged).encode(), secret)
            with self.lock:
                self.counts[f"forged {status}"] += 1

    def run(self) -> float:
        queue = list(range(len(self.reports)))
        position = 0
        batches = 0
        kill_at = len(self.reports) * 0.4
        started = time.perf_counter()
        with ThreadPoolExecutor(self.args.senders * 2 + 2) as pool:
            futures: list[Future[None]] = []
            while True:
                with self.lock:
                    now = time.monotonic()
                    ready: list[int] = []
                    while self.due and self.due[0][0] <= now and len(ready) < self.args.batch:
                        index = heapq.heappop(self.due)[1]
                        if not self.acked[index]:
                            ready.append(index)
                    take = min(self.args.batch - len(ready), len(queue) - position)
                    if self.in_flight >= self.args.senders:
                        ready_to_send: list[int] = []
                        heap_back = ready
                    else:
                        size = self.rng.randint(self.args.batch // 2, self.args.batch)
                        take = min(take, max(0, size - len(ready)))
                        ready_to_send = ready + queue[position : position + take]
                        position += take
                        heap_back = []
                    for index in heap_back:
                        heapq.heappush(self.due, (now, index))
                    for index in ready_to_send:
                        self.attempts[index] += 1
                    if ready_to_send:
                        self.in_flight += 1
                    done = position >= len(queue) and not self.due and self.in_flight == 0
                if done:
                    break
                if not ready_to_send:
                    time.sleep(0.002)
                    continue
                batches += 1
                stall = None
                if self.killed is None and position >= kill_at:
                    stall = len(ready_to_send) // 2
                futures.append(pool.submit(self.deliver, ready_to_send, True, stall))
                # 20 % of every batch is sent again at the same time, on another connection: with sync
                # workers (one request each) the two copies are processed by different workers.
                twins = [i for i in ready_to_send if self.rng.random() < self.args.duplicates]
                if twins:
                    with self.lock:
                        self.counts["duplicate sends"] += len(twins)
                    futures.append(pool.submit(self.deliver, twins, False))
                if batches % 25 == 3:  # a forged copy now and then, from the first batches on
                    futures.append(pool.submit(self.forge, ready_to_send[:20]))
                if stall is not None:
                    self.killed = self.kill_the_stalled_worker()
            for future in futures:
                future.result()
        return time.perf_counter() - started

    def kill_the_stalled_worker(self) -> int:
        """SIGKILL the worker that stopped in the middle of a batch (its claims stay pending)."""
        deadline = time.monotonic() + 10
        while (pid := cast(bytes | None, self.redis.get(self.prefix + "stalled"))) is None:
            if time.monotonic() > deadline:
                raise RuntimeError("no worker reached the stall report within 10 s")
            time.sleep(0.005)
        os.kill(int(pid), signal.SIGKILL)
        return int(pid)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def run(args: argparse.Namespace, redis_url: str) -> dict[str, Any]:
    reports = make_reports(args.reports, random.Random(args.seed))
    prefix = f"dlrload:{uuid.uuid4().hex[:8]}:"
    server = Server(redis_url, args.workers, prefix, args.pending_ttl)
    client = redis.Redis.from_url(redis_url)
    try:
        server.wait_ready()
        platform = Platform(server, reports, args, client, prefix)
        elapsed = platform.run()
        deadline = time.monotonic() + 10
        while platform.killed in server.children() or len(server.children()) < args.workers:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        restarted = platform.killed is not None and platform.killed not in server.children()
        restarted = restarted and len(server.children()) == args.workers
    finally:
        server.stop()
    processed = Counter(key.decode() for key in cast(list[bytes], client.lrange(prefix + "processed", 0, -1)))
    client.close()
    expected = {dedupe_key(DeliveryReport.from_dict(report)) for report in reports}
    return {
        "workers": args.workers,
        "reports": len(reports),
        "reports_per_s": round(len(reports) / elapsed),
        "p50_ms": round(percentile(platform.latencies, 0.5) * 1000, 1),
        "p99_ms": round(percentile(platform.latencies, 0.99) * 1000, 1),
        "batch": args.batch,
        "requests": len(platform.latencies),
        "duplicate_sends": platform.counts["duplicate sends"],
        "redeliveries": sum(platform.attempts) - len(reports),
        "killed_worker": platform.killed,
        "worker_restarted": restarted,
        "exactly_once": sum(1 for key in expected if processed[key] == 1),
        "acknowledged": sum(platform.acked),
        "lost": len(expected - processed.keys()),
        "duplicated": sum(1 for key in expected if processed[key] > 1),
        "unexpected_processed": len(processed.keys() - expected),
        "forged_refused": platform.counts["forged 403"],
        "forged_sent": sum(v for k, v in platform.counts.items() if k.startswith("forged ")),
        "statuses": {k: v for k, v in platform.counts.items() if k.startswith("status ")},
    }


def figure_line(r: dict[str, Any]) -> str:
    return (
        f"dlr-load: {r['workers']} gunicorn workers, {r['reports']} reports: {r['reports_per_s']} reports/s, "
        f"p99 {r['p99_ms']} ms (p50 {r['p50_ms']}) per delivery of up to {r['batch']} | "
        f"worker {r['killed_worker']} SIGKILLed mid-run, restarted: "
        f"{'yes' if r['worker_restarted'] else 'NO'} | callback exactly once {r['exactly_once']}/{r['reports']}, "
        f"acknowledged {r['acknowledged']}/{r['reports']}, lost {r['lost']}, duplicated {r['duplicated']}, "
        f"forged processed {r['unexpected_processed']} ({r['forged_refused']}/{r['forged_sent']} forged requests "
        f"refused 403) | {r['duplicate_sends']} concurrent duplicate sends, {r['redeliveries']} redeliveries"
    )


def ok(r: dict[str, Any]) -> bool:
    n = r["reports"]
    return (
        r["exactly_once"] == n
        and r["acknowledged"] == n
        and r["lost"] == 0
        and r["duplicated"] == 0
        and r["unexpected_processed"] == 0
        and r["forged_refused"] == r["forged_sent"] > 0
        and bool(r["worker_restarted"])
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reports", type=int, default=30_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--senders", type=int, default=0, help="concurrent deliveries (default: 2 per worker)")
    parser.add_argument("--attempts", type=int, default=5, help="deliveries of a report at most (the platform: 5)")
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of each batch sent twice at once")
    parser.add_argument("--pending-ttl", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--redis-url", help="use this Redis (default: start a throw-away redis-server)")
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args(argv)
    args.senders = args.senders or 2 * args.workers
    try:
        if args.redis_url:
            result = run(args, args.redis_url)
        else:
            with running_redis() as redis_url:
                result = run(args, redis_url)
    except RedisStartError as exc:
        print(f"dlr-load: {exc}", file=sys.stderr)
        return 2
    print(figure_line(result), flush=True)
    if args.json:
        print(json.dumps(result), flush=True)
    return 0 if ok(result) else 1


if __name__ == "__main__":
    sys.exit(main())
