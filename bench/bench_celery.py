"""Campaigns across Celery workers (issue 22): with the platform answering in 20 ms, 4 workers on a
PostgreSQL ledger send >= 3x as fast as 1 (`make campaign-load`).

    .venv/bin/python bench/bench_celery.py [--messages 4000] [--batch 20] [--latency 0.02] [--workers 1,4]

Everything is started here, on loopback: redis-server (broker and shared rate), PostgreSQL
(bench/postgres_runner.py), the loopback server answering each request `--latency` s late, and
`celery -A gatum_rest_py.campaigns.celery worker --pool=solo` processes. The rate is measured
from the ledger's own attempt times (first claim to last answer), so the workers' start-up is
not counted. The batch is small on purpose: with 100 messages a request the client's CPU per
batch, not the 20 ms, is what a 2-core machine runs out of.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from postgres_runner import fresh_schema_url, running_postgres
from redis_runner import running_redis

from gatum_rest_py.campaigns import plan_campaign, record_campaign
from gatum_rest_py.campaigns.celery import enqueue_campaign, make_app
from gatum_rest_py.ledger import CampaignSettings, Ledger, record_campaign_settings

GOAL_RATIO = 3.0
WORKER = [sys.executable, "-m", "celery", "-A", "gatum_rest_py.campaigns.celery", "worker", "--pool=solo",
          "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"]  # fmt: skip


def one_run(workers: int, messages: int, batch: int, *, postgres: str, redis: str, base_url: str, log: Path) -> float:
    """Messages per second that `workers` worker processes reach on one campaign."""
    ledger_url = fresh_schema_url(postgres, f"celery_bench_{workers}_{os.getpid()}")
    broker = redis.rsplit("/", 1)[0] + f"/{workers}"
    env = {**os.environ, "GATUM_LEDGER": ledger_url, "GATUM_BASE_URL": base_url, "GATUM_TOKEN": "bench-token",
           "GATUM_CELERY_BROKER": broker}  # fmt: skip
    rows = [{"number": f"+38095{2_000_000 + i:07d}", "name": f"N{i}"} for i in range(messages)]
    plan = plan_campaign(rows, "Hi {name}, your code is 4242")
    campaign = f"bench-{workers}-workers"
    with log.open("ab") as out:
        processes = [
            subprocess.Popen([*WORKER, "-n", f"b{workers}-{i}@%h"], env=env, stdout=out, stderr=out)
            for i in range(workers)
        ]
    try:
        with Ledger(ledger_url) as ledger:
            record_campaign_settings(ledger, CampaignSettings(campaign, "Bench", 1e6, batch))
            record_campaign(ledger, plan, "Bench", campaign=campaign)
            enqueue_campaign(make_app(broker), campaign, planned=messages, batch_size=batch, batches_per_task=5)
            deadline = time.monotonic() + 300
            while ledger.counts(campaign=campaign).get("sent", 0) < messages:
                if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                    raise SystemExit(f"{workers} workers: not all sent ({ledger.counts(campaign=campaign)}); see {log}")
                time.sleep(0.2)
            with ledger.transaction() as db:
                first, last = db.execute("SELECT min(started), max(finished) FROM ledger_attempts")[0]
        return messages / (float(last) - float(first))
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=20, help="messages per request")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds the server takes to answer")
    parser.add_argument("--workers", default="1,4", help="worker counts to compare: the first is the baseline")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("loopback_server.py")), "--latency", str(args.latency)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base_url = f"http://127.0.0.1:{int(server.stdout.readline())}"
        with running_redis() as redis, running_postgres() as postgres, tempfile.TemporaryDirectory() as folder:
            log = Path(folder) / "workers.log"
            rates = {
                n: one_run(n, args.messages, args.batch, postgres=postgres, redis=redis, base_url=base_url, log=log)
                for n in counts
            }
    finally:
        server.kill()
        server.wait()
    base = rates[counts[0]]
    for n, rate in rates.items():
        print(
            f"campaign on Celery: {n} worker(s), PostgreSQL ledger, server answering in {args.latency * 1000:.0f} ms, "
            f"{args.messages:,} messages in batches of {args.batch}: {rate:,.0f} messages/s ({rate / base:.2f}x)"
        )
    ratio = rates[counts[-1]] / base
    met = ratio >= GOAL_RATIO
    print(
        f"campaign on Celery: {counts[-1]} workers vs {counts[0]}: {ratio:.2f}x (goal >= {GOAL_RATIO:.0f}x) — "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
