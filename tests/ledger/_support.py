"""Helpers of the ledger tests (not fixtures): URLs, messages, and what the sandbox received."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from gatum_rest_py.ledger import NewMessage
from gatum_rest_py.sandbox import RunningSandbox

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'ledger.db'}"


def new(key: str, number: str = "380957225759", text: str | None = None, campaign: str | None = None) -> NewMessage:
    return NewMessage(key, (number,), "Verify", text or f"text of {key}", {}, campaign)


def sent_texts(sandbox: RunningSandbox, login: str) -> list[str]:
    """The text of every message the sandbox stored for `login` (its own record of what it received)."""
    return [row["text_sms"] for row in sandbox.state.store.find_messages(login, []) if row["part_no"] == 1]


def report(
    id_state: Any, state: str, *, part_no: int = 1, num_parts: int = 1, time: str = "2026-12-04 10:00:00"
) -> dict[str, Any]:
    return {
        "id_state": id_state,
        "state": state,
        "part_no": part_no,
        "num_parts": num_parts,
        "time": time,
        "phone": "380957225759",
        "originator": "Verify",
    }


@contextmanager
def webhook(app: Any) -> Iterator[str]:
    """Serve a WSGI app (a receiver's `wsgi_app`) on a free loopback port; its URL."""

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, app, handler_class=Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/restdlr"
    finally:
        server.shutdown()
        server.server_close()


def wait_until(check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Poll `check` until it holds (the sandbox reports after its delay); fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)
