"""Planning a campaign: the recipients, their texts and what it all takes, before anything is sent.

    from gatum_rest_py.campaigns import plan_campaign, rows_from_csv

    plan = plan_campaign(rows_from_csv("contacts.csv"), "Hi {name}, your code is {code}", default_region="UA")
    plan.summary()   # {"recipients": 9812, "duplicates": 31, "invalid": 4, "encoding": {...}, "parts": 10240, ...}
    for message in plan.messages: ...   # line, number (digits only), text, parts

Numbers are normalised (see `NumberNormaliser`); an invalid number is reported with its line
and left out; a number seen before is dropped and counted (the first row wins); with a
`blacklist` look-up, black-listed numbers are dropped and counted. A text that comes out empty,
or longer than `max_parts`, is an error naming its line: nothing of the campaign is sent then.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._csv_input import read_csv_table
from .._exceptions import InvalidRequestError
from .._validation import validate_body
from ._cost import CostEstimate, PriceLookup, estimate_cost
from ._errors import CampaignInputError
from ._numbers import NormalisedNumber, NumberNormaliser
from ._segments import Shape, replace_lookalikes, shape_of
from ._template import Template

__all__ = [
    "BLACKLIST_CHUNK",
    "CampaignInput",
    "CampaignPlan",
    "InvalidRow",
    "PlannedMessage",
    "check_sender",
    "plan_campaign",
    "rows_from_csv",
    "rows_from_mappings",
]

BLACKLIST_CHUNK = 500
"""Numbers per black-list look-up request (no limit is published; a modest one)."""

BlacklistLookup = Callable[[Sequence[str]], Iterable[Any]]
"""Takes digits-only numbers, returns those of them on the black list (as str or int)."""


@dataclass(frozen=True)
class CampaignInput:
    """Rows of a campaign: `name` (for messages), the `columns` known up front, and `(line, row)` pairs."""

    name: str
    columns: tuple[str, ...] | None
    rows: Iterable[tuple[int, Mapping[str, Any]]]
    line_word: str = "line"

    def where(self, line: int) -> str:
        return f"{self.name} {self.line_word} {line}"


def rows_from_csv(path: str | Path) -> CampaignInput:
    """The rows of a CSV file (`gatum numbers add`'s dialects: comma/semicolon/tab, UTF-8, a header row)."""
    try:
        table = read_csv_table(Path(path), what="recipients")
    except CampaignInputError:
        raise
    except InvalidRequestError as exc:
        raise CampaignInputError(str(exc), argument=exc.argument, rule=exc.rule) from None
    header = table.header
    width = len(header)
    rows = ((line, dict(zip(header, cells + [""] * (width - len(cells)), strict=True))) for line, cells in table.rows)
    return CampaignInput(table.name, tuple(header), rows)


def rows_from_mappings(rows: Iterable[Mapping[str, Any]], name: str = "input") -> CampaignInput:
    """Rows given from Python: any iterable of mappings (row numbers count from 1)."""
    return CampaignInput(name, None, enumerate(rows, start=1), line_word="row")


@dataclass(frozen=True)
class PlannedMessage:
    """One message to send: its input line, number (digits only), country, text and parts."""

    line: int
    number: str
    region: str
    text: str
    parts: int
    encoding: str


@dataclass(frozen=True)
class InvalidRow:
    line: int
    number: str
    reason: str


@dataclass
class CampaignPlan:
    """What a campaign would send. `summary()` is the dry run's JSON object."""

    source: str
    messages: list[PlannedMessage] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)
    duplicates: int = 0
    blacklisted: int = 0
    first_ucs2: tuple[int, str] | None = None  # line and character of the first text needing UCS-2
    cost: CostEstimate | None = None

    @property
    def parts(self) -> int:
        return sum(message.parts for message in self.messages)

    def encodings(self) -> dict[str, int]:
        return dict(Counter(message.encoding for message in self.messages))

    def parts_by_region(self) -> dict[str, tuple[int, int]]:
        found: dict[str, list[int]] = {}
        for message in self.messages:
            entry = found.setdefault(message.region, [0, 0])
            entry[0] += 1
            entry[1] += message.parts
        return {region: (count, parts) for region, (count, parts) in found.items()}

    def summary(self, invalid_rows: int = 100) -> dict[str, Any]:
        """Counts for people and scripts; `invalid_rows` bounds the rows listed in `invalid_list`."""
        encodings = self.encodings()
        summary: dict[str, Any] = {
            "source": self.source,
            "recipients": len(self.messages),
            "duplicates": self.duplicates,
            "invalid": len(self.invalid),
            "blacklisted": self.blacklisted,
            "encoding": encodings,
            "parts": self.parts,
            "max_parts": max((m.parts for m in self.messages), default=0),
            "invalid_list": [
                {"line": row.line, "number": row.number, "reason": row.reason} for row in self.invalid[:invalid_rows]
            ],
        }
        if self.first_ucs2 is not None:
            summary["first_ucs2"] = {"line": self.first_ucs2[0], "character": self.first_ucs2[1]}
        summary["cost"] = self.cost.to_dict() if self.cost is not None else None
        return summary


def _number_column(columns: Iterable[str], wanted: str) -> str | None:
    return next((column for column in columns if column.strip().lower() == wanted.lower()), None)


def plan_campaign(
    source: CampaignInput | Iterable[Mapping[str, Any]],
    template: str | Template,
    *,
    default_region: str | None = None,
    number_column: str = "number",
    lookalikes: bool = False,
    max_parts: int | None = None,
    blacklist: BlacklistLookup | None = None,
    prices: PriceLookup | None = None,
) -> CampaignPlan:
    """Plan the campaign of `template` over `source`; CampaignInputError for input that cannot be sent."""
    if not isinstance(source, CampaignInput):
        source = rows_from_mappings(source)
    if not isinstance(template, Template):
        template = Template(template)
    if max_parts is not None and max_parts < 1:
        raise CampaignInputError("--max-parts must be 1 or more", argument="--max-parts", rule="an integer >= 1")
    normaliser = NumberNormaliser(default_region)
    column = number_column
    if source.columns is not None:
        found = _number_column(source.columns, number_column)
        if found is None:
            raise CampaignInputError(
                f"{source.name}: no {number_column!r} column in the header (columns: {', '.join(source.columns)})",
                argument=f"column {number_column}",
                rule="the header names the column holding the numbers",
            )
        column = found
        template.check_columns(source.columns, source.name)
    plan = CampaignPlan(source.name)
    limit = max_parts if max_parts is not None else sys.maxsize
    seen: set[str] = set()
    known: dict[str, NormalisedNumber | str] = {}
    for line, row in source.rows:
        raw = row.get(column)
        if raw is None and source.columns is None:  # mappings: the name matched without regard to case, as in a header
            found = _number_column((str(name) for name in row), number_column)
            raw = row.get(found) if found is not None else None
        if raw is None and source.columns is None:
            template.check_columns(list(row), source.where(line))  # the more useful error, if both miss
            raise CampaignInputError(
                f"{source.where(line)}: no {number_column!r} key", argument=f"column {number_column}", rule="a number"
            )
        raw = str(raw)
        number = known.get(raw)
        if number is None:
            number = known[raw] = normaliser.normalise(raw)
        if isinstance(number, str):
            plan.invalid.append(InvalidRow(line, raw.strip(), number))
            continue
        if number.digits in seen:
            plan.duplicates += 1
            continue
        seen.add(number.digits)
        text = _render(template, row, source, line)
        if lookalikes:
            text = replace_lookalikes(text)
        encoding, parts, _, first_ucs2, _ = shape = shape_of(text)
        if parts > limit or not text or text.isspace():
            _check_text(text, shape, max_parts, source.where(line))
        if first_ucs2 is not None and plan.first_ucs2 is None:
            plan.first_ucs2 = (line, first_ucs2)
        plan.messages.append(PlannedMessage(line, number.digits, number.region, text, parts, encoding))
    if not plan.messages and not plan.invalid and not plan.duplicates:
        raise CampaignInputError(f"{source.name}: no recipients", argument=source.name, rule="at least one row")
    if blacklist is not None:
        _drop_blacklisted(plan, blacklist)
    if prices is not None and plan.messages:
        plan.cost = estimate_cost(plan.parts_by_region(), prices)
    return plan


def _render(template: Template, row: Mapping[str, Any], source: CampaignInput, line: int) -> str:
    try:
        return template.render(row)
    except KeyError:
        template.check_columns(list(row), source.where(line))
        raise


def _check_text(text: str, shape: Shape, max_parts: int | None, where: str) -> None:
    encoding, parts, units, first_ucs2, _ = shape
    if not text.strip():
        raise CampaignInputError(
            f"{where}: the template gives an empty text", argument=where, rule="every message has some text"
        )
    if max_parts is not None and parts > max_parts:
        why = f", {first_ucs2!r} needs UCS-2" if first_ucs2 else ""
        raise CampaignInputError(
            f"{where}: the text takes {parts} parts ({encoding}, {units} units{why}), "
            f"more than --max-parts {max_parts}",
            argument=where,
            rule=f"at most {max_parts} parts",
        )


def _drop_blacklisted(plan: CampaignPlan, look_up: BlacklistLookup) -> None:
    numbers = [message.number for message in plan.messages]
    listed: set[str] = set()
    for start in range(0, len(numbers), BLACKLIST_CHUNK):
        found = look_up(numbers[start : start + BLACKLIST_CHUNK])
        listed.update(str(number).lstrip("+") for number in found)
    if listed:
        kept = [message for message in plan.messages if message.number not in listed]
        plan.blacklisted = len(plan.messages) - len(kept)
        plan.messages = kept


_SENDER_RULE = "3-16 digits, or up to 11 characters with at least one non-digit"


def check_sender(sender_id: str, option: str = "--from") -> str:
    """`sender_id` if it keeps the spec's sender ID rules; CampaignInputError naming `option` if not."""
    message = {"number": ["380957225759"], "senderID": sender_id, "text": "x"}
    try:
        validate_body(option, "SendMessage", message, {"senderID": option})
    except InvalidRequestError:
        raise CampaignInputError(
            f"{option} {sender_id!r} breaks the sender ID rules: {_SENDER_RULE}", argument=option, rule=_SENDER_RULE
        ) from None
    return sender_id
