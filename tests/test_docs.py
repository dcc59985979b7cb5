"""`make docs`: the API reference is built (tools/build_docs.py) and covers the whole API.

Built once for the module into a temporary directory (Redocly and pdoc take a few seconds).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SPEC

from gatum_rest_py import AsyncGatumRESTAPI, GatumRESTAPI

sys.path.insert(0, str(ROOT / "tools"))
import build_docs

pytestmark = pytest.mark.toolchain  # pdoc is in the `dev` dependency group only, not in `test-runtime`


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("docs")
    try:
        build_docs.build(output)
    except build_docs.DocsError as exc:
        pytest.fail(str(exc), pytrace=False)
    return output


def operation_ids() -> list[str]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    ids = []
    for section in ("paths", "webhooks"):
        for item in spec.get(section, {}).values():
            ids += [op["operationId"] for op in item.values() if isinstance(op, dict) and "operationId" in op]
    return ids


def public_methods(cls: type) -> list[str]:
    return [name for name in dir(cls) if not name.startswith("_") and callable(getattr(cls, name))]


def test_the_spec_has_the_operations_the_test_expects() -> None:
    ids = operation_ids()
    assert len(ids) == len(set(ids)) >= 23 and "sendSms" in ids and "receiveDeliveryReports" in ids


def test_http_reference_is_one_self_contained_page_with_every_operation(docs: Path) -> None:
    page = (docs / "http" / "index.html").read_text(encoding="utf-8")
    # Redoc renders from the definition embedded in the page; each operation must be in it.
    missing = [op for op in operation_ids() if f'"operationId":"{op}"' not in page]
    assert missing == []
    assert re.findall(r"<script[^>]+src=", page) == []  # Redoc itself is inlined, no CDN
    assert "<title>Gatum SMS REST API</title>" in page


def test_python_reference_has_every_public_facade_method(docs: Path) -> None:
    page = html.unescape((docs / "python" / "gatum_rest_py.html").read_text(encoding="utf-8"))
    for cls in (GatumRESTAPI, AsyncGatumRESTAPI):
        methods = public_methods(cls)
        assert "send_sms" in methods and "sms_full_data" in methods
        missing = [name for name in methods if f'id="{cls.__name__}.{name}"' not in page]
        assert missing == [], cls.__name__
    assert 'id="Client"' in page and 'id="GatumError"' in page


def test_python_reference_covers_the_generated_client_webhooks_and_cli(docs: Path) -> None:
    python = docs / "python"
    assert (python / "gatum_client" / "api" / "sms" / "send_sms.html").is_file()
    assert (python / "gatum_client" / "models.html").is_file() or (python / "gatum_client" / "models").is_dir()
    assert (python / "gatum_rest_py" / "webhooks.html").is_file()
    assert (python / "gatum_rest_py" / "cli.html").is_file()


def test_facade_methods_document_their_parameters_and_errors(docs: Path) -> None:
    page = html.unescape((docs / "python" / "gatum_rest_py.html").read_text(encoding="utf-8"))
    start = page.index('class="docstring"', page.index('id="GatumRESTAPI.send_sms"'))
    send_sms = page[start : page.index('class="docstring"', start + 1)]
    for heading in ("Arguments:", "Returns:", "Raises:"):  # rendered as sections, not as plain text
        assert re.search(rf"<h6[^>]*>{heading}</h6>", send_sms), heading
    for parameter in ("access_token", "numbers", "sender_id", "callback_url", "options"):
        assert f"<strong>{parameter}:</strong>" in send_sms, parameter
    assert "<strong>APIConnectionError:</strong>" in send_sms and "outcome_unknown" in send_sms


def test_python_reference_covers_the_sandbox(docs: Path) -> None:
    assert (docs / "python" / "gatum_rest_py" / "sandbox.html").is_file()


def test_cli_reference_has_every_command(docs: Path) -> None:
    page = html.unescape((docs / "cli" / "index.html").read_text(encoding="utf-8"))
    for command in ("gatum send", "gatum numbers add", "gatum dlr listen", "gatum sms list", "gatum mock"):
        assert f'<h2 id="{command.replace(" ", "-")}"><code>{command}</code></h2>' in page, command
    assert "Usage: gatum send [OPTIONS] TEXT" in page and "usage: gatum sandbox" in page


def test_index_links_both_parts(docs: Path) -> None:
    index = (docs / "index.html").read_text(encoding="utf-8")
    for target in re.findall(r'href="([^"]+)"', index):
        assert (docs / target).is_file(), target
    assert 'href="http/index.html"' in index and 'href="python/index.html"' in index
    assert 'href="cli/index.html"' in index
