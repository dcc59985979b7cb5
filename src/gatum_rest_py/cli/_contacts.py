"""Reading contacts from a CSV file for `gatum numbers add`, and cutting them into requests.

The file has a header row with `number` and, optionally, the contact fields of the spec
(`name`, `surname`, `patronymic`, `date_birth`, `male`, `note_1` … `note_10`); commas,
semicolons or tabs separate the columns (what spreadsheets export), UTF-8 with or without a
BOM. Empty cells are left out. Every row is checked against the spec's `Contact` schema before
anything is sent, so a typo on line 5,000 costs no half-imported group::

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


def read_contacts(path: Path) -> list[ContactRow]:
    """Every contact of the CSV file at `path`, checked against the spec; CLIError/InvalidRequestError if not."""
    try:
        table = read_csv_table(path, what="contacts")  # the file's dialect and encoding, shared with campaigns
    except InvalidRequestError as exc:
        raise CLIError(str(exc)) from None
    header = _header(table.header, path.name)
    rows: list[ContactRow] = []
    for line, cells in table.rows:
        contact = {field: cell.strip() for field, cell in zip(header, cells, strict=False) if field and cell.strip()}
        # A leading + is how numbers are often written; the API wants the digits alone.
        if contact.get("number", "").startswith("+"):
            contact["number"] = contact["number"][1:]
        validate_body(f"{path.name} line {line}", "Contact", contact, {})
        rows.append(ContactRow(line, contact))
    return rows


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` cut into consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
