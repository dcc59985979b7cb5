"""The `gatum` command group: every subcommand, registered in one place.

gatum --help
gatum send --help
"""

from __future__ import annotations

import click

from .._client import __version__
from ._campaign import campaign
from ._dlr import dlr
from ._groups import blacklist, groups, numbers
from ._ledger import messages
from ._messages import me, prices, send, sms
from ._mock import mock
from ._sandbox import sandbox
from ._session import GatumGroup


@click.group(cls=GatumGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="gatum")
def cli() -> None:
    """The Gatum SMS API from the command line.

    Every API command takes --base-url and --token, or --username and --password (also read
    from GATUM_BASE_URL, GATUM_TOKEN, GATUM_USERNAME, GATUM_PASSWORD), --proxy (GATUM_PROXY;
    otherwise HTTP_PROXY, HTTPS_PROXY and NO_PROXY apply), and --json to print the JSON body
    instead of a table. Errors print one line on stderr and exit with status 1.
    """


for command in (send, me, sms, groups, numbers, blacklist, prices, campaign, messages, dlr, mock, sandbox):
    cli.add_command(command)
