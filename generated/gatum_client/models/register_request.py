# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RegisterRequest")


@_attrs_define
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
        d = dict(src_dict)
        login = d.pop("login")

        password = d.pop("password")

        name = d.pop("name")

        phone = d.pop("phone")

        email = d.pop("email")

        company_name = d.pop("company_name", UNSET)

        skype = d.pop("skype", UNSET)

        register_request = cls(
            login,
            password,
            name,
            phone,
            email,
            company_name,
            skype,
        )

        register_request.additional_properties = d
        return register_request

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
