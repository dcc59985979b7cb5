"""The inbox: `GET /` is a page listing what was sent, live; `GET /_sandbox/messages` its JSON twin.

Besides the messages (a scheduled one shows as waiting until its send time), it lists the sends
the platform would block (`no_money`, `phone_in_black_list`: the panel's "Blocked SMS") and the
report queue (reports whose delivery attempts are used up, until "Resend all").

The page is static HTML whose small script polls the twin every second and renders the rows
with `textContent` only (message texts are whatever the application sent: never markup).
`?number=...` on either filters by destination number (a substring match).

Example:
    curl -s '127.0.0.1:4010/_sandbox/messages?number=380957225759'
"""

from __future__ import annotations

from typing import Any

from ._store import Store, now_text

PAGE = 200
"""Message parts the inbox lists by default (`?limit=N` for another number, `?limit=0` for all)."""


def inbox_json(store: Store, number: str | None, limit: int = PAGE) -> dict[str, Any]:
    """Messages newest first: to, from, text, parts, state changes, report deliveries and answers;
    then the blocked sends and the queued reports (newest first, oldest first). `limit` message
    parts at most (0: all); `truncated` says whether there were more."""
    now = store.clock.now()
    rows = store.inbox(number or None, None if limit == 0 else limit + 1)
    truncated = limit != 0 and len(rows) > limit
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
            "send_at": now_text(row["send_at"]) if row["send_at"] else None,
            "waiting": bool(row["send_at"] and row["send_at"] > now),
        }
        for row in (rows[:limit] if truncated else rows)
    ]
    blocked = [
        {"account": b["login"], "to": b["phone"], "from": b["originator"], "text": b["text_sms"], "reason": b["reason"],
         "time": b["time"]}
        for b in store.blocked(number or None)
    ]  # fmt: skip
    queued = [
        {"id_state": q["id_state"], "state": q["state"], "url": q["url"], "time": q["time"]}
        for q in store.queued(number)
    ]
    return {
        "number": number or "",
        "now": now_text(now),
        "messages": messages,
        "truncated": truncated,
        "blocked": blocked,
        "queued_reports": queued,
    }


INBOX_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Gatum sandbox inbox</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1rem; color: #222; }
  h1 { font-size: 1.3rem; margin: 0 0 0.5rem; } h2 { font-size: 1.1rem; margin: 1rem 0 0.3rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.85rem; line-height: 1.25; }
  th, td { border-bottom: 1px solid #ddd; padding: 0.15rem 0.4rem; text-align: left; vertical-align: top; }
  th { background: #f4f4f4; position: sticky; top: 0; }
  /* ids, numbers, dates and times never break inside; only texts and answers wrap */
  td { white-space: nowrap; }
  td.text, #messages td:last-child, #blocked td:nth-child(3), #blocked td:nth-child(4), #queued td:nth-child(3) {
    white-space: normal; overflow-wrap: anywhere; min-width: 12rem; }
  td.text { min-width: 22rem; }
  .state { font-weight: 600; }
  .DELIVRD { color: #1a7f37; } .UNDELIV, .REJECTD, .EXPIRED { color: #b42318; } .waiting { color: #9a6700; }
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
<h2>Blocked sends <small>(not sent, not charged)</small></h2>
<table>
  <thead><tr><th>to</th><th>from</th><th>text</th><th>reason</th><th>time</th></tr></thead>
  <tbody id="blocked"></tbody>
</table>
<h2>Queued reports <small>(delivery attempts used up; <code>POST /_sandbox/dlr/resend-all</code>)</small></h2>
<table>
  <thead><tr><th>id_state</th><th>state</th><th>webhook</th><th>queued at</th></tr></thead>
  <tbody id="queued"></tbody>
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
      const state = m.waiting ? "waiting until " + m.send_at : m.state;
      cell(tr, state, "state " + (m.waiting ? "waiting" : m.state));
      cell(tr, m.states.map((s) => s.state + " " + s.time).join(" → "));
      const attempts = m.dlr_attempts.map(
        (a) => (a.state ?? "") + " #" + a.attempt + " " + (a.status ?? "-") + " " + a.answer
      );
      cell(tr, attempts.join("; ") || "-");
      return tr;
    });
    document.getElementById("messages").replaceChildren(...rows);
    document.getElementById("blocked").replaceChildren(...body.blocked.map((b) => {
      const tr = document.createElement("tr");
      tr.className = "blocked";
      [b.to, b.from, b.text, b.reason, b.time].forEach((text) => cell(tr, text));
      return tr;
    }));
    document.getElementById("queued").replaceChildren(...body.queued_reports.map((q) => {
      const tr = document.createElement("tr");
      tr.className = "queued";
      [String(q.id_state), q.state, q.url, q.time].forEach((text) => cell(tr, text));
      return tr;
    }));
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
