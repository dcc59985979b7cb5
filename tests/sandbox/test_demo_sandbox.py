"""`make demo MOCK=sandbox`: the walk-through runs against the sandbox, with its real ids and states."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_demo_runs_against_the_sandbox() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py"), "--mock", "sandbox"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Gatum sandbox on http://127.0.0.1:" in out
    assert "list_group -> ['Clients for Promo']" in out  # the group created just before
    assert "account_info -> your_login; list_group -> Clients for Promo" in out
    # the reports carry the id_states of the send just before them, in their final state
    sent = re.findall(r"report (\d+): (\d+) DELIVRD", out)
    assert [number for _, number in sent] == ["380957225759", "380661093766"]
    assert f"acknowledged: {[id_state for id_state, _ in sent]}" in out
    for id_state, number in sent:  # each went through ENROUTE first, reported once
        assert out.count(f"report {id_state}: {number} ENROUTE") == 1
        assert out.index(f"report {id_state}: {number} ENROUTE") < out.index(f"report {id_state}: {number} DELIVRD")
    assert "typed path raises: AuthenticationError" in out
