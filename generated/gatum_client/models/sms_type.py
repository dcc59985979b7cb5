# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
from typing import Literal

SmsType = Literal["FLASHSMS", "flashsms", "hlr", "HLR", "MNP", "mnp", "SMS", "sms", "WAPPUSH", "wappush"]

SMS_TYPE_VALUES: set[SmsType] = {
    "FLASHSMS",
    "flashsms",
    "hlr",
    "HLR",
    "MNP",
    "mnp",
    "SMS",
    "sms",
    "WAPPUSH",
    "wappush",
}


def check_sms_type(value: str) -> SmsType:
    if value in SMS_TYPE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SMS_TYPE_VALUES!r}")
