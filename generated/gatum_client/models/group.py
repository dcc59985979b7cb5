# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="Group")


@_attrs_define(slots=False)
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
        if len(src_dict) != 8 or not _FIELDS.issuperset(src_dict):
            if "id_group" not in src_dict:
                raise KeyError("id_group")
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        group = object.__new__(cls)
        group.__dict__ = src_dict
        return group

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 8 and known(item):
                group = new(cls)
                group.__dict__ = item
                models.append(group)
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
        "id_group",
        "name_group",
        "time_birth",
        "originator_birth",
        "text_birth",
        "on_birth",
        "numbers_count",
        "count",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(Group, "name_group", UNSET)
setattr(Group, "time_birth", UNSET)
setattr(Group, "originator_birth", UNSET)
setattr(Group, "text_birth", UNSET)
setattr(Group, "on_birth", UNSET)
setattr(Group, "numbers_count", UNSET)
setattr(Group, "count", UNSET)
setattr(Group, "additional_properties", AdditionalProperties())
