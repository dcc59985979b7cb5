"""The `gatum` command group: every subcommand, registered in one place.

gatum --help
gatum send --help
"""

from __future__ import annotations

import click

from ._lazy import LazyCommand, LazyGroup

# Each command is imported when it runs (`gatum --help` imports none): module, attribute, and the
# first sentence of its docstring for `gatum --help` (tests/test_cli_everyday.py keeps them equal).
COMMANDS = {
    "send": LazyCommand("._messages", "send", "Send one SMS (billed) to one or more numbers."),
    "me": LazyCommand("._messages", "me", "The account: login, name, balance and currency."),
    "sms": LazyCommand("._messages", "sms", "Sent messages and their delivery states."),
    "groups": LazyCommand("._groups", "groups", "Contact groups."),
    "numbers": LazyCommand("._groups", "numbers", "Contacts of a group: import a CSV file, search, remove."),
    "blacklist": LazyCommand("._groups", "blacklist", "Numbers that never receive messages."),
    "prices": LazyCommand("._messages", "prices", "Prices per country and network."),
    "campaign": LazyCommand("._campaign", "campaign", "Campaigns: one personalised message per row of a CSV file."),
    "messages": LazyCommand(
        "._ledger", "messages", "The message ledger: every message sent with --ledger, its state, ids and history."
    ),
    "dlr": LazyCommand("._dlr", "dlr", "Delivery reports (DLR webhook)."),
    "mock": LazyCommand("._mock", "mock", "Run the Prism mock of the API in the foreground."),
    "sandbox": LazyCommand("._sandbox", "sandbox", "Run the local sandbox (it has its own --help)."),
}


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="gatum-rest-py", prog_name="gatum")
def cli() -> None:
    """The Gatum SMS API from the command line.

    Every API command takes --base-url and --token, or --username and --password (also read
    from GATUM_BASE_URL, GATUM_TOKEN, GATUM_USERNAME, GATUM_PASSWORD), --proxy (GATUM_PROXY;
    otherwise HTTP_PROXY, HTTPS_PROXY and NO_PROXY apply), and --json to print the JSON body
    instead of a table. Errors print one line on stderr and exit with status 1 (2 for a usage
    error, 130 after Ctrl-C; a send stopped by Ctrl-C says how to check whether it left).
    """
