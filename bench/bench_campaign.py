"""Campaigns at scale (issue 22's goals, on this 2-core machine), printed with their ratios:

* planning: 100,000 recipients read from CSV, normalised, deduplicated and segmented: <= 5 s;
* sending through a SQLite ledger to a fast loopback server (bench/loopback_server.py) from one
  process: >= 2,000 messages/s;
* resuming a 100,000-message campaign: the first batch is answered <= 2 s after the run starts.

    .venv/bin/python bench/bench_campaign.py [--recipients 100000] [--rounds 3] [--send 20000]

The file mixes how people write numbers (+380 95…, 0957…, 00380…, digits only), ~2% duplicates,
~1% invalid numbers and ~5% Cyrillic names (UCS-2 texts), with a two-placeholder template.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.campaigns import LocalRateLimiter, plan_campaign, record_campaign, rows_from_csv, run_campaign
from gatum_rest_py.ledger import Ledger, Outbox

GOAL_SECONDS = 5.0
GOAL_SEND_RATE = 2000.0
GOAL_RESUME_SECONDS = 2.0
TEMPLATE = "Hi {name}, your code is {code}. Reply STOP to opt out"


def write_contacts(path: Path, count: int, seed: int = 22) -> None:
    rng = random.Random(seed)
    names = ["Ann", "Bob", "Ewa", "Liza", "Petro", "Олег", "Марія"]
    lines = ["number;name;code"]
    for i in range(count):
        national = f"9{rng.choice('56789')}{i:07d}"  # Ukrainian mobile numbers, unique by i
        roll = rng.random()
        if roll < 0.01:
            number = f"12{i}"  # not a phone number
        elif roll < 0.03 and i:
            number = f"+380{lines[-1].split(';')[0][-9:]}"  # the previous row again, written differently
        else:
            number = rng.choice(
                [f"+380 {national[:2]} {national[2:5]}-{national[5:7]}-{national[7:]}", f"0{national}",
                 f"00380{national}", f"380{national}"]
            )  # fmt: skip
        name = names[5 + i % 2] if rng.random() < 0.05 else names[i % 5]
        lines.append(f"{number};{name};{rng.randrange(10**5, 10**6)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


class TimedOutbox(Outbox):
    """An Outbox that notes when its first batch was answered."""

    first_answer: float | None = None

    def send_claimed(self, claimed: Sequence[Any]) -> Any:
        results = super().send_claimed(claimed)
        if self.first_answer is None:
            self.first_answer = time.perf_counter()
        return results


def bench_sending(directory: Path, count: int, resume_count: int) -> bool:
    """Messages/s through a SQLite ledger to the loopback server, and how soon a resume sends."""
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("loopback_server.py"))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        base_url = f"http://127.0.0.1:{int(server.stdout.readline())}"
        met = True
        with GatumRESTAPI(base_url) as api:
            for what, size in (("send", count), ("resume", resume_count)):
                rows = [{"number": f"+38095{2_000_000 + i:07d}", "name": f"N{i}"} for i in range(size)]
                plan = plan_campaign(rows, "Hi {name}, your code is 4242")
                with Ledger(f"sqlite:///{directory / (what + '.db')}") as ledger:
                    outbox = TimedOutbox(api, ledger, access_token="bench-token", batch_size=100)
                    started = time.perf_counter()
                    campaign = record_campaign(outbox, plan, "Bench")
                    recorded = time.perf_counter()
                    summary = run_campaign(outbox, campaign, LocalRateLimiter(1e9))
                    finished = time.perf_counter()
                assert summary.sent == size, summary
                first = (outbox.first_answer or finished) - recorded
                if what == "send":
                    rate = size / (finished - recorded)
                    met &= rate >= GOAL_SEND_RATE
                    print(
                        f"campaign send: {size:,} messages through a SQLite ledger to a loopback server in "
                        f"{finished - recorded:.2f} s: {rate:,.0f} messages/s (goal >= {GOAL_SEND_RATE:,.0f}: "
                        f"{rate / GOAL_SEND_RATE:.2f}x); recording them took {recorded - started:.2f} s"
                    )
                else:
                    met &= first <= GOAL_RESUME_SECONDS
                    print(
                        f"campaign resume (a run over {size:,} planned messages): first batch answered after "
                        f"{first:.2f} s (goal <= {GOAL_RESUME_SECONDS:.0f} s: {first / GOAL_RESUME_SECONDS:.2f} of it)"
                    )
        return met
    finally:
        server.kill()
        server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--recipients", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--send", type=int, default=20_000, help="messages sent through the ledger (0: skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "contacts.csv"
        write_contacts(path, args.recipients)
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            plan = plan_campaign(rows_from_csv(path), TEMPLATE, default_region="UA")
            times.append(time.perf_counter() - start)
    best = min(times)
    summary = plan.summary()
    print(
        f"campaign plan: {args.recipients:,} rows → {summary['recipients']:,} recipients, "
        f"{summary['duplicates']:,} duplicates, {summary['invalid']:,} invalid, {summary['parts']:,} parts, "
        f"encodings {summary['encoding']}"
    )
    print(
        f"campaign plan: best of {args.rounds}: {best:.2f} s (goal <= {GOAL_SECONDS:.0f} s: "
        f"{best / GOAL_SECONDS:.2f} of it) — {'met' if best <= GOAL_SECONDS else 'NOT met'}"
    )
    met = best <= GOAL_SECONDS
    if args.send:
        with tempfile.TemporaryDirectory() as directory:
            met &= bench_sending(Path(directory), args.send, args.recipients)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
