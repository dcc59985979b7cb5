"""The published package: the wheel's metadata is a proper PyPI page, and it carries the spec.

The wheel is built once for the module with the venv's hatchling (`pip wheel --no-deps
--no-build-isolation`: no download, under a second).
"""

from __future__ import annotations

import email
import email.message
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SPEC

README = ROOT / "README.md"

pytestmark = pytest.mark.toolchain  # hatchling is in the `dev` dependency group only, not in `test-runtime`


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
    command += ["--disable-pip-version-check", "--wheel-dir", str(out), str(ROOT)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("gatum_rest_py-*.whl")
    return built


def metadata_text(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return archive.read(name).decode("utf-8")


@pytest.fixture(scope="module")
def metadata(wheel: Path) -> email.message.Message:
    return email.message_from_string(metadata_text(wheel))


def test_the_readme_is_the_markdown_description(wheel: Path, metadata: email.message.Message) -> None:
    assert metadata["Description-Content-Type"] == "text/markdown"
    description = metadata_text(wheel).partition("\n\n")[2]  # the body after the header block
    assert description.strip() == README.read_text(encoding="utf-8").strip()


def test_the_readme_links_are_absolute() -> None:
    # PyPI shows the README without the repository around it: a relative link would be broken there.
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text) + re.findall(r'(?:href|src)="([^"]+)"', text)
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#", "mailto:"))]
    assert relative == []


def test_project_metadata(metadata: email.message.Message) -> None:
    classifiers = metadata.get_all("Classifier") or []
    for version in ("3.10", "3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {version}" in classifiers
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Repository", "Documentation", "Issues"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())
    assert metadata["License-Expression"] == "MIT" and metadata["License-File"] == "LICENSE"
    assert "cli" in (metadata.get_all("Provides-Extra") or [])
    cli_requirements = [r for r in metadata.get_all("Requires-Dist") or [] if "extra == 'cli'" in r]
    assert sorted(r.split("<")[0].split(">")[0] for r in cli_requirements) == ["click", "rich"]


def test_the_development_tools_are_not_published(metadata: email.message.Message) -> None:
    """Test and build tools live in dependency groups (PEP 735), which a wheel does not carry."""
    published = " ".join(metadata.get_all("Requires-Dist") or []) + " ".join(metadata.get_all("Provides-Extra") or [])
    for tool in ("pytest", "schemathesis", "openapi-python-client", "ruff", "mypy", "pdoc", "test-runtime"):
        assert tool not in published


def test_the_wheel_carries_the_spec_license_and_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert archive.read("gatum_rest_py/_spec_data/gatum.yaml") == SPEC.read_bytes()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
        entry_points = archive.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "[console_scripts]\ngatum = gatum_rest_py.cli:main" in entry_points
    # pytest finds the sandbox's fixtures in an installed package with no conftest code (issue 20)
    assert "[pytest11]\ngatum_sandbox = gatum_rest_py.sandbox.pytest_plugin" in entry_points
    assert "gatum_client/__init__.py" in names and "gatum_rest_py/cli/__init__.py" in names


def test_gatum_mock_finds_the_spec_inside_an_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    code = "from gatum_rest_py.cli._mock import spec_path; print(spec_path())"
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()) == site / "gatum_rest_py" / "_spec_data" / "gatum.yaml"
