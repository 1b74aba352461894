"""The POS link's JSON shapes as JSON Schema (OpenAPI 3.1) dicts: what the OpenAPI document publishes.

The session's parser (core/till/pos_sale_input.py) is what enforces them; these describe the same rules for a vendor's
code generator, and the test suite fuzzes the running link from them (no answer may be a 500).
"""

from __future__ import annotations

from pos_engage.core.domain.sales import RATE_HIGH, RATE_LOW

MINOR = {"type": "integer", "description": "Money in the sale currency's minor units (öre, cents)."}
TEXT = {"type": "string"}
# Engage's own fields the link passes through (extraData, articleGroup, a payment's description, ...): a text of at
# most 4,000 characters, a list of at most 200 items (core/till/pos_sale_input.py, _pass_through).
PASSED_TEXT = {"type": "string", "maxLength": 4000}
# exchangeRateToGroupCurrency: the bounds core's receipt checks hold it to (core.domain.sales).
RATE = {"type": "number", "minimum": float(RATE_LOW), "maximum": int(RATE_HIGH)}
EXTRA_DATA = {"type": "array", "maxItems": 200, "items": {
    "type": "object", "additionalProperties": False,
    "properties": {"name": PASSED_TEXT, "value": PASSED_TEXT}}}

POS_DISCOUNT = {"type": "object", "additionalProperties": False, "required": ["amount"], "properties": {
    "amount": {**MINOR, "minimum": 0, "description": "Taken off by the POS (already in lineTotal)."},
    "description": {"type": "string", "maxLength": 200}, "type": {"type": "string", "maxLength": 200}}}

LINE = {
    "type": "object", "additionalProperties": False,
    "required": ["lineId", "sku", "name", "quantity", "lineTotal", "vatPercent"],
    "properties": {
        "lineId": {"type": "string", "pattern": "^[A-Za-z0-9._:/-]{1,64}$",
                   "description": "The POS's own id, unique in the sale."},
        "sku": {"type": "string", "minLength": 1, "maxLength": 64},
        "articleNumber": {"type": "string", "maxLength": 100, "description": "Sent to Engage; the sku when left out."},
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
        "articleGroup": PASSED_TEXT, "marginPercent": {"type": "number"},
        "packQuantity": {"type": "number", "exclusiveMinimum": 0}, "awardsBonus": {"type": "boolean"},
        "extraData": EXTRA_DATA,
    },
}

BASKET_PUT = {
    "title": "Sale", "type": "object", "additionalProperties": False, "required": ["currency", "lines"],
    "properties": {
        "currency": {"type": "string", "pattern": "^[A-Z]{3}$",
                     "description": "ISO 4217 (two or no decimals). In a currency that is neither the till's nor the "
                                    "group's, the commit must carry exchangeRateToGroupCurrency."},
        "lines": {"type": "array", "maxItems": 1000, "items": LINE},
        "customerKey": {"type": "string", "minLength": 1, "maxLength": 200,
                        "description": "A card, email, mobile or personal number the POS scanned. Looked up when "
                                       "it is new for the sale (sent again, the customer stays as the cashier may "
                                       "have changed them); one that finds no one customer refuses the PUT (422 "
                                       "CustomerNotFound, SeveralCustomers) and nothing changes. An offer code "
                                       "scanned as the key applies the customer's offer, as POST .../customer."},
        "offers": {"type": "array", "maxItems": 50, "uniqueItems": True,
                   "items": {"type": "string", "minLength": 1, "maxLength": 100},
                   "description": "offerIds of the customer's offers to apply after the basket (as POST "
                                  ".../offers/{offerId}; applied ones stay, asked for or not). One that cannot be "
                                  "applied is left off and said in messages; applied and totals show what was. "
                                  "The way a POS that writes files applies offers (its sale written again after "
                                  "the till restarted)."},
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
    "amount": {**MINOR, "description": "Signed, in minor units: the payments add up to toPay. Change given back "
                                        "in cash is either left out of the Cash payment (Cash 16000 for 200.00 "
                                        "taken and 40.00 back) or a negative Cash payment beside it (Cash 20000, "
                                        "Cash -4000); each is sent to Engage as it is."},
    "description": PASSED_TEXT, "extraData": EXTRA_DATA}}

COMMIT_POST = {
    "type": "object", "additionalProperties": False,
    "required": ["receiptNumber", "createdDate", "payments", "total"],
    "properties": {
        "receiptNumber": {"type": "string", "minLength": 1, "maxLength": 100},
        "createdDate": {"type": "string", "format": "date-time", "description": "ISO 8601 with its offset."},
        "payments": {"type": "array", "minItems": 0, "maxItems": 50, "items": PAYMENT,
                     "description": "At least one, except with nothing to pay: with total 0 (the customer's offers "
                                    "pay the whole sale) it may be empty, and the receipt Engage gets carries one "
                                    "payment of 0 by Card (Engage's receipt requires paymentMethods). Empty with any "
                                    "other total: 422 InvalidCommit."},
        "total": {**MINOR, "description": "What the POS charged: must equal totals.toPay."},
        "taxDetails": {"type": "array", "maxItems": 200, "items": {
            "type": "object", "additionalProperties": False, "properties": {
                "description": PASSED_TEXT, "value": {"type": "number"}, "percent": {"type": "number"},
            "totalIncludingTax": {"type": "number"}, "totalExcludingTax": {"type": "number"}}}},
        "extraData": EXTRA_DATA,
        "exchangeRateToGroupCurrency": {**RATE, "description": "One unit of the sale's currency in the group's "
                                        "(0.000001 to 1000000). Required for a sale in a currency that is neither the "
                                        "till's nor "
                                        "the group's (else 422 InvalidCommit naming it); the till adds its own for "
                                        "a sale in its currency."},
        "usedPromotions": {"type": "array", "maxItems": 200, "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"promotionId": PASSED_TEXT, "couponId": PASSED_TEXT}}},
        "usedBonusChecks": {"type": "array", "maxItems": 200, "items": {
            "type": "object", "additionalProperties": False, "properties": {"checkNumber": PASSED_TEXT}}},
    },
}

OFFER = {"type": "object", "description": "An offer with neither percent nor value (a coffee on us, a partner's "
         "offer) takes nothing off: applied, it changes no total, and it is redeemed at the commit: the POS hands "
         "the thing over as its instruction says (or prints it).", "properties": {
    "offerId": TEXT, "kind": {"enum": ["promotion", "voucher"]}, "title": TEXT,
    "percent": {"type": ["number", "null"]}, "value": {"type": ["integer", "null"], "description": "Minor units."},
    "currency": {"type": ["string", "null"]}, "expiresOn": {"type": ["string", "null"]},
    "applicable": {"type": "boolean"}, "whyNot": {"type": ["string", "null"]},
    "instruction": {"type": ["string", "null"], "description": "What the cashier hands over or tells the customer "
                    "for this offer, in Engage's words (\"Hand the customer a coffee voucher from the drawer.\", a "
                    "partner's code); null when the offer is a percent or a value."}}}

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
            "discountTotal": MINOR, "lineTotal": MINOR,
            "discounts": {"type": "array", "description": "The companion's offers on the line.", "items": {
                "type": "object", "properties": {"offerId": TEXT, "title": TEXT, "amount": {
                    **MINOR, "description": "Taken off the line by the offer (minor units, positive)."}}}},
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

# POST /v1/receipts takes Engage's own receipt, whose money is Engage's: decimals in major units (348.00 for 348
# kronor), unlike every other route of the link (integers in minor units). Said on each money field, since a POS
# that sends öre here gets a receipt 100 times too large in Engage and no check of the link can see it (the
# figures agree with each other).
_MAJOR_UNITS = ("MONEY IN MAJOR UNITS, as Engage takes it: a decimal such as 348.00 for 348 kronor, NOT minor units "
                "(öre, cents) as on the rest of the link.")
MAJOR = {"type": "number", "description": _MAJOR_UNITS}

RECEIPT_POST = {
    "type": "object",
    "description": "An Engage v3 receipt (Voyado's model Receipt) the POS built itself, journaled with every field "
                   "it carries and sent to Engage as it is. " + _MAJOR_UNITS + " Engage's rules check it, the field "
                   "named when refused (422 InvalidInput); storeExternalId and currency are the till's when left "
                   "out, receiptNumber, paymentMethods, totalGrossPrice and an item's type, articleNumber and "
                   "taxAmount are derived when left out; a receipt in a currency that is neither the till's nor the "
                   "group's needs exchangeRateToGroupCurrency (422 InvalidInput naming it). The same receipt again "
                   "answers its first result; another receipt under a uniqueReceiptId already journaled is a 409 "
                   "ReceiptIdUsed.",
    "required": ["uniqueReceiptId", "createdDate", "contact", "items"],
    "properties": {
        "uniqueReceiptId": TEXT, "receiptNumber": TEXT,
        "createdDate": {"type": "string", "description": "ISO 8601 with its offset."},
        "storeExternalId": TEXT, "currency": TEXT,
        "contact": {"type": "object", "required": ["matchKey", "matchKeyType"],
                    "properties": {"matchKey": TEXT, "matchKeyType": TEXT, "contactType": TEXT}},
        "totalGrossPrice": MAJOR,
        "exchangeRateToGroupCurrency": RATE,
        "paymentMethods": {"type": "array", "items": {"type": "object", "properties": {
            "type": TEXT, "value": MAJOR, "description": TEXT, "extraData": {"type": "array"}}}},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "type": {"enum": ["PURCHASE", "RETURN", "ADJUSTMENT"]}, "sku": TEXT,
            "quantity": {"type": "number", "description": "Units, or a fraction for weighed goods."},
            "grossPaidPrice": MAJOR, "taxAmount": MAJOR, "taxPercent": {"type": "number"},
            "articleNumber": TEXT, "articleName": TEXT,
            "discounts": {"type": "array", "items": {"type": "object", "properties": {
                "value": {**MAJOR, "description": "Negative: what the discount took off. " + _MAJOR_UNITS},
                "type": TEXT, "description": TEXT}}}}}},
        "taxDetails": {"type": "array", "items": {"type": "object", "properties": {
            "description": TEXT, "percent": {"type": "number"}, "value": MAJOR, "totalIncludingTax": MAJOR,
            "totalExcludingTax": MAJOR}}},
    },
}

RECEIPT_ANSWER = {"type": "object", "properties": {"uniqueReceiptId": TEXT, "journalEntries": {
    "type": "array", "items": {"type": "integer"}}}}

STATUS = {"type": "object", "properties": {
    "online": {"type": "boolean"}, "version": TEXT, "openSales": {"type": "integer"},
    "queue": {"type": "object", "properties": {"pending": {"type": "integer"}, "needsAttention": {"type": "integer"},
                                               "conflicts": {"type": "integer"}}}}}

# The members a problem carries beside RFC 9457's, each with the codes that send it (core/till: SaleProblem.extra;
# tests/link/test_docs_s9.py holds every member the code sends to this list).
PROBLEM_EXTRA = {
    "toPay": {**MINOR, "description": "TotalsDiffer: the sale's totals.toPay now (negative for a return)."},
    "total": {**MINOR, "description": "TotalsDiffer: the commit's total."},
    "payments": {**MINOR, "description": "TotalsDiffer: what the commit's payments add up to."},
    "version": {"type": "integer", "description": "TotalsDiffer: the sale's version the figures are of."},
    "uniqueReceiptId": {"type": "string", "description": "SaleCommitted, when the till no longer holds the sale's "
                        "state (a restart, many sales later): the receipt it was committed under."},
    "candidates": {"type": "array", "description": "SeveralSales: the sales the number matches; name one by its "
                   "uniqueReceiptId.", "items": {"type": "object", "properties": {
                       "uniqueReceiptId": TEXT, "receiptNumber": TEXT, "createdDate": TEXT, "description": TEXT}}},
}
PROBLEM = {"type": "object", "required": ["type", "title", "status", "code", "detail", "errors"], "properties": {
    "type": TEXT, "title": TEXT, "status": {"type": "integer"},
    "code": {"type": "string", "description": "Stable; every code and what to do: docs/pos-link.md, Problem codes."},
    "detail": TEXT,
    "errors": {"type": "array", "items": {"type": "object", "properties": {"field": TEXT, "reason": TEXT}}},
    **PROBLEM_EXTRA}}

# answers/<posSaleId>.problem.json in the inbox folder: the problem of a refused file, without type, title and status.
FILE_PROBLEM = {"type": "object", "required": ["file", "code", "detail", "errors"], "properties": {
    "file": {"type": "string", "description": "The file refused, with its folder: sales/pos-1.json, "
                                          "commits/pos-1.json or voids/pos-1.json."},
    "code": PROBLEM["properties"]["code"], "detail": TEXT, "errors": PROBLEM["properties"]["errors"],
    **PROBLEM_EXTRA,
    "saleFile": {"type": "object", "description": "SaleFileRefused: the problem of the sale's last sales/ file, "
                 "as its own problem file said (file, code, detail, errors)."}}}

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
