# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Facts about the Gatum API taken from openapi/gatum.yaml, for the hand-written layer.

OPERATIONS: operationId -> method, path, whether it needs the access token, whether it is
read-only (`x-gatum-read-only`, safe to retry) and the component schema of its body.
SCHEMAS: the spec's component schemas, as JSON Schema dictionaries.
"""

from typing import Any, Final

OPERATIONS: Final[dict[str, dict[str, Any]]] = {
    "accessToken": {
        "method": "POST",
        "needs_token": False,
        "path": "/v1/accesstoken",
        "read_only": False,
        "request_schema": "AccessTokenRequest",
    },
    "accountInfo": {"method": "GET", "needs_token": True, "path": "/v1/me", "read_only": True, "request_schema": None},
    "accountPrice": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/account-price",
        "read_only": True,
        "request_schema": "PriceFilter",
    },
    "authorize": {
        "method": "POST",
        "needs_token": False,
        "path": "/v1/authorize",
        "read_only": False,
        "request_schema": "AuthorizeRequest",
    },
    "blackListAdd": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-add",
        "read_only": False,
        "request_schema": "NumbersRequest",
    },
    "blackListDelete": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-delete",
        "read_only": False,
        "request_schema": "NumbersRequest",
    },
    "blackListSearch": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-search",
        "read_only": True,
        "request_schema": "NumbersRequest",
    },
    "countryByContinent": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/country-by-continent",
        "read_only": True,
        "request_schema": "EmptyRequest",
    },
    "countryPrice": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/country-price",
        "read_only": True,
        "request_schema": "CountryPriceFilter",
    },
    "createGroup": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-create",
        "read_only": False,
        "request_schema": "GroupCreateRequest",
    },
    "deleteGroups": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-delete",
        "read_only": False,
        "request_schema": "GroupDeleteRequest",
    },
    "groupNumberAdd": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-add",
        "read_only": False,
        "request_schema": "GroupNumberAddRequest",
    },
    "groupNumberDelete": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-delete",
        "read_only": False,
        "request_schema": "GroupNumbersRequest",
    },
    "groupNumberSearch": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-search",
        "read_only": True,
        "request_schema": "GroupNumbersRequest",
    },
    "listGroups": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group",
        "read_only": True,
        "request_schema": "GroupListRequest",
    },
    "logout": {"method": "GET", "needs_token": True, "path": "/v1/logout", "read_only": False, "request_schema": None},
    "productPrice": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/product-price",
        "read_only": True,
        "request_schema": "PriceFilter",
    },
    "registerCustomer": {
        "method": "POST",
        "needs_token": False,
        "path": "/v1/register",
        "read_only": False,
        "request_schema": "RegisterRequest",
    },
    "replacement": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/replacement",
        "read_only": True,
        "request_schema": "ReplacementRequest",
    },
    "sendBulk": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/send-bulk",
        "read_only": False,
        "request_schema": "SendBulkRequest",
    },
    "sendSms": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/send",
        "read_only": False,
        "request_schema": "SendRequest",
    },
    "smsFullData": {
        "method": "POST",
        "needs_token": True,
        "path": "/v1/sms-full-data",
        "read_only": True,
        "request_schema": "SmsFullDataRequest",
    },
}

SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "AccessTokenRequest": {
        "properties": {
            "authorization_code": {"description": "Code from `/v1/authorize`.", "minLength": 1, "type": "string"}
        },
        "required": ["authorization_code"],
        "type": "object",
    },
    "AccessTokenResponse": {
        "properties": {
            "data": {
                "description": "The token.",
                "properties": {
                    "access_token": {"description": "Token for the `X-Access-Token` header.", "type": "string"},
                    "expires_at": {"description": "When the token expires, Unix time in seconds.", "type": "integer"},
                },
                "required": ["access_token", "expires_at"],
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "AccountInfoResponse": {
        "properties": {
            "data": {
                "description": "Account details; *assumed* fields, every field sent is kept.",
                "properties": {
                    "balance": {"description": "Account balance, in `currency`.", "type": "number"},
                    "company_name": {"description": "Company name.", "type": "string"},
                    "currency": {"description": "ISO 4217 currency code.", "type": "string"},
                    "email": {"description": "Contact e-mail address.", "type": "string"},
                    "login": {"description": "Login of the account.", "type": "string"},
                    "name": {"description": "Person responsible for the account.", "type": "string"},
                    "phone": {"description": "Contact phone number.", "type": "string"},
                },
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "AuthorizeRequest": {
        "properties": {
            "password": {
                "description": "Password of the web account.",
                "format": "password",
                "minLength": 1,
                "type": "string",
            },
            "username": {"description": "Login of the web account.", "minLength": 1, "type": "string"},
        },
        "required": ["username", "password"],
        "type": "object",
    },
    "AuthorizeResponse": {
        "properties": {
            "data": {
                "description": "The code.",
                "properties": {
                    "authorization_code": {"description": "One-time code for `/v1/accesstoken`.", "type": "string"}
                },
                "required": ["authorization_code"],
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "Contact": {
        "description": "A contact of a group; only `number` is required.",
        "properties": {
            "date_birth": {"$ref": "#/components/schemas/Date"},
            "male": {"description": "`m` or `f`.", "enum": ["m", "f"], "type": "string"},
            "name": {"description": "First name (replaces `#first_name#`).", "type": "string"},
            "note_1": {"description": "Free note 1.", "type": "string"},
            "note_10": {"description": "Free note 10.", "type": "string"},
            "note_2": {"description": "Free note 2.", "type": "string"},
            "note_3": {"description": "Free note 3.", "type": "string"},
            "note_4": {"description": "Free note 4.", "type": "string"},
            "note_5": {"description": "Free note 5.", "type": "string"},
            "note_6": {"description": "Free note 6.", "type": "string"},
            "note_7": {"description": "Free note 7.", "type": "string"},
            "note_8": {"description": "Free note 8.", "type": "string"},
            "note_9": {"description": "Free note 9.", "type": "string"},
            "number": {"$ref": "#/components/schemas/Msisdn"},
            "patronymic": {"description": "Patronymic (middle name); may be empty.", "type": "string"},
            "surname": {"description": "Last name.", "type": "string"},
        },
        "required": ["number"],
        "type": "object",
    },
    "Country": {
        "description": "A country (*assumed* fields).",
        "properties": {
            "ISO": {"description": "ISO 3166-1 alpha-2 country code.", "type": "string"},
            "MCC": {"$ref": "#/components/schemas/Mcc"},
            "country": {"description": "Country name.", "type": "string"},
        },
        "type": "object",
    },
    "CountryByContinentResponse": {
        "properties": {
            "data": {
                "additionalProperties": {"items": {"$ref": "#/components/schemas/Country"}, "type": "array"},
                "description": "Continent name → its countries.",
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "CountryPriceFilter": {
        "description": "Filters; all optional.",
        "properties": {"ISO": {"$ref": "#/components/schemas/IsoFilter"}, "MCC": {"$ref": "#/components/schemas/Mcc"}},
        "type": "object",
    },
    "Date": {
        "description": "Calendar date, `YYYY-MM-DD`.",
        "examples": ["2023-03-19"],
        "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        "type": "string",
    },
    "DeliveryAcknowledgement": {
        "description": "The `id_state` values the receiver accepted, as strings.",
        "items": {"pattern": "^[0-9]+$", "type": "string"},
        "type": "array",
    },
    "DeliveryReport": {
        "description": "The delivery state of one SMS part. Unknown extra fields are kept.",
        "properties": {
            "id_state": {"description": "Id of the message, as returned by `/v1/send`.", "type": "integer"},
            "num_parts": {"description": "Number of parts of the message.", "minimum": 1, "type": "integer"},
            "originator": {"description": "Sender ID.", "type": "string"},
            "part_no": {"description": "Which part this report is about (1-based).", "minimum": 1, "type": "integer"},
            "phone": {"description": "Destination MSISDN.", "pattern": "^[0-9]{7,15}$", "type": "string"},
            "state": {"$ref": "#/components/schemas/DlrState"},
            "text_sms": {"description": "Message text.", "type": "string"},
            "time": {
                "description": "When the state was reached, `YYYY-MM-DD HH:MM:SS`.",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$",
                "type": "string",
            },
            "type_sms": {"$ref": "#/components/schemas/SmsType"},
        },
        "required": ["id_state", "phone", "state"],
        "type": "object",
    },
    "DeliveryReportBatch": {
        "description": "The reports of one webhook delivery.",
        "items": {"$ref": "#/components/schemas/DeliveryReport"},
        "minItems": 1,
        "type": "array",
    },
    "DlrState": {
        "description": "Delivery state, e.g. `DELIVRD`, `UNDELIV`, `EXPIRED`, `REJECTD` "
        "(other values are kept as sent).",
        "examples": ["DELIVRD"],
        "type": "string",
    },
    "EmptyRequest": {"description": "An empty JSON object.", "type": "object"},
    "ErrorResponse": {
        "description": "The failure envelope.",
        "properties": {
            "error": {"description": "One error message (*assumed*, seen in third-party code).", "type": "string"},
            "error_code": {"description": "Error code, usually the HTTP status.", "type": "integer"},
            "errors": {
                "anyOf": [
                    {"additionalProperties": {"items": {"type": "string"}, "type": "array"}, "type": "object"},
                    {"type": "string"},
                ],
                "description": "Field name → messages, or one message (*assumed* shape, both seen).",
            },
            "status": {"const": False, "description": "`false` on failure.", "type": "boolean"},
        },
        "required": ["status"],
        "type": "object",
    },
    "FalseFlag": {
        "const": False,
        "description": "`false`: the reference client sends it for a birthday field that was not given.",
        "type": "boolean",
    },
    "GenericSuccessResponse": {
        "description": "Success envelope whose `data` is kept exactly as sent (*assumed* shape).",
        "properties": {
            "data": {"description": "Whatever the platform answered."},
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status"],
        "type": "object",
    },
    "Group": {
        "description": "A contact group (*assumed* fields beyond `id_group` and `name_group`).",
        "properties": {
            "count": {"description": "Number of contacts.", "minimum": 0, "type": "integer"},
            "id_group": {"$ref": "#/components/schemas/GroupId"},
            "name_group": {"description": "Name of the group.", "type": "string"},
            "on_birth": {"description": "Whether birthday greetings are sent.", "type": "boolean"},
            "originator_birth": {
                "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Greeting sender ID, or `false`.",
            },
            "text_birth": {
                "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Greeting text, or `false`.",
            },
            "time_birth": {
                "anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Greeting time, or `false`.",
            },
        },
        "required": ["id_group", "name_group"],
        "type": "object",
    },
    "GroupCreateRequest": {
        "properties": {
            "name_group": {"description": "Name of the group.", "minLength": 1, "type": "string"},
            "on_birth": {"description": "Whether birthday greetings are sent.", "type": "boolean"},
            "originator_birth": {
                "anyOf": [{"$ref": "#/components/schemas/SenderId"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Sender ID of the greetings, or `false` for none.",
            },
            "text_birth": {
                "anyOf": [{"minLength": 1, "type": "string"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Greeting text (`#first_name#` is replaced by the contact's name), or `false` for none.",
            },
            "time_birth": {
                "anyOf": [{"$ref": "#/components/schemas/Time"}, {"$ref": "#/components/schemas/FalseFlag"}],
                "description": "Time to send birthday greetings (`HH:MM`), or `false` for none.",
            },
        },
        "required": ["name_group"],
        "type": "object",
    },
    "GroupCreateResponse": {
        "properties": {
            "data": {
                "description": "The new group (*assumed*).",
                "properties": {"id_group": {"$ref": "#/components/schemas/GroupId"}},
                "required": ["id_group"],
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "GroupDeleteRequest": {
        "properties": {"id_group": {"$ref": "#/components/schemas/GroupIdList"}},
        "required": ["id_group"],
        "type": "object",
    },
    "GroupId": {"description": "Id of a contact group.", "examples": [956], "minimum": 1, "type": "integer"},
    "GroupIdList": {
        "description": "One or more group ids.",
        "items": {"$ref": "#/components/schemas/GroupId"},
        "minItems": 1,
        "type": "array",
    },
    "GroupListRequest": {
        "properties": {
            "id_group": {"$ref": "#/components/schemas/GroupId"},
            "limit": {"default": 10, "description": "Groups per page.", "minimum": 1, "type": "integer"},
            "offset": {
                "default": 0,
                "description": "Page index: offset 1 with limit 10 is groups 11–20.",
                "minimum": 0,
                "type": "integer",
            },
        },
        "type": "object",
    },
    "GroupListResponse": {
        "properties": {
            "data": {
                "description": "The groups of the page.",
                "items": {"$ref": "#/components/schemas/Group"},
                "type": "array",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "GroupNumberAddRequest": {
        "properties": {
            "id_group": {"$ref": "#/components/schemas/GroupId"},
            "numbers": {
                "description": "The contacts to add (at least one).",
                "items": {"$ref": "#/components/schemas/Contact"},
                "minItems": 1,
                "type": "array",
            },
        },
        "required": ["id_group", "numbers"],
        "type": "object",
    },
    "GroupNumberSearchResponse": {
        "properties": {
            "data": {
                "description": "The contacts found.",
                "items": {"$ref": "#/components/schemas/Contact"},
                "type": "array",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "GroupNumbersRequest": {
        "properties": {
            "id_group": {"$ref": "#/components/schemas/GroupId"},
            "numbers": {"$ref": "#/components/schemas/MsisdnList"},
        },
        "required": ["id_group", "numbers"],
        "type": "object",
    },
    "IsoFilter": {
        "description": "`full` for every country, or an ISO 3166-1 alpha-2 country code.",
        "pattern": "^(full|[A-Za-z]{2})$",
        "type": "string",
    },
    "Mcc": {"description": "Mobile Country Code.", "maximum": 999, "minimum": 0, "type": "integer"},
    "Mnc": {"description": "Mobile Network Code.", "maximum": 999, "minimum": 0, "type": "integer"},
    "Msisdn": {
        "description": "Phone number in international format, digits only, no `+` (7–15 "
        "digits). Sent as a digit string or an integer.",
        "examples": ["380957225759", 12345678901],
        "maximum": 999999999999999,
        "minimum": 1000000,
        "pattern": "^[0-9]{7,15}$",
        "type": ["string", "integer"],
    },
    "MsisdnList": {
        "description": "One or more phone numbers.",
        "items": {"$ref": "#/components/schemas/Msisdn"},
        "minItems": 1,
        "type": "array",
    },
    "NumbersRequest": {
        "properties": {"numbers": {"$ref": "#/components/schemas/MsisdnList"}},
        "required": ["numbers"],
        "type": "object",
    },
    "Price": {
        "description": "One price (*assumed* fields).",
        "properties": {
            "ISO": {"description": "ISO 3166-1 alpha-2 country code.", "type": "string"},
            "MCC": {"$ref": "#/components/schemas/Mcc"},
            "MNC": {"$ref": "#/components/schemas/Mnc"},
            "country": {"description": "Country name.", "type": "string"},
            "currency": {"description": "ISO 4217 currency code.", "type": "string"},
            "operator": {"description": "Mobile network name.", "type": "string"},
            "price": {"description": "Price of one SMS part, in `currency`.", "type": "number"},
        },
        "type": "object",
    },
    "PriceFilter": {
        "description": "Filters; all optional.",
        "properties": {
            "ISO": {"$ref": "#/components/schemas/IsoFilter"},
            "MCC": {"$ref": "#/components/schemas/Mcc"},
            "MNC": {"$ref": "#/components/schemas/Mnc"},
        },
        "type": "object",
    },
    "PriceListResponse": {
        "properties": {
            "data": {"description": "The prices.", "items": {"$ref": "#/components/schemas/Price"}, "type": "array"},
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "RegisterRequest": {
        "properties": {
            "company_name": {"description": "Company name.", "type": "string"},
            "email": {"description": "Contact e-mail address.", "format": "email", "type": "string"},
            "login": {"description": "Login of the new account.", "minLength": 1, "type": "string"},
            "name": {"description": "Person responsible for the new account.", "minLength": 1, "type": "string"},
            "password": {
                "description": "Password of the new account.",
                "format": "password",
                "minLength": 1,
                "type": "string",
            },
            "phone": {"description": "Contact phone number.", "minLength": 1, "type": "string"},
            "skype": {"description": "Skype name.", "type": "string"},
        },
        "required": ["login", "password", "name", "phone", "email"],
        "type": "object",
    },
    "ReplacementRequest": {
        "properties": {
            "number": {"$ref": "#/components/schemas/MsisdnList"},
            "senderID": {"$ref": "#/components/schemas/SenderId"},
            "text": {"description": "Message text.", "minLength": 1, "type": "string"},
        },
        "required": ["number", "senderID", "text"],
        "type": "object",
    },
    "SendBulkRequest": {
        "properties": {
            "dateStart": {"$ref": "#/components/schemas/Date", "description": "Day of the sending window."},
            "id_group": {"$ref": "#/components/schemas/GroupIdList"},
            "id_group_excluded": {
                "$ref": "#/components/schemas/GroupIdList",
                "description": "Numbers of these groups never receive the message.",
            },
            "phone": {"$ref": "#/components/schemas/MsisdnList", "description": "Extra numbers outside the groups."},
            "senderID": {"$ref": "#/components/schemas/SenderId"},
            "text": {
                "description": "Message text; `#first_name#` and `#number#` are replaced per contact.",
                "minLength": 1,
                "type": "string",
            },
            "timeStart": {"$ref": "#/components/schemas/Time", "description": "Start of the sending window, GMT+0."},
            "timeStop": {"$ref": "#/components/schemas/Time", "description": "End of the sending window, GMT+0."},
        },
        "required": ["senderID", "text", "id_group"],
        "type": "object",
    },
    "SendMessage": {
        "description": "One message to one or more destination numbers.",
        "properties": {
            "beginDate": {
                "$ref": "#/components/schemas/Date",
                "description": "Date to send on (`YYYY-MM-DD`); default today.",
            },
            "beginTime": {
                "$ref": "#/components/schemas/Time",
                "description": "Time to send at, GMT+0 (`HH:MM:SS`, `HH:MM` seen too); default now.",
            },
            "callback_url": {
                "description": "URL that receives this message's delivery reports.",
                "format": "uri",
                "type": "string",
            },
            "delivery": {"default": True, "description": "Whether delivery reports are produced.", "type": "boolean"},
            "lifetime": {
                "description": "How long the platform keeps trying to "
                "deliver, in seconds (default 86400). "
                "Integer or digit string.",
                "minimum": 1,
                "pattern": "^[1-9][0-9]*$",
                "type": ["integer", "string"],
            },
            "number": {"$ref": "#/components/schemas/MsisdnList"},
            "senderID": {"$ref": "#/components/schemas/SenderId"},
            "text": {
                "description": "Message text (UTF-8; long texts are split into parts).",
                "minLength": 1,
                "type": "string",
            },
            "type": {"$ref": "#/components/schemas/SmsType", "default": "sms"},
        },
        "required": ["number", "senderID", "text"],
        "type": "object",
    },
    "SendRequest": {
        "description": "The messages to send (a JSON array, at least one).",
        "items": {"$ref": "#/components/schemas/SendMessage"},
        "minItems": 1,
        "type": "array",
    },
    "SendResponse": {
        "properties": {
            "data": {
                "additionalProperties": {"items": {"$ref": "#/components/schemas/SendResult"}, "type": "array"},
                "description": "Destination number → the accepted messages for it.",
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "SendResult": {
        "description": "One accepted message part for one destination.",
        "properties": {
            "id_state": {"description": "Id of the message; delivery reports refer to it.", "type": "integer"}
        },
        "required": ["id_state"],
        "type": "object",
    },
    "SenderId": {
        "anyOf": [
            {"pattern": "^[0-9]{3,15}$", "type": "string"},
            {"maxLength": 11, "pattern": "^[0-9]*[A-Za-z ._&-][A-Za-z0-9 ._&-]*$", "type": "string"},
        ],
        "description": "Sender ID (originator): numeric, 3–15 digits; or alphanumeric, at "
        "most 11 characters\n"
        "(Latin letters, digits, space, `.`, `_`, `&`, `-`) with at least one "
        "non-digit.\n",
        "examples": ["Verify", "380957225759"],
    },
    "SmsFullDataRequest": {
        "description": "Filters; all optional.",
        "properties": {
            "MCC": {"$ref": "#/components/schemas/Mcc"},
            "MNC": {"$ref": "#/components/schemas/Mnc"},
            "id_base": {"$ref": "#/components/schemas/GroupIdList"},
            "limit": {
                "description": "At most this many records; `null` for the platform's default.",
                "minimum": 1,
                "type": ["integer", "null"],
            },
            "offset": {"description": "Page index (0 is the first page).", "minimum": 0, "type": "integer"},
            "phone": {"$ref": "#/components/schemas/MsisdnList"},
            "sender": {"description": "Sender ID the SMS were sent with.", "type": "string"},
            "state": {
                "description": "Delivery states to keep.",
                "items": {"$ref": "#/components/schemas/DlrState"},
                "type": "array",
            },
            "time_period": {
                "description": "Sending period, `YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS`.",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} "
                "[0-9]{2}:[0-9]{2}:[0-9]{2} - "
                "[0-9]{4}-[0-9]{2}-[0-9]{2} "
                "[0-9]{2}:[0-9]{2}:[0-9]{2}$",
                "type": "string",
            },
            "type_sms": {"$ref": "#/components/schemas/SmsType"},
        },
        "type": "object",
    },
    "SmsFullDataResponse": {
        "properties": {
            "data": {
                "description": "One record per SMS part.",
                "items": {"$ref": "#/components/schemas/DeliveryReport"},
                "type": "array",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "SmsType": {
        "description": "Kind of request: `sms` a text message, `hlr` a reachability look-up, "
        "`mnp` a number-portability look-up.",
        "enum": ["sms", "hlr", "mnp"],
        "type": "string",
    },
    "SuccessStatus": {"const": True, "description": "`true` on success.", "type": "boolean"},
    "Time": {
        "description": "Time of day in GMT+0, `HH:MM` or `HH:MM:SS`.",
        "examples": ["19:16:00", "10:00"],
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "type": "string",
    },
}
