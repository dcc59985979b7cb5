# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from typing import Literal

ContactMale = Literal["f", "m"]

CONTACT_MALE_VALUES: set[ContactMale] = {
    "f",
    "m",
}


def check_contact_male(value: str) -> ContactMale:
    if value in CONTACT_MALE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTACT_MALE_VALUES!r}")
