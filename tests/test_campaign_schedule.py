"""Campaign scheduling: `--at` and `--between … --timezone …`, at fixed moments (no clock involved)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from gatum_rest_py.campaigns import CampaignInputError, SendWindow, parse_at, parse_timezone, start_time

KYIV = ZoneInfo("Europe/Kyiv")
UTC = timezone.utc


def kyiv(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=KYIV)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-12-04 10:30", "2026-12-04 10:30"),  # inside: now
        ("2026-12-04 07:15", "2026-12-04 09:00"),  # before the window: today's opening
        ("2026-12-04 20:00", "2026-12-05 09:00"),  # the end is not in the window
        ("2026-12-04 23:59", "2026-12-05 09:00"),
        ("2026-12-04 09:00", "2026-12-04 09:00"),
    ],
)
def test_window_opens_on_the_zones_wall_clock(now: str, expected: str) -> None:
    window = SendWindow.parse("09:00-20:00", "Europe/Kyiv")
    assert window.next_open(kyiv(now)) == kyiv(expected)
    # the same moment given in UTC gives the same answer
    assert window.next_open(kyiv(now).astimezone(UTC)) == kyiv(expected)


def test_window_past_midnight() -> None:
    window = SendWindow.parse("22:00-06:00", KYIV)
    assert window.contains(kyiv("2026-12-04 23:30")) and window.contains(kyiv("2026-12-05 05:59"))
    assert not window.contains(kyiv("2026-12-05 06:00"))
    assert window.next_open(kyiv("2026-12-05 12:00")) == kyiv("2026-12-05 22:00")
    assert window.closes_at(kyiv("2026-12-04 23:30")) == kyiv("2026-12-05 06:00")


def test_window_follows_daylight_saving_time() -> None:
    # Kyiv moves from UTC+2 to UTC+3 on 2026-03-29: 09:00 local is 07:00 UTC before, 06:00 UTC after.
    window = SendWindow.parse("09:00-20:00", "Europe/Kyiv")
    before = window.next_open(datetime(2026, 3, 28, 1, 0, tzinfo=UTC))
    after = window.next_open(datetime(2026, 3, 30, 1, 0, tzinfo=UTC))
    assert before.astimezone(UTC).hour == 7 and after.astimezone(UTC).hour == 6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("09:00-09:00", "never opens"),
        ("9-20", "is not a time of day HH:MM"),
        ("09:00", "give the window as HH:MM-HH:MM"),
        ("25:00-26:00", "is not a time of day"),
    ],
)
def test_bad_windows_are_refused(text: str, message: str) -> None:
    with pytest.raises(CampaignInputError, match="--between") as caught:
        SendWindow.parse(text, "UTC")
    assert message in str(caught.value)


def test_at_is_read_in_the_time_zone_and_never_in_the_past() -> None:
    now = kyiv("2026-12-04 10:00")
    assert parse_at("2026-12-05 09:00", "Europe/Kyiv", now) == kyiv("2026-12-05 09:00")
    assert parse_at("2026-12-05 09:00", None, now) == datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    with pytest.raises(CampaignInputError, match="is in the past"):
        parse_at("2026-12-04 09:59", "Europe/Kyiv", now)
    with pytest.raises(CampaignInputError, match="YYYY-MM-DD HH:MM"):
        parse_at("tomorrow", "Europe/Kyiv", now)
    with pytest.raises(CampaignInputError, match="--timezone 'Mars/Olympus'"):
        parse_timezone("Mars/Olympus")


def test_start_time_combines_at_and_window() -> None:
    now = kyiv("2026-12-04 10:00")
    window = SendWindow.parse("09:00-20:00", KYIV)
    assert start_time(now) == now
    assert start_time(now, window=window) == now
    assert start_time(now, kyiv("2026-12-04 21:00"), window) == kyiv("2026-12-05 09:00")
    assert start_time(now, kyiv("2026-12-04 12:00"), window) == kyiv("2026-12-04 12:00")
    assert start_time(now, now - timedelta(hours=1), window) == now
