"""`python -m gatum_rest_py.cli ...` runs the `gatum` command."""

from . import main

main()
