"""Start a throw-away `redis-server` on a free loopback port (tests and `make dlr-load`).

Nothing is persisted (`--save '' --appendonly no`), it listens on 127.0.0.1 only, and it is
stopped when the block ends::

    with running_redis() as url:          # "redis://127.0.0.1:PORT/0"
        client = redis.Redis.from_url(url)
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["INSTALL_HINT", "RedisStartError", "free_port", "redis_server_binary", "running_redis"]

INSTALL_HINT = "install redis-server, e.g. apt-get install redis-server"


class RedisStartError(RuntimeError):
    """redis-server is missing or did not answer."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server_binary() -> str | None:
    return shutil.which("redis-server")


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def running_redis(timeout: float = 10.0) -> Iterator[str]:
    binary = redis_server_binary()
    if binary is None:
        raise RedisStartError(f"redis-server not found: {INSTALL_HINT}")
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--daemonize", "no", "--loglevel", "warning", "--logfile", ""]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not _ping(port):
            if proc.poll() is not None:
                output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RedisStartError(f"redis-server exited with {proc.returncode}: {output[-2000:]}")
            if time.monotonic() > deadline:
                raise RedisStartError(f"redis-server did not answer on port {port} within {timeout}s")
            time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
