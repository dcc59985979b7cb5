"""Running a campaign from the command line: `gatum campaign send` (without --dry-run), `resume`,
`status` and `report`, on the message ledger (`--ledger` / GATUM_LEDGER).

    gatum campaign send contacts.csv --from Shop --template "Hi {name}" --rate 20/s   # campaign shop-1a2b3c4d
    gatum campaign resume shop-1a2b3c4d            # after a crash or Ctrl-C: sends what is still planned
    gatum campaign status shop-1a2b3c4d --json     # {"planned": 0, "sent": 812, "delivered": 9170, ...}
    gatum campaign report shop-1a2b3c4d --csv > report.csv

The first line on stdout names the campaign (`campaign <id>`) before anything is sent; progress
goes to stderr. The first Ctrl-C (or SIGTERM) stops after the batch in flight; a second one stops
at once (that batch's messages are then in doubt: `gatum messages reconcile` looks them up).
"""

from __future__ import annotations

import csv
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .._facade import GatumRESTAPI
from .._retry import RetryConfig
from ..campaigns import LocalRateLimiter, RateLimiter, SendWindow, SharedRateLimiter, parse_rate
from ..campaigns._send import CampaignSummary, campaign_counts, campaign_rows, run_campaign
from ..ledger import DEFAULT_STALE_AFTER, Ledger, Outbox, masked
from ._ledger import _ledger, ledger_option
from ._output import Output, json_text
from ._session import CLIError, Session

MAX_BATCH = 100  # messages per /v1/send request (the library's default batch size)


def batch_size_for(rate: float) -> int:
    """About a second's worth of messages per request, 1 to MAX_BATCH: the rate stays smooth."""
    return max(1, min(MAX_BATCH, int(rate)))


def _redis_error(exc: Exception) -> bool:
    return type(exc).__module__.split(".")[0] == "redis"


def limiter_for(rate_text: str, redis_url: str | None, campaign: str) -> RateLimiter:
    """The campaign's limiter: shared on Redis when a URL is given (and reachable), else this process's own."""
    rate = parse_rate(rate_text)
    if not redis_url:
        return LocalRateLimiter(rate)
    try:
        limiter = SharedRateLimiter(redis_url, campaign, rate)
        limiter.current_rate()  # reach the server now, not after the campaign is recorded
    except ValueError:  # redis-py quotes the part of the URL it could not read: maybe the password
        raise CLIError(
            f"--redis {masked(redis_url)}: not a Redis URL such as redis://[:password@]host:6379/0"
        ) from None
    except Exception as exc:
        if _redis_error(exc):
            raise CLIError(f"--redis {masked(redis_url)}: {type(exc).__name__}: {exc}") from None
        raise
    return limiter


@contextmanager
def stop_on_interrupt(out: Output) -> Iterator[Callable[[], bool]]:
    """`should_stop` for run_campaign: True after the first Ctrl-C / SIGTERM; a second Ctrl-C interrupts."""
    asked = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield asked.is_set
        return

    def handler(signum: int, frame: Any) -> None:
        if asked.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        asked.set()
        why = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        out.note(f"{why}: stopping after the batch in flight (Ctrl-C again to stop at once).")

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield asked.is_set
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def sending_api(session: Session) -> Iterator[GatumRESTAPI]:
    """The session's facade, except that a 429 with Retry-After is returned at once instead of
    being waited out in this process: the campaign's shared limiter then slows every process."""
    api = session.facade(retry=RetryConfig(max_retry_wait=0))
    try:
        yield api
    finally:
        api.close()


def announce(campaign: str) -> None:
    """The first stdout line, before anything is sent: the campaign id is its last word."""
    click.echo(f"campaign {campaign}")
    sys.stdout.flush()


def send_campaign(
    session: Session,
    ledger: Ledger,
    campaign: str,
    limiter: RateLimiter,
    *,
    window: SendWindow | None,
    at: datetime | None,
) -> None:
    """Run the campaign with a progress bar on stderr, then print its summary (an error line if not all went)."""
    started = time.monotonic()
    with (
        sending_api(session) as api,
        stop_on_interrupt(session.out) as should_stop,
        Progress(
            TextColumn("sending"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.0f}/s"),
            TimeRemainingColumn(),
            console=session.out.errors,
        ) as bar,
    ):
        task = bar.add_task("send", total=None, rate=0.0)
        outbox = Outbox(api, ledger, access_token=session.token, batch_size=batch_size_for(limiter_rate(limiter)))

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, rate=done / max(time.monotonic() - started, 1e-3))

        try:
            summary = run_campaign(
                outbox, campaign, limiter, window=window, at=at, should_stop=should_stop, progress=progress
            )
        except Exception as exc:
            if not _redis_error(exc):
                raise
            raise CLIError(
                f"campaign {campaign}: the rate's Redis failed ({exc}); resume it when Redis is back"
            ) from None
    print_summary(session.out, summary)


def limiter_rate(limiter: RateLimiter) -> float:
    return float(getattr(limiter, "rate", MAX_BATCH))


def print_summary(out: Output, summary: CampaignSummary) -> None:
    data = summary.to_json()
    if out.as_json:
        click.echo(json_text(data))
    else:
        out.emit({k: v for k, v in data.items() if k != "counts"} | {"states": data["counts"]}, title="Campaign")
    if summary.stopped:
        raise CLIError(f"campaign {summary.campaign}: {summary.stopped}; `gatum campaign resume {summary.campaign}`")
    if summary.in_doubt or summary.counts.get("in_doubt"):
        raise in_doubt(summary.campaign)
    if summary.counts.get("sending"):
        raise still_sending(summary.campaign, summary.counts["sending"])
    if summary.refused:
        raise CLIError(f"campaign {summary.campaign}: {summary.refused} messages refused (see `gatum campaign report`)")


def in_doubt(campaign: str, count: int | None = None) -> CLIError:
    """A campaign left with messages in doubt: what settles them."""
    how_many = f"{count} " if count is not None else ""
    return CLIError(f"campaign {campaign}: {how_many}messages in doubt; `gatum messages reconcile` looks them up")


def still_sending(campaign: str, count: int) -> CLIError:
    """A campaign left with messages `sending`: claimed by another sender, or by one that was killed."""
    return CLIError(
        f"campaign {campaign}: {count} messages still `sending`; when no other process sends it, "
        f"`gatum campaign resume {campaign} --stale-after 0` takes them to be in doubt"
    )


def _open(ledger_url: str | None, campaign: str) -> Ledger:
    try:
        ledger = _ledger(ledger_url)
    except click.UsageError as exc:
        raise CLIError(exc.message) from None
    if not campaign_counts(ledger, campaign):
        ledger.close()
        raise CLIError(f"no campaign {campaign!r} in the ledger {ledger.url}")
    return ledger


def resume_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.argument("campaign"),
            click.option("--rate", help="Messages per second, e.g. 50/s (default: the campaign's own)."),
            click.option("--between", help="Send only inside this daily window, e.g. 09:00-20:00 (default: its own)."),
            click.option("--timezone", "zone_name", help="Time zone of --between (default: the campaign's, or UTC)."),
            click.option("--redis", "redis_url", envvar="GATUM_REDIS_URL", help="Share the rate on this Redis."),
            click.option(
                "--stale-after",
                type=click.FloatRange(min=0),
                default=DEFAULT_STALE_AFTER,
                show_default=True,
                help="Messages left `sending` this many seconds ago lost their sender: in doubt (0: now).",
            ),
            ledger_option,
        ]
    ):
        command = option(command)
    return command


@click.command("status")
@click.argument("campaign")
@ledger_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON object.")
def status(campaign: str, ledger_url: str | None, as_json: bool) -> None:
    """How many of CAMPAIGN's messages are in each state (delivery states included)."""
    with _open(ledger_url, campaign) as ledger:
        counts = dict(sorted(campaign_counts(ledger, campaign).items()))
    Output(as_json=as_json).emit({"campaign": campaign, "total": sum(counts.values()), **counts}, title="Campaign")


@click.command("report")
@click.argument("campaign")
@ledger_option
@click.option("--csv", "as_csv", is_flag=True, help="CSV on stdout: one row per recipient.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array: one object per recipient.")
def report(campaign: str, ledger_url: str | None, as_csv: bool, as_json: bool) -> None:
    """One row per recipient of CAMPAIGN: number, state, id_states, attempts, last change."""
    with _open(ledger_url, campaign) as ledger:
        rows = list(campaign_rows(ledger, campaign))
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        Output(as_json=as_json).emit(rows, title=f"Campaign {campaign}")
