"""JSON <-> domain for Engage: the only package that knows Engage's field names.

Reading takes what ``json.loads`` gives (plain dicts and lists) and is tolerant (unknown fields ignored,
matchKeyType in any case, money as number or string); writing is
exact (the field names and formats of engage-api.md Part B, times as local ISO 8601 with offset).
"""

from pos_engage.core.engage.wire.common import (
    contact_match_key,
    dumps,
    format_time,
    match_key_for,
    match_key_to_json,
    money,
    parse_time,
)
from pos_engage.core.engage.wire.contacts import (
    CALLING_CODES,
    CONTACT_FIELDS,
    KEY_PARAMS,
    contact_after_update,
    contact_from_json,
    contact_id_from_json,
    contact_update_to_json,
    country_of_mobile,
    field_name,
    key_of_new_contact,
    key_query,
    new_contact_to_json,
)
from pos_engage.core.engage.wire.errors import parse_error_body
from pos_engage.core.engage.wire.loyalty import (
    page_from_json,
    promotion_from_json,
    promotions_from_json,
    transaction_from_json,
    voucher_from_json,
)
from pos_engage.core.engage.wire.orders import (
    communication_to_json,
    job_status_from_json,
    order_to_json,
    stored_order_from_json,
)
from pos_engage.core.engage.wire.points import (
    point_accounts_from_json,
    point_definitions_from_json,
)
from pos_engage.core.engage.wire.receipt_additions import ReceiptAdditions
from pos_engage.core.engage.wire.sales import (
    RawReceipt,
    read_receipt,
    receipt_from_json,
    receipt_passthrough,
    receipt_to_json,
)

__all__ = [
    "CALLING_CODES",
    "CONTACT_FIELDS",
    "KEY_PARAMS",
    "RawReceipt",
    "ReceiptAdditions",
    "communication_to_json",
    "contact_after_update",
    "contact_from_json",
    "contact_id_from_json",
    "contact_match_key",
    "contact_update_to_json",
    "country_of_mobile",
    "dumps",
    "field_name",
    "format_time",
    "job_status_from_json",
    "key_of_new_contact",
    "key_query",
    "match_key_for",
    "match_key_to_json",
    "money",
    "new_contact_to_json",
    "order_to_json",
    "page_from_json",
    "parse_error_body",
    "parse_time",
    "point_accounts_from_json",
    "point_definitions_from_json",
    "promotion_from_json",
    "promotions_from_json",
    "read_receipt",
    "receipt_from_json",
    "receipt_passthrough",
    "receipt_to_json",
    "stored_order_from_json",
    "transaction_from_json",
    "voucher_from_json",
]
