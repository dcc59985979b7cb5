"""How fast `gatum` starts, against `python -c "import httpx"` (issue 19's goal: <= 1.3x).

Each round runs the baseline and then each command once, back to back (a pair), so a busy
machine slows both sides of a pair alike; the printed ratio is the median of the pairs' ratios::

    .venv/bin/python bench/bench_startup.py [--rounds 21]

`gatum --help` imports no command, and `gatum send --help` only `cli/_messages.py`: neither
loads httpx, rich, the generated models or the ledger (see `gatum_rest_py.cli._lazy`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

GOAL = 1.3
GATUM = str(Path(sys.executable).with_name("gatum"))
BASELINE = [sys.executable, "-c", "import httpx"]
COMMANDS = {"gatum --help": [GATUM, "--help"], "gatum send --help": [GATUM, "send", "--help"]}


def seconds(argv: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21, help="paired runs per command (default 21)")
    args = parser.parse_args()
    for argv in (BASELINE, *COMMANDS.values()):  # warm the disk cache and the .pyc files
        seconds(argv)
    failed = False
    for name, argv in COMMANDS.items():
        pairs = [(seconds(BASELINE), seconds(argv)) for _ in range(args.rounds)]
        ratio = statistics.median(command / baseline for baseline, command in pairs)
        base_ms = statistics.median(baseline for baseline, _ in pairs) * 1000
        command_ms = statistics.median(command for _, command in pairs) * 1000
        verdict = "ok" if ratio <= GOAL else "SLOWER THAN THE GOAL"
        print(
            f"start-up: {name}: {command_ms:.0f} ms, import httpx: {base_ms:.0f} ms, "
            f"ratio {ratio:.2f}x (goal <= {GOAL}x, median of {args.rounds} pairs): {verdict}"
        )
        failed |= ratio > GOAL
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
