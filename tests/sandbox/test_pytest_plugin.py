"""The pytest plugin as a user meets it: docs/testing.md's example test file and the README's
example test, run by a fresh pytest process in an empty directory with no conftest and no other
plugin (the plugin comes from the installed package's `pytest11` entry point; tests/test_wheel.py
checks the wheel declares it)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

pytest_plugins = ["pytester"]

DOCS = ROOT / "docs" / "testing.md"
README = ROOT / "README.md"

# Mistakes a user makes, and what the plugin tells them.
MISTAKES = """
import pytest

def test_waits_for_a_state_that_never_comes(gatum_api, gatum_sandbox):
    answer = gatum_api.send_sms(None, ["380957225759"], "Verify", "hi")
    gatum_sandbox.wait_for_report(answer.json()["data"]["380957225759"][0]["id_state"], "UNDELIV", timeout=1)

@pytest.mark.gatum_sandbox(colour="red")
def test_an_unknown_setting(gatum_sandbox):
    pass

@pytest.mark.gatum_sandbox(dlr_delay="soon")
def test_a_setting_of_the_wrong_type(gatum_sandbox):
    pass

def test_the_sandbox_is_fresh_again(gatum_sandbox):
    assert gatum_sandbox.messages() == [] and gatum_sandbox.reports == []

def test_the_command_line_settings_apply(gatum_api):
    assert gatum_api.account_info(None).json()["data"]["balance"] == 50  # --gatum-sandbox starting_balance=50
"""


def docs_example() -> str:
    found = re.search(r"<!-- example: tests/test_sms.py -->\n```py\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert found, "docs/testing.md lost its example test file"
    return found[1]


def readme_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Test your application\n", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```py\n(.*?)```", section, re.S)
    return block


def test_the_docs_example_passes_with_nothing_but_the_installed_plugin(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_sms=docs_example(), test_readme_example=readme_example(), test_mistakes=MISTAKES)
    # No other plugin of this environment (pytest-asyncio, anyio, ...): autoloading off, only the
    # plugin loaded by its entry point's name (pytest >= 8.4), as in a project with nothing else.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    options = ["-p", "no:cacheprovider", "-p", "gatum_sandbox", "--strict-markers", "-rf"]
    options += ["--gatum-sandbox", "starting_balance=50"]
    result = pytester.runpytest_subprocess(*options, timeout=120)
    result.assert_outcomes(passed=10, failed=1, errors=2)
    result.stdout.re_match_lines([r"^plugins: gatum-rest-py-[\d.]+$"])  # this package's plugin, and no other
    result.stdout.fnmatch_lines(["*gatum_sandbox settings *: unknown sandbox settings: colour*"])
    result.stdout.fnmatch_lines(
        ["*gatum_sandbox settings *: SandboxConfig: dlr_delay must be a number of seconds >= 0, not 'soon'"]
    )
    result.stdout.fnmatch_lines(
        ["*no UNDELIV report of 598933232 within 1 s (received: ?'ENROUTE', 'DELIVRD'?)*"]
    )  # ? for [ ]
