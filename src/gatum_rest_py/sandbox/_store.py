"""The sandbox's state in SQLite (stdlib sqlite3): accounts, tokens, messages, groups, black list,
blocked sends, the queue of undelivered reports and what the built-in webhook sink received.

One connection guarded by a lock: the app's handlers and its delivery tasks share it, and every
call is a few quick statements, so the lock is never held across I/O.

Example:
    >>> store = Store(":memory:")
    >>> store.ensure_account("alice", "secret", balance=10.0, currency="EUR")
    True
    >>> store.account("alice")["balance"]
    10.0
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from typing import Any

from .._exceptions import InvalidRequestError
from ._clock import SandboxClock

_SCHEMA = """
CREATE TABLE IF NOT EXISTS accounts (
    login TEXT PRIMARY KEY, password TEXT NOT NULL, name TEXT, email TEXT, phone TEXT,
    company_name TEXT, skype TEXT, balance REAL NOT NULL, currency TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS codes (code TEXT PRIMARY KEY, login TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, login TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS messages (
    id_state INTEGER PRIMARY KEY AUTOINCREMENT, login TEXT NOT NULL, phone TEXT NOT NULL,
    originator TEXT NOT NULL, type_sms TEXT NOT NULL, text_sms TEXT NOT NULL, part_text TEXT NOT NULL,
    num_parts INTEGER NOT NULL, part_no INTEGER NOT NULL, state TEXT NOT NULL, time TEXT NOT NULL,
    created REAL NOT NULL, callback_url TEXT, id_group INTEGER, price REAL NOT NULL, send_at REAL);
CREATE INDEX IF NOT EXISTS messages_phone ON messages (login, phone);
CREATE TABLE IF NOT EXISTS events (id_state INTEGER NOT NULL, state TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id_state INTEGER NOT NULL, attempt INTEGER NOT NULL, url TEXT NOT NULL, status INTEGER,
    answer TEXT NOT NULL, time TEXT NOT NULL, state TEXT);
CREATE TABLE IF NOT EXISTS groups_ (
    id_group INTEGER PRIMARY KEY AUTOINCREMENT, login TEXT NOT NULL, name_group TEXT NOT NULL,
    settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
    id_group INTEGER NOT NULL, number TEXT NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (id_group, number));
CREATE TABLE IF NOT EXISTS black_list (login TEXT NOT NULL, number TEXT NOT NULL, PRIMARY KEY (login, number));
CREATE TABLE IF NOT EXISTS blocked (
    login TEXT NOT NULL, phone TEXT NOT NULL, originator TEXT NOT NULL, text_sms TEXT NOT NULL,
    reason TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dlr_queue (
    id_state INTEGER NOT NULL, state TEXT NOT NULL, url TEXT NOT NULL, report TEXT NOT NULL, time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sink (report TEXT NOT NULL, time TEXT NOT NULL);
"""
_TABLES = (
    "accounts", "codes", "tokens", "messages", "events", "attempts", "groups_", "contacts", "black_list",
    "blocked", "dlr_queue", "sink",
)  # fmt: skip
# First ids as in the spec's examples, so a fresh sandbox answers like the documentation.
_FIRST_ID_STATE = 598933232
_FIRST_GROUP = 957


def _unusable(db: str, exc: sqlite3.Error) -> InvalidRequestError:
    return InvalidRequestError(
        f"cannot open the database {db}: {exc}", argument="db", rule="an SQLite file in a writable directory"
    )


def now_text(at: float | None = None) -> str:
    """`YYYY-MM-DD HH:MM:SS` in UTC, the platform's time format."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() if at is None else at))


class Store:
    """SQLite-backed state of one sandbox (a file path, or ":memory:")."""

    def __init__(self, db: str = ":memory:", clock: SandboxClock | None = None) -> None:
        self.clock = clock or SandboxClock()
        self._lock = threading.Lock()
        # A missing directory, a file that is no database, a read-only one: sqlite3 says only
        # "unable to open database file", not which; the error names the file, and comes now,
        # before a server announces itself, not with the first request.
        try:
            self._db = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        except sqlite3.Error as exc:
            raise _unusable(db, exc) from None
        self._db.row_factory = sqlite3.Row
        try:
            self._migrate()
        except sqlite3.Error as exc:
            self._db.close()
            raise _unusable(db, exc) from None

    def _migrate(self) -> None:
        with self._lock:
            self._db.executescript(_SCHEMA)
            # A --db file from before attempts recorded the state they reported.
            if "state" not in {row["name"] for row in self._db.execute("PRAGMA table_info(attempts)")}:
                self._db.execute("ALTER TABLE attempts ADD COLUMN state TEXT")
            if "send_at" not in {row["name"] for row in self._db.execute("PRAGMA table_info(messages)")}:
                self._db.execute("ALTER TABLE messages ADD COLUMN send_at REAL")
            self._first_ids()

    def _first_ids(self) -> None:
        for table, first in (("messages", _FIRST_ID_STATE), ("groups_", _FIRST_GROUP)):
            if not self._db.execute("SELECT 1 FROM sqlite_sequence WHERE name = ?", (table,)).fetchone():
                self._db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, first - 1))

    def clear(self) -> None:
        """Forget everything: a fresh sandbox (ids start again at the spec's first ones)."""
        with self._lock:
            for table in _TABLES:
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names
            self._db.execute("DELETE FROM sqlite_sequence")
            self._first_ids()

    def now_text(self) -> str:
        """Sandbox time in the platform's format."""
        return now_text(self.clock.now())

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _all(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(row) for row in self._db.execute(sql, args).fetchall()]

    def _run(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, args)

    # ---- accounts and tokens -------------------------------------------------------------
    def account(self, login: str) -> dict[str, Any] | None:
        rows = self._all("SELECT * FROM accounts WHERE login = ?", (login,))
        return rows[0] if rows else None

    def ensure_account(self, login: str, password: str, *, balance: float, currency: str, **fields: str) -> bool:
        """Create the account unless it exists; True when it was created."""
        cursor = self._run(
            "INSERT OR IGNORE INTO accounts (login, password, name, email, phone, company_name, skype, balance, "
            "currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                login,
                password,
                fields.get("name", login),
                fields.get("email", ""),
                fields.get("phone", ""),
                fields.get("company_name", ""),
                fields.get("skype", ""),
                balance,
                currency,
            ),
        )
        return cursor.rowcount == 1

    def charge(self, login: str, amount: float) -> None:
        self._run("UPDATE accounts SET balance = round(balance - ?, 6) WHERE login = ?", (amount, login))

    def set_balance(self, login: str, balance: float) -> bool:
        """Set an account's balance; False when there is no such account."""
        return self._run("UPDATE accounts SET balance = ? WHERE login = ?", (balance, login)).rowcount == 1

    def new_code(self, login: str, ttl: float) -> str:
        code = secrets.token_hex(16)
        self._run("INSERT INTO codes VALUES (?, ?, ?)", (code, login, self.clock.now() + ttl))
        return code

    def take_code(self, code: str) -> str | None:
        """The login of a valid code; a code works once."""
        rows = self._all("DELETE FROM codes WHERE code = ? RETURNING login, expires", (code,))
        return rows[0]["login"] if rows and rows[0]["expires"] > self.clock.now() else None

    def new_token(self, login: str, ttl: int) -> tuple[str, int]:
        token, expires_at = secrets.token_urlsafe(24), int(self.clock.now()) + ttl
        self._run("INSERT INTO tokens VALUES (?, ?, ?)", (token, login, expires_at))
        return token, expires_at

    def token_login(self, token: str) -> str | None:
        rows = self._all("SELECT login, expires_at FROM tokens WHERE token = ?", (token,))
        return rows[0]["login"] if rows and rows[0]["expires_at"] > self.clock.now() else None

    def drop_token(self, token: str) -> None:
        self._run("DELETE FROM tokens WHERE token = ?", (token,))

    # ---- messages ------------------------------------------------------------------------
    def add_message(self, **fields: Any) -> int:
        names = ", ".join(fields)
        marks = ", ".join("?" * len(fields))
        cursor = self._run(f"INSERT INTO messages ({names}) VALUES ({marks})", tuple(fields.values()))  # noqa: S608 - names are ours
        id_state = int(cursor.lastrowid or 0)
        self._run("INSERT INTO events VALUES (?, ?, ?)", (id_state, fields["state"], fields["time"]))
        return id_state

    def set_state(self, id_state: int, state: str, at: str) -> None:
        self._run("UPDATE messages SET state = ?, time = ? WHERE id_state = ?", (state, at, id_state))
        self._run("INSERT INTO events VALUES (?, ?, ?)", (id_state, state, at))

    def message(self, id_state: int) -> dict[str, Any] | None:
        rows = self._all("SELECT * FROM messages WHERE id_state = ?", (id_state,))
        return rows[0] if rows else None

    def find_messages(self, login: str, where: Iterable[tuple[str, Sequence[Any]]]) -> list[dict[str, Any]]:
        """Messages of an account matching every `(sql condition, args)`, oldest first."""
        clauses, args = ["login = ?"], [login]
        for clause, values in where:
            clauses.append(clause)
            args.extend(values)
        sql = f"SELECT * FROM messages WHERE {' AND '.join(clauses)} ORDER BY id_state"  # noqa: S608
        return self._all(sql, args)

    def add_attempt(self, id_state: int, state: str, attempt: int, url: str, status: int | None, answer: str) -> None:
        """One delivery of the report of `id_state` in `state` (attempts count per state)."""
        self._run(
            "INSERT INTO attempts (id_state, state, attempt, url, status, answer, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (id_state, state, attempt, url, status, answer[:300], self.now_text()),
        )

    # ---- blocked sends, the report queue, the webhook sink --------------------------------
    def block(self, login: str, phone: str, originator: str, text: str, reason: str) -> None:
        """A send the platform blocks (not sent, not charged), with the reason code."""
        self._run(
            "INSERT INTO blocked VALUES (?, ?, ?, ?, ?, ?)", (login, phone, originator, text, reason, self.now_text())
        )

    def blocked(self, number: str | None = None) -> list[dict[str, Any]]:
        where, args = ("WHERE phone LIKE ?", [f"%{number}%"]) if number else ("", [])
        return self._all(f"SELECT * FROM blocked {where} ORDER BY rowid DESC", args)  # noqa: S608

    def queue_reports(self, reports: Iterable[dict[str, Any]], url: str) -> None:
        """Reports whose delivery attempts are used up wait here for a resend."""
        for report in reports:
            self._run(
                "INSERT INTO dlr_queue VALUES (?, ?, ?, ?, ?)",
                (report["id_state"], report["state"], url, json.dumps(report), self.now_text()),
            )

    def queued(self, number: str | None = None) -> list[dict[str, Any]]:
        rows = self._all("SELECT id_state, state, url, report, time FROM dlr_queue ORDER BY rowid")
        found = [{**row, "report": json.loads(row["report"])} for row in rows]
        return [row for row in found if not number or number in str(row["report"].get("phone"))]

    def take_queue(self) -> list[dict[str, Any]]:
        """Empty the queue; what it held, oldest first."""
        with self._lock:
            rows = [dict(row) for row in self._db.execute("SELECT * FROM dlr_queue ORDER BY rowid").fetchall()]
            self._db.execute("DELETE FROM dlr_queue")
        return [{**row, "report": json.loads(row["report"])} for row in rows]

    def sink_add(self, reports: Iterable[Any]) -> None:
        for report in reports:
            self._run("INSERT INTO sink VALUES (?, ?)", (json.dumps(report), self.now_text()))

    def sink_reports(self) -> list[Any]:
        return [json.loads(row["report"]) for row in self._all("SELECT report FROM sink ORDER BY rowid")]

    def inbox(self, number: str | None, limit: int | None = 200) -> list[dict[str, Any]]:
        """Newest messages first (of every account), with their state changes and report deliveries;
        `limit` at most (None: all)."""
        where, args = ("WHERE phone LIKE ?", [f"%{number}%"]) if number else ("", [])
        count = -1 if limit is None else limit  # SQLite: LIMIT -1 is no limit
        rows = self._all(f"SELECT * FROM messages {where} ORDER BY id_state DESC LIMIT ?", [*args, count])  # noqa: S608
        for row in rows:
            row["events"] = self._all(
                "SELECT state, time FROM events WHERE id_state = ? ORDER BY rowid", (row["id_state"],)
            )
            row["attempts"] = self._all(
                "SELECT state, attempt, url, status, answer, time FROM attempts WHERE id_state = ? ORDER BY rowid",
                (row["id_state"],),
            )
        return rows

    # ---- groups and contacts -------------------------------------------------------------
    def create_group(self, login: str, name: str, settings: dict[str, Any]) -> int:
        cursor = self._run(
            "INSERT INTO groups_ (login, name_group, settings) VALUES (?, ?, ?)", (login, name, json.dumps(settings))
        )
        return int(cursor.lastrowid or 0)

    def groups(self, login: str, id_group: int | None, limit: int, offset: int) -> list[dict[str, Any]]:
        where, args = ("AND g.id_group = ?", [id_group]) if id_group is not None else ("", [])
        count = "(SELECT count(*) FROM contacts c WHERE c.id_group = g.id_group) AS count"
        sql = f"SELECT g.*, {count} FROM groups_ g WHERE g.login = ? {where} ORDER BY g.id_group LIMIT ? OFFSET ?"  # noqa: S608
        rows = self._all(sql, [login, *args, limit, offset])
        return [
            {"id_group": r["id_group"], "name_group": r["name_group"], **json.loads(r["settings"]), "count": r["count"]}
            for r in rows
        ]

    def own_groups(self, login: str, ids: Iterable[int]) -> set[int]:
        """Those of `ids` that are groups of this account."""
        wanted = list(dict.fromkeys(ids))
        marks = ", ".join("?" * len(wanted))
        sql = f"SELECT id_group FROM groups_ WHERE login = ? AND id_group IN ({marks})"  # noqa: S608
        return {row["id_group"] for row in self._all(sql, [login, *wanted])} if wanted else set()

    def delete_groups(self, login: str, ids: Iterable[int]) -> None:
        for id_group in self.own_groups(login, ids):
            self._run("DELETE FROM contacts WHERE id_group = ?", (id_group,))
            self._run("DELETE FROM groups_ WHERE id_group = ?", (id_group,))

    def add_contacts(self, id_group: int, contacts: Iterable[dict[str, Any]]) -> None:
        for contact in contacts:
            number = str(contact["number"])
            self._run(
                "INSERT OR REPLACE INTO contacts VALUES (?, ?, ?)",
                (id_group, number, json.dumps({**contact, "number": number})),
            )

    def contacts(self, id_groups: Iterable[int], numbers: Iterable[str] | None = None) -> list[dict[str, Any]]:
        found = []
        wanted = None if numbers is None else set(numbers)
        for id_group in dict.fromkeys(id_groups):
            for row in self._all("SELECT number, fields FROM contacts WHERE id_group = ? ORDER BY rowid", (id_group,)):
                if wanted is None or row["number"] in wanted:
                    found.append(json.loads(row["fields"]))
        return found

    def delete_contacts(self, id_group: int, numbers: Iterable[str]) -> None:
        for number in numbers:
            self._run("DELETE FROM contacts WHERE id_group = ? AND number = ?", (id_group, number))

    # ---- black list ----------------------------------------------------------------------
    def black_list_add(self, login: str, numbers: Iterable[str]) -> None:
        for number in numbers:
            self._run("INSERT OR IGNORE INTO black_list VALUES (?, ?)", (login, number))

    def black_list_delete(self, login: str, numbers: Iterable[str]) -> None:
        for number in numbers:
            self._run("DELETE FROM black_list WHERE login = ? AND number = ?", (login, number))

    def black_listed(self, login: str, numbers: Iterable[str]) -> list[str]:
        listed = {row["number"] for row in self._all("SELECT number FROM black_list WHERE login = ?", (login,))}
        return [number for number in dict.fromkeys(numbers) if number in listed]
