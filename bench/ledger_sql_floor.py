"""The message ledger's SQL alone, on SQLite: today's statements against a per-batch sketch (issue 21).

For 10,000 messages in batches of 100, with no Python objects around the statements, it times:

* the plan: one insert per message;
* then today's claims and answers, the statements of `gatum_rest_py.ledger._sql`: each message's
  row rewritten at its claim and again at its answer (a sent answer stays on the row, schema 3),
  an id row per message;
* or a sketch of claims and answers recorded per batch: one claim row per batch of seqs, answered
  in place, id rows per message, message rows never rewritten (their state would be derived).

The sketch shows what a design with per-batch records could save, before any of its queries
exist. Median of 3 fresh ledgers in a temporary folder; `--postgres` also on a PostgreSQL server
started for the run (bench/postgres_runner.py, fsync on, as deployed; the same statements as the
ledger's, in PostgreSQL's words, the plan with COPY)::

    .venv/bin/python bench/ledger_sql_floor.py [--postgres]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from postgres_runner import fresh_schema_url, running_postgres

from gatum_rest_py.ledger._schema import _TABLES, tables

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


def timed(fresh_db: Callable[[], Any], plan_of: Callable[[Any], None], rest_of: Callable[[Any], None]) -> str:
    plans, rest = [], []
    for _ in range(3):
        db = fresh_db()
        started = time.perf_counter()
        plan_of(db)
        planned = time.perf_counter()
        rest_of(db)
        rest.append(time.perf_counter() - planned)
        plans.append(planned - started)
        db.close()
    p, c = statistics.median(plans), statistics.median(rest)
    return f"plan {p * 1e3:.0f} ms, claims and answers {c * 1e3:.0f} ms, total {(p + c) * 1e3:.0f} ms"


# ---- PostgreSQL: the same steps in its words (ANY(array), COPY, `(state || '')`) -----------------

PG_CLAIM = (
    "UPDATE ledger_messages SET state = 'sending', claimed_by = 'w', claimed_at = %s, updated = %s, "  # noqa: S608 - placeholders only
    "attempts = attempts + 1, answered = NULL WHERE seq IN (SELECT seq FROM ledger_messages "
    f"WHERE (state || '') = 'planned' AND key = ANY(%s) LIMIT {BATCH} FOR UPDATE SKIP LOCKED) "
    "RETURNING seq, key, attempts"
)
PG_SENT = (
    "UPDATE ledger_messages SET state = 'sent', updated = %s, detail = NULL, answered = %s "
    "WHERE key = ANY(%s) AND attempts = 1 AND (state || '') = 'sending' RETURNING key"
)
PG_IDS = (
    "INSERT INTO ledger_ids (id_state, key, number, position) "
    "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::int[]) ON CONFLICT DO NOTHING"
)


def pg_fresh(url: str, made: list[int]) -> Callable[[], Any]:
    import psycopg

    def fresh_db() -> Any:
        made[0] += 1
        db = psycopg.connect(fresh_schema_url(url, f"floor{made[0]}"))
        for statement in tables("postgresql"):
            db.execute(statement)
        real = "DOUBLE PRECISION"
        db.execute(f"CREATE TABLE ledger_claims (lo BIGINT, hi BIGINT, worker TEXT, at {real}, answered {real})")
        db.commit()
        return db

    return fresh_db


def pg_plan(db: Any) -> None:
    columns = "key, campaign, numbers, sender, text, options, state, created, updated"
    with db.cursor() as cursor, cursor.copy(f"COPY ledger_messages ({columns}) FROM STDIN") as copy:
        for key in KEYS:
            copy.write_row((key, None, '["380957225759"]', "Verify", "Your code is 1234", "{}", "planned", NOW, NOW))
    db.commit()


def pg_ids(part: list[str], first: int) -> list[list[Any]]:
    return [[str(first + n) for n in range(len(part))], part, ["380957225759"] * len(part), [0] * len(part)]


def pg_per_message(db: Any) -> None:
    for start in range(0, COUNT, BATCH):
        part = KEYS[start : start + BATCH]
        db.execute(PG_CLAIM, [NOW, NOW, part]).fetchall()
        db.execute(PG_SENT, [NOW, NOW, part]).fetchall()
        db.execute(PG_IDS, pg_ids(part, 598933232 + start))
        db.commit()


def pg_per_batch(db: Any) -> None:
    seqs = [row[0] for row in db.execute("SELECT seq FROM ledger_messages ORDER BY seq")]
    for start in range(0, COUNT, BATCH):
        part = KEYS[start : start + BATCH]
        low = seqs[start]
        db.execute(
            "INSERT INTO ledger_claims (lo, hi, worker, at) VALUES (%s, %s, 'w', %s)",
            (low, seqs[start + BATCH - 1], NOW),
        )
        db.execute("UPDATE ledger_claims SET answered = %s WHERE lo = %s", (NOW, low))
        db.execute(PG_IDS, pg_ids(part, 598933232 + start))
        db.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="also on a PostgreSQL server started for the run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:

        def sqlite_db() -> sqlite3.Connection:
            return fresh(Path(folder) / "floor.db")

        print(f"SQLite, per message (today): {timed(sqlite_db, plan, per_message)}")
        print(f"SQLite, per batch (sketch): {timed(sqlite_db, plan, per_batch)}")
    if args.postgres:
        with running_postgres(fsync=True) as url:
            made = [0]
            print(f"PostgreSQL, per message (today): {timed(pg_fresh(url, made), pg_plan, pg_per_message)}")
            print(f"PostgreSQL, per batch (sketch): {timed(pg_fresh(url, made), pg_plan, pg_per_batch)}")


if __name__ == "__main__":
    main()
