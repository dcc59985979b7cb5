"""The message ledger's SQL alone, on SQLite: today's statements against a per-batch sketch (issue 21).

For 10,000 messages in batches of 100, with no Python objects around the statements, it times:

* the plan: one insert per message;
* then today's claims and answers, the statements of `gatum_rest_py.ledger._sql`: each message's
  row rewritten at its claim and again at its answer (a sent answer stays on the row, schema 3),
  an id row per message;
* or a sketch of claims and answers recorded per batch: one claim row per batch of seqs, answered
  in place, id rows per message, message rows never rewritten (their state would be derived).

The sketch shows what a design with per-batch records could save, before any of its queries
exist. Median of 3 fresh ledgers in a temporary folder::

    .venv/bin/python bench/ledger_sql_floor.py
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gatum_rest_py.ledger._schema import _TABLES

COUNT, BATCH = 10_000, 100
KEYS = [f"k{i:08d}" for i in range(COUNT)]
NOW = time.time()
IN_BATCH = ", ".join("?" * BATCH)
PLAN = (
    "INSERT INTO ledger_messages (key, campaign, numbers, sender, text, options, state, created, updated) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
CLAIM = (
    "UPDATE ledger_messages SET state = 'sending', claimed_by = 'w', claimed_at = ?, updated = ?, "  # noqa: S608 - placeholders only
    "attempts = attempts + 1, answered = NULL WHERE seq IN (SELECT seq FROM ledger_messages WHERE +state = 'planned' "
    f"AND key IN ({IN_BATCH}) LIMIT {BATCH}) RETURNING seq, key, attempts"
)
SENT = (
    "UPDATE ledger_messages SET state = 'sent', updated = ?, detail = NULL, answered = ? "  # noqa: S608 - placeholders only
    f"WHERE key IN ({IN_BATCH}) AND attempts = 1 AND +state = 'sending' RETURNING key"
)
IDS = (
    "INSERT INTO ledger_ids (id_state, key, number, position) VALUES "  # noqa: S608 - placeholders only
    + ", ".join(["(?, ?, ?, ?)"] * BATCH)
    + " ON CONFLICT DO NOTHING"
)


def fresh(path: Path) -> sqlite3.Connection:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_TABLES.format(serial="INTEGER", real="REAL"))
    db.execute("CREATE TABLE ledger_claims (lo INTEGER, hi INTEGER, worker TEXT, at REAL, answered REAL)")
    return db


def plan(db: sqlite3.Connection) -> None:
    rows = [(key, None, '["380957225759"]', "Verify", "Your code is 1234", "{}", "planned", NOW, NOW) for key in KEYS]
    db.execute("BEGIN")
    db.executemany(PLAN, rows)
    db.execute("COMMIT")


def ids_of(part: list[str], first: int) -> list[object]:
    return [value for n, key in enumerate(part) for value in (str(first + n), key, "380957225759", 0)]


def per_message(db: sqlite3.Connection) -> None:
    for start in range(0, COUNT, BATCH):
        part = KEYS[start : start + BATCH]
        db.execute("BEGIN IMMEDIATE")
        db.execute(CLAIM, [NOW, NOW, *part]).fetchall()
        db.execute(SENT, [NOW, NOW, *part]).fetchall()
        db.execute(IDS, ids_of(part, 598933232 + start))
        db.execute("COMMIT")


def per_batch(db: sqlite3.Connection) -> None:
    seqs = [row[0] for row in db.execute("SELECT seq FROM ledger_messages ORDER BY seq")]
    for start in range(0, COUNT, BATCH):
        part = KEYS[start : start + BATCH]
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "INSERT INTO ledger_claims (lo, hi, worker, at) VALUES (?, ?, 'w', ?)",
            (seqs[start], seqs[start + BATCH - 1], NOW),
        )
        db.execute("UPDATE ledger_claims SET answered = ? WHERE lo = ?", (NOW, seqs[start]))
        db.execute(IDS, ids_of(part, 598933232 + start))
        db.execute("COMMIT")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
            ("per message (today)", per_message),
            ("per batch (sketch)", per_batch),
        )
        for name, claims_and_answers in cases:
            plans, rest = [], []
            for _ in range(3):
                db = fresh(Path(folder) / "floor.db")
                started = time.perf_counter()
                plan(db)
                planned = time.perf_counter()
                claims_and_answers(db)
                rest.append(time.perf_counter() - planned)
                plans.append(planned - started)
                db.close()
            p, c = statistics.median(plans), statistics.median(rest)
            print(f"{name}: plan {p * 1e3:.0f} ms, claims and answers {c * 1e3:.0f} ms, total {(p + c) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
