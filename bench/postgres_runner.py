"""Start a throw-away PostgreSQL server in a temporary folder on a free loopback port (tests, `make bench`).

PostgreSQL refuses to run as root: as root the server runs as the `postgres` user the Debian
package creates (through `runuser`), in a folder given to that user. Nothing is kept: the
folder is removed when the block ends, and `fsync` is off unless asked for (a test server, not a
store; `make bench` asks for it)::

    with running_postgres() as url:       # "postgresql://postgres@127.0.0.1:PORT/postgres"
        ledger = Ledger(url)

`fresh_schema_url(url, name)` gives a URL whose tables live in their own schema, so each test
starts from an empty database without creating one.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["INSTALL_HINT", "PostgresStartError", "fresh_schema_url", "postgres_bin_dir", "running_postgres"]

INSTALL_HINT = "install PostgreSQL, e.g. apt-get install postgresql"


class PostgresStartError(RuntimeError):
    """PostgreSQL is missing or did not start."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: the newest /usr/lib/postgresql/*/bin, else PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_postgres() -> list[str]:
    if os.geteuid() != 0:
        return []
    if shutil.which("runuser") is None:
        raise PostgresStartError("running as root, and runuser (util-linux) is missing to start PostgreSQL as postgres")
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresStartError(f"running as root and no `postgres` user exists: {INSTALL_HINT}") from None
    return ["runuser", "-u", "postgres", "--"]


def _ready(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def running_postgres(timeout: float = 30.0, *, fsync: bool = False) -> Iterator[str]:
    """A server for the block (its URL). `fsync=False` (tests): no waiting for the disk, which a test
    server does not need; the bench passes True, as a real deployment runs."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise PostgresStartError(f"PostgreSQL (initdb, pg_ctl) not found: {INSTALL_HINT}")
    prefix = _as_postgres()
    folder = Path(tempfile.mkdtemp(prefix="gatum-pg-"))
    data, log = folder / "data", folder / "server.log"
    if prefix:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    os.chmod(folder, 0o700)
    port = free_port()
    try:
        initdb = [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        done = subprocess.run([*prefix, *initdb], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PostgresStartError(f"initdb failed: {(done.stderr or done.stdout)[-1500:]}")
        durability = "on" if fsync else "off"
        settings = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync={durability} -c max_connections=100"
        start = [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-o",
            settings,
            "-w",
            "-t",
            str(int(timeout)),
        ]
        done = subprocess.run([*prefix, *start, "start"], capture_output=True, text=True, check=False)
        if done.returncode != 0 or not _ready(port):
            text = log.read_text(errors="replace")[-1500:] if log.exists() else done.stderr
            raise PostgresStartError(f"PostgreSQL did not start on port {port}: {text}")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run([*prefix, *stop], capture_output=True, check=False)
        deadline = time.monotonic() + 10
        while _ready(port) and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(folder, ignore_errors=True)


def fresh_schema_url(url: str, name: str) -> str:
    """`url` with its tables in the schema `name` (created here): an empty ledger for each test."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    return f"{url}?options=-csearch_path%3D{name}"
