# ruff: noqa: F821, B018  (reveal_type is the checkers' builtin; the bare attribute reads are misuses on purpose)
"""A user's program, type-checked by tests/test_typing.py with mypy --strict and pyright.

A line calling reveal_type and ending in `# T: A, B` must reveal a type naming exactly the classes A and B
(and no Any); a line ending in `# E` must be reported as an error by both checkers; no other line may be.
"""

from __future__ import annotations

from gatum_client.api.groups import list_groups
from gatum_client.api.sms import send_sms
from gatum_client.models import GroupListRequest, SendMessage, SendResponse

from gatum_rest_py import AsyncGatumRESTAPI, Client, GatumRESTAPI


def facade(api: GatumRESTAPI) -> None:
    response = api.send_sms("tok", ["380957225759"], "Verify", "Your OTP is 42488", extra_body={"x": 1}, timeout=5)
    reveal_type(response)  # T: GatumResponse, ErrorResponse, SendResponse
    reveal_type(response.parsed)  # T: ErrorResponse, SendResponse, UnparsedBody, None
    if isinstance(response.parsed, SendResponse):
        reveal_type(response.parsed.data)  # T: SendSending, SendResultsByNumber
        response.parsed.data.no_such_attribute  # E
    reveal_type(api.list_group("tok"))  # T: GatumResponse, ErrorResponse, GroupListResponse
    reveal_type(api.account_info("tok"))  # T: GatumResponse, AccountInfoResponse, ErrorResponse
    api.send_sms("tok", ["380957225759"], "Verify", 42)  # E
    api.send_sms("tok", ["380957225759"], "Verify", "hi", sms_type="fax")  # E
    api.account_info("tok", max_retries="two")  # E
    api.account_info("tok", no_such_option=1)  # E
    # One rule for number arguments: a lone number or a list of them, written as people write them.
    api.send_sms("tok", "+380 95 722-57-59", "Verify", "hi")
    api.black_list_add("tok", 380957225759)
    for _page in api.iter_sms_full_data(None, phone="380957225759", state="DELIVRD"):
        pass
    api.send_sms("tok", [b"380957225759"], "Verify", "hi")  # E


async def async_facade(api: AsyncGatumRESTAPI) -> None:
    response = await api.sms_full_data("tok", limit=10)
    reveal_type(response)  # T: GatumResponse, ErrorResponse, SmsFullDataResponse
    await api.sms_full_data("tok", limit="ten")  # E


def typed_path(client: Client) -> None:
    sent = send_sms.sync_or_raise(client=client, body=[SendMessage(number=["380957225759"], sender_id="V", text="t")])
    reveal_type(sent)  # T: SendResponse
    reveal_type(list_groups.sync_or_raise(client=client, body=GroupListRequest()))  # T: GroupListResponse
    sent.no_such_attribute  # E
