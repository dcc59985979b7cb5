# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, AdditionalProperties, Unset

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define(slots=False)
class RegisterRequest:
    login: str
    """ Login of the new account. """
    password: str = _attrs_field(repr=False)
    """ Password of the new account. """
    name: str
    """ Person responsible for the new account. """
    phone: str
    """ Contact phone number. """
    email: str
    """ Contact e-mail address. """
    company_name: str | Unset = UNSET
    """ Company name. """
    skype: str | Unset = UNSET
    """ Skype name. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        login = self.login

        password = self.password

        name = self.name

        phone = self.phone

        email = self.email

        company_name = self.company_name

        skype = self.skype

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "login": login,
                "password": password,
                "name": name,
                "phone": phone,
                "email": email,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if skype is not UNSET:
            field_dict["skype"] = skype

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
        if len(src_dict) != 7 or not _FIELDS.issuperset(src_dict):
            if "login" not in src_dict:
                raise KeyError("login")
            if "password" not in src_dict:
                raise KeyError("password")
            if "name" not in src_dict:
                raise KeyError("name")
            if "phone" not in src_dict:
                raise KeyError("phone")
            if "email" not in src_dict:
                raise KeyError("email")
            unknown = [key for key in src_dict if key not in _FIELDS]
            if unknown:
                src_dict["additional_properties"] = {key: src_dict.pop(key) for key in unknown}
        register_request = object.__new__(cls)
        register_request.__dict__ = src_dict
        return register_request

    @classmethod
    def _from_owned_dicts(cls: type[T], items: list[dict[str, Any]]) -> list[T]:
        """`_from_owned_dict` of each item of a list just decoded from JSON, in one loop: the
        common case, an object with exactly the known keys, is taken over without a call.
        """
        new = object.__new__
        known = _FIELDS.issuperset
        models: list[T] = []
        for item in items:
            if type(item) is dict and len(item) == 7 and known(item):
                register_request = new(cls)
                register_request.__dict__ = item
                models.append(register_request)
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
        "login",
        "password",
        "name",
        "phone",
        "email",
        "company_name",
        "skype",
    }
)
# What an adopted instance dict lacks is read from the class: UNSET for a missing optional field,
# an empty dict made on first read for additional_properties (attrs took the class attributes away).
setattr(RegisterRequest, "company_name", UNSET)
setattr(RegisterRequest, "skype", UNSET)
setattr(RegisterRequest, "additional_properties", AdditionalProperties())
