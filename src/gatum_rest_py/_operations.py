"""Each operation's argument mapping, written once and shared by the sync and async facades.

A mapping turns the seed's arguments (names, order and defaults of the vendor's old client)
into a `Call`: the request body in wire names, which generated endpoint it goes to, and which
argument each wire name came from (for error messages). Optional arguments left as None are
left out of the body, except where the old client always sent them: `list_group` sends
`limit` and `offset`, and `create_group` sends `false` for every birthday field not given.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from gatum_client.api.account import account_info as account_info_api
from gatum_client.api.account import register_customer as register_customer_api
from gatum_client.api.auth import logout as logout_api
from gatum_client.api.black_list import black_list_add as black_list_add_api
from gatum_client.api.black_list import black_list_delete as black_list_delete_api
from gatum_client.api.black_list import black_list_search as black_list_search_api
from gatum_client.api.group_numbers import group_number_add as group_number_add_api
from gatum_client.api.group_numbers import group_number_delete as group_number_delete_api
from gatum_client.api.group_numbers import group_number_search as group_number_search_api
from gatum_client.api.groups import create_group as create_group_api
from gatum_client.api.groups import delete_groups as delete_groups_api
from gatum_client.api.groups import list_groups as list_groups_api
from gatum_client.api.pricing import account_price as account_price_api
from gatum_client.api.pricing import country_by_continent as country_by_continent_api
from gatum_client.api.pricing import country_price as country_price_api
from gatum_client.api.pricing import product_price as product_price_api
from gatum_client.api.sms import replacement as replacement_api
from gatum_client.api.sms import send_bulk as send_bulk_api
from gatum_client.api.sms import send_sms as send_sms_api
from gatum_client.api.sms import sms_full_data as sms_full_data_api
from gatum_client.models import (
    AccountInfoResponse,
    CountryByContinentResponse,
    CountryPriceFilter,
    EmptyRequest,
    ErrorResponse,
    GenericSuccessResponse,
    GroupCreateRequest,
    GroupCreateResponse,
    GroupDeleteRequest,
    GroupListRequest,
    GroupListResponse,
    GroupNumberAddRequest,
    GroupNumberSearchResponse,
    GroupNumbersRequest,
    NumbersRequest,
    PriceFilter,
    PriceListResponse,
    RegisterRequest,
    ReplacementRequest,
    SendBulkRequest,
    SendMessage,
    SendResponse,
    SmsFullDataRequest,
    SmsFullDataResponse,
)
from gatum_client.models.sms_type import SmsType
from gatum_client.types import Response

from ._call import Call, CallOptions, Unpack
from ._call import present as _present
from ._numbers import Numbers, as_list, msisdn, msisdns

T = TypeVar("T")


def _send_body(wire: list[dict[str, Any]]) -> list[SendMessage]:
    return [SendMessage.from_dict(message) for message in wire]


# -- auth and account -----------------------------------------------------------------------


def account_info(
    access_token: str | None = None, **options: Unpack[CallOptions]
) -> Call[AccountInfoResponse | ErrorResponse]:
    """Details of the account (`GET /v1/me`)."""
    return Call("accountInfo", account_info_api.sync_detailed, access_token).with_options(options)


def register_customer(
    login: str,
    password: str,
    name: str,
    phone: str,
    email: str,
    company_name: str | None = None,
    skype: str | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Register a new customer account (`POST /v1/register`, no token)."""
    wire = _present(
        login=login, password=password, name=name, phone=phone, email=email, company_name=company_name, skype=skype
    )
    return Call(
        "registerCustomer",
        register_customer_api.sync_detailed,
        None,
        wire,
        RegisterRequest.from_dict,
    ).with_options(options)


def logout(
    access_token: str | None = None, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Destroy the token (`GET /v1/logout`)."""
    return Call("logout", logout_api.sync_detailed, access_token).with_options(options)


# -- sms ------------------------------------------------------------------------------------


def send_sms(
    access_token: str | None,
    numbers: Numbers,
    sender_id: str,
    text: str,
    sms_type: SmsType | None = None,
    begin_date: str | None = None,
    begin_time: str | None = None,
    lifetime: str | int | None = None,
    delivery: bool | None = None,
    *,
    callback_url: str | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | SendResponse]:
    """Send one SMS to one or more numbers (`POST /v1/send`); billed, never retried blindly.

    Left out, `sms_type` is `'sms'`, `lifetime` 86400 s, `delivery` True and the SMS goes out
    now (the platform's defaults). `callback_url` receives this message's delivery reports.
    """
    message = _present(
        number=msisdns(numbers),
        senderID=sender_id,
        text=text,
        type=sms_type,
        lifetime=lifetime,
        beginDate=begin_date,
        beginTime=begin_time,
        delivery=delivery,
        callback_url=callback_url,
    )
    names = {
        "number": "numbers",
        "senderID": "sender_id",
        "type": "sms_type",
        "beginDate": "begin_date",
        "beginTime": "begin_time",
    }
    return Call("sendSms", send_sms_api.sync_detailed, access_token, [message], _send_body, names).with_options(options)


def sms_full_data(
    access_token: str | None = None,
    mcc: int | None = None,
    mnc: int | None = None,
    sender_id: str | None = None,
    phone: Numbers | None = None,
    id_base: int | Sequence[int] | None = None,
    time_period: str | None = None,
    type_sms: SmsType | None = None,
    limit: int | None = None,
    *,
    state: str | Sequence[str] | None = None,
    offset: int | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | SmsFullDataResponse]:
    """Records of sent SMS with their delivery state (`POST /v1/sms-full-data`); every filter optional."""
    wire = _present(
        MCC=mcc,
        MNC=mnc,
        sender=sender_id,
        phone=msisdns(phone),
        id_base=as_list(id_base),
        time_period=time_period,
        type_sms=type_sms,
        limit=limit,
        state=as_list(state),
        offset=offset,
    )
    names = {"MCC": "mcc", "MNC": "mnc", "sender": "sender_id"}
    return Call(
        "smsFullData",
        sms_full_data_api.sync_detailed,
        access_token,
        wire,
        SmsFullDataRequest.from_dict,
        names,
    ).with_options(options)


def replacement(
    access_token: str | None, numbers: Numbers, sender_id: str, text: str, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """How the platform would rewrite sender ID and text for these numbers (`POST /v1/replacement`)."""
    wire = {"number": msisdns(numbers), "senderID": sender_id, "text": text}
    return Call(
        "replacement",
        replacement_api.sync_detailed,
        access_token,
        wire,
        ReplacementRequest.from_dict,
        {"number": "numbers", "senderID": "sender_id"},
    ).with_options(options)


def send_bulk(
    access_token: str | None,
    sender_id: str,
    text: str,
    id_group: int | Sequence[int],
    id_group_excluded: int | Sequence[int] | None = None,
    date_start: str | None = None,
    time_start: str | None = None,
    time_stop: str | None = None,
    phone: Numbers | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Send one SMS to the numbers of groups (`POST /v1/send-bulk`); billed, never retried blindly."""
    wire = _present(
        senderID=sender_id,
        text=text,
        id_group=as_list(id_group),
        id_group_excluded=as_list(id_group_excluded),
        dateStart=date_start,
        timeStart=time_start,
        timeStop=time_stop,
        phone=msisdns(phone),
    )
    names = {"senderID": "sender_id", "dateStart": "date_start", "timeStart": "time_start", "timeStop": "time_stop"}
    return Call(
        "sendBulk",
        send_bulk_api.sync_detailed,
        access_token,
        wire,
        SendBulkRequest.from_dict,
        names,
    ).with_options(options)


# -- groups and their numbers ---------------------------------------------------------------


def list_group(
    access_token: str | None = None,
    id_group: int | None = None,
    limit: int = 10,
    offset: int = 0,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | GroupListResponse]:
    """One page of contact groups, or one group by id (`POST /v1/group`); `offset` is a page index."""
    wire = _present(limit=limit, offset=offset, id_group=id_group)
    return Call(
        "listGroups",
        list_groups_api.sync_detailed,
        access_token,
        wire,
        GroupListRequest.from_dict,
    ).with_options(options)


def create_group(
    access_token: str | None,
    name_group: str,
    time_birth: str | Literal[False] = False,
    originator_birth: str | Literal[False] = False,
    text_birth: str | Literal[False] = False,
    on_birth: bool = False,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | GroupCreateResponse]:
    """Create a contact group (`POST /v1/group-create`); birthday fields not given are sent as false."""
    wire = {
        "name_group": name_group,
        "time_birth": time_birth,
        "originator_birth": originator_birth,
        "text_birth": text_birth,
        "on_birth": on_birth,
    }
    return Call(
        "createGroup",
        create_group_api.sync_detailed,
        access_token,
        wire,
        GroupCreateRequest.from_dict,
    ).with_options(options)


def delete_group(
    access_token: str | None, id_group: int | Sequence[int], **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Delete contact groups by id (`POST /v1/group-delete`)."""
    return Call(
        "deleteGroups",
        delete_groups_api.sync_detailed,
        access_token,
        {"id_group": as_list(id_group)},
        GroupDeleteRequest.from_dict,
    ).with_options(options)


def group_number_add(
    access_token: str | None,
    id_group: int,
    numbers: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Add contacts (`{'number': ..., 'name': ..., ...}`) to a group (`POST /v1/group-number-add`)."""
    return Call(
        "groupNumberAdd",
        group_number_add_api.sync_detailed,
        access_token,
        {"id_group": id_group, "numbers": [_contact(contact) for contact in as_list(numbers) or []]},
        GroupNumberAddRequest.from_dict,
    ).with_options(options)


def _contact(contact: Any) -> Any:
    if not isinstance(contact, Mapping) or "number" not in contact:
        return contact  # the request check names what is wrong with it
    return {**contact, "number": msisdn(contact["number"])}


def group_number_search(
    access_token: str | None, id_group: int, numbers: Numbers, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GroupNumberSearchResponse]:
    """Look numbers up in a group (`POST /v1/group-number-search`)."""
    return Call(
        "groupNumberSearch",
        group_number_search_api.sync_detailed,
        access_token,
        {"id_group": id_group, "numbers": msisdns(numbers)},
        GroupNumbersRequest.from_dict,
    ).with_options(options)


def group_number_delete(
    access_token: str | None, id_group: int, numbers: Numbers, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Remove numbers from a group (`POST /v1/group-number-delete`)."""
    return Call(
        "groupNumberDelete",
        group_number_delete_api.sync_detailed,
        access_token,
        {"id_group": id_group, "numbers": msisdns(numbers)},
        GroupNumbersRequest.from_dict,
    ).with_options(options)


# -- black list -----------------------------------------------------------------------------


def _numbers_call(
    operation_id: str, detailed: Callable[..., Response[T]], access_token: str | None, numbers: Numbers
) -> Call[T]:
    wire = {"numbers": msisdns(numbers)}
    return Call(operation_id, detailed, access_token, wire, NumbersRequest.from_dict)


def black_list_add(
    access_token: str | None, numbers: Numbers, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Add numbers to the black list (`POST /v1/black-list-add`)."""
    return _numbers_call("blackListAdd", black_list_add_api.sync_detailed, access_token, numbers).with_options(options)


def black_list_search(
    access_token: str | None, numbers: Numbers, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Look numbers up in the black list (`POST /v1/black-list-search`)."""
    return _numbers_call("blackListSearch", black_list_search_api.sync_detailed, access_token, numbers).with_options(
        options
    )


def black_list_delete(
    access_token: str | None, numbers: Numbers, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | GenericSuccessResponse]:
    """Remove numbers from the black list (`POST /v1/black-list-delete`)."""
    return _numbers_call("blackListDelete", black_list_delete_api.sync_detailed, access_token, numbers).with_options(
        options
    )


# -- pricing --------------------------------------------------------------------------------


def _price_call(
    operation_id: str, detailed: Callable[..., Response[T]], access_token: str | None, wire: dict[str, Any]
) -> Call[T]:
    model = CountryPriceFilter if operation_id == "countryPrice" else PriceFilter
    names = {"ISO": "iso", "MCC": "mcc", "MNC": "mnc"}
    return Call(operation_id, detailed, access_token, wire, model.from_dict, names)


def product_price(
    access_token: str | None = None,
    iso: str | None = None,
    mcc: int | None = None,
    mnc: int | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | PriceListResponse]:
    """The platform's price list (`POST /v1/product-price`); `iso` is `'full'` or a country code."""
    return _price_call(
        "productPrice", product_price_api.sync_detailed, access_token, _present(ISO=iso, MCC=mcc, MNC=mnc)
    ).with_options(options)


def account_price(
    access_token: str | None = None,
    iso: str | None = None,
    mcc: int | None = None,
    mnc: int | None = None,
    **options: Unpack[CallOptions],
) -> Call[ErrorResponse | PriceListResponse]:
    """This account's prices (`POST /v1/account-price`)."""
    return _price_call(
        "accountPrice", account_price_api.sync_detailed, access_token, _present(ISO=iso, MCC=mcc, MNC=mnc)
    ).with_options(options)


def country_price(
    access_token: str | None = None, iso: str | None = None, mcc: int | None = None, **options: Unpack[CallOptions]
) -> Call[ErrorResponse | PriceListResponse]:
    """Prices per country (`POST /v1/country-price`)."""
    return _price_call(
        "countryPrice", country_price_api.sync_detailed, access_token, _present(ISO=iso, MCC=mcc)
    ).with_options(options)


def country_by_continent(
    access_token: str | None = None, **options: Unpack[CallOptions]
) -> Call[CountryByContinentResponse | ErrorResponse]:
    """Countries grouped by continent (`POST /v1/country-by-continent`)."""
    return Call(
        "countryByContinent",
        country_by_continent_api.sync_detailed,
        access_token,
        {},
        EmptyRequest.from_dict,
    ).with_options(options)
