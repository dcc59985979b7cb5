"""`gatum campaign send|resume … --workers celery`: the campaign's batches as Celery tasks.

    gatum campaign send contacts.csv --from Shop --template "Hi {name}" --rate 200/s \\
        --ledger postgresql://gatum@db/gatum --workers celery --broker redis://queue:6379/0 [--wait]

The command records the campaign and its settings in the ledger, prints `campaign <id>`, publishes
the tasks and returns (`--wait`: shows the progress from the ledger's counts until nothing is
left to send). The workers (`celery -A gatum_rest_py.campaigns.celery worker`) do the sending,
with their own login and ledger password: none of it travels in a task.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from ..campaigns._send import campaign_counts
from ..campaigns._workers import DEFAULT_BATCHES_PER_TASK
from ..ledger import CampaignSettings, Ledger, masked
from ._campaign_run import in_doubt, still_sending
from ._output import Output, json_text
from ._session import CLIError, Interrupted

__all__ = ["enqueue", "shared_ledger", "wait_for_workers", "workers_options"]

SETTLED_AFTER = 10.0
"""Seconds with nothing planned and no count moving: what is still `sending` had its worker die."""

STALLED_AFTER = 60.0
"""Seconds of no progress after which `--wait` says how to go on if the workers' tasks were lost."""


def workers_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "--workers",
                type=click.Choice(["local", "celery"]),
                default="local",
                show_default=True,
                help="Who sends: this process, or Celery workers (celery -A gatum_rest_py.campaigns.celery worker).",
            ),
            click.option(
                "--broker",
                envvar="GATUM_CELERY_BROKER",
                help="With --workers celery: the broker the workers read, e.g. redis://host:6379/0.",
            ),
            click.option("--wait", is_flag=True, help="With --workers celery: wait, showing progress from the ledger."),
            click.option(
                "--batches-per-task",
                type=click.IntRange(min=1),
                default=DEFAULT_BATCHES_PER_TASK,
                show_default=True,
                help="With --workers celery: batches one task sends (smaller: spread over more workers).",
            ),
        ]
    ):
        command = option(command)
    return command


def shared_ledger(workers: str, broker: str | None, ledger_url: str | None) -> None:
    """Before anything: Celery needs a broker and a ledger every worker reaches (not SQLite)."""
    if workers != "celery":
        return
    from ..campaigns._workers import check_shared_ledger

    if not broker:
        raise CLIError("--workers celery needs --broker URL (or GATUM_CELERY_BROKER), e.g. redis://localhost:6379/0")
    if ledger_url:
        check_shared_ledger(ledger_url)  # SQLiteWithWorkersError: one line, the password masked


def enqueue(
    out: Output,
    ledger: Ledger,
    settings: CampaignSettings,
    broker: str,
    *,
    wait: bool,
    at: datetime | None,
    batches_per_task: int = DEFAULT_BATCHES_PER_TASK,
) -> None:
    """Publish the tasks that send what is planned of the campaign; then wait for them if asked."""
    from ..campaigns.celery import enqueue_campaign, make_app

    campaign = settings.campaign
    planned = campaign_counts(ledger, campaign).get("planned", 0)
    app = make_app(broker)
    try:
        tasks = enqueue_campaign(
            app, campaign, planned=planned, batch_size=settings.batch_size, batches_per_task=batches_per_task, at=at
        )
    except ValueError:  # a URL kombu cannot read: its words quote the part it choked on, maybe the password
        raise CLIError(f"--broker {masked(broker)}: not a broker URL such as redis://[:password@]host:6379/0") from None
    except Exception as exc:  # kombu's and redis-py's connection errors: one line, the URL masked
        raise CLIError(f"--broker {masked(broker)}: {type(exc).__name__}: {exc}") from None
    out.note(f"{planned} messages in {len(tasks)} tasks on {masked(broker)}: the workers send them")
    if wait:
        wait_for_workers(out, ledger, campaign)
        return
    data = {"campaign": campaign, "planned": planned, "tasks": len(tasks), "broker": masked(broker)}
    emit(out, data, "Campaign enqueued")
    doubtful = campaign_counts(ledger, campaign).get("in_doubt", 0)
    if doubtful:  # published what was planned; these are not the workers' to send
        raise in_doubt(campaign, doubtful)


def emit(out: Output, data: dict[str, Any], title: str) -> None:
    if out.as_json:
        click.echo(json_text(data))
    else:
        out.emit(data, title=title)


def wait_for_workers(out: Output, ledger: Ledger, campaign: str, *, poll: float = 0.5) -> dict[str, int]:
    """Show progress from the ledger until nothing is planned or sending (or only dead workers' `sending` is left)."""
    counts = campaign_counts(ledger, campaign)
    total = sum(counts.values())
    with _sigterm_as_interrupt():
        try:
            counts = _watch(out, ledger, campaign, total, poll)
        except KeyboardInterrupt as stop:
            held = ", ".join(f"{n} {state}" for state, n in sorted(campaign_counts(ledger, campaign).items()))
            said = f"stopped waiting; the workers go on with campaign {campaign} ({held}): `gatum campaign status`"
            raise (_TerminatedWaiting if isinstance(stop, _Terminated) else Interrupted)(said) from None
    data = {"campaign": campaign, **dict(sorted(counts.items()))}
    emit(out, data, "Campaign")
    if counts.get("sending"):
        raise still_sending(campaign, counts["sending"])
    if counts.get("in_doubt"):
        raise in_doubt(campaign)
    return counts


class _Terminated(KeyboardInterrupt):
    """SIGTERM while waiting: stopped like Ctrl-C, said with SIGTERM's status."""


class _TerminatedWaiting(Interrupted):
    exit_code = 128 + signal.SIGTERM


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _watch(out: Output, ledger: Ledger, campaign: str, total: int, poll: float) -> dict[str, int]:
    """Progress from the ledger until nothing is planned or sending, or only dead workers' `sending` is left."""
    counts = last = campaign_counts(ledger, campaign)
    unchanged_since, hinted = time.monotonic(), False
    with Progress(
        TextColumn("workers sending"), BarColumn(), MofNCompleteColumn(), console=out.errors, transient=True
    ) as bar:
        task = bar.add_task("wait", total=total)
        while True:
            counts = campaign_counts(ledger, campaign)
            busy = counts.get("planned", 0) + counts.get("sending", 0)
            bar.update(task, completed=total - busy)
            if counts != last:
                last, unchanged_since, hinted = counts, time.monotonic(), False
            still = time.monotonic() - unchanged_since
            if busy == 0 or (counts.get("planned", 0) == 0 and still >= SETTLED_AFTER):
                return counts
            if still >= STALLED_AFTER and not hinted:  # a closed window or a slow rate, or lost tasks
                out.note(
                    f"Nothing has moved for {STALLED_AFTER:.0f} s. If no worker is sending (tasks lost with the "
                    f"broker, or a killed worker's share), `gatum campaign resume {campaign} --workers celery` "
                    "publishes what is left; it is never sent twice."
                )
                hinted = True
            time.sleep(poll)
