"""The example values of the seed README (../shared/seed-README.md), shared by the tests."""

from __future__ import annotations

from typing import Any

TOKEN = "gbBX8dB7kDvBeo0H-VN2CX0bAXXbyJ"
PHONES = ["380957225759", "380661093766"]
NOTES = {f"note_{i}": f"tralivali{i if i > 1 else ''}" for i in range(1, 11)}
CONTACTS: list[dict[str, Any]] = [
    {
        "number": 12345678901,
        "name": "Iogan",
        "surname": "Bah",
        "patronymic": "Sebastian",
        "date_birth": "1992-12-31",
        "male": "m",
        **NOTES,
    },
    {
        "number": 12345678900,
        "name": "Liza",
        "surname": "Bah",
        "patronymic": "",
        "date_birth": "1992-12-31",
        "male": "f",
        **NOTES,
    },
]
GROUP_NUMBERS = [12345678900, 12345678901, 17133010164]
BLACK_LIST = [12345665777, 12345665772]

# send_sms with every argument of the seed README's snippet, and the body it must put on the wire.
SEND_SMS_ARGS: dict[str, Any] = {
    "access_token": TOKEN,
    "numbers": PHONES,
    "sender_id": "Verify",
    "text": "Your OTP is 42488",
    "sms_type": "sms",
    "lifetime": "86400",  # a string, as the seed sends it
    "begin_date": "2023-03-19",
    "begin_time": "19:16:00",
    "delivery": True,
}
SEND_SMS_WIRE: list[dict[str, Any]] = [
    {
        "number": PHONES,
        "senderID": "Verify",
        "text": "Your OTP is 42488",
        "type": "sms",
        "lifetime": "86400",
        "beginDate": "2023-03-19",
        "beginTime": "19:16:00",
        "delivery": True,
    }
]
# One delivery report as the seed README's webhook example shows it (one record of sms-full-data too).
DLR_RECORD: dict[str, Any] = {
    "id_state": 598933232,
    "originator": "Verify",
    "phone": "380957225759",
    "type_sms": "sms",
    "text_sms": "Your OTP is 42488",
    "num_parts": 1,
    "part_no": 1,
    "state": "DELIVRD",
    "time": "2023-07-24 12:03:48",
}
