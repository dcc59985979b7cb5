"""How much of a `send_many` through the ledger is Python's cyclic garbage collector (issue 21).

Sends 10,000 messages as `make bench` does (loopback server answering at once, 100 per request),
plainly with `send_messages` and through a SQLite ledger, and times every collection the
collector makes meanwhile (`gc.callbacks`), by generation. The ledger keeps objects per message
alive until the run ends (its records, claims, outcomes and results), so more full collections
run, each over everything alive. Median of ROUNDS rounds::

    .venv/bin/python bench/ledger_gc.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import functools
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ledger import TOKEN, loopback_server, messages_of

from gatum_rest_py import GatumRESTAPI
from gatum_rest_py.ledger import Ledger, Outbox


class Collections:
    """Seconds and counts of the collections made, per generation."""

    def __init__(self) -> None:
        self.seconds = [0.0, 0.0, 0.0]
        self.counts = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds[info["generation"]] += time.perf_counter() - self._started
        self.counts[info["generation"]] += 1


def measured(run: Callable[[], object]) -> tuple[float, Collections]:
    made = Collections()
    gc.collect()  # every round starts from the same heap
    gc.callbacks.append(made)
    try:
        started = time.perf_counter()
        run()
        return time.perf_counter() - started, made
    finally:
        gc.callbacks.remove(made)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    messages = messages_of(args.messages)
    with loopback_server(0.0) as url, tempfile.TemporaryDirectory() as folder, GatumRESTAPI(url) as api:
        api.send_messages(TOKEN, messages[:200])  # connections warm
        plain: list[tuple[float, Collections]] = []
        through: list[tuple[float, Collections]] = []
        for n in range(args.rounds):
            plain.append(measured(functools.partial(api.send_messages, TOKEN, messages, batch_size=100)))
            with Ledger(f"sqlite:///{folder}/gc{n}.db") as ledger:
                outbox = Outbox(api, ledger, access_token=TOKEN, batch_size=100)
                through.append(measured(functools.partial(outbox.send_many, messages)))
    runs = {"plain send_messages": plain, "through the ledger (SQLite)": through}
    print(f"Garbage collection during {args.messages:,} messages, {args.rounds} rounds (medians)")
    for label, done in runs.items():
        wall = statistics.median(seconds for seconds, _ in done)
        collector = statistics.median(sum(c.seconds) for _, c in done)
        full = statistics.median(c.counts[2] for _, c in done)
        by_generation = ", ".join(
            f"gen {g}: {statistics.median(c.seconds[g] for _, c in done):.3f} s "
            f"in {statistics.median(c.counts[g] for _, c in done):.0f}"
            for g in range(3)
        )
        print(f"  {label}: {wall:.3f} s, of which collecting {collector:.3f} s ({full:.0f} full; {by_generation})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
