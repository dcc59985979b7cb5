"""When a campaign may send: a start time (`--at`) and a daily window (`--between 09:00-20:00`) in a
time zone (`--timezone Europe/Kyiv`, IANA names through `zoneinfo`).

    window = SendWindow.parse("09:00-20:00", "Europe/Kyiv")
    window.next_open(datetime.now(timezone.utc))   # now if inside the window, else its next opening

A window may run past midnight (`22:00-06:00`); one whose start equals its end never opens and
is refused. Times are compared on the zone's wall clock, so daylight-saving changes move the
window with the clock, as people expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import CampaignInputError

if TYPE_CHECKING:
    from ..ledger import CampaignSettings

__all__ = ["SendWindow", "parse_at", "parse_timezone", "recorded_schedule", "start_time"]

_CLOCK = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_timezone(name: str | None) -> tzinfo:
    """The zone of an IANA name (`Europe/Kyiv`); UTC for None or `UTC`."""
    if name is None or name.strip().upper() in {"UTC", "Z", "GMT"}:
        return timezone.utc
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise CampaignInputError(
            f"--timezone {name!r} is not a time zone name (e.g. Europe/Kyiv, UTC)",
            argument="--timezone",
            rule="an IANA time zone name",
        ) from None


def _clock(text: str, option: str) -> time:
    match = _CLOCK.match(text)
    if match is None or int(match[1]) > 24 or int(match[2]) > 59 or (int(match[1]) == 24 and int(match[2])):
        raise CampaignInputError(
            f"{option}: {text.strip()!r} is not a time of day HH:MM", argument=option, rule="HH:MM"
        )
    hour, minute = int(match[1]), int(match[2])
    return time(0, 0) if hour == 24 else time(hour, minute)


@dataclass(frozen=True)
class SendWindow:
    """A daily sending window [start, end) on the wall clock of `zone`."""

    start: time
    end: time
    zone: tzinfo

    @classmethod
    def parse(cls, text: str, zone: str | tzinfo | None = None) -> SendWindow:
        """`09:00-20:00` in `zone` (a name, a tzinfo, or None for UTC); CampaignInputError naming --between."""
        start_text, sep, end_text = text.partition("-")
        if not sep:
            raise CampaignInputError(
                f"--between {text!r}: give the window as HH:MM-HH:MM (e.g. 09:00-20:00)",
                argument="--between",
                rule="HH:MM-HH:MM",
            )
        start, end = _clock(start_text, "--between"), _clock(end_text, "--between")
        if start == end:
            raise CampaignInputError(
                f"--between {text!r} never opens: its start and end are the same time",
                argument="--between",
                rule="a window whose start differs from its end",
            )
        return cls(start, end, zone if isinstance(zone, tzinfo) else parse_timezone(zone))

    def contains(self, moment: datetime) -> bool:
        clock = moment.astimezone(self.zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= clock < self.end
        return clock >= self.start or clock < self.end  # past midnight

    def next_open(self, moment: datetime) -> datetime:
        """`moment` if the window is open then, else the window's next opening (aware, in `zone`)."""
        if self.contains(moment):
            return moment
        local = moment.astimezone(self.zone)
        for days in (0, 1, 2):
            day = local.date() + timedelta(days=days)
            opening = datetime.combine(day, self.start, tzinfo=self.zone)
            if opening > local:
                return opening
        raise AssertionError("a window with start != end opens within two days")  # pragma: no cover

    def closes_at(self, moment: datetime) -> datetime:
        """When the window open at `moment` closes (the first end after `moment`)."""
        local = moment.astimezone(self.zone)
        for days in (0, 1, 2):
            closing = datetime.combine(local.date() + timedelta(days=days), self.end, tzinfo=self.zone)
            if closing > local:
                return closing
        raise AssertionError("a window closes within two days")  # pragma: no cover

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M} {self.zone}"


def parse_at(text: str, zone: str | tzinfo | None, now: datetime) -> datetime:
    """`--at "2026-12-05 09:00"` on the wall clock of `zone`, as an aware datetime; not in the past."""
    tz = zone if isinstance(zone, tzinfo) else parse_timezone(zone)
    value = None
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"):
        try:
            value = datetime.strptime(text.strip(), pattern)
            break
        except ValueError:
            continue
    if value is None:
        raise CampaignInputError(
            f"--at {text!r}: give the time as YYYY-MM-DD HH:MM", argument="--at", rule="YYYY-MM-DD HH:MM"
        )
    moment = value.replace(tzinfo=tz)
    if moment < now:
        raise CampaignInputError(f"--at {text!r} ({tz}) is in the past", argument="--at", rule="a time from now on")
    return moment


def start_time(now: datetime, at: datetime | None = None, window: SendWindow | None = None) -> datetime:
    """When the first message may go: not before `at`, and inside `window`."""
    moment = max(now, at) if at is not None else now
    return window.next_open(moment) if window is not None else moment


def recorded_schedule(settings: CampaignSettings) -> tuple[SendWindow | None, datetime | None]:
    """The daily window and the start a campaign's settings hold (`between` in `timezone`, `at`)."""
    zone = parse_timezone(settings.timezone)
    window = SendWindow.parse(settings.between, zone) if settings.between else None
    at = datetime.fromtimestamp(settings.at, timezone.utc) if settings.at is not None else None
    return window, at
