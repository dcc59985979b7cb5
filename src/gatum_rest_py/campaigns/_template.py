"""Message templates: text with `{column}` placeholders filled from each recipient's row.

    >>> Template("Hi {name}, your code is {code}").render({"name": "Ann", "code": "4242"})
    'Hi Ann, your code is 4242'

`{{` and `}}` stand for literal braces. A placeholder is a column name and nothing else (no
`{0}`, `{a.b}`, `{a[0]}`, `{a!r}` or `{a:>5}`), so a template cannot reach into Python objects.
`check_columns` names a placeholder the input has no column for before anything is sent.
"""

from __future__ import annotations

import string
from collections.abc import Collection, Mapping

from ._errors import CampaignInputError

__all__ = ["Template"]

_RULE = "text with {column} placeholders; {{ and }} for literal braces"


class Template:
    """A parsed template; `fields` are its placeholders' column names, in order of first use."""

    def __init__(self, text: str, option: str = "--template") -> None:
        self.text = text
        self.option = option
        try:
            pieces = list(string.Formatter().parse(text))
        except ValueError as exc:
            raise CampaignInputError(f"{option}: {exc}; {_RULE}", argument=option, rule=_RULE) from None
        fields: list[str] = []
        for _, name, spec, conversion in pieces:
            if name is None:
                continue
            bad = (
                not name.strip()
                or name.isdigit()
                or any(ch in name for ch in ".[]")
                or spec
                or conversion
                or name != name.strip()
            )
            if bad:
                shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                raise CampaignInputError(
                    f"{option}: placeholder {shown} is not a column name; {_RULE}", argument=option, rule=_RULE
                )
            if name not in fields:
                fields.append(name)
        if not text.strip():
            raise CampaignInputError(f"{option} is empty", argument=option, rule=_RULE)
        self.fields: tuple[str, ...] = tuple(fields)

    def check_columns(self, columns: Collection[str], where: str) -> None:
        """Raise CampaignInputError naming the first placeholder `columns` lacks (`where`: the input's name)."""
        missing = [name for name in self.fields if name not in columns]
        if missing:
            have = ", ".join(columns) or "none"
            name = missing[0]
            raise CampaignInputError(
                f"{self.option}: {where} has no column {name!r} for placeholder {{{name}}} (columns: {have})",
                argument=f"column {name}",
                rule="every placeholder names a column of the input",
            )

    def render(self, row: Mapping[str, str]) -> str:
        """The text for one row (a KeyError for a placeholder the row lacks: check_columns first)."""
        return self.text.format_map(row)
