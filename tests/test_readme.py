"""The README starts with what to type, and what it shows works.

Its Python blocks run as they are against a sandbox (only the address changes: the README says
`http://127.0.0.1:4010`, the test's sandbox listens on a free port); its links to docs/ lead to
pages that exist; the two commands a new user types come first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
REPO = "https://github.com/gatum-rest-py/gatum-rest-py/blob/main/"


def test_the_two_commands_come_first() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block is not None
    assert first_block.group(1).splitlines()[:2] == [
        line for line in first_block.group(1).splitlines() if line.startswith(("make demo", "make test"))
    ]
    assert README.index("make demo") < README.index("## Install") < README.index("## Send an SMS")
    assert len(README.splitlines()) < 200, "long material belongs in docs/"


def test_every_link_into_the_repository_leads_to_a_file() -> None:
    links = re.findall(re.escape(REPO) + r"([^)#\s]+)", README)
    assert {"docs/usage.md", "docs/cli.md", "CHANGELOG.md"} <= set(links)
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert not missing, missing


def test_the_send_examples_run_against_a_sandbox(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("starlette")
    from gatum_rest_py.sandbox import SandboxConfig, running_sandbox

    section = README.split("## Send an SMS\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```py\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    namespace = {"__name__": "readme"}  # one session: the second block uses the first one's import
    with running_sandbox(SandboxConfig(dlr_delay=0.05)) as sandbox:
        for block in blocks:
            assert "http://127.0.0.1:4010" in block
            code = block.replace("http://127.0.0.1:4010", sandbox.base_url)
            exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - our README
    out = capsys.readouterr().out
    assert "380957225759" in out  # the first block's answer, by number
    assert out.count(" sent ") == 2  # send_messages: both messages sent
