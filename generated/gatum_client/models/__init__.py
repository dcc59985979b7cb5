# Generated from openapi/gatum.yaml by `make generate` (openapi-python-client); do not edit.
"""Contains all the data models used in inputs/outputs"""

from .access_token_request import AccessTokenRequest
from .access_token_response import AccessTokenResponse
from .access_token_response_data import AccessTokenResponseData
from .account_info_response import AccountInfoResponse
from .account_info_response_data import AccountInfoResponseData
from .authorize_request import AuthorizeRequest
from .authorize_response import AuthorizeResponse
from .authorize_response_data import AuthorizeResponseData
from .contact import Contact
from .contact_male import ContactMale
from .contact_page import ContactPage
from .contact_record import ContactRecord
from .country import Country
from .country_by_continent_response import CountryByContinentResponse
from .country_by_continent_response_data import CountryByContinentResponseData
from .country_price_filter import CountryPriceFilter
from .delivery_report import DeliveryReport
from .empty_request import EmptyRequest
from .error_response import ErrorResponse
from .generic_success_response import GenericSuccessResponse
from .group import Group
from .group_create_request import GroupCreateRequest
from .group_create_response import GroupCreateResponse
from .group_create_response_data import GroupCreateResponseData
from .group_delete_request import GroupDeleteRequest
from .group_details import GroupDetails
from .group_list_request import GroupListRequest
from .group_list_response import GroupListResponse
from .group_number_add_request import GroupNumberAddRequest
from .group_number_search_response import GroupNumberSearchResponse
from .group_numbers_request import GroupNumbersRequest
from .group_page import GroupPage
from .numbers_request import NumbersRequest
from .price import Price
from .price_filter import PriceFilter
from .price_list_response import PriceListResponse
from .register_request import RegisterRequest
from .replacement_request import ReplacementRequest
from .send_bulk_request import SendBulkRequest
from .send_message import SendMessage
from .send_response import SendResponse
from .send_result import SendResult
from .send_results_by_number import SendResultsByNumber
from .send_sending import SendSending
from .send_sending_sending import SendSendingSending
from .send_sending_sending_details import SendSendingSendingDetails
from .sms_full_data_request import SmsFullDataRequest
from .sms_full_data_response import SmsFullDataResponse
from .sms_type import SmsType

__all__ = (
    "AccessTokenRequest",
    "AccessTokenResponse",
    "AccessTokenResponseData",
    "AccountInfoResponse",
    "AccountInfoResponseData",
    "AuthorizeRequest",
    "AuthorizeResponse",
    "AuthorizeResponseData",
    "Contact",
    "ContactMale",
    "ContactPage",
    "ContactRecord",
    "Country",
    "CountryByContinentResponse",
    "CountryByContinentResponseData",
    "CountryPriceFilter",
    "DeliveryReport",
    "EmptyRequest",
    "ErrorResponse",
    "GenericSuccessResponse",
    "Group",
    "GroupCreateRequest",
    "GroupCreateResponse",
    "GroupCreateResponseData",
    "GroupDeleteRequest",
    "GroupDetails",
    "GroupListRequest",
    "GroupListResponse",
    "GroupNumberAddRequest",
    "GroupNumberSearchResponse",
    "GroupNumbersRequest",
    "GroupPage",
    "NumbersRequest",
    "Price",
    "PriceFilter",
    "PriceListResponse",
    "RegisterRequest",
    "ReplacementRequest",
    "SendBulkRequest",
    "SendMessage",
    "SendResponse",
    "SendResult",
    "SendResultsByNumber",
    "SendSending",
    "SendSendingSending",
    "SendSendingSendingDetails",
    "SmsFullDataRequest",
    "SmsFullDataResponse",
    "SmsType",
)
