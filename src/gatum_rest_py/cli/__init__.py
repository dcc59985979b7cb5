"""`gatum`: the Gatum SMS API from the command line (needs the `cli` extra: click and rich).

Install with ``pip install 'gatum-rest-py[cli]'``, then::

    export GATUM_BASE_URL=https://restapi.gatum.io GATUM_TOKEN=...
    gatum send --to 380957225759 --from Verify "Your OTP is 42488"
    gatum sms list --state DELIVRD --json | jq length
    gatum numbers add --group 957 contacts.csv

Every command takes `--base-url`, `--token` or `--username`/`--password` (or the variables
GATUM_BASE_URL, GATUM_TOKEN, GATUM_USERNAME, GATUM_PASSWORD), prints a table by default and
the JSON body with `--json`, and on failure prints one line on stderr and exits non-zero.
`gatum --help` lists the commands.

The core package imports without click and rich; only this subpackage needs them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

_MISSING_EXTRA = "gatum: the command line needs click and rich: pip install 'gatum-rest-py[cli]'"


def main(argv: Sequence[str] | None = None) -> None:
    """Run the `gatum` command (the console script); exits with the command's status.

    >>> main(["--version"])  # doctest: +SKIP
    gatum 2.0.0
    """
    try:
        from ._app import cli
    except ModuleNotFoundError as exc:
        if exc.name not in ("click", "rich"):
            raise
        print(_MISSING_EXTRA, file=sys.stderr)
        raise SystemExit(1) from None
    cli.main(args=list(argv) if argv is not None else None, prog_name="gatum")
