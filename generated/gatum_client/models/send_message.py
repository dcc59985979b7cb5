# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sms_type import SmsType, check_sms_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="SendMessage")


@_attrs_define
class SendMessage:
    """One message to one or more destination numbers."""

    number: list[int | str]
    """ One or more phone numbers (the vendor clients send a list; an empty one would send nothing). """
    sender_id: str
    """ Sender ID (originator). Numeric: 3–16 digits (the vendor Python README says 3–15; the
    vendor's site, gatum.io "SMS sender: types of sender names", says not more than 16 digits
    and short codes of 3–5 digits: the wider bound is accepted). Alphanumeric (at least one
    non-digit): at most 11 characters, spaces included (both sources). The vendor's site lists
    only printable characters (Latin letters, digits, space and `| , . ; % # ! ^ [ ] ( ) / ~ < >`)
    "with no guarantee" that carriers pass them, so only control characters (line breaks,
    tabs) are refused here.
     """
    text: str
    """ Message text (UTF-8; long texts are split into parts). """
    type_: SmsType | Unset = UNSET
    """ Kind of message: `sms`, `hlr` (reachability look-up) or `mnp` (number-portability look-up)
    per the vendor Python README ("allowed types: 'sms', 'hlr', 'mnp'"). The vendor PHP README
    also lists `SMS, HLR, WAPPUSH, FLASHSMS` (its example sends lowercase `sms`). Neither says
    which case the platform expects, so one rule holds for every type: lowercase and uppercase
    are both accepted.
     """
    delivery: bool | Unset = True
    """ Whether delivery reports are produced. """
    lifetime: int | str | Unset = UNSET
    """ How long the platform keeps trying to deliver, in seconds (default 86400); an integer (vendor PHP README) or
    a digit string (vendor Python README, `'86400'`). """
    begin_date: str | Unset = UNSET
    """ Calendar date, `YYYY-MM-DD` (the vendor clients' `beginDate`, `dateStart` and `date_birth`
    examples). Days that no month has (`2023-02-31`, `2023-04-31`) are refused; 29 February is
    accepted in every year.
     """
    begin_time: str | Unset = UNSET
    """ Time of day in GMT+0, `HH:MM:SS` (vendor Python README) or `HH:MM` (vendor PHP README, send-bulk window).
    """
    callback_url: str | Unset = UNSET
    """ URL that receives this message's delivery reports. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = []
        for componentsschemas_msisdn_list_item_data in self.number:
            componentsschemas_msisdn_list_item: int | str
            componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data
            number.append(componentsschemas_msisdn_list_item)

        sender_id: str
        sender_id = self.sender_id

        text = self.text

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_

        delivery = self.delivery

        lifetime: int | str | Unset
        if isinstance(self.lifetime, Unset):
            lifetime = UNSET
        else:
            lifetime = self.lifetime

        begin_date = self.begin_date

        begin_time = self.begin_time

        callback_url = self.callback_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "senderID": sender_id,
                "text": text,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if delivery is not UNSET:
            field_dict["delivery"] = delivery
        if lifetime is not UNSET:
            field_dict["lifetime"] = lifetime
        if begin_date is not UNSET:
            field_dict["beginDate"] = begin_date
        if begin_time is not UNSET:
            field_dict["beginTime"] = begin_time
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = []
        _number = d.pop("number")
        for componentsschemas_msisdn_list_item_data in _number:
            componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data

            number.append(componentsschemas_msisdn_list_item)

        sender_id = d.pop("senderID")

        text = d.pop("text")

        _type_ = d.pop("type", UNSET)
        type_: SmsType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = check_sms_type(_type_)

        delivery = d.pop("delivery", UNSET)

        lifetime = d.pop("lifetime", UNSET)

        begin_date = d.pop("beginDate", UNSET)

        begin_time = d.pop("beginTime", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        send_message = cls(
            number,
            sender_id,
            text,
            type_,
            delivery,
            lifetime,
            begin_date,
            begin_time,
            callback_url,
        )

        send_message.additional_properties = d
        return send_message

    _from_owned_dict = from_dict

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON."""
        return [cls._from_owned_dict(item) for item in items]

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
