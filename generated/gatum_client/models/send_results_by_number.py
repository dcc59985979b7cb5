# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SendResultsByNumber")


@_attrs_define
class SendResultsByNumber:
    """Destination number → the accepted messages for it. Shape per a C# Uwazii gateway's captured
    answer (`{"254717385272": [{"id_state": "4c43…"}]}`) and the wp-sms provider (reads
    `data[phone][0].id_state`).

    """

    additional_properties: dict[str, list[SendResult]] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = []
            for additional_property_item_data in prop:
                additional_property_item = additional_property_item_data.to_dict()
                field_dict[prop_name].append(additional_property_item)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        send_results_by_number = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = [
                SendResult.from_dict(additional_property_item_data) for additional_property_item_data in prop_dict
            ]

            additional_properties[prop_name] = additional_property

        send_results_by_number.additional_properties = additional_properties
        return send_results_by_number

    _from_owned_dict = from_dict

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON."""
        return [cls._from_owned_dict(item) for item in items]

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[SendResult]:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[SendResult]) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


from ..models.send_result import SendResult  # noqa: E402
