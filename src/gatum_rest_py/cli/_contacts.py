"""Reading contacts from a CSV file for `gatum numbers add`, and cutting them into requests.

The file has a header row with `number` and, optionally, the contact fields of the spec
(`name`, `surname`, `patronymic`, `date_birth`, `male`, `note_1` … `note_10`); commas,
semicolons or tabs separate the columns (what spreadsheets export), UTF-8 with or without a
BOM. Empty cells are left out; numbers may be written as people write them (`+380 95 722-57-59`).
Every row is checked against the spec's `Contact` schema before anything is sent, and every bad
row is reported at once (line, column, value, reason), so a typo on line 5,000 costs no
half-imported group and three typos cost one run::

    number,name,date_birth,male
    380957225759,Liza,1992-12-31,f
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .._csv_input import read_csv_table
from .._exceptions import InvalidRequestError
from .._numbers import msisdn
from .._validation import validate_body
from ._session import CLIError

CONTACT_FIELDS = ("number", "name", "surname", "patronymic", "date_birth", "male", *(f"note_{i}" for i in range(1, 11)))

T = TypeVar("T")


@dataclass(frozen=True)
class ContactRow:
    """One contact and the line of the file it came from (for error messages)."""

    line: int
    contact: dict[str, str]


def _header(fields: Sequence[str] | None, name: str) -> list[str]:
    header = [field.strip().lower() for field in fields or []]
    if "number" not in header:
        raise CLIError(f"{name}: the first row must be a header with a `number` column (found: {', '.join(header)})")
    unknown = [field for field in header if field and field not in CONTACT_FIELDS]
    if unknown:
        raise CLIError(f"{name}: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(CONTACT_FIELDS)}")
    return header


@dataclass(frozen=True)
class BadRow:
    """A row that fails the spec's `Contact` schema: where, which cell, and why (one short reason)."""

    line: int
    column: str
    value: str | None
    reason: str

    def describe(self, name: str) -> str:
        value = "(empty)" if self.value is None else repr(self.value)
        return f"{name} line {self.line}, column {self.column}: {value}: {self.reason}"


@dataclass(frozen=True)
class ContactFile:
    """The rows of a contacts file: the good ones, and every bad one (the whole file is checked)."""

    rows: list[ContactRow]
    bad: list[BadRow]


def read_contacts(path: Path) -> ContactFile:
    """Every contact of the CSV file at `path`, each checked against the spec; CLIError if the file is unusable."""
    try:
        table = read_csv_table(path, what="contacts")  # the file's dialect and encoding, shared with campaigns
    except InvalidRequestError as exc:
        raise CLIError(str(exc)) from None
    header = _header(table.header, path.name)
    rows: list[ContactRow] = []
    bad: list[BadRow] = []
    for line, cells in table.rows:
        if len(cells) > len(header):
            bad.append(BadRow(line, "-", None, f"{len(cells)} cells, but the header has {len(header)} columns"))
            continue
        contact = {field: cell.strip() for field, cell in zip(header, cells, strict=False) if field and cell.strip()}
        if "number" in contact:  # written as people write it (+380 95 …): the library's one rule
            contact["number"] = str(msisdn(contact["number"]))
        try:
            validate_body(f"{path.name} line {line}", "Contact", contact, {})
        except InvalidRequestError as exc:
            column = exc.argument.split(".")[0].split("[")[0] or "-"
            written = dict(zip(header, (cell.strip() for cell in cells), strict=False)).get(column) or None
            bad.append(BadRow(line, column, written, exc.rule))
            continue
        rows.append(ContactRow(line, contact))
    return ContactFile(rows, bad)


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` cut into consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
