"""`gatum groups`, `gatum numbers` (contacts of a group) and `gatum blacklist`.

gatum groups create "All clients"
gatum numbers add --group 957 contacts.csv --chunk-size 500
gatum blacklist search 380957225759
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from .._exceptions import GatumError
from ._contacts import chunks, read_contacts
from ._paging import all_pages
from ._session import CLIError, Interrupted, Session, api_command, error_from

GROUP_ID = click.IntRange(min=1)


@click.group()
def groups() -> None:
    """Contact groups."""


@groups.command("list")
@click.option("--id", "id_group", type=GROUP_ID, help="Only this group.")
@click.option("--page-size", type=click.IntRange(min=1), default=100, show_default=True, help="Groups per request.")
@click.option("--max-pages", type=click.IntRange(min=1), default=100, show_default=True, help="Give up after this.")
@api_command
def groups_list(session: Session, id_group: int | None, page_size: int, max_pages: int) -> None:
    """Every contact group (all pages), or one by --id."""

    def fetch(page: int) -> Any:
        return session.call(session.api.list_group, id_group=id_group, limit=page_size, offset=page)

    records = all_pages(fetch, page_size=page_size, max_pages=max_pages, what="groups list")
    session.out.emit(records, title="Groups")


@groups.command("create")
@click.argument("name")
@click.option("--birthday-time", help="Send birthday greetings at HH:MM (GMT+0).")
@click.option("--birthday-sender", help="Sender ID of the greetings.")
@click.option("--birthday-text", help="Greeting text; #first_name# is replaced by the contact's name.")
@api_command
def groups_create(
    session: Session, name: str, birthday_time: str | None, birthday_sender: str | None, birthday_text: str | None
) -> None:
    """Create a group; with all three --birthday-* options, it greets its contacts on their birthday."""
    birthday = (birthday_time, birthday_sender, birthday_text)
    if any(birthday) and not all(birthday):
        raise click.UsageError("birthday greetings need --birthday-time, --birthday-sender and --birthday-text")
    body = session.call(
        session.api.create_group,
        name_group=name,
        time_birth=birthday_time or False,
        originator_birth=birthday_sender or False,
        text_birth=birthday_text or False,
        on_birth=all(birthday),
    )
    group = body.get("data", {}).get("id_group") if isinstance(body.get("data"), dict) else None
    session.out.message(f"Created group {group}: {name}", body)


@groups.command("delete")
@click.argument("ids", nargs=-1, required=True, type=GROUP_ID)
@api_command
def groups_delete(session: Session, ids: tuple[int, ...]) -> None:
    """Delete groups by id."""
    body = session.call(session.api.delete_group, id_group=list(ids))
    session.out.message(f"Deleted group(s) {', '.join(map(str, ids))}", body)


@click.group()
def numbers() -> None:
    """Contacts of a group: import a CSV file, search, remove."""


@numbers.command("add")
@click.option("--group", "id_group", type=GROUP_ID, required=True, help="Group id.")
@click.option("--chunk-size", type=click.IntRange(1, 10_000), default=500, show_default=True, help="Per request.")
@click.option("--skip", type=click.IntRange(min=0), default=0, help="Leave out the first N contacts (to resume).")
@click.option("--skip-invalid", is_flag=True, help="Add the valid rows; list the invalid ones and leave them out.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@api_command
def numbers_add(session: Session, id_group: int, chunk_size: int, skip: int, skip_invalid: bool, file: Path) -> None:
    """Add the contacts of a CSV file to a group, CHUNK-SIZE per request, with a progress bar.

    FILE has a header row with `number` and optionally name, surname, patronymic, date_birth
    (YYYY-MM-DD), male (m or f) and note_1 … note_10. The whole file is checked before anything
    is sent: every invalid row is listed (line, column, value, reason), and nothing is sent
    unless --skip-invalid is given.
    """
    contacts = read_contacts(file)
    for bad in contacts.bad:
        session.out.note(bad.describe(file.name))
    if contacts.bad and not skip_invalid:
        raise CLIError(
            f"{len(contacts.bad)} invalid row(s) in {file.name} (listed above); nothing was sent: fix them, "
            f"or pass --skip-invalid to add the {len(contacts.rows)} valid one(s)"
        )
    rows = contacts.rows[skip:]
    bodies: list[Any] = []
    done, last_line = 0, 0
    again = f"--skip {{}}{' --skip-invalid' if skip_invalid else ''}"

    def progress_so_far() -> str:
        first = f"{done} contacts were added first, through line {last_line} of {file.name}" if done else "none added"
        return f"{first}; to go on, run again with {again.format(skip + done)}"

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    # Only on a terminal: in a pipe or a CI log a frozen bar is noise beside the one-line result.
    with Progress(*columns, console=session.out.errors, disable=not session.out.errors.is_terminal) as progress:
        task = progress.add_task(f"group {id_group}", total=len(rows))
        for chunk in chunks(rows, chunk_size):
            try:
                bodies.append(
                    session.call(session.api.group_number_add, id_group=id_group, numbers=[r.contact for r in chunk])
                )
            except GatumError as exc:
                if done == 0:
                    raise error_from(exc) from None
                raise CLIError(f"{error_from(exc).message} ({progress_so_far()})") from None
            except KeyboardInterrupt:
                # Resuming re-sends the chunk in flight: it may have been added, so the line says so.
                lines = f"lines {chunk[0].line}-{chunk[-1].line}"
                raise Interrupted(f"{progress_so_far()} (the request for {lines} may have been carried out)") from None
            done += len(chunk)
            last_line = chunk[-1].line
            progress.update(task, advance=len(chunk))
    skipped = f"; left out {len(contacts.bad)} invalid row(s)" if contacts.bad else ""
    session.out.message(f"Added {done} contacts to group {id_group} in {len(bodies)} request(s){skipped}", bodies)


def _numbers_argument(command: Any) -> Any:
    return click.argument("msisdns", nargs=-1, required=True)(command)


@numbers.command("search")
@click.option("--group", "id_group", type=GROUP_ID, required=True, help="Group id.")
@_numbers_argument
@api_command
def numbers_search(session: Session, id_group: int, msisdns: tuple[str, ...]) -> None:
    """Look numbers up in a group; prints the contacts found."""
    body = session.call(session.api.group_number_search, id_group=id_group, numbers=list(msisdns))
    session.out.emit(body if session.out.as_json else body.get("data", body), title=f"Contacts of group {id_group}")


@numbers.command("delete")
@click.option("--group", "id_group", type=GROUP_ID, required=True, help="Group id.")
@_numbers_argument
@api_command
def numbers_delete(session: Session, id_group: int, msisdns: tuple[str, ...]) -> None:
    """Remove numbers from a group."""
    body = session.call(session.api.group_number_delete, id_group=id_group, numbers=list(msisdns))
    session.out.message(f"Removed {len(msisdns)} number(s) from group {id_group}", body)


@click.group()
def blacklist() -> None:
    """Numbers that never receive messages."""


@blacklist.command("add")
@_numbers_argument
@api_command
def blacklist_add(session: Session, msisdns: tuple[str, ...]) -> None:
    """Add numbers to the black list."""
    body = session.call(session.api.black_list_add, numbers=list(msisdns))
    session.out.message(f"Black-listed {len(msisdns)} number(s)", body)


@blacklist.command("search")
@_numbers_argument
@api_command
def blacklist_search(session: Session, msisdns: tuple[str, ...]) -> None:
    """Which of these numbers are black-listed."""
    body = session.call(session.api.black_list_search, numbers=list(msisdns))
    session.out.emit(
        body if session.out.as_json else body.get("data", body), title="Black-listed", value_column="number"
    )


@blacklist.command("delete")
@_numbers_argument
@api_command
def blacklist_delete(session: Session, msisdns: tuple[str, ...]) -> None:
    """Remove numbers from the black list."""
    body = session.call(session.api.black_list_delete, numbers=list(msisdns))
    session.out.message(f"Removed {len(msisdns)} number(s) from the black list", body)
