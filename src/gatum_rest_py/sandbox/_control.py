"""The sandbox's own routes under `/_sandbox/` (not the platform's API): its clock, the report
queue's "Resend all", a reset, balances, and a built-in webhook sink that acknowledges reports.

* `POST /_sandbox/clock/advance?seconds=N` moves sandbox time forward; `GET /_sandbox/clock` reads it.
* `POST /_sandbox/dlr/resend-all`: every queued report (its 5 attempts failed) gets 5 more, as the
  panel's "Resend all" button does (gatum.io "How to track the queue of reports on sent SMS via
  the REST API").
* `POST /_sandbox/reset` with an optional JSON object of settings (`dlr_delay`, `rate_limit`, …):
  forget every account, message and report, cancel what is pending, clock back to the wall clock.
* `POST /_sandbox/balance` `{"login": …, "balance": …}` sets an account's balance.
* `POST /_sandbox/webhook` is a report receiver that acknowledges every report (or answers 503
  while `Sandbox.webhook_down`); `GET /_sandbox/webhook` lists what it received, oldest first.

Example:
    curl -s -XPOST '127.0.0.1:4010/_sandbox/clock/advance?seconds=3600'
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .._exceptions import InvalidRequestError
from ._config import SandboxConfig
from ._store import now_text

if TYPE_CHECKING:
    from ._app import Sandbox

MAX_ADVANCE = 10 * 366 * 86400  # one advance moves at most ten years (dates stay printable)
# The settings a reset may change (the rest, e.g. the accounts file, stay as the sandbox started).
RESETTABLE = frozenset(
    {
        "senders", "webhook_url", "dlr_delay", "retry_delay", "max_attempts", "intermediate_reports",
        "token_ttl", "code_ttl", "starting_balance", "currency", "rate_limit", "enforce_balance", "stall_seconds",
    }
)  # fmt: skip


def config_with(base: SandboxConfig, options: dict[str, Any]) -> SandboxConfig:
    """`base` with the settings in `options` (names of SandboxConfig fields in RESETTABLE)."""
    unknown = sorted(set(options) - RESETTABLE)
    if unknown:
        raise InvalidRequestError(
            f"unknown sandbox settings: {', '.join(unknown)[:100]}", argument="options", rule="SandboxConfig fields"
        )
    values = dict(options)
    if values.get("senders") is not None:
        values["senders"] = frozenset(values["senders"])
    try:
        return replace(base, **values)
    except TypeError as exc:  # a value of the wrong type compared in __post_init__
        raise InvalidRequestError(f"sandbox settings: {exc}", argument="options", rule="SandboxConfig") from None


def _problem(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def routes(sandbox: Sandbox) -> list[Route]:
    clock = sandbox.store.clock

    def clock_state() -> dict[str, Any]:
        now = clock.now()
        return {"now": now, "time": now_text(now), "offset": clock.offset}

    async def read_clock(request: Request) -> JSONResponse:
        return JSONResponse(clock_state())

    async def advance(request: Request) -> JSONResponse:
        try:
            seconds = float(request.query_params.get("seconds", ""))
        except ValueError:
            return _problem("seconds must be a number")
        if not math.isfinite(seconds) or not 0 <= seconds <= MAX_ADVANCE:
            return _problem(f"seconds must be a number from 0 to {MAX_ADVANCE}: the clock only moves forward")
        clock.advance(seconds)
        return JSONResponse(clock_state())

    async def resend_all(request: Request) -> JSONResponse:
        return JSONResponse({"resent": sandbox.deliveries.resend_all()})

    async def reset(request: Request) -> JSONResponse:
        raw = await request.body()
        try:
            options = json.loads(raw) if raw.strip() else {}
        except ValueError:
            options = None
        if not isinstance(options, dict):
            return _problem("the settings must be a JSON object")
        try:
            config = config_with(sandbox.base_config, options)
        except InvalidRequestError as exc:
            return _problem(str(exc))
        await sandbox.reset(config)
        return JSONResponse({"reset": True, **clock_state()})

    async def balance(request: Request) -> JSONResponse:
        try:
            body = json.loads(await request.body())
            login, amount = str(body["login"]), float(body["balance"])
        except (ValueError, KeyError, TypeError):
            return _problem('expected {"login": "...", "balance": 12.5}')
        if not sandbox.store.set_balance(login, amount):
            return _problem(f"no account {login[:60]!r}", 404)
        return JSONResponse({"login": login, "balance": amount})

    async def sink(request: Request) -> JSONResponse:
        if sandbox.webhook_down:
            return _problem("the webhook sink is down", 503)
        try:
            reports = json.loads(await request.body())
        except ValueError:
            return _problem("the body is not JSON")
        if not isinstance(reports, list):
            return _problem("the body is not a JSON array")
        sandbox.store.sink_add(reports)
        ids = [str(r["id_state"]) for r in reports if isinstance(r, dict) and "id_state" in r]
        return JSONResponse(ids)

    async def sink_reports(request: Request) -> JSONResponse:
        return JSONResponse({"reports": sandbox.store.sink_reports()})

    table: list[tuple[str, str, Callable[[Request], Any]]] = [
        ("/_sandbox/clock", "GET", read_clock),
        ("/_sandbox/clock/advance", "POST", advance),
        ("/_sandbox/dlr/resend-all", "POST", resend_all),
        ("/_sandbox/reset", "POST", reset),
        ("/_sandbox/balance", "POST", balance),
        ("/_sandbox/webhook", "POST", sink),
        ("/_sandbox/webhook", "GET", sink_reports),
    ]
    return [Route(path, endpoint, methods=[method]) for path, method, endpoint in table]
