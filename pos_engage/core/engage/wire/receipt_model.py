"""Engage's receipt model as the POS's receipts are checked against it: Voyado's swagger, and where we deviate.

Separate because it is data, not code: the fields and enums of ``Receipt`` and every model it reaches in Voyado's
swagger (:data:`MODELS`, :data:`ENUMS`), which tests/core/engage/test_receipt_fidelity.py re-derives from the
file, and the few places where the checks deliberately differ from it.

**Deliberate deviation from the swagger**: ``ReceiptItem.quantity`` is typed ``int`` there, but weighed goods
are sold in fractions (0.348 kg), so a fractional quantity is accepted and passed on as the POS wrote it
(issue 16 decides it; Voyado's field definitions only say "quantity", and the XML import reads a decimal).
"""

from __future__ import annotations

# Voyado's receipt models, derived from ../shared/voyado-swagger.json (models Receipt and every model and enum it
# reaches); tests/core/engage/test_receipt_fidelity.py re-derives them from the file when present and fails if
# they drift apart. Each field: (type, is_list, required); a type is str/int/float/bool, a model or an enum.
MODELS: dict[str, dict[str, tuple[str, bool, bool]]] = {
    "Receipt": {
        "contact": ("ReceiptContact", False, True),
        "uniqueReceiptId": ("str", False, True),
        "receiptNumber": ("str", False, True),
        "createdDate": ("str", False, True),
        "storeExternalId": ("str", False, True),
        "currency": ("str", False, True),
        "totalGrossPrice": ("float", False, True),
        "paymentMethods": ("ReceiptPaymentMethod", True, True),
        "items": ("ReceiptItem", True, True),
        "exchangeRateToGroupCurrency": ("float", False, False),
        "taxDetails": ("ReceiptTaxDetail", True, False),
        "usedBonusChecks": ("ReceiptUsedBonusCheck", True, False),
        "usedPromotions": ("ReceiptUsedPromotion", True, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
    },
    "ReceiptContact": {
        "matchKey": ("str", False, True),
        "matchKeyType": ("ReceiptContactMatchKeyType", False, True),
        "contactType": ("str", False, False),
    },
    "ReceiptPaymentMethod": {
        "type": ("str", False, True),
        "value": ("float", False, True),
        "description": ("str", False, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
    },
    "ReceiptItem": {
        "type": ("ReceiptItemType", False, True),
        "sku": ("str", False, True),
        "quantity": ("int", False, True),
        "grossPaidPrice": ("float", False, True),
        "taxAmount": ("float", False, True),
        "taxPercent": ("float", False, True),
        "articleNumber": ("str", False, True),
        "articleName": ("str", False, True),
        "packQuantity": ("float", False, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
        "articleGroup": ("str", False, False),
        "marginPercent": ("float", False, False),
        "awardsBonus": ("bool", False, False),
        "discounts": ("ReceiptItemDiscount", True, False),
    },
    "ReceiptItemDiscount": {
        "value": ("float", False, True),
        "type": ("str", False, False),
        "description": ("str", False, False),
    },
    "ReceiptTaxDetail": {
        "description": ("str", False, False),
        "value": ("float", False, False),
        "percent": ("float", False, False),
        "totalIncludingTax": ("float", False, False),
        "totalExcludingTax": ("float", False, False),
    },
    "ReceiptUsedBonusCheck": {
        "checkNumber": ("str", False, False),
    },
    "ReceiptUsedPromotion": {
        "promotionId": ("str", False, False),
        "couponId": ("str", False, False),
    },
    "ReceiptExtraDataItem": {
        "name": ("str", False, False),
        "value": ("str", False, False),
    },
}
ENUMS: dict[str, tuple[str, ...]] = {
    "ReceiptContactMatchKeyType": ("Email", "SocialSecurityNumber", "MobilePhone", "CardId", "ExternalId",
                                   "MemberNumber", "ContactId", "MemberNumberWithCardNumberAsFallback"),
    "ReceiptItemType": ("PURCHASE", "RETURN", "ADJUSTMENT"),
}
# Weighed goods (see the module's docstring): int in the swagger, any finite number here.
FRACTIONS_ACCEPTED = {("ReceiptItem", "quantity")}
# Voyado's own receipt example sends marginPercent as the text "25.00" (engage-api.md 4.2): accepted there only.
NUMBERS_AS_TEXT_ACCEPTED = {("ReceiptItem", "marginPercent")}
# Required fields added when the POS left them out, because the receipt itself says what they are.
DERIVED = ("receiptNumber", "paymentMethods", "totalGrossPrice", "items[].type", "items[].articleNumber",
           "items[].taxAmount")
