# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sms_type import SmsType, check_sms_type
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryReport")


@_attrs_define
class DeliveryReport:
    """The delivery state of one SMS part. Unknown extra fields are kept."""

    id_state: int
    """ Id of the message, as returned by `/v1/send`. """
    phone: str
    """ Destination MSISDN. """
    state: str
    """ Delivery state, e.g. `DELIVRD`, `UNDELIV`, `EXPIRED`, `REJECTD` (other values are kept as sent). """
    originator: str | Unset = UNSET
    """ Sender ID. """
    type_sms: SmsType | Unset = UNSET
    """ Kind of request: `sms` a text message, `hlr` a reachability look-up, `mnp` a number-portability look-up. """
    text_sms: str | Unset = UNSET
    """ Message text. """
    num_parts: int | Unset = UNSET
    """ Number of parts of the message. """
    part_no: int | Unset = UNSET
    """ Which part this report is about (1-based). """
    time: str | Unset = UNSET
    """ When the state was reached, `YYYY-MM-DD HH:MM:SS`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_state = self.id_state

        phone = self.phone

        state = self.state

        originator = self.originator

        type_sms: str | Unset = UNSET
        if not isinstance(self.type_sms, Unset):
            type_sms = self.type_sms

        text_sms = self.text_sms

        num_parts = self.num_parts

        part_no = self.part_no

        time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_state": id_state,
                "phone": phone,
                "state": state,
            }
        )
        if originator is not UNSET:
            field_dict["originator"] = originator
        if type_sms is not UNSET:
            field_dict["type_sms"] = type_sms
        if text_sms is not UNSET:
            field_dict["text_sms"] = text_sms
        if num_parts is not UNSET:
            field_dict["num_parts"] = num_parts
        if part_no is not UNSET:
            field_dict["part_no"] = part_no
        if time is not UNSET:
            field_dict["time"] = time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_state = d.pop("id_state")

        phone = d.pop("phone")

        state = d.pop("state")

        originator = d.pop("originator", UNSET)

        _type_sms = d.pop("type_sms", UNSET)
        type_sms: SmsType | Unset
        if isinstance(_type_sms, Unset):
            type_sms = UNSET
        else:
            type_sms = check_sms_type(_type_sms)

        text_sms = d.pop("text_sms", UNSET)

        num_parts = d.pop("num_parts", UNSET)

        part_no = d.pop("part_no", UNSET)

        time = d.pop("time", UNSET)

        delivery_report = cls(
            id_state=id_state,
            phone=phone,
            state=state,
            originator=originator,
            type_sms=type_sms,
            text_sms=text_sms,
            num_parts=num_parts,
            part_no=part_no,
            time=time,
        )

        delivery_report.additional_properties = d
        return delivery_report

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
