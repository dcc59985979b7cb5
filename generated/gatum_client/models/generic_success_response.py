# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="GenericSuccessResponse")


@_attrs_define(slots=False)
class GenericSuccessResponse:
    """Success envelope whose `data` is kept exactly as sent. The MindCloud connector docs show,
    per action: send-bulk `{"details": {"id_group": [1], "senderID": …, "sentID": 1}}`,
    delete-groups `{"groupDetails": {"command": …, "deleteCount": 1}, "list": [1]}`,
    group-number-add/-delete `{"groupDetails": {…}}`, black-list add/delete
    `{"blacklistDetails": {"countAfter": 1, "countBefore": 1}}`.

    """

    status: bool
    """ `true` on success. A body with `status: false` is an error answer, whatever the HTTP status. """
    data: Any | Unset = UNSET
    """ Whatever the platform answered. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

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
        if len(src_dict) != 2 or not _FIELDS.issuperset(src_dict):
            if "status" not in src_dict:
                raise KeyError("status")
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        generic_success_response = object.__new__(cls)
        generic_success_response.__dict__ = src_dict
        return generic_success_response

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 2 and known(item):
                generic_success_response = new(cls)
                generic_success_response.__dict__ = item
                models.append(generic_success_response)
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
        "status",
        "data",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(GenericSuccessResponse, "data", UNSET)
setattr(GenericSuccessResponse, "additional_properties", AdditionalProperties())
