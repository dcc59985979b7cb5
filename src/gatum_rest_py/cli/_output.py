"""Printing results: rich tables for people, the JSON body for scripts (`--json`).

Tables and messages go to stdout; progress bars and notes go to stderr, so `--json` output
stays parseable even while a progress bar runs::

    out = Output(as_json=False)
    out.emit([{"id_group": 957, "name_group": "All clients"}], title="Groups")
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import click
from rich.console import Console
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


def table_of(data: Any, *, title: str | None = None, value_column: str = "value") -> Table:
    """A table for any JSON value: rows of objects, a list of scalars, or one object's fields."""
    table = Table(title=title, title_justify="left")
    if isinstance(data, Mapping):
        table.add_column("field", overflow="fold")
        table.add_column("value", overflow="fold")
        for key, value in data.items():
            table.add_row(str(key), cell(value))
    elif isinstance(data, Sequence) and not isinstance(data, str) and all(isinstance(r, Mapping) for r in data):
        columns: dict[str, None] = {}
        for row in data:
            columns.update(dict.fromkeys(str(k) for k in row))
        for column in columns or {value_column: None}:
            # fold, never "…": an id cut short in a table is worse than a tall row
            table.add_column(column, overflow="fold")
        for row in data:
            table.add_row(*(cell(row.get(column)) for column in columns))
    elif isinstance(data, Sequence) and not isinstance(data, str):
        table.add_column(value_column, overflow="fold")
        for value in data:
            table.add_row(cell(value))
    else:
        table.add_column(value_column)
        table.add_row(cell(data))
    return table


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
        else:
            self.console.print(table_of(data, title=title, value_column=value_column))

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
