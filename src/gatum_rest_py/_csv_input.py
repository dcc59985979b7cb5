"""Reading a CSV file with a header row, the way spreadsheets export it: shared by `gatum numbers
add` (contacts) and campaigns.

Commas, semicolons or tabs separate the columns (the header line decides which), UTF-8 with or
without a BOM. Blank lines are skipped. Every problem raises InvalidRequestError naming the file
and line, before anything is sent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ._exceptions import InvalidRequestError

__all__ = ["CsvTable", "read_csv_table"]

_RULE = "a UTF-8 CSV file with a header row (comma, semicolon or tab separated)"


@dataclass(frozen=True)
class CsvTable:
    """The header's cells (stripped, as written) and each non-blank row with its line number."""

    name: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.splitlines()[0] if sample else sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _error(message: str, argument: str) -> InvalidRequestError:
    return InvalidRequestError(message, argument=argument, rule=_RULE)


def read_csv_table(path: Path, what: str = "rows") -> CsvTable:
    """The table in the CSV file at `path`; InvalidRequestError when it cannot be read as one.

    `what` names the rows in the error for a file without any ("no contacts below the header").
    """
    name = path.name
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            text = file.read()
    except UnicodeDecodeError as exc:
        raise _error(f"{name}: not UTF-8 text ({exc.reason} at byte {exc.start})", name) from None
    except OSError as exc:
        raise _error(f"{path}: {exc.strerror}", str(path)) from None
    if "\x00" in text:
        raise _error(f"{name}: not a CSV text file (it holds NUL bytes)", name)
    if not text.strip():
        raise _error(f"{name}: the file is empty (a header row is needed)", name)
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text[:4096]))
    try:
        header = [cell.strip() for cell in next(reader)]
        rows: list[tuple[int, list[str]]] = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                raise _error(
                    f"{name} line {reader.line_num}: {len(cells)} cells, but the header has {len(header)} columns",
                    f"{name} line {reader.line_num}",
                )
            rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise _error(f"{name} line {reader.line_num}: not CSV ({exc})", f"{name} line {reader.line_num}") from None
    if not rows:
        raise _error(f"{name}: no {what} below the header", name)
    return CsvTable(name, header, rows)
