"""What a per-batch ledger could cost end to end, on SQLite (issue 21's design question).

Not the ledger: a sketch of its send path with claims and answers recorded per batch, to see
whether such a design can meet the 1.3x target before anyone builds it. For 10,000 messages
against the loopback server of `make bench` (answering at once, 100 per request) it times:

* plain `send_messages` (the baseline);
* the sketch: the messages checked once (`check_messages`, as `send_messages` checks them), their
  rows planned in one transaction (built straight from the input: no record objects), then per
  window of batches one durable transaction, run by a helper thread beside the requests, that
  writes one claim row per batch and the id rows and answer time of the batches sent before it
  (no message row is rewritten; a message's state would be derived from its batch); one result
  object per message, as `Outbox.send_many` returns.

It leaves out what a real design must still pay: the queries that derive states, the checks a
claim makes against other workers, reports joined to their messages. So it is a lower bound::

    .venv/bin/python bench/ledger_batch_sketch.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ledger import TOKEN, loopback_server, messages_of

from gatum_rest_py import GatumRESTAPI, check_messages
from gatum_rest_py.ledger._records import new_keys
from gatum_rest_py.ledger._schema import _TABLES
from gatum_rest_py.ledger._sending import OutboxResult

BATCH, WINDOW = 100, 3  # batches per claim: what `claim_ahead` gives at this speed
PLAN = (
    "INSERT INTO ledger_messages (key, campaign, numbers, sender, text, options, state, created, updated) "
    "VALUES (?, NULL, ?, ?, ?, '{}', 'planned', ?, ?)"
)
IDS = "INSERT INTO ledger_ids (id_state, key, number, position) VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING"


def fresh(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")  # claims are on disk before their requests leave
    db.executescript(_TABLES.format(serial="INTEGER", real="REAL"))
    db.execute(
        "CREATE TABLE ledger_batches (first INTEGER PRIMARY KEY, last INTEGER, worker TEXT, at REAL, answered REAL)"
    )
    return db


def record(db: sqlite3.Connection, claim: Sequence[tuple[int, int]], answered: Sequence[int], ids: list[Any]) -> None:
    now = time.time()
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO ledger_batches (first, last, worker, at) VALUES (?, ?, 'w', ?)", [(*c, now) for c in claim]
    )
    db.executemany("UPDATE ledger_batches SET answered = ? WHERE first = ?", [(now, first) for first in answered])
    db.executemany(IDS, ids)
    db.execute("COMMIT")


def send_through_sketch(
    api: GatumRESTAPI, db: sqlite3.Connection, messages: list[dict[str, Any]], *, plan: bool = True
) -> list[OutboxResult]:
    checked = check_messages(TOKEN, messages)
    keys = new_keys(len(messages))
    now = time.time()
    if plan:  # every message recorded before the first request leaves, as `send_many` promises
        db.execute("BEGIN IMMEDIATE")
        rows = [
            (key, json.dumps(m["numbers"]), m["sender_id"], m["text"], now, now)
            for key, m in zip(keys, messages, strict=True)
        ]
        db.executemany(PLAN, rows)
        db.execute("COMMIT")
    batches = [(start, min(start + BATCH, len(messages))) for start in range(0, len(messages), BATCH)]
    windows = [batches[i : i + WINDOW] for i in range(0, len(batches), WINDOW)]
    results: list[OutboxResult] = []
    with ThreadPoolExecutor(1) as helper:
        helper.submit(record, db, windows[0], [], []).result()
        answered: list[int] = []
        ids: list[Any] = []
        for n, window in enumerate(windows):
            ahead = helper.submit(record, db, windows[n + 1] if n + 1 < len(windows) else [], answered, ids)
            answered, ids = [], []
            for first, last in window:
                told = api.send_messages(TOKEN, checked[first:last], batch_size=last - first)
                for key, outcome in zip(keys[first:last], told.outcomes, strict=True):
                    for number, given in outcome.ids.items():
                        ids.extend((str(i), key, number) for i in given)
                    results.append(OutboxResult(key, "sent", outcome.ids, response=outcome.response))
                answered.append(first)
            ahead.result()
        record(db, [], answered, ids)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument(
        "--no-plan", action="store_true", help="skip the plan (not a ledger's guarantee: to see what the plan costs)"
    )
    args = parser.parse_args()
    messages = messages_of(args.messages)
    plain, sketch = [], []
    with loopback_server(0.0) as url, tempfile.TemporaryDirectory() as folder, GatumRESTAPI(url) as api:
        api.send_messages(TOKEN, messages[:200])  # connections warm
        for n in range(args.rounds):
            started = time.perf_counter()
            api.send_messages(TOKEN, messages, batch_size=BATCH)
            plain.append(time.perf_counter() - started)
            db = fresh(Path(folder) / f"sketch{n}.db")
            started = time.perf_counter()
            results = send_through_sketch(api, db, messages, plan=not args.no_plan)
            sketch.append(time.perf_counter() - started)
            assert (
                len(results) == args.messages
                and db.execute("SELECT count(*) FROM ledger_ids").fetchone()[0] == args.messages
            )
            db.close()
    p, s = statistics.median(plain), statistics.median(sketch)
    print(f"{args.messages:,} messages, server answering at once, {args.rounds} rounds (medians)")
    print(f"  plain send_messages: {p:.3f} s")
    skipped = ", the plan skipped" if args.no_plan else ""
    print(f"  per-batch sketch (SQLite{skipped}): {s:.3f} s = {s / p:.2f}x plain (the target is <= 1.3x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
