"""Printing results: rich tables for people, the JSON body for scripts (`--json`).

Tables and messages go to stdout: on a terminal a table, in a pipe plain lines (the title, then
the header and the rows, tab-separated); no number is ever split. Progress bars and notes go to
stderr, so `--json` output stays parseable even while a progress bar runs::

    out = Output(as_json=False)
    out.emit([{"id_group": 957, "name_group": "All clients"}], title="Groups")
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table


def json_text(data: Any) -> str:
    """The JSON printed by `--json`: the body as the server sent it, indented, non-ASCII kept."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def cell(value: Any) -> str:
    """A table cell: scalars as they are, nested values as compact JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


_WIDEST = 10_000
"""Room to measure a table in: the width its unsplittable columns and longest words need."""

_NUMBER_LIKE = re.compile(r"[+\-]?[0-9][0-9 .,:/+\-]*|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.+\-Z]*|[0-9a-f]{16,}")
"""Numbers, ids (the ledger's keys too), prices, dates and times: a cell of these is never split
across lines."""


def _unsplittable(text: str) -> bool:
    """A number-like cell, or a list of them (a message's numbers or id_states, as compact JSON)."""
    if _NUMBER_LIKE.fullmatch(text):
        return True
    if not text.startswith("["):
        return False
    try:
        values = json.loads(text)
    except ValueError:
        return False
    return isinstance(values, list) and all(
        isinstance(v, (str, int)) and not isinstance(v, bool) and _NUMBER_LIKE.fullmatch(str(v)) for v in values
    )


def _add_column(table: Table, name: str, cells: Sequence[str]) -> None:
    if cells and all(_unsplittable(c) for c in cells if c):
        # A number cut in two reads as two numbers: such a column keeps its width (the line may
        # grow wider than the terminal, which wraps it whole) and the text columns give way.
        table.add_column(name, no_wrap=True, min_width=max(len(c) for c in cells), overflow="ignore")
    else:
        # fold, never "…": a value cut short in a table is worse than a tall row
        table.add_column(name, overflow="fold", min_width=min(max((len(c) for c in cells), default=0), 10))


def table_of(data: Any, *, title: str | None = None, value_column: str = "value") -> Table:
    """A table for any JSON value: rows of objects, a list of scalars, or one object's fields."""
    table = Table(title=title, title_justify="left")
    for name, cells in _columns(data, value_column):
        _add_column(table, name, cells)
    for row in zip(*(cells for _, cells in _columns(data, value_column)), strict=True):
        table.add_row(*row)
    return table


def _columns(data: Any, value_column: str) -> list[tuple[str, list[str]]]:
    """The table of any JSON value, column by column: rows of objects, a list of scalars, or one object's fields."""
    if isinstance(data, Mapping):
        return [("field", [str(key) for key in data]), ("value", [cell(value) for value in data.values()])]
    if isinstance(data, Sequence) and not isinstance(data, str) and all(isinstance(r, Mapping) for r in data):
        names: dict[str, None] = {}
        for row in data:
            names.update(dict.fromkeys(str(k) for k in row))
        if not names:
            return [(value_column, ["" for _ in data])]
        return [(name, [cell(row.get(name)) for row in data]) for name in names]
    if isinstance(data, Sequence) and not isinstance(data, str):
        return [(value_column, [cell(value) for value in data])]
    return [(value_column, [cell(data)])]


def plain_text(data: Any, *, title: str | None = None, value_column: str = "value") -> str:
    """The table as plain text for a pipe: its title, a header line, then one line per row, tab-separated."""
    columns = _columns(data, value_column)
    rows = zip(*(cells for _, cells in columns), strict=True)
    lines = ["\t".join(name for name, _ in columns), *("\t".join(row) for row in rows)]
    return "\n".join([*([title] if title else []), *(line.replace("\n", " ") for line in lines)])


class Output:
    """Where a command prints: JSON (`as_json`) or tables, on stdout; notes on stderr."""

    def __init__(self, *, as_json: bool) -> None:
        self.as_json = as_json
        # file=None: rich looks sys.stdout up at each write, so click's test runner sees the output.
        self.console = Console(highlight=False, soft_wrap=True)
        self.errors = Console(stderr=True, highlight=False, soft_wrap=True)

    def emit(self, data: Any, *, title: str | None = None, value_column: str = "value") -> None:
        """Print `data`: as JSON with `--json`, else as a table (an empty list says so)."""
        if self.as_json:
            click.echo(json_text(data))
        elif isinstance(data, list) and not data:
            self.console.print(f"{title or 'Result'}: none")
        elif not self.console.is_terminal:  # a pipe or a file: plain lines, no borders, nothing cut
            click.echo(plain_text(data, title=title, value_column=value_column))
        else:
            table = table_of(data, title=title, value_column=value_column)
            # Too narrow a terminal: rich would squeeze the text columns to nothing (a state gone
            # from its row); drawn at the width it needs instead, each line wrapped whole.
            needed = Measurement.get(self.console, self.console.options.update_width(_WIDEST), table).minimum
            width = self.console.width
            self.console.width = max(needed, width)  # print() itself never draws wider than the console
            try:
                self.console.print(table)
            finally:
                self.console.width = width

    def message(self, text: str, data: Any = None) -> None:
        """A sentence for people, or (with `--json`) `data` as JSON when given."""
        if self.as_json:
            if data is not None:
                click.echo(json_text(data))
        else:
            self.console.print(text, markup=False)

    def note(self, text: str) -> None:
        """A remark on stderr, in both modes (it never mixes into `--json` output)."""
        self.errors.print(text, markup=False)
