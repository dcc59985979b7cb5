"""`make demo` keeps working: the walk-through runs against its own mock and shows each step."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_demo_runs_end_to_end() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "access_token -> HTTP 200" in out
    assert "send_sms -> HTTP 200" in out
    assert "acknowledged: ['598933232', '598933233']" in out
    assert "caught before sending: send_sms: sender_id='Verify123456'" in out
    assert "typed path raises: AuthenticationError" in out
