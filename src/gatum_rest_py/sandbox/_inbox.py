"""The inbox: `GET /` is a page listing what was sent, live; `GET /_sandbox/messages` its JSON twin.

The page is static HTML whose small script polls the twin every second and renders the rows
with `textContent` only (message texts are whatever the application sent: never markup).
`?number=...` on either filters by destination number (a substring match).

Example:
    curl -s '127.0.0.1:4010/_sandbox/messages?number=380957225759'
"""

from __future__ import annotations

from typing import Any

from ._store import Store


def inbox_json(store: Store, number: str | None) -> dict[str, Any]:
    """Messages newest first: to, from, text, parts, state changes, report deliveries and answers."""
    messages = [
        {
            "id_state": row["id_state"],
            "account": row["login"],
            "to": row["phone"],
            "from": row["originator"],
            "type": row["type_sms"],
            "text": row["text_sms"],
            "part_no": row["part_no"],
            "num_parts": row["num_parts"],
            "part_text": row["part_text"],
            "state": row["state"],
            "time": row["time"],
            "price": row["price"],
            "callback_url": row["callback_url"],
            "states": row["events"],
            "dlr_attempts": row["attempts"],
        }
        for row in store.inbox(number or None)
    ]
    return {"number": number or "", "messages": messages}


INBOX_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gatum sandbox inbox</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; }
  .state { font-weight: 600; }
  .DELIVRD { color: #1a7f37; } .UNDELIV, .REJECTD, .EXPIRED { color: #b42318; }
  small { color: #666; }
</style>
</head>
<body>
<h1>Gatum sandbox inbox</h1>
<form id="filter">
  <label>Number <input id="number" name="number" placeholder="any" autocomplete="off"></label>
  <button>Filter</button> <small id="status">loading…</small>
</form>
<table>
  <thead><tr><th>id_state</th><th>to</th><th>from</th><th>text</th><th>part</th><th>state</th>
  <th>state changes</th><th>DLR attempts</th></tr></thead>
  <tbody id="messages"></tbody>
</table>
<script>
const params = new URLSearchParams(location.search);
const input = document.getElementById("number");
input.value = params.get("number") || "";
document.getElementById("filter").addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("number", input.value);
  history.replaceState(null, "", url);
  refresh();
});
function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
}
async function refresh() {
  try {
    const answer = await fetch("/_sandbox/messages?number=" + encodeURIComponent(input.value));
    const body = await answer.json();
    const rows = body.messages.map((m) => {
      const tr = document.createElement("tr");
      tr.className = "message";
      cell(tr, String(m.id_state));
      cell(tr, m.to);
      cell(tr, m.from);
      cell(tr, m.text, "text");
      cell(tr, m.part_no + "/" + m.num_parts);
      cell(tr, m.state, "state " + m.state);
      cell(tr, m.states.map((s) => s.state + " " + s.time).join(" → "));
      const attempts = m.dlr_attempts.map(
        (a) => (a.state ?? "") + " #" + a.attempt + " " + (a.status ?? "-") + " " + a.answer
      );
      cell(tr, attempts.join("; ") || "-");
      return tr;
    });
    document.getElementById("messages").replaceChildren(...rows);
    const when = new Date().toLocaleTimeString();
    document.getElementById("status").textContent = rows.length + " message part(s), updated " + when;
  } catch (error) {
    document.getElementById("status").textContent = "cannot reach the sandbox: " + error;
  }
}
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
"""
