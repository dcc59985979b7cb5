# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="DeliveryReport")


@_attrs_define(slots=False)
class DeliveryReport:
    """The delivery state of one SMS part, as the platform reports it (webhook body) or lists it
    (`/v1/sms-full-data`). Shape per the vendor README's webhook example (`id_state` an integer,
    `time` as `YYYY-MM-DD HH:MM:SS`); third-party integrations type `id_state` as a string, so
    both are accepted. Only `id_state` is required: every other field may be missing or `null`,
    values are kept exactly as sent (no enum, pattern or date parsing), and unknown fields are kept.

    """

    id_state: int | str
    """ Id of the message, as returned by `/v1/send` (an integer; a string in third-party type declarations). """
    originator: None | str | Unset = UNSET
    """ Sender ID. """
    phone: int | None | str | Unset = UNSET
    """ Destination MSISDN, kept as sent (digits in the vendor's examples; a leading `+` is kept too). """
    type_sms: None | str | Unset = UNSET
    """ Kind of message (`sms`, …); unknown kinds are kept. """
    text_sms: None | str | Unset = UNSET
    """ Message text. """
    num_parts: int | None | str | Unset = UNSET
    """ Number of parts of the message. """
    part_no: int | None | str | Unset = UNSET
    """ Which part this report is about (1-based). """
    state: None | str | Unset = UNSET
    """ Delivery state, e.g. `DELIVRD`, `UNDELIV`, `EXPIRED`, `REJECTD`, `ENROUTE`; unknown states are kept. """
    time: int | None | str | Unset = UNSET
    """ When the state was reached: `YYYY-MM-DD HH:MM:SS` in the vendor README; kept as sent (ISO 8601 and other
    forms too). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_state: int | str
        id_state = self.id_state

        originator: None | str | Unset
        if isinstance(self.originator, Unset):
            originator = UNSET
        else:
            originator = self.originator

        phone: int | None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        type_sms: None | str | Unset
        if isinstance(self.type_sms, Unset):
            type_sms = UNSET
        else:
            type_sms = self.type_sms

        text_sms: None | str | Unset
        if isinstance(self.text_sms, Unset):
            text_sms = UNSET
        else:
            text_sms = self.text_sms

        num_parts: int | None | str | Unset
        if isinstance(self.num_parts, Unset):
            num_parts = UNSET
        else:
            num_parts = self.num_parts

        part_no: int | None | str | Unset
        if isinstance(self.part_no, Unset):
            part_no = UNSET
        else:
            part_no = self.part_no

        state: None | str | Unset
        if isinstance(self.state, Unset):
            state = UNSET
        else:
            state = self.state

        time: int | None | str | Unset
        if isinstance(self.time, Unset):
            time = UNSET
        else:
            time = self.time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_state": id_state,
            }
        )
        if originator is not UNSET:
            field_dict["originator"] = originator
        if phone is not UNSET:
            field_dict["phone"] = phone
        if type_sms is not UNSET:
            field_dict["type_sms"] = type_sms
        if text_sms is not UNSET:
            field_dict["text_sms"] = text_sms
        if num_parts is not UNSET:
            field_dict["num_parts"] = num_parts
        if part_no is not UNSET:
            field_dict["part_no"] = part_no
        if state is not UNSET:
            field_dict["state"] = state
        if time is not UNSET:
            field_dict["time"] = time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        return cls._from_owned_dict(dict(src_dict))

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: the object takes
        the dict over as its instance dict (no copy), unknown keys moved to additional_properties.
        A missing optional key reads as the class's UNSET; a missing required key raises KeyError
        before the dict is changed.
        """
        if type(src_dict) is not dict:
            return cls.from_dict(src_dict)
        if len(src_dict) != 9 or not _FIELDS.issuperset(src_dict):
            if "id_state" not in src_dict:
                raise KeyError("id_state")
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        delivery_report = object.__new__(cls)
        delivery_report.__dict__ = src_dict
        return delivery_report

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 9 and known(item):
                delivery_report = new(cls)
                delivery_report.__dict__ = item
                models.append(delivery_report)
            else:
                models.append(cls._from_owned_dict(item))
        return models

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


_FIELDS = frozenset(
    {
        "id_state",
        "originator",
        "phone",
        "type_sms",
        "text_sms",
        "num_parts",
        "part_no",
        "state",
        "time",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(DeliveryReport, "originator", UNSET)
setattr(DeliveryReport, "phone", UNSET)
setattr(DeliveryReport, "type_sms", UNSET)
setattr(DeliveryReport, "text_sms", UNSET)
setattr(DeliveryReport, "num_parts", UNSET)
setattr(DeliveryReport, "part_no", UNSET)
setattr(DeliveryReport, "state", UNSET)
setattr(DeliveryReport, "time", UNSET)
setattr(DeliveryReport, "additional_properties", AdditionalProperties())
