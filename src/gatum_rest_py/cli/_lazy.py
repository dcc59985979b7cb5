"""A command group whose subcommands are imported when they run, not when `gatum` starts.

`gatum --help` lists every command from the table's one-line summaries, and `gatum send --help`
imports only `_messages`: neither loads httpx, the generated models or the ledger, which would
take most of a second on a slow machine (`make bench` prints the ratio to `import httpx`)::

    LAZY = {"send": LazyCommand("._messages", "send", "Send one SMS (billed) to one or more numbers.")}

`summary` must be the first sentence of the command's docstring (a test keeps the two equal).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click

from ._session import GatumGroup


@dataclass(frozen=True)
class LazyCommand:
    """Where a subcommand lives (`module` relative to this package, `attribute`) and its `--help` line."""

    module: str
    attribute: str
    summary: str

    def load(self) -> click.Command:
        command: click.Command = getattr(importlib.import_module(self.module, __package__), self.attribute)
        return command


class LazyGroup(GatumGroup):
    """A `GatumGroup` that imports each subcommand on first use."""

    def __init__(self, *args: Any, lazy: Mapping[str, LazyCommand] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            self.add_command(self.lazy[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands section of `gatum --help`, from the summaries: nothing is imported for it."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is None:
                # cut to the width as click cuts a loaded command's line
                rows.append((name, click.Command(name, help=self.lazy[name].summary).get_short_help_str(limit)))
            elif not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
