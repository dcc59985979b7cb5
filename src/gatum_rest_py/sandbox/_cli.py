"""`python -m gatum_rest_py.sandbox` (and `make sandbox`): the sandbox in the foreground.

Example:
    python -m gatum_rest_py.sandbox --port 4010 --db sandbox.sqlite --dlr-delay 3
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from .._exceptions import InvalidRequestError
from ._config import SandboxConfig, read_users


def _port(text: str) -> int:
    """A `--port` value: 0 to 65535 (socket.bind would raise OverflowError, a traceback, past that)."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text[:20]!r} is not a port number from 0 to 65535")
    return port


def parser(prog: str = "python -m gatum_rest_py.sandbox") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="A stateful local Gatum platform.")
    p.add_argument("--port", type=_port, default=4010, help="port to listen on; 0 picks a free one (default 4010)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--db", default=":memory:", help="SQLite file keeping the state (default: in memory)")
    p.add_argument("--users", help="file of `login:password` lines; only these accounts (and registered ones) log in")
    p.add_argument("--senders", help="comma-separated registered sender IDs (default: all but 'Unverified')")
    p.add_argument("--webhook-url", help="where delivery reports go when a message has no callback_url")
    p.add_argument("--dlr-delay", type=float, default=2.0, help="seconds from a send to its final state (default 2)")
    p.add_argument("--retry-delay", type=float, default=1.0, help="first wait before redelivering a report (doubles)")
    p.add_argument(
        "--intermediate-reports",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="POST the ENROUTE report before the final one (default); --no-intermediate-reports: only the final one",
    )
    p.add_argument("--rate-limit", help="requests with a token per account, e.g. 50/s or 600/min; over it: 429")
    p.add_argument(
        "--enforce-balance",
        action="store_true",
        help="block a send the balance does not cover (no_money: not sent, not charged)",
    )
    p.add_argument(
        "--stall-seconds", type=float, default=300.0, help="how long a send to the stalling number (…0006) waits"
    )
    return p


def config_from(args: argparse.Namespace) -> SandboxConfig:
    senders = frozenset(s.strip() for s in args.senders.split(",") if s.strip()) if args.senders else None
    return SandboxConfig(
        db=args.db,
        users=read_users(args.users) if args.users else None,
        senders=senders,
        webhook_url=args.webhook_url,
        dlr_delay=args.dlr_delay,
        retry_delay=args.retry_delay,
        intermediate_reports=args.intermediate_reports,
        rate_limit=args.rate_limit,
        enforce_balance=args.enforce_balance,
        stall_seconds=args.stall_seconds,
    )


def main(argv: Sequence[str] | None = None, prog: str = "python -m gatum_rest_py.sandbox") -> int:
    """Run the sandbox until Ctrl-C; the exit status (0 after Ctrl-C, 2 for bad arguments, 1 when it cannot serve).

    `prog` is the command name its --help shows (`gatum sandbox` when run through the gatum CLI).
    """
    args = parser(prog).parse_args(argv)
    try:
        config = config_from(args)
    except (OSError, InvalidRequestError) as exc:
        print(f"Error: {exc}", file=sys.stderr)  # the form of every gatum error line
        return 2
    try:
        import uvicorn

        from ._app import create_app
        from ._server import bind
    except ImportError as exc:  # pragma: no cover - depends on the environment
        print(f"gatum sandbox needs the [sandbox] extra: pip install 'gatum-rest-py[sandbox]' ({exc})", file=sys.stderr)
        return 1
    try:
        app = create_app(config)  # opens --db: an unusable file is reported before the sandbox is announced
    except InvalidRequestError as exc:
        print(f"Error: {exc}", file=sys.stderr)  # the form of every gatum error line
        return 2
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        # The form docs/cli.md promises, the same as `gatum dlr listen`: no `[Errno 98]`.
        print(f"Error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    # Ctrl-C is how the sandbox is meant to stop (uvicorn stops cleanly, then raises it again): status 0.
    with contextlib.suppress(KeyboardInterrupt):
        print(f"Gatum sandbox on http://{args.host}:{port}  (inbox: http://{args.host}:{port}/)", flush=True)
        server = uvicorn.Server(uvicorn.Config(app, log_level="info", lifespan="on", timeout_graceful_shutdown=5))
        server.run(sockets=[sock])
    return 0
