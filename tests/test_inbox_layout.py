"""The sandbox's inbox page on a laptop screen, in headless Chromium: a row per message, dates whole.

The page's own HTML and CSS, with its fetch answered by a fixed JSON body (a file page cannot
reach the sandbox), laid out at 1366x768; a script appended to the page writes what it measured
into the DOM, which `--dump-dom` prints.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gatum_rest_py.sandbox._inbox import INBOX_HTML

CHROMIUM = "/usr/bin/chromium"


def _chromium() -> str:
    found = CHROMIUM if os.access(CHROMIUM, os.X_OK) else shutil.which("chromium")
    if not found:
        pytest.skip("chromium is not installed (apt-get install chromium); the inbox layout is not checked")
    return found


def _messages(count: int) -> dict[str, object]:
    messages = [
        {
            "id_state": 598933232 + i,
            "to": f"38095722{i:04d}",
            "from": "Verify",
            "text": f"Your OTP is {10000 + i}. It expires in 10 minutes; never share it. Reply STOP to opt out",
            "part_no": 1,
            "num_parts": 1,
            "waiting": False,
            "send_at": None,
            "state": "DELIVRD",
            "states": [
                {"state": "ENROUTE", "time": "2026-12-04 10:00:00"},
                {"state": "DELIVRD", "time": "2026-12-04 10:00:02"},
            ],
            "dlr_attempts": [
                {"state": "ENROUTE", "attempt": 1, "status": 200, "answer": "OK"},
                {"state": "DELIVRD", "attempt": 1, "status": 200, "answer": "OK"},
            ],
        }
        for i in range(count)
    ]
    return {"messages": messages, "blocked": [], "queued_reports": []}


MEASURE = """
<script>
setTimeout(() => {
  const rows = [...document.querySelectorAll("#messages tr")];
  const visible = rows.filter((row) => row.getBoundingClientRect().bottom <= window.innerHeight).length;
  const style = getComputedStyle(document.querySelector("#messages td"));
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;  // "normal": about 1.2em
  // Lines of text in each row's "state changes" cell (its line boxes: distinct tops).
  const lines = rows.map((row) => {
    const range = document.createRange();
    range.selectNodeContents(row.children[6]);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
  const dates = Math.max(...lines);
  const measured = {rows: rows.length, visible, line, dates, height: window.innerHeight};
  document.body.setAttribute("data-measured", JSON.stringify(measured));
}, 500);
</script>
"""


def test_a_laptop_screen_shows_a_row_per_message_with_whole_dates(tmp_path: Path) -> None:
    binary = _chromium()
    body = json.dumps(_messages(40))
    page = INBOX_HTML.replace(
        'await fetch("/_sandbox/messages?number=" + encodeURIComponent(input.value))',
        f"({{json: async () => ({body})}})",
    ).replace("setInterval(refresh, 1000);", "")
    assert body in page, "the page's fetch changed: update this test's stand-in"
    (tmp_path / "inbox.html").write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    command = [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1366,768", "--virtual-time-budget=3000",
        "--dump-dom", (tmp_path / "inbox.html").as_uri(),
    ]  # fmt: skip
    dom = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-measured="([^"]+)"', dom.stdout)
    assert found, dom.stdout[-2000:]
    measured = json.loads(found.group(1).replace("&quot;", '"'))
    assert measured["rows"] == 40
    assert measured["dates"] == 1, measured  # "ENROUTE 2026-12-04 10:00:00 → DELIVRD …" on one line
    # Rows of two lines at most (the text wraps, nothing else): 13 in Chromium's 1366x625 viewport here,
    # where the page before this layout showed 11 rows of three lines and split the dates.
    assert measured["visible"] >= 12, measured
