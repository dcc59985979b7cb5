"""`python -m gatum_rest_py.sandbox --port 4010`: see `gatum_rest_py.sandbox`."""

import sys

from ._cli import main

sys.exit(main())
