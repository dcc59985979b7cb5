# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GroupCreateRequest")


@_attrs_define
class GroupCreateRequest:
    name_group: str
    """ Name of the group. """
    time_birth: bool | str | Unset = UNSET
    """ Time to send birthday greetings (`HH:MM`), or `false` for none. """
    originator_birth: bool | str | Unset = UNSET
    """ Sender ID of the greetings, or `false` for none. """
    text_birth: bool | str | Unset = UNSET
    """ Greeting text (`#first_name#` is replaced by the contact's name), or `false` for none. """
    on_birth: bool | Unset = UNSET
    """ Whether birthday greetings are sent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name_group = self.name_group

        time_birth: bool | str | Unset
        if isinstance(self.time_birth, Unset):
            time_birth = UNSET
        else:
            time_birth = self.time_birth

        originator_birth: bool | str | Unset
        if isinstance(self.originator_birth, Unset):
            originator_birth = UNSET
        else:
            originator_birth = self.originator_birth

        text_birth: bool | str | Unset
        if isinstance(self.text_birth, Unset):
            text_birth = UNSET
        else:
            text_birth = self.text_birth

        on_birth = self.on_birth

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name_group": name_group,
            }
        )
        if time_birth is not UNSET:
            field_dict["time_birth"] = time_birth
        if originator_birth is not UNSET:
            field_dict["originator_birth"] = originator_birth
        if text_birth is not UNSET:
            field_dict["text_birth"] = text_birth
        if on_birth is not UNSET:
            field_dict["on_birth"] = on_birth

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name_group = d.pop("name_group")

        time_birth = d.pop("time_birth", UNSET)

        originator_birth = d.pop("originator_birth", UNSET)

        text_birth = d.pop("text_birth", UNSET)

        on_birth = d.pop("on_birth", UNSET)

        group_create_request = cls(
            name_group,
            time_birth,
            originator_birth,
            text_birth,
            on_birth,
        )

        group_create_request.additional_properties = d
        return group_create_request

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
