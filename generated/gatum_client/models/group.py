# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Group")


@_attrs_define
class Group:
    """A contact group. Fields per the MindCloud connector docs (list-groups: `id_group`,
    `name_group`, `numbers_count`, `on_birth`; create-group adds `originator_birth`,
    `text_birth`, `time_birth`) and the vendor client's group-create fields; birthday fields
    may be `false` (the vendor Python client sends `false` for them). Unknown fields are kept.

    """

    id_group: int | str
    """ An id as the platform sends it: an integer in the vendor README's examples, a string in
    third-party code (a C# gateway's captured send answer shows UUID strings such as
    `4c43afb8-4768-46dd-aa51-9e8bca3d3cd9`). Kept exactly as sent; never parse it as a number.
     """
    name_group: float | int | None | str | Unset = UNSET
    """ Text, but kept as sent when the platform sends a number or `null` (e.g. a phone number sent as a number).
    """
    time_birth: bool | None | str | Unset = UNSET
    """ Greeting time, or `false`. """
    originator_birth: bool | None | str | Unset = UNSET
    """ Greeting sender ID, or `false`. """
    text_birth: bool | None | str | Unset = UNSET
    """ Greeting text, or `false`. """
    on_birth: bool | int | None | str | Unset = UNSET
    """ A yes/no flag: a boolean, but kept as sent when the platform sends `0`/`1`, a string or `null`. """
    numbers_count: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    count: int | None | str | Unset = UNSET
    """ A count or code: an integer, but kept as sent when the platform sends a string or `null`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id_group: int | str
        id_group = self.id_group

        name_group: float | int | None | str | Unset
        if isinstance(self.name_group, Unset):
            name_group = UNSET
        else:
            name_group = self.name_group

        time_birth: bool | None | str | Unset
        if isinstance(self.time_birth, Unset):
            time_birth = UNSET
        else:
            time_birth = self.time_birth

        originator_birth: bool | None | str | Unset
        if isinstance(self.originator_birth, Unset):
            originator_birth = UNSET
        else:
            originator_birth = self.originator_birth

        text_birth: bool | None | str | Unset
        if isinstance(self.text_birth, Unset):
            text_birth = UNSET
        else:
            text_birth = self.text_birth

        on_birth: bool | int | None | str | Unset
        if isinstance(self.on_birth, Unset):
            on_birth = UNSET
        else:
            on_birth = self.on_birth

        numbers_count: int | None | str | Unset
        if isinstance(self.numbers_count, Unset):
            numbers_count = UNSET
        else:
            numbers_count = self.numbers_count

        count: int | None | str | Unset
        if isinstance(self.count, Unset):
            count = UNSET
        else:
            count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id_group": id_group,
            }
        )
        if name_group is not UNSET:
            field_dict["name_group"] = name_group
        if time_birth is not UNSET:
            field_dict["time_birth"] = time_birth
        if originator_birth is not UNSET:
            field_dict["originator_birth"] = originator_birth
        if text_birth is not UNSET:
            field_dict["text_birth"] = text_birth
        if on_birth is not UNSET:
            field_dict["on_birth"] = on_birth
        if numbers_count is not UNSET:
            field_dict["numbers_count"] = numbers_count
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id_group = d.pop("id_group")

        name_group = d.pop("name_group", UNSET)

        time_birth = d.pop("time_birth", UNSET)

        originator_birth = d.pop("originator_birth", UNSET)

        text_birth = d.pop("text_birth", UNSET)

        on_birth = d.pop("on_birth", UNSET)

        numbers_count = d.pop("numbers_count", UNSET)

        count = d.pop("count", UNSET)

        group = cls(
            id_group,
            name_group,
            time_birth,
            originator_birth,
            text_birth,
            on_birth,
            numbers_count,
            count,
        )

        group.additional_properties = d
        return group

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
