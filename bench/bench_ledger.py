"""`make bench` (ledger part): what the message ledger costs, on loopback.

* 10,000 personalised messages through `Outbox.send_many` (SQLite, then PostgreSQL) against plain
  `send_messages`, both 100 messages per request, on the same loopback server
  (bench/loopback_server.py in its own process; no latency, so the ledger's cost is not hidden
  behind the network). Target: <= 1.3x the plain time.
* 10,000 delivery reports written into a SQLite ledger holding their messages: through
  `DeliveryReportReceiver(ledger=…)` (bodies of 200 reports, as the platform sends them), and with
  `Ledger.record_reports` per 200. Target: >= 5,000 reports/s.

Prints the medians of ROUNDS rounds and whether each target is met; writes nothing. PostgreSQL
is started by bench/postgres_runner.py with fsync on, as a deployment runs it (skipped, and said
so, when it is not installed); the SQLite ledgers are files in a temporary folder::

    .venv/bin/python bench/bench_ledger.py [--rounds 3] [--messages 10000] [--latencies 0,0.02]

`--profile` instead runs one `send_many` per database under cProfile (no latency) and prints where
its time goes, step by step (cProfile slows Python code down: read the shares, not the seconds; it
sees the main thread, so the helper thread's transactions show as the wait for them).

`--floor` instead times the ledger's own writes for the messages with no request at all, in one
thread, through the public `Ledger` API as `send_many` makes them (one plan; per batch of 100 a
claim holding the previous batch's answers, one id each), against plain `send_messages` with a
server answering at once: what the send path must add to the plain time, in line or beside it.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import itertools
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from postgres_runner import PostgresStartError, fresh_schema_url, running_postgres  # noqa: E402

from gatum_rest_py import GatumRESTAPI  # noqa: E402
from gatum_rest_py.ledger import Ledger, Outbox  # noqa: E402
from gatum_rest_py.webhooks import DeliveryReportReceiver  # noqa: E402

TOKEN = "bench-token"
SEND_TARGET, REPORT_TARGET = 1.3, 5000.0


@contextmanager
def loopback_server(latency: float = 0.0) -> Iterator[str]:
    command = [sys.executable, str(HERE / "loopback_server.py"), "--latency", str(latency)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        yield f"http://127.0.0.1:{int(proc.stdout.readline())}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def messages_of(count: int) -> list[dict[str, Any]]:
    return [
        {"numbers": [f"38095{i:07d}"], "sender_id": "Verify", "text": f"Hi {i}, code {i % 9000 + 1000}"}
        for i in range(count)
    ]


def sending(url: str, count: int, rounds: int, ledger_urls: Callable[[], str], label: str, plain: list[float]) -> bool:
    messages = messages_of(count)
    with GatumRESTAPI(url) as api:
        through: list[float] = []
        for _ in range(rounds):
            with Ledger(ledger_urls()) as ledger:
                outbox = Outbox(api, ledger, access_token=TOKEN, batch_size=100)
                results: list[Any] = []
                through.append(timed(lambda outbox=outbox, results=results: results.extend(outbox.send_many(messages))))
                assert sum(r.state == "sent" for r in results) == count, results[0]
                assert ledger.counts() == {"sent": count}
    ratio = statistics.median(through) / statistics.median(plain)
    met = ratio <= SEND_TARGET
    print(
        f"  through the ledger ({label}): {statistics.median(through):.3f} s "
        f"(min {min(through):.3f}, max {max(through):.3f}) = {ratio:.2f}x plain; "
        f"target <= {SEND_TARGET}x: {'met' if met else 'NOT met'}"
    )
    return met


PROFILED = {  # the steps of Outbox.send_many, by the functions that do them
    "check and map each message (once)": ("checked_messages",),
    "plan: one transaction": ("plan",),
    "claims, each with the answers before it (the first and last here)": ("claim_messages", "record_outcomes"),
    "waiting for the claims the helper thread runs beside the requests": ("result",),
    "requests: send_messages": ("send_messages",),
    "answers into outcomes and results": ("outcomes_of", "results_of"),
}


def profile(url: str, count: int, ledger_url: str, label: str) -> None:
    messages = messages_of(count)
    with GatumRESTAPI(url) as api, Ledger(ledger_url) as ledger:
        api.send_messages(TOKEN, messages[:200])  # connections warm
        outbox = Outbox(api, ledger, access_token=TOKEN, batch_size=100)
        profiler = cProfile.Profile()
        profiler.runcall(outbox.send_many, messages)
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tottime for _, _, tottime, _, _ in stats.values())
    longest: dict[str, float] = {}  # per name the outermost call (a method around its function)
    for (path, _, name), (_, _, _, cumtime, _) in stats.items():
        if "gatum_rest_py" in path or (name == "result" and "concurrent" in path):
            longest[name] = max(longest.get(name, 0.0), cumtime)
    print(f"  {label}: {total:.3f} s under cProfile")
    for step, names in PROFILED.items():
        seconds = sum(longest.get(name, 0.0) for name in names)
        print(f"    {step}: {seconds:.3f} s ({seconds / total:.0%})")


def plain_sending(url: str, count: int, rounds: int) -> list[float]:
    messages = messages_of(count)
    with GatumRESTAPI(url) as api:
        api.send_messages(TOKEN, messages[:200])  # connections warm
        plain = [timed(lambda: api.send_messages(TOKEN, messages, batch_size=100)) for _ in range(rounds)]
    print(f"  plain send_messages: {statistics.median(plain):.3f} s (min {min(plain):.3f}, max {max(plain):.3f})")
    return plain


def reports(count: int, rounds: int) -> bool:
    bodies = []
    for start in range(0, count, 200):
        chunk = [
            {
                "id_state": 600000000 + i,
                "state": "DELIVRD",
                "phone": f"38095{i:07d}",
                "originator": "Verify",
                "num_parts": 1,
                "part_no": 1,
                "time": "2026-12-04 10:00:00",
            }
            for i in range(start, min(start + 200, count))
        ]
        bodies.append(chunk)
    rates: dict[str, list[float]] = {"DeliveryReportReceiver(ledger=…)": [], "Ledger.record_reports, 200 each": []}
    for _ in range(rounds):
        for label in rates:
            with tempfile.TemporaryDirectory() as folder, Ledger(f"sqlite:///{folder}/bench.db") as ledger:
                prime(ledger, count)
                if label.startswith("Deliv"):
                    receiver = DeliveryReportReceiver(None, ledger=ledger)
                    encoded = [json.dumps(body) for body in bodies]
                    seconds = timed(lambda receiver=receiver, encoded=encoded: [receiver.handle(b) for b in encoded])
                else:
                    seconds = timed(lambda ledger=ledger: [ledger.record_reports(body) for body in bodies])
                assert ledger.counts() == {"delivered": count}, ledger.counts()
                rates[label].append(count / seconds)
    met = True
    for label, values in rates.items():
        rate = statistics.median(values)
        ok = rate >= REPORT_TARGET
        met = met and ok
        verdict = "met" if ok else "NOT met"
        print(f"  {label}: {rate:,.0f} reports/s (min {min(values):,.0f}); target >= 5,000/s: {verdict}")
    return met


def prime(ledger: Ledger, count: int) -> None:
    """The messages the reports are about, sent (ids known), written straight into the ledger."""
    from gatum_rest_py.ledger import NewMessage, Outcome

    ledger.plan([NewMessage(f"m{i}", (f"38095{i:07d}",), "Verify", f"Hi {i}") for i in range(count)])
    while claimed := ledger.claim(1000, worker="bench"):
        ids = [{c.message.numbers[0]: [str(600000000 + int(c.message.key[1:]))]} for c in claimed]
        ledger.record_outcomes(
            [Outcome(c.message.key, c.attempt, "sent", i) for c, i in zip(claimed, ids, strict=True)]
        )


def _schema_url(base: str, tag: str, number: int) -> str:
    return fresh_schema_url(base, f"b{number}_{tag}")


def fresh_urls(make: Callable[[int], str]) -> Callable[[], str]:
    """A new, empty ledger's URL at each call."""
    numbers = itertools.count()
    return lambda: make(next(numbers))


def profiling(count: int) -> int:
    print(f"Ledger: where the time of Outbox.send_many goes, {count:,} messages, server answering at once")
    with ExitStack() as stack:
        url = stack.enter_context(loopback_server(0.0))
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        profile(url, count, f"sqlite:///{folder}/profiled.db", "SQLite")
        try:
            base = stack.enter_context(running_postgres(fsync=True))
        except PostgresStartError as exc:
            print(f"PostgreSQL: skipped: {exc}")
            return 0
        profile(url, count, fresh_schema_url(base, "profiled"), "PostgreSQL")
    return 0


def ledger_writes(ledger: Ledger, count: int, batch: int = 100) -> None:
    """The writes of a `send_many` of `count` messages, no request made: plan, claims, answers."""
    from gatum_rest_py.ledger import NewMessage, Outcome

    keys = [f"m{i:08d}" for i in range(count)]
    messages = [
        NewMessage(key, (f"38095{i:07d}",), "Verify", f"Hi {i}", generated_key=True) for i, key in enumerate(keys)
    ]
    ledger.plan(messages)
    answered: list[Outcome] = []
    for start in range(0, count, batch):
        claimed = ledger.claim_messages(messages[start : start + batch], worker="bench", outcomes=answered)
        answered = [
            Outcome(c.message.key, c.attempt, "sent", {c.message.numbers[0]: [str(600000000 + start + n)]})
            for n, c in enumerate(claimed)
        ]
    ledger.record_outcomes(answered)


def floor(count: int, rounds: int) -> int:
    print(f"Ledger: its own writes for {count:,} messages, no requests, {rounds} rounds")
    with ExitStack() as stack:
        url = stack.enter_context(loopback_server(0.0))
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        plain = statistics.median(plain_sending(url, count, rounds))
        databases: list[tuple[str, Callable[[], str]]] = [
            ("SQLite", fresh_urls(functools.partial("sqlite:///{}/f{}.db".format, folder)))
        ]
        try:
            base = stack.enter_context(running_postgres(fsync=True))
            databases.append(("PostgreSQL", fresh_urls(functools.partial(_schema_url, base, "floor"))))
        except PostgresStartError as exc:
            print(f"PostgreSQL: skipped: {exc}")
        for label, urls in databases:
            times = []
            for _ in range(rounds):
                with Ledger(urls()) as ledger:
                    times.append(timed(lambda ledger=ledger: ledger_writes(ledger, count)))
                    assert ledger.counts() == {"sent": count}
            writes = statistics.median(times)
            print(
                f"  ledger writes alone ({label}): {writes:.3f} s (min {min(times):.3f}, max {max(times):.3f}) "
                f"= {writes / plain:.2f}x the plain time; the {SEND_TARGET}x target leaves "
                f"{(SEND_TARGET - 1) * plain:.3f} s for them"
            )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--latencies", default="0,0.02", help="server latencies in seconds, comma-separated")
    parser.add_argument("--profile", action="store_true", help="where one send_many's time goes (no latency)")
    parser.add_argument("--floor", action="store_true", help="the ledger's own writes alone, against plain sending")
    args = parser.parse_args(argv)
    if args.profile:
        return profiling(args.messages)
    if args.floor:
        return floor(args.messages, args.rounds)
    met = True
    with ExitStack() as stack:
        try:
            base: str | None = stack.enter_context(running_postgres(fsync=True))  # as deployed: commits on disk
        except PostgresStartError as exc:
            print(f"PostgreSQL: skipped: {exc}")
            base = None
        for latency in (float(x) for x in args.latencies.split(",")):
            print(f"Ledger: {args.messages:,} messages, {latency * 1000:.0f} ms server latency, {args.rounds} rounds")
            url = stack.enter_context(loopback_server(latency))
            folder = stack.enter_context(tempfile.TemporaryDirectory())
            plain = plain_sending(url, args.messages, args.rounds)
            sqlite_urls = fresh_urls(functools.partial("sqlite:///{}/l{}.db".format, folder))
            met &= sending(url, args.messages, args.rounds, sqlite_urls, "SQLite", plain)
            if base is not None:
                tag = f"{int(latency * 1000)}ms"
                pg_urls = fresh_urls(functools.partial(_schema_url, base, tag))
                met &= sending(url, args.messages, args.rounds, pg_urls, "PostgreSQL", plain)
    print(f"Ledger: {args.messages:,} delivery reports into SQLite")
    met &= reports(args.messages, args.rounds)
    print(f"Ledger targets: {'all met' if met else 'NOT all met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
