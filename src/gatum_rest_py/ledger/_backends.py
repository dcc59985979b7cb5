"""The two databases behind a ledger, with the standard `sqlite3` and psycopg 3 (the `[postgres]` extra).

Why no ORM or SQLAlchemy: the ledger is five tables and a dozen statements, and its two
guarantees live in what differs between the databases (SQLite: WAL and `BEGIN IMMEDIATE`;
PostgreSQL: `FOR UPDATE SKIP LOCKED`), which a portable layer would only hide. The drivers'
own connections keep the per-message cost low (`make bench`), and the default (SQLite) needs
nothing beyond the standard library.

Each backend opens one connection, runs a transaction at a time (`begin`/`commit`/`rollback`)
and turns its driver's errors into the ledger's (`error_for`). Statements are written with `?`
placeholders; the PostgreSQL backend rewrites them to `%s`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from ._errors import (
    LedgerConflictError,
    LedgerError,
    LedgerFullError,
    LedgerSchemaError,
    LedgerUnavailableError,
    LedgerURLError,
    one_line,
)
from ._url import MASK, LedgerURL, secrets_of

__all__ = ["Backend", "PostgresBackend", "SQLiteBackend", "backend_for"]

_SQLITE_FULL, _SQLITE_NOTADB = 13, 26  # result codes (sqlite3 names them from Python 3.11 on)

BUSY_TIMEOUT = 30.0
"""Seconds a SQLite write waits for another process's transaction before giving up."""


class Backend(Protocol):
    kind: str
    url: LedgerURL

    def connect(self) -> None: ...
    def close(self) -> None: ...
    def begin(self, durable: bool = True) -> None: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...
    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None: ...
    def error_for(self, exc: BaseException) -> LedgerError | None: ...

    claim_suffix: str
    """Appended to the SELECT that picks messages to claim (PostgreSQL: row locks, skipping taken rows)."""


class SQLiteBackend:
    """One file; WAL lets readers work while one process writes, and `BEGIN IMMEDIATE` takes the
    write lock at the start of a transaction, so two processes never claim the same message."""

    kind = "sqlite"
    claim_suffix = ""

    def __init__(self, url: LedgerURL, *, durable: bool = True) -> None:
        self.url = url
        self.durable = durable
        self._db: sqlite3.Connection | None = None
        self._synced = True

    def connect(self) -> None:
        path = self.url.path
        if path != ":memory:" and not Path(path).expanduser().parent.is_dir():
            raise LedgerUnavailableError("cannot open: its folder does not exist", ledger=self.url.shown)
        try:
            db = sqlite3.connect(
                str(Path(path).expanduser()) if path != ":memory:" else path,
                timeout=BUSY_TIMEOUT,
                isolation_level=None,
                check_same_thread=False,
            )
            db.execute("PRAGMA journal_mode=WAL").fetchall()
            # FULL: a transaction is on disk when COMMIT returns (see `begin`).
            db.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'NORMAL'}")
            self._synced = self.durable
        except sqlite3.Error as exc:
            raise self.error_for(exc) or LedgerUnavailableError(one_line(str(exc)), ledger=self.url.shown) from None
        self._db = db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self.connect()
        assert self._db is not None
        return self._db

    def begin(self, durable: bool = True) -> None:
        """`durable`: COMMIT returns once the transaction is on disk (a claim: it must survive a
        power cut, or the message could be sent twice); otherwise it survives a crashed process,
        and reaches the disk with the next durable commit (WAL keeps the order)."""
        sync = durable and self.durable
        if sync != self._synced:
            self.db.execute(f"PRAGMA synchronous={'FULL' if sync else 'NORMAL'}")
            self._synced = sync
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self._db is not None and self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.db.execute(sql, args).fetchall()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.db.executemany(sql, rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        values = ", ".join("?" * len(columns))
        self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({values})", rows)  # noqa: S608

    def error_for(self, exc: BaseException) -> LedgerError | None:
        shown = self.url.shown
        if not isinstance(exc, sqlite3.Error):
            return None
        code = getattr(exc, "sqlite_errorcode", None)
        text = str(exc)
        if code == _SQLITE_FULL or "disk is full" in text:
            return LedgerFullError(f"the disk is full; nothing was written ({one_line(text, 60)})", ledger=shown)
        if code == _SQLITE_NOTADB or "not a database" in text:
            return LedgerSchemaError("the file is not a SQLite database", ledger=shown)
        if isinstance(exc, sqlite3.OperationalError):
            return LedgerUnavailableError(one_line(text), ledger=shown)
        return None


@lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    return sql.replace("?", "%s")


class PostgresBackend:
    """Many machines: claims lock the rows they pick and skip rows another worker holds."""

    kind = "postgresql"
    claim_suffix = " FOR UPDATE SKIP LOCKED"

    def __init__(self, url: LedgerURL) -> None:
        self.url = url
        self._conn: Any = None
        try:
            import psycopg
        except ModuleNotFoundError:
            raise LedgerURLError(
                "PostgreSQL needs psycopg 3: pip install 'gatum-rest-py[postgres]'", ledger=url.shown
            ) from None
        self._psycopg = psycopg

    def connect(self) -> None:
        try:
            self._conn = self._psycopg.connect(self.url.dsn, autocommit=True, connect_timeout=10)
        except self._psycopg.Error as exc:
            raise LedgerUnavailableError(f"cannot connect: {self._scrubbed(exc)}", ledger=self.url.shown) from None

    def _scrubbed(self, exc: BaseException) -> str:
        text = one_line(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        for secret in secrets_of(self.url.dsn):
            text = text.replace(secret, MASK)
        return text

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> Any:
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self.connect()
        return self._conn

    def begin(self, durable: bool = True) -> None:
        # not durable: kept by the server at once, flushed with the next durable commit
        self.conn.execute("BEGIN" if durable else "BEGIN; SET LOCAL synchronous_commit = off")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        conn = self._conn
        if conn is not None and not conn.closed and not conn.broken:
            try:
                conn.execute("ROLLBACK")
            except self._psycopg.Error:
                conn.close()

    def execute(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self.conn.execute(_pg_sql(sql), args)
        return cursor.fetchall() if cursor.description is not None else []

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cursor:
                cursor.executemany(_pg_sql(sql), rows)

    def insert_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def error_for(self, exc: BaseException) -> LedgerError | None:
        if not isinstance(exc, self._psycopg.Error):
            return None
        shown = self.url.shown
        if isinstance(exc, self._psycopg.errors.UniqueViolation):  # two planners of one key at once
            return LedgerConflictError("a message key was planned by another process at the same moment", ledger=shown)
        if isinstance(exc, self._psycopg.errors.DiskFull):
            return LedgerFullError(f"the disk is full; nothing was written ({self._scrubbed(exc)})", ledger=shown)
        if isinstance(exc, (self._psycopg.OperationalError, self._psycopg.InterfaceError)):
            return LedgerUnavailableError(f"the database went away: {self._scrubbed(exc)}", ledger=shown)
        return LedgerUnavailableError(f"{type(exc).__name__}: {self._scrubbed(exc)}", ledger=shown)


def backend_for(url: LedgerURL, **options: Any) -> Backend:
    if url.kind == "sqlite":
        return SQLiteBackend(url, **options)
    return PostgresBackend(url)
