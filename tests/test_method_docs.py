"""The facade methods' docstrings (written by tools/gen_facade.py) say what each parameter is and what is raised."""

from __future__ import annotations

import inspect

import pytest

from gatum_rest_py._methods import AsyncMethods, SyncMethods


def _methods(cls: type) -> list[str]:
    return [name for name, value in vars(cls).items() if inspect.isfunction(value) and not name.startswith("_")]


@pytest.mark.parametrize("cls", [SyncMethods, AsyncMethods])
def test_every_method_documents_its_parameters_what_it_returns_and_raises(cls: type) -> None:
    names = _methods(cls)
    assert "send_sms" in names and "sms_full_data" in names
    for name in names:
        method = getattr(cls, name)
        doc = inspect.getdoc(method) or ""
        parameters = [p for p in inspect.signature(method).parameters if p != "self"]
        missing = [p for p in parameters if f"\n    {p}: " not in doc]
        assert missing == [], name
        assert "\nReturns:\n    The answer to `" in doc and "\nRaises:\n    InvalidRequestError: " in doc, name
        assert "    APIConnectionError: " in doc, name


def test_a_send_says_its_outcome_may_be_unknown_and_is_never_repeated() -> None:
    doc = inspect.getdoc(SyncMethods.send_sms) or ""
    raises = " ".join(doc[doc.index("\nRaises:") :].split())
    assert "outcome_unknown" in raises and "never repeated automatically" in raises
    assert "outcome_unknown" not in (inspect.getdoc(SyncMethods.account_info) or "")
