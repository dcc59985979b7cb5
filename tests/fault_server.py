"""A scripted HTTP/1.1 server on loopback for fault injection.

Each request that fully reaches the server is recorded, then answered by the next action of
the script: a reply, a dropped connection, a stall (for read timeouts) or a truncated body.
Every connection is closed after one exchange, so each attempt of the client is a new
connection and `requests` counts exactly what reached the server.
"""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes | str | Any = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode()
        return json.dumps(self.body).encode()


@dataclass(frozen=True)
class Drop:
    """Close the connection after reading the request, without answering."""


@dataclass(frozen=True)
class Stall:
    """Read the request, then answer nothing for `seconds` (the client should time out)."""

    seconds: float


@dataclass(frozen=True)
class Truncate:
    """Announce `declared` bytes of body, send fewer, close."""

    status: int
    body: bytes
    declared: int


Action = Reply | Drop | Stall | Truncate


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class ScriptedServer:
    def __init__(self, script: list[Action]) -> None:
        self.script = list(script)
        self.requests: list[Received] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                outer._handle(self.connection, self.rfile)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.01,), daemon=True)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _next(self) -> Action:
        with self._lock:
            if not self.script:
                return Reply(500, {"status": False, "errors": "fault server: script exhausted"})
            return self.script.pop(0)

    def _handle(self, conn: socket.socket, rfile: Any) -> None:
        request_line = rfile.readline().decode("latin-1").strip()
        if not request_line:
            return
        method, path, _ = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        while True:
            line = rfile.readline().decode("latin-1")
            if line in ("\r\n", "\n", ""):
                break
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = rfile.read(int(headers.get("content-length", "0") or 0))
        with self._lock:
            self.requests.append(Received(method, path, headers, body))
        action = self._next()
        if isinstance(action, Drop):
            return
        if isinstance(action, Stall):
            time.sleep(action.seconds)
            return
        if isinstance(action, Truncate):
            head = (
                f"HTTP/1.1 {action.status} X\r\nContent-Type: application/json\r\nContent-Length: {action.declared}\r\n"
            )
            conn.sendall(head.encode() + b"Connection: close\r\n\r\n" + action.body)
            return
        payload = action.payload()
        lines = [f"HTTP/1.1 {action.status} X", f"Content-Length: {len(payload)}", "Connection: close"]
        if payload:
            lines.append(f"Content-Type: {action.content_type}")
        lines += [f"{k}: {v}" for k, v in action.headers.items()]
        conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)


def closed_port() -> int:
    """A loopback port nothing listens on (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


OK_SEND = Reply(200, {"status": True, "data": {"380957225759": [{"id_state": 598933232}]}})
OK_ME = Reply(200, {"status": True, "data": {"login": "your_login"}})
HTML_502 = Reply(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", content_type="text/html")
