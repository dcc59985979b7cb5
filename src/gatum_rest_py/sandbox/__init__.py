"""A stateful local Gatum platform for developing applications: `make sandbox`, or
`python -m gatum_rest_py.sandbox --port 4010` (needs the `[sandbox]` extra: Starlette, uvicorn).

Unlike the Prism mock (stateless, the spec's examples), the sandbox remembers: real tokens that
expire, messages stored per number with fresh `id_state`s and GSM-7/UCS-2 parts, `sms-full-data`
over what was sent, groups, contacts and a black list, a balance each part sent decreases. After
a send it moves each message through `ENROUTE` to a final state and POSTs a delivery report of
each state (`ENROUTE`, then e.g. `DELIVRD`) to the message's `callback_url` (or `--webhook-url`),
redelivering unacknowledged reports up to 5 times, then keeping them in a queue until
`POST /_sandbox/dlr/resend-all`. Time is a clock you control (`POST /_sandbox/clock/advance?seconds=N`):
token expiry, scheduled sends, lifetimes, report delays and back-off follow it. Optional limits:
`--rate-limit 50/s` per account (429 + Retry-After), `--enforce-balance` (`no_money`).
`GET /` is a live inbox page; `GET /_sandbox/messages?number=...` its JSON twin. Its pytest
plugin (`pytest_plugin`, fixtures `gatum_sandbox`, `gatum_api`) gives each test a fresh sandbox.

Magic numbers (the last four digits of the destination pick the outcome):

| number ends with | outcome |
|---|---|
| `0001` | final state `UNDELIV` |
| `0002` | `EXPIRED`, when the message's `lifetime` (seconds) is over |
| `0003` | `REJECTD` |
| `0004` | `DELIVRD`, and the webhook gets the final report twice (`ENROUTE` once) |
| `0005` | the send stores the message (it is delivered), then answers HTTP 500 |
| `0006` | the send stores the message (it is delivered), then its answer stalls (`stall_seconds`) |
| `0007` | the first send per account answers 429 (nothing stored), the next is accepted |
| `0008` | the final report comes before `ENROUTE`, and again an hour (sandbox time) later |
| `0009` | delivered, but no report is ever sent |
| `0010` | several parts: the last ends `UNDELIV`, the others `DELIVRD` |
| anything else | `DELIVRD` |

States: `ACCEPTD` when stored, `ENROUTE` after half of `--dlr-delay` (default 2 s), the final
state after `--dlr-delay`; the `ENROUTE` report is POSTed (and answered) before the final one,
`--no-intermediate-reports` (`SandboxConfig(intermediate_reports=False)`) sends only the final
one. Rules: any username/password logs in (one account per username)
unless `--users FILE` (`login:password` lines) restricts it; accounts made with `/v1/register`
log in with their password. Every sender ID is registered except `Unverified`, unless
`--senders A,B` lists the registered ones; an unregistered sender gets
`400 {"senderID": ["not_registr_originator"]}`, a black-listed number `400 {"number": [...]}`.
Each part costs the price of the number's country (`product-price`), starting from 100 EUR; the
balance may go below zero.

Example:
    >>> from gatum_rest_py.sandbox import SandboxConfig, outcome_for
    >>> outcome_for("380957220003").final_state
    'REJECTD'

    with running_sandbox(SandboxConfig(dlr_delay=0.5)) as sandbox:
        client = GatumRESTAPI(sandbox.base_url)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._cli import main
from ._clock import SandboxClock
from ._config import UNREGISTERED_SENDER, SandboxConfig, parse_rate, read_users
from ._sms import MAGIC_OUTCOMES, Outcome, outcome_for, split_parts
from ._store import Store

if TYPE_CHECKING:
    from ._app import create_app
    from ._server import RunningSandbox, running_sandbox

__all__ = [
    "MAGIC_OUTCOMES",
    "UNREGISTERED_SENDER",
    "Outcome",
    "RunningSandbox",
    "SandboxClock",
    "SandboxConfig",
    "Store",
    "create_app",
    "main",
    "outcome_for",
    "parse_rate",
    "read_users",
    "running_sandbox",
    "split_parts",
]


def __getattr__(name: str) -> Any:
    # Starlette and uvicorn (the [sandbox] extra) are imported only when the app is asked for.
    if name == "create_app":
        from ._app import create_app

        return create_app
    if name in ("running_sandbox", "RunningSandbox"):
        from . import _server

        return getattr(_server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
