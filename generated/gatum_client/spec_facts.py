# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Facts about the Gatum API taken from openapi/gatum.yaml, for the hand-written layer.

OPERATIONS: operationId -> the name of its endpoint functions' module (which they put on
their requests), method, path, whether it needs the access token, whether it is read-only
(`x-gatum-read-only`, safe to retry) and the component schema of its body.
SCHEMAS: the spec's component schemas, as JSON Schema dictionaries.
"""

from typing import Any, Final

OPERATIONS: Final[dict[str, dict[str, Any]]] = {
    "accessToken": {
        "function": "access_token",
        "method": "POST",
        "needs_token": False,
        "path": "/v1/accesstoken",
        "read_only": False,
        "request_schema": "AccessTokenRequest",
    },
    "accountInfo": {
        "function": "account_info",
        "method": "GET",
        "needs_token": True,
        "path": "/v1/me",
        "read_only": True,
        "request_schema": None,
    },
    "accountPrice": {
        "function": "account_price",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/account-price",
        "read_only": True,
        "request_schema": "PriceFilterBody",
    },
    "authorize": {
        "function": "authorize",
        "method": "POST",
        "needs_token": False,
        "path": "/v1/authorize",
        "read_only": False,
        "request_schema": "AuthorizeRequest",
    },
    "blackListAdd": {
        "function": "black_list_add",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-add",
        "read_only": False,
        "request_schema": "NumbersRequest",
    },
    "blackListDelete": {
        "function": "black_list_delete",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-delete",
        "read_only": False,
        "request_schema": "NumbersRequest",
    },
    "blackListSearch": {
        "function": "black_list_search",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/black-list-search",
        "read_only": True,
        "request_schema": "NumbersRequest",
    },
    "countryByContinent": {
        "function": "country_by_continent",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/country-by-continent",
        "read_only": True,
        "request_schema": "CountryByContinentBody",
    },
    "countryPrice": {
        "function": "country_price",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/country-price",
        "read_only": True,
        "request_schema": "CountryPriceFilterBody",
    },
    "createGroup": {
        "function": "create_group",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-create",
        "read_only": False,
        "request_schema": "GroupCreateRequest",
    },
    "deleteGroups": {
        "function": "delete_groups",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-delete",
        "read_only": False,
        "request_schema": "GroupDeleteRequest",
    },
    "groupNumberAdd": {
        "function": "group_number_add",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-add",
        "read_only": False,
        "request_schema": "GroupNumberAddRequest",
    },
    "groupNumberDelete": {
        "function": "group_number_delete",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-delete",
        "read_only": False,
        "request_schema": "GroupNumbersRequest",
    },
    "groupNumberSearch": {
        "function": "group_number_search",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group-number-search",
        "read_only": True,
        "request_schema": "GroupNumbersRequest",
    },
    "listGroups": {
        "function": "list_groups",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/group",
        "read_only": True,
        "request_schema": "GroupListRequest",
    },
    "logout": {
        "function": "logout",
        "method": "GET",
        "needs_token": True,
        "path": "/v1/logout",
        "read_only": False,
        "request_schema": None,
    },
    "productPrice": {
        "function": "product_price",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/product-price",
        "read_only": True,
        "request_schema": "PriceFilterBody",
    },
    "registerCustomer": {
        "function": "register_customer",
        "method": "POST",
        "needs_token": False,
        "path": "/v1/register",
        "read_only": False,
        "request_schema": "RegisterRequest",
    },
    "replacement": {
        "function": "replacement",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/replacement",
        "read_only": True,
        "request_schema": "ReplacementRequest",
    },
    "sendBulk": {
        "function": "send_bulk",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/send-bulk",
        "read_only": False,
        "request_schema": "SendBulkRequest",
    },
    "sendSms": {
        "function": "send_sms",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/send",
        "read_only": False,
        "request_schema": "SendRequest",
    },
    "smsFullData": {
        "function": "sms_full_data",
        "method": "POST",
        "needs_token": True,
        "path": "/v1/sms-full-data",
        "read_only": True,
        "request_schema": "SmsFullDataBody",
    },
}

SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "AccessTokenRequest": {
        "properties": {
            "authorization_code": {
                "description": "Code from `/v1/authorize`; a secret, hidden from reprs.",
                "format": "password",
                "minLength": 1,
                "type": "string",
            }
        },
        "required": ["authorization_code"],
        "type": "object",
    },
    "AccessTokenResponse": {
        "description": "Shape per the vendor Python client 1.0.0 README: "
        '`{"status": true, "data": {"access_token": …, '
        '"expires_at": 2006432128}}`; `expires_at` is optional '
        "(absent in a wp-sms provider fixture).",
        "properties": {
            "data": {
                "description": "The token.",
                "properties": {
                    "access_token": {
                        "description": "Token for the `X-Access-Token` header; a secret, hidden from reprs.",
                        "format": "password",
                        "type": "string",
                    },
                    "expires_at": {"$ref": "#/components/schemas/TokenExpiry"},
                },
                "required": ["access_token"],
                "type": "object",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "AccountInfoResponse": {
        "description": 'Fields per the MindCloud "Sempico Solutions SMS" '
        "connector docs (get-account-information:\n"
        "`balance_daily_block`, `balance_limit`, `balance_units`, "
        "`block`, `can_send_bulk`,\n"
        "`can_send_restapi`, `company_name`, `confirmed`, "
        "`currency`, `e_mail`, `finance`,\n"
        "`id_subparent`, `login`, `name`, `phone` as a number) and "
        "the wp-sms Uwazii gateway (reads\n"
        "`data.balance_limit`). Every field is optional, loosely "
        "typed and kept as sent; unknown\n"
        "fields are kept.\n",
        "properties": {
            "data": {
                "description": "Account details; every field sent is kept.",
                "properties": {
                    "balance": {"$ref": "#/components/schemas/LooseNumber"},
                    "balance_daily_block": {"$ref": "#/components/schemas/LooseFlag"},
                    "balance_limit": {"$ref": "#/components/schemas/LooseNumber"},
                    "balance_units": {"$ref": "#/components/schemas/LooseNumber"},
                    "block": {"$ref": "#/components/schemas/LooseFlag"},
                    "can_send_bulk": {"$ref": "#/components/schemas/LooseFlag"},
                    "can_send_restapi": {"$ref": "#/components/schemas/LooseFlag"},
                    "company_name": {"$ref": "#/components/schemas/LooseText"},
                    "confirmed": {"$ref": "#/components/schemas/LooseFlag"},
                    "currency": {"$ref": "#/components/schemas/LooseText"},
                    "e_mail": {"$ref": "#/components/schemas/LooseText"},
                    "email": {"$ref": "#/components/schemas/LooseText"},
                    "finance": {"description": "Finance settings (an object in the connector docs), kept as sent."},
                    "id_subparent": {"$ref": "#/components/schemas/LooseInteger"},
                    "login": {"$ref": "#/components/schemas/LooseText"},
                    "name": {"$ref": "#/components/schemas/LooseText"},
                    "phone": {"$ref": "#/components/schemas/LooseText"},
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
        "description": "Shape per the vendor Python client 1.0.0 (reads "
        "`data.authorization_code`); a C# gateway's\n"
        "captured answer also carries `expires_at` (Unix seconds), "
        "kept when sent.\n",
        "properties": {
            "data": {
                "description": "The code.",
                "properties": {
                    "authorization_code": {
                        "description": "One-time code for `/v1/accesstoken`; a secret, hidden from reprs.",
                        "format": "password",
                        "type": ["string", "integer"],
                    },
                    "expires_at": {"$ref": "#/components/schemas/TokenExpiry"},
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
            "male": {
                "description": "`m` or `f` (vendor READMEs, group-number-add).",
                "enum": ["m", "f"],
                "type": "string",
            },
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
    "ContactPage": {
        "description": 'The MindCloud connector docs\' shape: `{"groupDetails": '
        '{"foundPhone": 1, …}, "list": …}` (`list` an array, or one '
        "contact object as in its example).",
        "properties": {
            "groupDetails": {"$ref": "#/components/schemas/GroupDetails"},
            "list": {
                "anyOf": [
                    {"items": {"$ref": "#/components/schemas/ContactRecord"}, "type": "array"},
                    {"$ref": "#/components/schemas/ContactRecord"},
                ],
                "description": "The contacts.",
            },
        },
        "type": "object",
    },
    "ContactRecord": {
        "description": "A contact as the platform lists it. Fields per the vendor "
        "client's group-number-add fields\n"
        "and the MindCloud connector docs (search-group-numbers: "
        "`date_birth`, `mcc`, `mnc`, `name`,\n"
        "`phone`, `surname`). All optional, kept as sent.\n",
        "properties": {
            "date_birth": {"$ref": "#/components/schemas/LooseText"},
            "male": {"$ref": "#/components/schemas/LooseText"},
            "mcc": {"$ref": "#/components/schemas/LooseInteger"},
            "mnc": {"$ref": "#/components/schemas/LooseInteger"},
            "name": {"$ref": "#/components/schemas/LooseText"},
            "number": {"$ref": "#/components/schemas/LooseText"},
            "patronymic": {"$ref": "#/components/schemas/LooseText"},
            "phone": {"$ref": "#/components/schemas/LooseText"},
            "surname": {"$ref": "#/components/schemas/LooseText"},
        },
        "type": "object",
    },
    "Country": {
        "description": "A country (*assumed* fields; no public source shows this answer). Kept as sent.",
        "properties": {
            "ISO": {"$ref": "#/components/schemas/LooseText"},
            "MCC": {"$ref": "#/components/schemas/LooseInteger"},
            "country": {"$ref": "#/components/schemas/LooseText"},
        },
        "type": "object",
    },
    "CountryByContinentBody": {
        "anyOf": [{"$ref": "#/components/schemas/EmptyRequest"}, {"$ref": "#/components/schemas/EmptyFilter"}],
        "description": "No filter, `{}` or `[]` (what the vendor PHP client sends, see EmptyFilter).",
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
    "CountryPriceFilterBody": {
        "anyOf": [{"$ref": "#/components/schemas/CountryPriceFilter"}, {"$ref": "#/components/schemas/EmptyFilter"}],
        "description": "The filters, or `[]` for none (see EmptyFilter).",
    },
    "Date": {
        "description": "Calendar date, `YYYY-MM-DD` (the vendor clients' `beginDate`, "
        "`dateStart` and `date_birth`\n"
        "examples). Days that no month has (`2023-02-31`, `2023-04-31`) are "
        "refused; 29 February is\n"
        "accepted in every year.\n",
        "examples": ["2023-03-19"],
        "pattern": "^[0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-9]))$",
        "type": "string",
        "x-gatum-rule": "a date, YYYY-MM-DD",
    },
    "DeliveryAcknowledgement": {
        "description": "The `id_state` values the receiver accepted, as "
        "strings (each exactly as the report carried it).",
        "items": {"type": "string"},
        "type": "array",
    },
    "DeliveryReport": {
        "description": "The delivery state of one SMS part, as the platform reports it "
        "(webhook body) or lists it\n"
        "(`/v1/sms-full-data`). Shape per the vendor README's webhook "
        "example (`id_state` an integer,\n"
        "`time` as `YYYY-MM-DD HH:MM:SS`); third-party integrations "
        "type `id_state` as a string, so\n"
        "both are accepted. Only `id_state` is required: every other "
        "field may be missing or `null`,\n"
        "values are kept exactly as sent (no enum, pattern or date "
        "parsing), and unknown fields are kept.\n",
        "properties": {
            "id_state": {
                "description": "Id of the message, as returned by "
                "`/v1/send` (an integer; a string "
                "in third-party type declarations).",
                "type": ["integer", "string"],
            },
            "num_parts": {"description": "Number of parts of the message.", "type": ["integer", "string", "null"]},
            "originator": {"description": "Sender ID.", "type": ["string", "null"]},
            "part_no": {
                "description": "Which part this report is about (1-based).",
                "type": ["integer", "string", "null"],
            },
            "phone": {
                "description": "Destination MSISDN, kept as sent "
                "(digits in the vendor's examples; a "
                "leading `+` is kept too).",
                "type": ["string", "integer", "null"],
            },
            "state": {
                "description": "Delivery state, e.g. `DELIVRD`, "
                "`UNDELIV`, `EXPIRED`, `REJECTD`, "
                "`ENROUTE`; unknown states are kept.",
                "type": ["string", "null"],
            },
            "text_sms": {"description": "Message text.", "type": ["string", "null"]},
            "time": {
                "description": "When the state was reached: "
                "`YYYY-MM-DD HH:MM:SS` in the vendor "
                "README; kept as sent (ISO 8601 and "
                "other forms too).",
                "type": ["string", "integer", "null"],
            },
            "type_sms": {
                "description": "Kind of message (`sms`, …); unknown kinds are kept.",
                "type": ["string", "null"],
            },
        },
        "required": ["id_state"],
        "type": "object",
    },
    "DeliveryReportBatch": {
        "description": "The reports of one webhook delivery: a JSON array. "
        'gatum.io ("How to track the queue of\n'
        'reports on sent SMS via the REST API") gives 200 reports '
        "per attempt as the default rate,\n"
        "one the platform can adjust, not a maximum per request: a "
        "receiver takes larger batches\n"
        "(this client's up to its `max_body_size`). An empty array "
        "is answered with an empty\n"
        "acknowledgement.\n",
        "items": {"$ref": "#/components/schemas/DeliveryReport"},
        "type": "array",
    },
    "DlrState": {
        "description": "Delivery state, e.g. `DELIVRD`, `UNDELIV`, `EXPIRED`, `REJECTD` "
        "(other values are kept as sent).",
        "examples": ["DELIVRD"],
        "type": "string",
    },
    "EmptyFilter": {
        "description": "No filter, as PHP encodes an empty array: `[]`. The vendor PHP "
        "client (Sempico/restapi-sms-php,\n"
        "src/Additional.php) sends exactly this body to "
        "`/v1/country-by-continent`\n"
        "(`curlRequest($route, 'POST', [])`), and to the price and "
        "sms-full-data look-ups when it is\n"
        "called with an empty array.\n",
        "items": {"description": "none"},
        "maxItems": 0,
        "type": "array",
    },
    "EmptyRequest": {"description": "An empty JSON object.", "type": "object"},
    "ErrorResponse": {
        "description": "The failure envelope, per the vendor Python client 1.0.0 "
        "README\n"
        '(`{"status": false, "error_code": 400, "errors": {"password": '
        '["Incorrect username or password."]}}`).\n'
        "Third-party code (wp-sms Uwazii gateway and provider, "
        "uwazii-php) also reads `errors` as a\n"
        'plain string (`"unauthorized"`, `"invalid_credentials"`) and an '
        "`error` string; every shape is\n"
        "kept. Integrations (a C# gateway, wp-sms) treat a 200 whose "
        "body has `status: false` as an\n"
        "error answer, and so does this client.\n",
        "properties": {
            "error": {"$ref": "#/components/schemas/LooseText"},
            "error_code": {"$ref": "#/components/schemas/LooseInteger"},
            "errors": {"description": "Field name → messages, or one message (both seen); kept as sent."},
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
        "description": "Success envelope whose `data` is kept exactly as sent. "
        "The MindCloud connector docs show,\n"
        'per action: send-bulk `{"details": {"id_group": [1], '
        '"senderID": …, "sentID": 1}}`,\n'
        'delete-groups `{"groupDetails": {"command": …, '
        '"deleteCount": 1}, "list": [1]}`,\n'
        'group-number-add/-delete `{"groupDetails": {…}}`, '
        "black-list add/delete\n"
        '`{"blacklistDetails": {"countAfter": 1, "countBefore": '
        "1}}`.\n",
        "properties": {
            "data": {"description": "Whatever the platform answered."},
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status"],
        "type": "object",
    },
    "Group": {
        "description": "A contact group. Fields per the MindCloud connector docs (list-groups: "
        "`id_group`,\n"
        "`name_group`, `numbers_count`, `on_birth`; create-group adds "
        "`originator_birth`,\n"
        "`text_birth`, `time_birth`) and the vendor client's group-create "
        "fields; birthday fields\n"
        "may be `false` (the vendor Python client sends `false` for them). "
        "Unknown fields are kept.\n",
        "properties": {
            "count": {"$ref": "#/components/schemas/LooseInteger"},
            "id_group": {"$ref": "#/components/schemas/Id"},
            "name_group": {"$ref": "#/components/schemas/LooseText"},
            "numbers_count": {"$ref": "#/components/schemas/LooseInteger"},
            "on_birth": {"$ref": "#/components/schemas/LooseFlag"},
            "originator_birth": {
                "description": "Greeting sender ID, or `false`.",
                "type": ["string", "boolean", "null"],
            },
            "text_birth": {"description": "Greeting text, or `false`.", "type": ["string", "boolean", "null"]},
            "time_birth": {"description": "Greeting time, or `false`.", "type": ["string", "boolean", "null"]},
        },
        "required": ["id_group"],
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
        "description": "The new group: `data.id_group` (*assumed*), or the "
        "MindCloud connector docs' create-group\n"
        'shape `{"groupDetails": {"command": …, "createCount": 1}, '
        '"list": {<group>}}`. Every field\n'
        "is optional and kept as sent.\n",
        "properties": {
            "data": {
                "description": "The new group.",
                "properties": {
                    "groupDetails": {"$ref": "#/components/schemas/GroupDetails"},
                    "id_group": {"$ref": "#/components/schemas/Id"},
                    "list": {"$ref": "#/components/schemas/Group"},
                },
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
    "GroupDetails": {
        "description": "Counters of a group operation, per the MindCloud connector docs: "
        "list-groups (`countAll`,\n"
        "`countResult`, `limit`, `offset`), create-group (`command`, "
        "`createCount`), delete-groups\n"
        "(`deleteCount`), number calls (`id_group`, `name_group`, "
        "`countPhoneBefore`,\n"
        "`countPhoneAfter`, `foundPhone`, `deletedPhone`). All optional, "
        "kept as sent.\n",
        "properties": {
            "command": {"$ref": "#/components/schemas/LooseText"},
            "countAll": {"$ref": "#/components/schemas/LooseInteger"},
            "countPhoneAfter": {"$ref": "#/components/schemas/LooseInteger"},
            "countPhoneBefore": {"$ref": "#/components/schemas/LooseInteger"},
            "countResult": {"$ref": "#/components/schemas/LooseInteger"},
            "createCount": {"$ref": "#/components/schemas/LooseInteger"},
            "deleteCount": {"$ref": "#/components/schemas/LooseInteger"},
            "deletedPhone": {"$ref": "#/components/schemas/LooseInteger"},
            "foundPhone": {"$ref": "#/components/schemas/LooseInteger"},
            "id_group": {"description": "Id of the group.", "type": ["integer", "string", "null"]},
            "limit": {"$ref": "#/components/schemas/LooseInteger"},
            "name_group": {"$ref": "#/components/schemas/LooseText"},
            "offset": {"$ref": "#/components/schemas/LooseInteger"},
        },
        "type": "object",
    },
    "GroupId": {
        "description": "Id of a contact group, an integer in every vendor example (956, 957).",
        "examples": [956],
        "type": "integer",
    },
    "GroupIdList": {
        "description": "One or more group ids (a list in the vendor clients, e.g. `[1,2,3]`).",
        "items": {"$ref": "#/components/schemas/GroupId"},
        "minItems": 1,
        "type": "array",
        "x-gatum-rule": "one or more group ids",
    },
    "GroupListRequest": {
        "properties": {
            "id_group": {"$ref": "#/components/schemas/GroupId"},
            "limit": {
                "default": 10,
                "description": "Groups per page (the vendor Python client sends 10 by default).",
                "type": "integer",
                "x-gatum-rule": "a whole number of groups per page",
            },
            "offset": {
                "default": 0,
                "description": "Page index: offset 1 with limit 10 is groups 11–20 (vendor Python README).",
                "type": "integer",
                "x-gatum-rule": "a page index (a whole number)",
            },
        },
        "type": "object",
    },
    "GroupListResponse": {
        "description": "`data` is an array of groups, or a page object (MindCloud connector docs); both are accepted.",
        "properties": {
            "data": {
                "anyOf": [
                    {"items": {"$ref": "#/components/schemas/Group"}, "type": "array"},
                    {"$ref": "#/components/schemas/GroupPage"},
                ],
                "description": "The groups of the page.",
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
        "description": "`data` is an array of contacts (*assumed*), or the "
        "MindCloud connector docs' page object; both are "
        "accepted.",
        "properties": {
            "data": {
                "anyOf": [
                    {"items": {"$ref": "#/components/schemas/ContactRecord"}, "type": "array"},
                    {"$ref": "#/components/schemas/ContactPage"},
                ],
                "description": "The contacts found.",
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
    "GroupPage": {
        "description": "One page of groups with its counters, per the MindCloud connector "
        "docs (list-groups:\n"
        '`{"groupDetails": {...}, "list": ...}`; `list` is documented as an '
        "array of groups, its\n"
        "example shows one group object, so both are accepted). Those docs "
        "wrap every answer in\n"
        "MindCloud's own envelope with placeholder values: the connector's "
        "rendering, not a platform\n"
        "answer seen on the wire.\n",
        "properties": {
            "groupDetails": {"$ref": "#/components/schemas/GroupDetails"},
            "list": {
                "anyOf": [
                    {"items": {"$ref": "#/components/schemas/Group"}, "type": "array"},
                    {"$ref": "#/components/schemas/Group"},
                ],
                "description": "The groups of the page.",
            },
        },
        "required": ["list"],
        "type": "object",
    },
    "Id": {
        "description": "An id as the platform sends it: an integer in the vendor README's "
        "examples, a string in\n"
        "third-party code (a C# gateway's captured send answer shows UUID strings "
        "such as\n"
        "`4c43afb8-4768-46dd-aa51-9e8bca3d3cd9`). Kept exactly as sent; never parse "
        "it as a number.\n",
        "type": ["integer", "string"],
    },
    "IsoFilter": {
        "description": "`full` for every country, or an ISO 3166-1 alpha-2 country code "
        "(vendor PHP README: `full` or e.g. `US`).",
        "pattern": "^(full|[A-Za-z]{2})$",
        "type": "string",
        "x-gatum-rule": "`full` or a two-letter country code",
    },
    "LooseFlag": {
        "description": "A yes/no flag: a boolean, but kept as sent when the platform sends "
        "`0`/`1`, a string or `null`.",
        "type": ["boolean", "integer", "string", "null"],
    },
    "LooseInteger": {
        "description": "A count or code: an integer, but kept as sent when the platform sends a string or `null`.",
        "type": ["integer", "string", "null"],
    },
    "LooseNumber": {
        "description": "An amount: a number, but kept as sent when the platform sends a string or `null`.",
        "type": ["number", "string", "null"],
    },
    "LooseText": {
        "description": "Text, but kept as sent when the platform sends a number or `null` "
        "(e.g. a phone number sent as a number).",
        "type": ["string", "integer", "number", "null"],
    },
    "Mcc": {
        "description": "Mobile Country Code, three digits (ITU-T E.212); an integer in the vendor "
        "PHP README (`'MCC' => 224`).",
        "maximum": 999,
        "minimum": 0,
        "type": "integer",
        "x-gatum-rule": "a mobile country code, an integer 0–999",
    },
    "Mnc": {
        "description": "Mobile Network Code, two or three digits (ITU-T E.212); an integer in the "
        "vendor PHP README (`'MNC' => 2`).",
        "maximum": 999,
        "minimum": 0,
        "type": "integer",
        "x-gatum-rule": "a mobile network code, an integer 0–999",
    },
    "Msisdn": {
        "description": "Phone number in international format, digits only, no `+` (the vendor "
        "READMEs). At most 15\n"
        "digits is inferred from the word MSISDN and ITU-T E.164; the READMEs "
        "state no length. Sent\n"
        "as a digit string (the vendor clients' send and sms-full-data "
        "examples) or an integer (their\n"
        "group and black-list examples); the PHP README's replacement example "
        "mixes both in one list.\n",
        "examples": ["380957225759", 12345678901],
        "maximum": 999999999999999,
        "minimum": 1,
        "pattern": "^[0-9]{1,15}$",
        "type": ["string", "integer"],
        "x-gatum-rule": "digits only, 1–15 digits (e.g. 380957225759)",
    },
    "MsisdnList": {
        "description": "One or more phone numbers (the vendor clients send a list; an empty one would send nothing).",
        "items": {"$ref": "#/components/schemas/Msisdn"},
        "minItems": 1,
        "type": "array",
        "x-gatum-rule": "one or more phone numbers",
    },
    "NumbersRequest": {
        "properties": {"numbers": {"$ref": "#/components/schemas/MsisdnList"}},
        "required": ["numbers"],
        "type": "object",
    },
    "Price": {
        "description": "One price (*assumed* fields; no public source shows a price answer). Kept as sent.",
        "properties": {
            "ISO": {"$ref": "#/components/schemas/LooseText"},
            "MCC": {"$ref": "#/components/schemas/LooseInteger"},
            "MNC": {"$ref": "#/components/schemas/LooseInteger"},
            "country": {"$ref": "#/components/schemas/LooseText"},
            "currency": {"$ref": "#/components/schemas/LooseText"},
            "operator": {"$ref": "#/components/schemas/LooseText"},
            "price": {"$ref": "#/components/schemas/LooseNumber"},
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
    "PriceFilterBody": {
        "anyOf": [{"$ref": "#/components/schemas/PriceFilter"}, {"$ref": "#/components/schemas/EmptyFilter"}],
        "description": "The filters, or `[]` for none (see EmptyFilter).",
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
            "delivery": {
                "default": True,
                "description": "Whether delivery reports are produced.",
                "type": "boolean",
                "x-gatum-rule": "true or false",
            },
            "lifetime": {
                "description": "How long the platform keeps trying to "
                "deliver, in seconds (default 86400); "
                "an integer (vendor PHP README) or a "
                "digit string (vendor Python README, "
                "`'86400'`).",
                "minimum": 1,
                "pattern": "^[1-9][0-9]*$",
                "type": ["integer", "string"],
                "x-gatum-rule": "seconds, a whole number from 1",
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
        "description": "Either documented shape of `data` is accepted (see its alternatives).",
        "properties": {
            "data": {
                "anyOf": [
                    {"$ref": "#/components/schemas/SendSending"},
                    {"$ref": "#/components/schemas/SendResultsByNumber"},
                ],
                "description": "The accepted messages, keyed by number, or a `sending` summary.",
            },
            "status": {"$ref": "#/components/schemas/SuccessStatus"},
        },
        "required": ["status", "data"],
        "type": "object",
    },
    "SendResult": {
        "description": "One accepted message for one destination; unknown fields are kept.",
        "properties": {"id_state": {"$ref": "#/components/schemas/Id"}},
        "required": ["id_state"],
        "type": "object",
    },
    "SendResultsByNumber": {
        "additionalProperties": {"items": {"$ref": "#/components/schemas/SendResult"}, "type": "array"},
        "description": "Destination number → the accepted messages for it. Shape "
        "per a C# Uwazii gateway's captured\n"
        'answer (`{"254717385272": [{"id_state": "4c43…"}]}`) and '
        "the wp-sms provider (reads\n"
        "`data[phone][0].id_state`).\n",
        "type": "object",
    },
    "SendSending": {
        "description": 'Shape per the MindCloud "Sempico Solutions SMS" connector docs '
        "(send-sms):\n"
        '`{"sending": {"details": {"number": [...], "senderID": …, '
        '"sentID": 1}}}`. Those docs wrap\n'
        "every answer in MindCloud's own envelope and fill it with "
        "placeholder values, so this shape\n"
        "is the connector's rendering, not a platform answer seen on the "
        "wire.\n",
        "properties": {
            "sending": {
                "description": "What was sent.",
                "properties": {
                    "details": {
                        "description": "The numbers, sender ID and the id of the sending.",
                        "properties": {
                            "number": {
                                "description": "The destination numbers.",
                                "items": {"$ref": "#/components/schemas/LooseText"},
                                "type": "array",
                            },
                            "senderID": {"$ref": "#/components/schemas/LooseText"},
                            "sentID": {"$ref": "#/components/schemas/Id"},
                        },
                        "type": "object",
                    }
                },
                "type": "object",
            }
        },
        "required": ["sending"],
        "type": "object",
    },
    "SenderId": {
        "anyOf": [
            {"pattern": "^[0-9]{3,16}$", "type": "string"},
            {
                "maxLength": 11,
                "minLength": 1,
                "pattern": "^[^\\x00-\\x1f\\x7f]*[^0-9\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$",
                "type": "string",
            },
        ],
        "description": "Sender ID (originator). Numeric: 3–16 digits (the vendor Python "
        "README says 3–15; the\n"
        'vendor\'s site, gatum.io "SMS sender: types of sender names", says '
        "not more than 16 digits\n"
        "and short codes of 3–5 digits: the wider bound is accepted). "
        "Alphanumeric (at least one\n"
        "non-digit): at most 11 characters, spaces included (both sources). "
        "The vendor's site lists\n"
        "only printable characters (Latin letters, digits, space and `| , . ; "
        "% # ! ^ [ ] ( ) / ~ < >`)\n"
        '"with no guarantee" that carriers pass them, so only control '
        "characters (line breaks,\n"
        "tabs) are refused here.\n",
        "examples": ["Verify", "380957225759"],
        "x-gatum-rule": "3–16 digits, or up to 11 characters with a letter and no line breaks",
    },
    "SmsFullDataBody": {
        "anyOf": [{"$ref": "#/components/schemas/SmsFullDataRequest"}, {"$ref": "#/components/schemas/EmptyFilter"}],
        "description": "The filters, or `[]` for none (see EmptyFilter).",
    },
    "SmsFullDataRequest": {
        "description": "Filters; all optional.",
        "properties": {
            "MCC": {"$ref": "#/components/schemas/Mcc"},
            "MNC": {"$ref": "#/components/schemas/Mnc"},
            "id_base": {"$ref": "#/components/schemas/GroupIdList"},
            "limit": {
                "description": "At most this many records; `null` "
                "for the platform's default (the "
                "vendor PHP README sends `null`).",
                "type": ["integer", "null"],
                "x-gatum-rule": "a whole number of records, or null",
            },
            "offset": {
                "description": 'Page index (0 is the first page; the vendor PHP README: "page of view").',
                "type": "integer",
                "x-gatum-rule": "a page index (a whole number)",
            },
            "phone": {"$ref": "#/components/schemas/MsisdnList"},
            "sender": {"description": "Sender ID the SMS were sent with.", "type": "string"},
            "state": {
                "description": "Delivery states to keep.",
                "items": {"$ref": "#/components/schemas/DlrState"},
                "type": "array",
            },
            "time_period": {
                "description": "Sending period, `YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS` (both vendor READMEs).",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2} "
                "[0-9]{2}:[0-9]{2}:[0-9]{2} - "
                "[0-9]{4}-[0-9]{2}-[0-9]{2} "
                "[0-9]{2}:[0-9]{2}:[0-9]{2}$",
                "type": "string",
                "x-gatum-rule": "YYYY-MM-DD HH:MM:SS - YYYY-MM-DD HH:MM:SS",
            },
            "type_sms": {"$ref": "#/components/schemas/SmsType"},
        },
        "type": "object",
    },
    "SmsFullDataResponse": {
        "description": "Records use the delivery report's field names (MindCloud "
        "connector docs, search-sent-sms; the vendor README's DLR "
        "example).",
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
        "description": "Kind of message: `sms`, `hlr` (reachability look-up) or `mnp` "
        "(number-portability look-up)\n"
        "per the vendor Python README (\"allowed types: 'sms', 'hlr', "
        "'mnp'\"). The vendor PHP README\n"
        "also lists `SMS, HLR, WAPPUSH, FLASHSMS` (its example sends lowercase "
        "`sms`). Neither says\n"
        "which case the platform expects, so one rule holds for every type: "
        "lowercase and uppercase\n"
        "are both accepted.\n",
        "enum": ["sms", "hlr", "mnp", "SMS", "HLR", "MNP", "WAPPUSH", "FLASHSMS", "wappush", "flashsms"],
        "type": "string",
        "x-gatum-rule": "a message type",
    },
    "SuccessStatus": {
        "const": True,
        "description": "`true` on success. A body with `status: false` is an error answer, whatever the HTTP status.",
        "type": "boolean",
    },
    "Time": {
        "description": "Time of day in GMT+0, `HH:MM:SS` (vendor Python README) or `HH:MM` "
        "(vendor PHP README, send-bulk window).",
        "examples": ["19:16:00", "10:00"],
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
        "type": "string",
        "x-gatum-rule": "a time of day (GMT+0), HH:MM or HH:MM:SS",
    },
    "TokenExpiry": {
        "description": "When the code or token expires: Unix seconds in the vendor README "
        "(`2006432128`); kept as\n"
        "sent when it is a string or `null`. A wp-sms provider's fixture "
        "has no `expires_at` at all:\n"
        "with none (or one the client cannot read) the token is used until "
        "the server refuses it\n"
        "(401/403), then renewed.\n",
        "type": ["integer", "number", "string", "null"],
    },
}
