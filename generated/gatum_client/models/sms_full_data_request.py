# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sms_type import SmsType, check_sms_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="SmsFullDataRequest")


@_attrs_define
class SmsFullDataRequest:
    """Filters; all optional."""

    mcc: int | Unset = UNSET
    """ Mobile Country Code, three digits (ITU-T E.212); an integer in the vendor PHP README (`'MCC' => 224`). """
    mnc: int | Unset = UNSET
    """ Mobile Network Code, two or three digits (ITU-T E.212); an integer in the vendor PHP README (`'MNC' => 2`).
    """
    sender: str | Unset = UNSET
    """ Sender ID the SMS were sent with. """
    phone: list[int | str] | Unset = UNSET
    """ One or more phone numbers (the vendor clients send a list; an empty one would send nothing). """
    id_base: list[int] | Unset = UNSET
    """ One or more group ids (a list in the vendor clients, e.g. `[1,2,3]`). """
    time_period: str | Unset = UNSET
    """ Sending period, `YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS` (both vendor READMEs). """
    type_sms: SmsType | Unset = UNSET
    """ Kind of message: `sms`, `hlr` (reachability look-up) or `mnp` (number-portability look-up)
    per the vendor Python README ("allowed types: 'sms', 'hlr', 'mnp'"). The vendor PHP README
    also lists `SMS, HLR, WAPPUSH, FLASHSMS` (its example sends lowercase `sms`). Neither says
    which case the platform expects, so one rule holds for every type: lowercase and uppercase
    are both accepted.
     """
    limit: int | None | Unset = UNSET
    """ At most this many records; `null` for the platform's default (the vendor PHP README sends `null`). """
    state: list[str] | Unset = UNSET
    """ Delivery states to keep. """
    offset: int | Unset = UNSET
    """ Page index (0 is the first page; the vendor PHP README: "page of view"). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mcc = self.mcc

        mnc = self.mnc

        sender = self.sender

        phone: list[int | str] | Unset = UNSET
        if not isinstance(self.phone, Unset):
            phone = []
            for componentsschemas_msisdn_list_item_data in self.phone:
                componentsschemas_msisdn_list_item: int | str
                componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data
                phone.append(componentsschemas_msisdn_list_item)

        id_base: list[int] | Unset = UNSET
        if not isinstance(self.id_base, Unset):
            id_base = self.id_base

        time_period = self.time_period

        type_sms: str | Unset = UNSET
        if not isinstance(self.type_sms, Unset):
            type_sms = self.type_sms

        limit: int | None | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        state: list[str] | Unset = UNSET
        if not isinstance(self.state, Unset):
            state = self.state

        offset = self.offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mcc is not UNSET:
            field_dict["MCC"] = mcc
        if mnc is not UNSET:
            field_dict["MNC"] = mnc
        if sender is not UNSET:
            field_dict["sender"] = sender
        if phone is not UNSET:
            field_dict["phone"] = phone
        if id_base is not UNSET:
            field_dict["id_base"] = id_base
        if time_period is not UNSET:
            field_dict["time_period"] = time_period
        if type_sms is not UNSET:
            field_dict["type_sms"] = type_sms
        if limit is not UNSET:
            field_dict["limit"] = limit
        if state is not UNSET:
            field_dict["state"] = state
        if offset is not UNSET:
            field_dict["offset"] = offset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mcc = d.pop("MCC", UNSET)

        mnc = d.pop("MNC", UNSET)

        sender = d.pop("sender", UNSET)

        _phone = d.pop("phone", UNSET)
        phone: list[int | str] | Unset = UNSET
        if _phone is not UNSET:
            phone = []
            for componentsschemas_msisdn_list_item_data in _phone:
                componentsschemas_msisdn_list_item = componentsschemas_msisdn_list_item_data

                phone.append(componentsschemas_msisdn_list_item)

        id_base = cast(list[int], d.pop("id_base", UNSET))

        time_period = d.pop("time_period", UNSET)

        _type_sms = d.pop("type_sms", UNSET)
        type_sms: SmsType | Unset
        if isinstance(_type_sms, Unset):
            type_sms = UNSET
        else:
            type_sms = check_sms_type(_type_sms)

        limit = d.pop("limit", UNSET)

        state = cast(list[str], d.pop("state", UNSET))

        offset = d.pop("offset", UNSET)

        sms_full_data_request = cls(
            mcc,
            mnc,
            sender,
            phone,
            id_base,
            time_period,
            type_sms,
            limit,
            state,
            offset,
        )

        sms_full_data_request.additional_properties = d
        return sms_full_data_request

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
