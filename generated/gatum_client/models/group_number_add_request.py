# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GroupNumberAddRequest")


@_attrs_define
class GroupNumberAddRequest:
    id_group: int
    """ Id of a contact group, an integer in every vendor example (956, 957). """
    numbers: list[Contact]
    """ The contacts to add (at least one). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_group = self.id_group

        numbers = []
        for numbers_item_data in self.numbers:
            numbers_item = numbers_item_data.to_dict()
            numbers.append(numbers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_group": id_group,
                "numbers": numbers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_group = d.pop("id_group")

        numbers = [Contact.from_dict(numbers_item_data) for numbers_item_data in d.pop("numbers")]

        group_number_add_request = cls(
            id_group,
            numbers,
        )

        group_number_add_request.additional_properties = d
        return group_number_add_request

    @classmethod
    def _from_owned_dict(cls: type[T], src_dict: dict[str, Any]) -> T:
        """`from_dict` of a dict just decoded from JSON that nothing else holds: its nested
        models take their dicts over (see their `_from_owned_dict`) instead of copying them.
        """
        d = src_dict if type(src_dict) is dict else dict(src_dict)
        id_group = d.pop("id_group")

        numbers = Contact._from_owned_dicts(d.pop("numbers"))

        group_number_add_request = cls(
            id_group,
            numbers,
        )

        group_number_add_request.additional_properties = d
        return group_number_add_request

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


from ..models.contact import Contact  # noqa: E402
