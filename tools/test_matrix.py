"""Run the runtime tests on every CPython 3.10-3.13 found (`make test-matrix`).

Interpreters are looked up in pyenv (`~/.pyenv/versions/3.1x.*/bin/python`, the newest patch
release of each minor version) and then on PATH (`python3.1x`). Each gets its own virtualenv,
`.venv-matrix/3.1x`, with the package and its `test-runtime` extra (installed again only when
pyproject.toml or the interpreter changed; pip's cache is shared). The runtime tests are the
whole suite except `tests/conformance/` and tests marked `toolchain` (they need the generator or
schemathesis, which need Python >= 3.11); new test files are picked up by that rule.

One line per version with its pass count; the exit status is 1 when any version fails, 2 when
no interpreter is found at all. A missing version is reported but does not fail the run.

Usage: python tools/test_matrix.py [--jobs N] [-- extra pytest arguments]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tomllib  # stdlib from Python 3.11, which the development toolchain needs anyway

ROOT = Path(__file__).resolve().parent.parent
MATRIX_DIR = ROOT / ".venv-matrix"
MINORS = ("3.10", "3.11", "3.12", "3.13")
PYTEST_SELECTION = ["--ignore=tests/conformance", "-m", "not toolchain"]
INSTALL_TIMEOUT = 600
TEST_TIMEOUT = 900


@dataclass(frozen=True)
class Interpreter:
    minor: str
    version: str
    path: Path


@dataclass(frozen=True)
class Outcome:
    interpreter: Interpreter
    ok: bool
    summary: str
    seconds: float
    log: Path


def _version_of(python: Path) -> str | None:
    try:
        result = subprocess.run(  # noqa: S603 - interpreters found on this machine, fixed arguments
            [str(python), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _patch_level(path: Path) -> tuple[int, ...]:
    digits = re.findall(r"\d+", path.parent.parent.name)
    return tuple(int(d) for d in digits)


def find(minor: str) -> Interpreter | None:
    """The newest pyenv CPython `minor`, else `python<minor>` on PATH, checked by running it."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates = sorted(pyenv_root.glob(f"versions/{minor}.*/bin/python"), key=_patch_level, reverse=True)
    on_path = shutil.which(f"python{minor}")
    if on_path:
        candidates.append(Path(on_path))
    for python in candidates:
        version = _version_of(python)
        if version is not None and version.startswith(minor + "."):
            return Interpreter(minor, version, python)
    return None


def _stamp(interpreter: Interpreter) -> str:
    # Only [project] (dependencies, extras, scripts) decides what is installed; tool settings do not.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    digest = hashlib.sha256(json.dumps(project, sort_keys=True).encode()).hexdigest()
    return f"{interpreter.version} {interpreter.path} {digest}\n"


RUNTIME_EXTRAS = "cli,sandbox,aiohttp"
"""The extras the runtime tests use; the test tools come from the `test-runtime` dependency group."""


def install(interpreter: Interpreter) -> Path:
    """The virtualenv for `interpreter`, with the package and its runtime test dependencies."""
    venv = MATRIX_DIR / interpreter.minor
    stamp = venv / ".installed"
    if stamp.is_file() and stamp.read_text() == _stamp(interpreter):
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    python = str(venv / "bin" / "python")
    subprocess.run([str(interpreter.path), "-m", "venv", str(venv)], check=True, timeout=INSTALL_TIMEOUT)  # noqa: S603
    subprocess.run(  # noqa: S603 - the venv's own pip, fixed arguments
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "pip>=25.1"],
        check=True,
        timeout=INSTALL_TIMEOUT,
        capture_output=True,
        text=True,
    )
    subprocess.run(  # noqa: S603 - the venv's own pip, fixed arguments
        [
            *(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
            *("-e", f"{ROOT}[{RUNTIME_EXTRAS}]", "--group", f"{ROOT / 'pyproject.toml'}:test-runtime"),
        ],
        check=True,
        timeout=INSTALL_TIMEOUT,
        capture_output=True,
        text=True,
    )
    stamp.write_text(_stamp(interpreter))
    return venv


# "===== 612 passed, 3 skipped in 45.21s =====", or without the bars under -q.
_SUMMARY = re.compile(r"^=*\s*((?:\d+ [a-z]+(?:, )?)+) in [\d.]+s", re.MULTILINE)


def run_tests(interpreter: Interpreter, venv: Path, extra: list[str]) -> Outcome:
    log = MATRIX_DIR / f"{interpreter.minor}.log"
    started = time.monotonic()
    command = [str(venv / "bin" / "python"), "-m", "pytest", "-p", "no:cacheprovider", *PYTEST_SELECTION, *extra]
    try:
        result = subprocess.run(  # noqa: S603 - the venv's own pytest
            command, cwd=ROOT, capture_output=True, text=True, timeout=TEST_TIMEOUT, check=False
        )
        output, ok = result.stdout + result.stderr, result.returncode == 0
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        output, ok = f"{exc}\n{partial}", False
    log.write_text(output)
    found = _SUMMARY.findall(output)
    summary = found[-1] if found else "no test summary (see the log)"
    return Outcome(interpreter, ok, summary, time.monotonic() - started, log)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2, help="test runs at the same time (default 2)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments, after --")
    args = parser.parse_args(argv)
    MATRIX_DIR.mkdir(exist_ok=True)

    found: list[Interpreter] = []
    for minor in MINORS:
        interpreter = find(minor)
        if interpreter is None:
            print(f"python {minor:<6} missing: no CPython {minor} in pyenv or on PATH (skipped)")
        else:
            found.append(interpreter)
    if not found:
        print("test-matrix: no CPython 3.10-3.13 found (pyenv or PATH)", file=sys.stderr)
        return 2

    outcomes: list[Outcome] = []
    # Installs are mostly waiting on pip: all at once. Test runs share two cores: --jobs at a time.
    with ThreadPoolExecutor(max_workers=len(found)) as installs, ThreadPoolExecutor(max(1, args.jobs)) as runs:
        venvs = {i.minor: installs.submit(install, i) for i in found}
        pending = []
        for interpreter in found:
            try:
                venv = venvs[interpreter.minor].result()
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                detail = getattr(exc, "stderr", "") or ""
                log = MATRIX_DIR / f"{interpreter.minor}.log"
                log.write_text(f"{exc}\n{detail}")
                outcomes.append(Outcome(interpreter, False, "install failed (see the log)", 0.0, log))
                continue
            pending.append(runs.submit(run_tests, interpreter, venv, args.pytest_args))
        outcomes += [future.result() for future in pending]

    for outcome in sorted(outcomes, key=lambda o: o.interpreter.minor):
        verdict = "ok  " if outcome.ok else "FAIL"
        where = "" if outcome.ok else f"  log: {outcome.log.relative_to(ROOT)}"
        print(f"python {outcome.interpreter.version:<8} {verdict} {outcome.summary} ({outcome.seconds:.0f} s){where}")
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
