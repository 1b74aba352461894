"""The POS link's JSON shapes as JSON Schema (OpenAPI 3.1) dicts: what the OpenAPI document publishes.

The session's parser (core/till/pos_sale_input.py) is what enforces them; these describe the same rules for a vendor's
code generator, and the test suite fuzzes the running link from them (no answer may be a 500).
"""

from __future__ import annotations

MINOR = {"type": "integer", "description": "Money in the sale currency's minor units (öre, cents)."}
TEXT = {"type": "string"}
EXTRA_DATA = {"type": "array", "maxItems": 200, "items": {
    "type": "object", "additionalProperties": False,
    "properties": {"name": {"type": "string"}, "value": {"type": "string"}}}}

POS_DISCOUNT = {"type": "object", "additionalProperties": False, "required": ["amount"], "properties": {
    "amount": {**MINOR, "minimum": 0, "description": "Taken off by the POS (already in lineTotal)."},
    "description": TEXT, "type": TEXT}}

LINE = {
    "type": "object", "additionalProperties": False,
    "required": ["lineId", "sku", "name", "quantity", "lineTotal", "vatPercent"],
    "properties": {
        "lineId": {"type": "string", "pattern": "^[A-Za-z0-9._:/-]{1,64}$",
                   "description": "The POS's own id, unique in the sale."},
        "sku": {"type": "string", "minLength": 1, "maxLength": 64},
        "articleNumber": {"type": "string", "maxLength": 100},
        "name": {"type": "string", "minLength": 1, "maxLength": 200,
                 "description": "Passed to Engage exactly as written."},
        "quantity": {"type": "number", "exclusiveMinimum": 0, "maximum": 100000,
                     "description": "A fraction (at most 3 decimals) for weighed goods, sent to Engage as it is. A "
                                    "negative quantity is a return without the original sale: refused "
                                    "(ReturnNeedsManager); a return names its original (returnOf)."},
        "lineTotal": {**MINOR, "description": "What the POS charges for the line, incl. VAT, after its own "
                                              "discounts; negative for a return."},
        "vatPercent": {"type": "number", "minimum": 0, "maximum": 100},
        "posDiscounts": {"type": "array", "maxItems": 50, "items": POS_DISCOUNT},
        "articleGroup": {"type": "string"}, "marginPercent": {"type": "number"},
        "packQuantity": {"type": "number"}, "awardsBonus": {"type": "boolean"}, "extraData": EXTRA_DATA,
    },
}

BASKET_PUT = {
    "title": "Sale", "type": "object", "additionalProperties": False, "required": ["currency", "lines"],
    "properties": {
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 (two or no decimals)."},
        "lines": {"type": "array", "maxItems": 1000, "items": LINE},
        "customerKey": {"type": "string", "minLength": 1, "maxLength": 200,
                        "description": "A card, email, mobile or personal number the POS scanned. Looked up when "
                                       "it is new for the sale (sent again, the customer stays as the cashier may "
                                       "have changed them); one that finds no one customer refuses the PUT (422 "
                                       "CustomerNotFound, SeveralCustomers) and nothing changes."},
    },
}

RETURN_LINE = {
    "type": "object", "additionalProperties": False, "required": ["lineId", "originalLine", "quantity"],
    "properties": {
        "lineId": {"type": "string", "pattern": "^[A-Za-z0-9._:/-]{1,64}$",
                   "description": "The POS's own id, unique in the return."},
        "originalLine": {"type": "integer", "minimum": 0, "maximum": 999,
                         "description": "The line of the original sale that comes back: its index in the state's "
                                        "returnOf.lines (for a sale made over the link, the position of the line in "
                                        "that sale's lines). At most one return line per original line."},
        "quantity": {"type": "integer", "maximum": -1, "minimum": -100000,
                     "description": "The units that come back, negative (at most what was bought and not yet "
                                    "returned)."},
        "sku": {"type": "string", "minLength": 1, "maxLength": 64,
                "description": "Optional check: must be the original line's."},
        "lineTotal": {**MINOR, "maximum": 0,
                      "description": "Optional check: must be the refund the state answers (what was paid for "
                                     "those units, negative)."},
    },
}

RETURN_PUT = {
    "title": "Return", "type": "object", "additionalProperties": False, "required": ["returnOf", "lines"],
    "description": "A return against the original sale: the article, price and VAT of each line come from the "
                   "original, its refund is what was paid for it (its share of every discount). A return holds "
                   "returns only (an exchange is a return, then a sale).",
    "properties": {
        "returnOf": {
            "type": "object", "additionalProperties": False,
            "description": "The original sale, by the number on its slip or its uniqueReceiptId (the slip's "
                           "barcode): one of the two. Looked for in this till's journal; with searchEngage also in "
                           "the customer's purchases in Engage (needs customerKey).",
            "oneOf": [{"required": ["receiptNumber"], "not": {"required": ["uniqueReceiptId"]}},
                      {"required": ["uniqueReceiptId"], "not": {"required": ["receiptNumber"]}}],
            "properties": {"receiptNumber": {"type": "string", "minLength": 1, "maxLength": 100},
                           "uniqueReceiptId": {"type": "string", "minLength": 1, "maxLength": 100},
                           "searchEngage": {"type": "boolean", "default": False}}},
        "lines": {"type": "array", "maxItems": 1000, "items": RETURN_LINE,
                  "description": "May be empty: the state then lists the original's lines (returnOf.lines) to "
                                 "pick from."},
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "Optional check: the original's."},
        "customerKey": {"type": "string", "minLength": 1, "maxLength": 200,
                        "description": "The customer, for searchEngage (a sale made at another till)."},
    },
}

SALE_PUT = {"oneOf": [BASKET_PUT, RETURN_PUT],
            "description": "A sale (the POS's basket), or a return naming its original sale (returnOf)."}

CUSTOMER_POST = {"type": "object", "additionalProperties": False, "required": ["key"],
                 "properties": {"key": {"type": "string", "minLength": 1, "maxLength": 200}}}

PAYMENT = {"type": "object", "additionalProperties": False, "required": ["method", "amount"], "properties": {
    "method": {"type": "string", "minLength": 1, "maxLength": 50,
               "description": "Engage's payment method type, e.g. Card, Cash, Swish."},
    "amount": MINOR, "description": TEXT, "extraData": EXTRA_DATA}}

COMMIT_POST = {
    "type": "object", "additionalProperties": False,
    "required": ["receiptNumber", "createdDate", "payments", "total"],
    "properties": {
        "receiptNumber": {"type": "string", "minLength": 1, "maxLength": 100},
        "createdDate": {"type": "string", "format": "date-time", "description": "ISO 8601 with its offset."},
        "payments": {"type": "array", "minItems": 1, "maxItems": 50, "items": PAYMENT},
        "total": {**MINOR, "description": "What the POS charged: must equal totals.toPay."},
        "taxDetails": {"type": "array", "items": {"type": "object", "additionalProperties": False, "properties": {
            "description": TEXT, "value": {"type": "number"}, "percent": {"type": "number"},
            "totalIncludingTax": {"type": "number"}, "totalExcludingTax": {"type": "number"}}}},
        "extraData": EXTRA_DATA, "exchangeRateToGroupCurrency": {"type": "number"},
        "usedPromotions": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                      "properties": {"promotionId": TEXT, "couponId": TEXT}}},
        "usedBonusChecks": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                       "properties": {"checkNumber": TEXT}}},
    },
}

OFFER = {"type": "object", "properties": {
    "offerId": TEXT, "kind": {"enum": ["promotion", "voucher"]}, "title": TEXT,
    "percent": {"type": ["number", "null"]}, "value": {"type": ["integer", "null"]},
    "currency": {"type": ["string", "null"]}, "expiresOn": {"type": ["string", "null"]},
    "applicable": {"type": "boolean"}, "whyNot": {"type": ["string", "null"]}}}

RETURN_OF_STATE = {"type": "object", "properties": {
    "uniqueReceiptId": TEXT, "receiptNumber": TEXT, "createdDate": {"type": ["string", "null"]},
    "source": {"enum": ["journal", "engage"]}, "currency": TEXT,
    "lines": {"type": "array", "items": {"type": "object", "properties": {
        "originalLine": {"type": "integer"}, "sku": TEXT, "name": TEXT, "quantity": {"type": "number"},
        "paid": {"type": ["integer", "null"], "description": "What was paid for the line (minor units, after "
                                                             "every discount); null: Engage holds no price."},
        "returned": {"type": "integer"}, "returnable": {"type": "integer"}}}}}}

SALE_STATE = {
    "type": "object",
    "required": ["posSaleId", "version", "status", "currency", "customer", "offers", "applied", "lines", "totals",
                 "messages", "receipt"],
    "properties": {
        "posSaleId": TEXT, "version": {"type": "integer"},
        "status": {"enum": ["open", "committed", "voided"]}, "currency": TEXT,
        "customer": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "name": TEXT, "memberNumber": {"type": ["string", "null"]}, "contactType": {"type": ["string", "null"]},
            "key": {"type": "string", "description": "Masked."}, "offline": {"type": "boolean"}}}]},
        "offers": {"type": "array", "items": OFFER},
        "applied": {"type": "array", "items": {"type": "object", "properties": {
            "offerId": TEXT, "kind": TEXT, "title": TEXT, "discounts": {"type": "array", "items": {
                "type": "object", "properties": {"lineId": TEXT, "amount": MINOR}}}}}},
        "lines": {"type": "array", "items": {"type": "object", "properties": {
            "lineId": TEXT, "sku": TEXT, "name": TEXT, "quantity": {"type": "number"}, "lineTotalBefore": MINOR,
            "discountTotal": MINOR, "lineTotal": MINOR, "discounts": {"type": "array"},
            "posDiscounts": {"type": "array", "description": "The POS's own discounts on the line as it sent them "
                             "(already out of lineTotalBefore); empty when none.", "items": {
                                 "type": "object", "properties": {"amount": MINOR, "description": TEXT,
                                                                  "type": TEXT}}},
            "originalLine": {"type": "integer", "description": "A return's line: the original's line."},
            "refund": {**MINOR, "description": "A return's line: what it pays back (positive; lineTotal is its "
                                               "negative)."}}}},
        "totals": {"type": "object", "properties": {"before": MINOR, "discounts": MINOR, "toPay": MINOR}},
        "messages": {"type": "array", "items": TEXT},
        "receipt": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "uniqueReceiptId": TEXT, "journalEntries": {"type": "array", "items": {"type": "integer"}},
            "delivered": {"type": "boolean", "description": "Whether Engage had the receipt and its redemptions "
                          "when the commit was answered; not updated afterwards (the journal delivers the rest "
                          "in the background; GET /v1/status's queue says what is pending)."},
            "posted": {"type": "boolean", "description": "Whether the receipt is journaled for Engage (a sale "
                       "without a customer where the store has no catch-all contact is not)."},
            "refusedOffers": {"type": "array", "items": TEXT},
            "givenBack": {"type": "array", "items": TEXT,
                          "description": "A return: what Engage is asked to give back (a voucher reactivated)."},
            "kept": {"type": "array", "items": TEXT,
                     "description": "A return: what is not given back, and why."}}}]},
        "returnOf": {"oneOf": [{"type": "null"}, RETURN_OF_STATE],
                     "description": "Only in a return: its original sale."},
    },
}

RECEIPT_POST = {"type": "object", "description": "An Engage v3 receipt (Voyado's model Receipt), passed through.",
                "required": ["uniqueReceiptId", "storeExternalId", "currency", "contact", "items", "createdDate"]}

RECEIPT_ANSWER = {"type": "object", "properties": {"uniqueReceiptId": TEXT, "journalEntries": {
    "type": "array", "items": {"type": "integer"}}}}

STATUS = {"type": "object", "properties": {
    "online": {"type": "boolean"}, "version": TEXT, "openSales": {"type": "integer"},
    "queue": {"type": "object", "properties": {"pending": {"type": "integer"}, "needsAttention": {"type": "integer"},
                                               "conflicts": {"type": "integer"}}}}}

PROBLEM = {"type": "object", "required": ["type", "title", "status", "code", "detail", "errors"], "properties": {
    "type": TEXT, "title": TEXT, "status": {"type": "integer"}, "code": TEXT, "detail": TEXT,
    "errors": {"type": "array", "items": {"type": "object", "properties": {"field": TEXT, "reason": TEXT}}}}}

# GET /v1/events: a text/event-stream, described as text. Its events' data are EVENTS_HELLO, the sale's state (the
# answer of GET /v1/sales/{posSaleId}) and EVENTS_OVERFLOW, the first and last under components.schemas.
EVENTS = {"type": "string", "description": "text/event-stream: `event: hello` (data EventsHello), then `event: sale` "
          "(id `<posSaleId>:<version>`, data the answer of GET /v1/sales/{posSaleId}) per followed sale now and per "
          "change after, `: keep-alive` comments, and `event: overflow` (data EventsOverflow) before the till closes "
          "a stream not read."}
EVENTS_HELLO = {"type": "object", "required": ["posSaleId", "sales", "heartbeatSeconds"], "properties": {
    "posSaleId": {"type": ["string", "null"], "description": "The sale followed (?posSaleId=), null for all."},
    "sales": {"type": "array", "items": TEXT, "description": "The sales whose current state follows at once."},
    "heartbeatSeconds": {"type": "number", "description": "Something (an event or a comment) comes at "
                                                         "least this often."}}}
EVENTS_OVERFLOW = {"type": "object", "properties": {"queueSize": {"type": "integer"}}}
