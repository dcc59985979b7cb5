"""Static types as a user sees them: mypy --strict and pyright on tests/typing_cases/user_program.py.

In that program `reveal_type(x)  # T: A, B` means the revealed type names exactly the classes A
and B (and never Any); a line ending in `# E` is a misuse both checkers must report; any other
reported line is a failure too. So a facade method that returns `GatumResponse[Any]` again, or a
typed-path call that may return None, fails this test.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, TypeVar

import pytest

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI, _operations
from gatum_rest_py._batch import AsyncBatchMethods, SyncBatchMethods
from gatum_rest_py._call import Call
from gatum_rest_py._paging import AsyncPagingMethods, SyncPagingMethods

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / "tests" / "typing_cases" / "user_program.py"
PYRIGHT = ROOT / "mock" / "node_modules" / ".bin" / "pyright"

pytestmark = pytest.mark.toolchain  # mypy and pyright come with `make install`, not the runtime extra

T = TypeVar("T")

CLASS_NAME = re.compile(r"\b([A-Z]\w*)\b")
IGNORED = {"Literal", "Union", "Optional"}


def expectations() -> tuple[dict[int, set[str]], set[int]]:
    reveals: dict[int, set[str]] = {}
    errors: set[int] = set()
    for number, line in enumerate(PROGRAM.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("reveal_type(") and "# T:" in line:
            names = {name.strip() for name in line.split("# T:", 1)[1].split(",")}
            reveals[number] = {"NoneType" if name == "None" else name for name in names}
        elif line.rstrip().endswith("# E"):
            errors.add(number)
    return reveals, errors


def class_names(revealed: str) -> set[str]:
    names = {name.rsplit(".", 1)[-1] for name in re.findall(r"[\w.]+", revealed) if name[:1].isupper() or "." in name}
    names = {name for name in names if CLASS_NAME.fullmatch(name)} - IGNORED
    if re.search(r"\bNone\b", revealed):
        names = (names - {"None"}) | {"NoneType"}
    return names


def check(reveals: dict[int, set[str]], errors: set[int], found: dict[int, str], flagged: set[int]) -> list[str]:
    problems = []
    for number, expected in reveals.items():
        got = found.get(number)
        if got is None:
            problems.append(f"line {number}: nothing revealed")
        elif class_names(got) != expected or re.search(r"\bAny\b", got):
            problems.append(f"line {number}: revealed {got!r}, expected exactly {sorted(expected)}")
    problems += [f"line {n}: the misuse was not reported" for n in sorted(errors - flagged)]
    problems += [f"line {n}: unexpected error" for n in sorted(flagged - errors)]
    return problems


def test_mypy_strict_sees_precise_types_and_refuses_misuse() -> None:
    env = {**os.environ, "MYPYPATH": f"{ROOT / 'generated'}{os.pathsep}{ROOT / 'src'}"}
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-version", "3.10", str(PROGRAM)],
        capture_output=True,
        text=True,
        env=env,
        cwd=PROGRAM.parent,
        timeout=300,
    )
    found: dict[int, str] = {}
    flagged: set[int] = set()
    for line in result.stdout.splitlines():
        match = re.match(r".*?:(\d+): (note|error): (.*)", line)
        if match is None:
            continue
        number, kind, text = int(match[1]), match[2], match[3]
        if kind == "note" and text.startswith("Revealed type is"):
            found[number] = text.split('"', 1)[1].rsplit('"', 1)[0]
        elif kind == "error":
            flagged.add(number)
    reveals, errors = expectations()
    assert not check(reveals, errors, found, flagged), result.stdout


def test_pyright_sees_precise_types_and_refuses_misuse() -> None:
    if not PYRIGHT.exists():
        pytest.fail(f"{PYRIGHT} is missing: run `make install` (npm ci in mock/)")
    result = subprocess.run(
        [str(PYRIGHT), "--outputjson", "--pythonpath", sys.executable, str(PROGRAM)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    report = json.loads(result.stdout)
    found: dict[int, str] = {}
    flagged: set[int] = set()
    for diagnostic in report["generalDiagnostics"]:
        number = diagnostic["range"]["start"]["line"] + 1
        if diagnostic["severity"] == "information" and diagnostic["message"].startswith("Type of"):
            found[number] = diagnostic["message"].split('" is "', 1)[1].rstrip('"')
        elif diagnostic["severity"] == "error":
            flagged.add(number)
    reveals, errors = expectations()
    assert not check(reveals, errors, found, flagged), json.dumps(report["generalDiagnostics"], indent=1)[:4000]


# -- the facade's methods are real methods, generated from the mappings (tools/gen_facade.py) -------

MAPPING_NAMES = [
    name
    for name, value in vars(_operations).items()
    if inspect.isfunction(value) and value.__module__ == _operations.__name__ and not name.startswith("_")
]


def test_a_facade_method_is_written_out_in_source() -> None:
    source = inspect.getsource(GatumRESTAPI.send_sms)
    assert "def send_sms(" in source
    assert "numbers: Numbers" in source and "callback_url: str | None = None" in source
    assert "async def send_sms(" in inspect.getsource(AsyncGatumRESTAPI.send_sms)


@pytest.mark.parametrize("cls", [GatumRESTAPI, AsyncGatumRESTAPI])
def test_each_facade_method_has_its_mappings_signature(cls: type) -> None:
    assert len(MAPPING_NAMES) == 20
    for name in MAPPING_NAMES:
        method, mapping = inspect.signature(getattr(cls, name)), inspect.signature(getattr(_operations, name))
        self_parameter, *parameters = method.parameters.values()
        assert self_parameter.name == "self" and parameters == list(mapping.parameters.values()), name
        assert method.return_annotation == mapping.return_annotation.replace("Call[", "GatumResponse[", 1), name
        # the mapping's docstring, then the Args/Returns/Raises sections tools/gen_facade.py adds
        method_doc, mapping_doc = inspect.getdoc(getattr(cls, name)) or "", inspect.getdoc(getattr(_operations, name))
        assert mapping_doc and method_doc.startswith(mapping_doc + "\n\nArgs:\n"), name


def test_the_sync_and_async_facades_have_the_same_methods() -> None:
    def public(cls: type) -> set[str]:
        return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}

    sync_methods, async_methods = public(GatumRESTAPI) - {"close"}, public(AsyncGatumRESTAPI) - {"aclose"}
    assert sync_methods == async_methods
    assert {*MAPPING_NAMES, "access_token", "iter_groups", "iter_sms_full_data", "send_messages"} <= sync_methods
    for name in async_methods:
        method = getattr(AsyncGatumRESTAPI, name)
        assert inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method), name


def test_the_generated_methods_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_facade.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_the_mixins_run_the_call_their_mapping_builds() -> None:
    """The method mixins on their own, under a throwaway class whose `_run` records what it is given."""
    runs: list[tuple[Call[Any], str]] = []

    class Recording(SyncPagingMethods, SyncBatchMethods):
        def _run(self, call: Call[T], method: str) -> Any:
            runs.append((call, method))
            return "answer"

    class AsyncRecording(AsyncPagingMethods, AsyncBatchMethods):
        async def _run(self, call: Call[T], method: str) -> Any:
            runs.append((call, method))
            return "answer"

    args = ("tok", ["380957225759"], "Verify", "Your OTP is 42488", "sms")
    assert Recording().send_sms(*args, callback_url="https://example.test/dlr", timeout=5) == "answer"
    assert asyncio.run(AsyncRecording().send_sms(*args, callback_url="https://example.test/dlr", timeout=5)) == "answer"
    expected = _operations.send_sms(*args, callback_url="https://example.test/dlr", timeout=5)
    assert runs == [(expected, "send_sms"), (expected, "send_sms")]
