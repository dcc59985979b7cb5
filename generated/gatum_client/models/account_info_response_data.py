# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountInfoResponseData")


@_attrs_define
class AccountInfoResponseData:
    """Account details; *assumed* fields, every field sent is kept."""

    login: str | Unset = UNSET
    """ Login of the account. """
    name: str | Unset = UNSET
    """ Person responsible for the account. """
    email: str | Unset = UNSET
    """ Contact e-mail address. """
    phone: str | Unset = UNSET
    """ Contact phone number. """
    company_name: str | Unset = UNSET
    """ Company name. """
    balance: float | Unset = UNSET
    """ Account balance, in `currency`. """
    currency: str | Unset = UNSET
    """ ISO 4217 currency code. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        login = self.login

        name = self.name

        email = self.email

        phone = self.phone

        company_name = self.company_name

        balance = self.balance

        currency = self.currency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if login is not UNSET:
            field_dict["login"] = login
        if name is not UNSET:
            field_dict["name"] = name
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if balance is not UNSET:
            field_dict["balance"] = balance
        if currency is not UNSET:
            field_dict["currency"] = currency

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        login = d.pop("login", UNSET)

        name = d.pop("name", UNSET)

        email = d.pop("email", UNSET)

        phone = d.pop("phone", UNSET)

        company_name = d.pop("company_name", UNSET)

        balance = d.pop("balance", UNSET)

        currency = d.pop("currency", UNSET)

        account_info_response_data = cls(
            login=login,
            name=name,
            email=email,
            phone=phone,
            company_name=company_name,
            balance=balance,
            currency=currency,
        )

        account_info_response_data.additional_properties = d
        return account_info_response_data

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
