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

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .._validation import validate_body
from ._session import CLIError

CONTACT_FIELDS = ("number", "name", "surname", "patronymic", "date_birth", "male", *(f"note_{i}" for i in range(1, 11)))

T = TypeVar("T")


@dataclass(frozen=True)
class ContactRow:
    """One contact and the line of the file it came from (for error messages)."""

    line: int
    contact: dict[str, str]


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.splitlines()[0] if sample else sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


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
        with path.open(encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CLIError(f"{path}: {exc.strerror}") from None
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:4096]))
    header = _header(next(reader, None), path.name)
    rows: list[ContactRow] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise CLIError(f"{path.name} line {line}: {len(cells)} cells, but the header has {len(header)} columns")
        contact = {field: cell.strip() for field, cell in zip(header, cells, strict=False) if field and cell.strip()}
        # A leading + is how numbers are often written; the API wants the digits alone.
        if contact.get("number", "").startswith("+"):
            contact["number"] = contact["number"][1:]
        validate_body(f"{path.name} line {line}", "Contact", contact, {})
        rows.append(ContactRow(line, contact))
    if not rows:
        raise CLIError(f"{path.name}: no contacts below the header")
    return rows


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """`items` cut into consecutive slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
