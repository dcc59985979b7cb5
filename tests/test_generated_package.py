"""The generated package as shipped: every file carries the "do not edit" notice; both packages are typed."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated" / "gatum_client"
NOTICE = "# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit."


def generated_files() -> list[Path]:
    return sorted(p for p in GENERATED.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def test_the_generated_package_is_there() -> None:
    names = {p.relative_to(GENERATED).as_posix() for p in generated_files()}
    assert {"__init__.py", "client.py", "spec_facts.py", "api/sms/send_sms.py", "models/send_message.py"} <= names


@pytest.mark.parametrize("path", generated_files(), ids=lambda p: p.relative_to(GENERATED).as_posix())
def test_generated_file_starts_with_the_notice(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == NOTICE


@pytest.mark.parametrize("package", ["gatum_client", "gatum_rest_py"])
def test_package_ships_py_typed(package: str) -> None:
    """PEP 561: without the marker, type checkers ignore the inline types of an installed package."""
    assert resources.files(package).joinpath("py.typed").is_file()
