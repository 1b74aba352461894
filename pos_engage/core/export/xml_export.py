"""Journal payloads -> Engage import XML (lxml), checked against our XSDs. Pure: no files, no database.

Element names follow Engage's JSON (engage-api.md 7); collections are wrapped as Part A decision 12 decides:
``<items><item>``, ``<paymentMethods><paymentMethod>``, ``<discounts><discount>``, ``<extraData><item name=..>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from lxml import etree

from pos_engage.core import texts

CONTACTS_NS = "http://eClub.Schemas.ImportContact"
TRANSACTIONS_NS = "http://voyado.Schemas.ImportReceipts"
# ASSUMPTION: Voyado documents no file import for stored orders (engage-api.md 7 has contacts and receipts
# only). Orders are written in the v3 order's own shape under our namespace, for the tenant to map on import.
ORDERS_NS = "urn:pos-engage:orders:v1"
MAX_RECORDS_PER_FILE = 20_000

# Contact fields in the order the schema wants them.
CONTACT_FIELDS = ("contactId", "firstName", "lastName", "email", "mobilePhone", "zipCode", "city", "countryCode")
PREFERENCE_FIELDS = ("acceptsEmail", "acceptsSms", "acceptsPostal")


# What XML 1.0 can carry (its Char production): any other character cannot be in a file at all, not even as a
# character reference. JSON and Engage's API carry them, so such a receipt still goes by API; only the file
# export names the field and leaves the entry in the queue (issue 16: text passes unchanged, never "cleaned").
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class NotExportable(ValueError):
    """This entry cannot be written as XML (e.g. characters XML 1.0 cannot hold); it stays in the queue."""


def _refuse_text(where: str, text: str) -> NotExportable | None:
    """The field and the character an XML file cannot carry, or None when ``text`` can be written."""
    found = _NOT_XML.search(text)
    if found is None:
        return None
    return NotExportable(texts.tr("{field} holds {char}, which an XML file cannot carry (control characters and a "
                                  "few others are not XML 1.0); it stays in the queue for the API",
                                  field=where, char=f"U+{ord(found.group()):04X}"))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return format(Decimal(str(value)), "f")
    return "" if value is None else str(value)


def _add(parent: etree._Element, name: str, value: Any, ns: str, at: str = "") -> etree._Element:
    """``<name>value</name>``; ``at`` places the field in its record (``items[2].``) for a refusal to name."""
    text = _text(value)
    problem = _refuse_text(f"{at}{name}", text)
    if problem is not None:
        raise problem
    element = etree.SubElement(parent, f"{{{ns}}}{name}")
    try:
        element.text = text
    except ValueError as exc:  # lxml refuses what the check above let through: still this field's text
        raise NotExportable(texts.tr("{field} holds characters an XML file cannot carry (control characters)",
                                     field=f"{at}{name}")) from exc
    return element


def _add_if(parent: etree._Element, body: Mapping[str, Any], name: str, ns: str, at: str = "") -> None:
    if body.get(name) not in (None, ""):
        _add(parent, name, body[name], ns, at)


# ------------------------------------------------------------------ contacts

def contact_element(parent: etree._Element, body: Mapping[str, Any], *, contact_id: str | None = None) -> None:
    """One <member> (or <contact>, after the contact type) from a create body or an update's changes."""
    tag = "contact" if body.get("contactType") == "Contact" else "member"
    element = etree.SubElement(parent, f"{{{CONTACTS_NS}}}{tag}")
    values = dict(body)
    if contact_id:
        values["contactId"] = contact_id
    for name in CONTACT_FIELDS:
        _add_if(element, values, name, CONTACTS_NS)
    preferences = values.get("preferences") or {}
    for name in PREFERENCE_FIELDS:
        if name in preferences:
            _add(element, name, bool(preferences[name]), CONTACTS_NS)


def contacts_document(records: Iterable[tuple[Mapping[str, Any], str | None]]) -> etree._Element:
    root = etree.Element(f"{{{CONTACTS_NS}}}contacts", nsmap={None: CONTACTS_NS})
    new = etree.SubElement(root, f"{{{CONTACTS_NS}}}new")
    for body, contact_id in records:
        contact_element(new, body, contact_id=contact_id)
    return root


# ------------------------------------------------------------------ transactions

def _transaction(parent: etree._Element, receipt: Mapping[str, Any]) -> None:
    ns = TRANSACTIONS_NS
    element = etree.SubElement(parent, f"{{{ns}}}transaction")
    contact = etree.SubElement(element, f"{{{ns}}}contact")
    for name in ("matchKey", "matchKeyType", "contactType"):
        _add_if(contact, receipt["contact"], name, ns, "contact.")
    for name in ("uniqueReceiptId", "receiptNumber", "createdDate", "storeExternalId"):
        _add(element, name, receipt[name], ns)
    # A POS may write its currency in lower case ("sek", passed on as it is by API); the file takes the code.
    _add(element, "currency", str(receipt["currency"]).upper(), ns)
    _add(element, "totalGrossPrice", receipt["totalGrossPrice"], ns)
    _add_if(element, receipt, "exchangeRateToGroupCurrency", ns)
    payments = etree.SubElement(element, f"{{{ns}}}paymentMethods")
    for index, payment in enumerate(receipt.get("paymentMethods") or []):
        at = f"paymentMethods[{index}]."
        node = etree.SubElement(payments, f"{{{ns}}}paymentMethod")
        _add(node, "type", payment["type"], ns, at)
        _add(node, "value", payment["value"], ns, at)
        _add_if(node, payment, "description", ns, at)
        _extra_data(node, payment.get("extraData"), ns, at)
    items = etree.SubElement(element, f"{{{ns}}}items")
    for index, item in enumerate(receipt["items"]):
        at = f"items[{index}]."
        node = etree.SubElement(items, f"{{{ns}}}item")
        for name in ("type", "sku", "articleNumber", "articleName"):
            _add(node, name, item[name], ns, at)
        _add_if(node, item, "articleGroup", ns, at)
        for name in ("quantity", "grossPaidPrice", "taxAmount", "taxPercent"):
            _add(node, name, item[name], ns, at)
        for name in ("packQuantity", "marginPercent"):
            _add_if(node, item, name, ns, at)
        if "awardsBonus" in item:
            _add(node, "awardsBonus", bool(item["awardsBonus"]), ns, at)
        if item.get("discounts"):
            discounts = etree.SubElement(node, f"{{{ns}}}discounts")
            for number, discount in enumerate(item["discounts"]):
                where = f"{at}discounts[{number}]."
                entry = etree.SubElement(discounts, f"{{{ns}}}discount")
                _add(entry, "value", discount["value"], ns, where)
                _add_if(entry, discount, "type", ns, where)
                _add_if(entry, discount, "description", ns, where)
        _extra_data(node, item.get("extraData"), ns, at)
    if receipt.get("usedPromotions"):
        used = etree.SubElement(element, f"{{{ns}}}usedPromotions")
        for index, promotion in enumerate(receipt["usedPromotions"]):
            entry = etree.SubElement(used, f"{{{ns}}}usedPromotion")
            for name in ("promotionId", "couponId"):
                _add_if(entry, promotion, name, ns, f"usedPromotions[{index}].")
    if receipt.get("usedBonusChecks"):
        used = etree.SubElement(element, f"{{{ns}}}usedBonusChecks")
        for index, check in enumerate(receipt["usedBonusChecks"]):
            _add_if(etree.SubElement(used, f"{{{ns}}}usedBonusCheck"), check, "checkNumber", ns,
                    f"usedBonusChecks[{index}].")
    if receipt.get("taxDetails"):
        details = etree.SubElement(element, f"{{{ns}}}taxDetails")
        for index, detail in enumerate(receipt["taxDetails"]):
            entry = etree.SubElement(details, f"{{{ns}}}taxDetail")
            for name in ("description", "value", "percent", "totalIncludingTax", "totalExcludingTax"):
                _add_if(entry, detail, name, ns, f"taxDetails[{index}].")
    _extra_data(element, receipt.get("extraData"), ns, "")


def _extra_data(parent: etree._Element, pairs: Any, ns: str, at: str) -> None:
    """``<extraData><item name="size">M</item></extraData>`` (engage-api.md 7.2), when there are any."""
    if not pairs:
        return
    extra = etree.SubElement(parent, f"{{{ns}}}extraData")
    for number, pair in enumerate(pairs):
        where = f"{at}extraData[{number}]."
        name = _text(pair.get("name"))
        problem = _refuse_text(f"{where}name", name)
        if problem is not None:
            raise problem
        _add(extra, "item", pair.get("value"), ns, where).set("name", name)


def transaction_fragment(receipt: Mapping[str, Any]) -> etree._Element:
    """One receipt as a <transaction>, built alone so a receipt that cannot be written fails on its own.

    Checked against our XSD on its own too (a few microseconds): a receipt the POS built passes to Engage's API as
    it is, and what the file's schema cannot take (a createdDate written with a space, a text longer than the file
    allows) is refused here naming the element, so it stays in the queue instead of failing the whole file."""
    holder = etree.Element(f"{{{TRANSACTIONS_NS}}}transactions", nsmap={None: TRANSACTIONS_NS})
    _transaction(holder, receipt)
    checker = schema("transactions")
    if not checker.validate(holder):
        error = checker.error_log[0]
        found = holder.getroottree().xpath(error.path) if error.path else []
        raise NotExportable(texts.tr("{field} cannot be written in a transactions file: {problem}",
                                     field=_field_of(found[0]) if found else "transaction", problem=error.message))
    return holder[0]


_LISTS = {"items", "paymentMethods", "discounts", "extraData", "usedPromotions", "usedBonusChecks",
          "taxDetails"}


def _field_of(element: etree._Element) -> str:
    """The receipt field an element of a <transaction> writes, as the receipt's JSON names it (items[0].sku)."""
    tokens = []
    node = element
    while node is not None and etree.QName(node).localname != "transaction":
        parent = node.getparent()
        if parent is not None and etree.QName(parent).localname in _LISTS:
            tokens.append(f"[{parent.index(node)}]")
        else:
            tokens.append(etree.QName(node).localname)
        node = parent
    path = ""
    for token in reversed(tokens):
        path += token if token.startswith("[") or not path else "." + token
    return path or "transaction"


def transactions_document(fragments: Iterable[etree._Element]) -> etree._Element:
    root = etree.Element(f"{{{TRANSACTIONS_NS}}}transactions", nsmap={None: TRANSACTIONS_NS})
    root.extend(fragments)
    return root


# ------------------------------------------------------------------ orders

def order_fragment(order: Mapping[str, Any]) -> etree._Element:
    """One v3 order body (its latest version) as an <order>, built alone so a bad one fails on its own."""
    holder = etree.Element(f"{{{ORDERS_NS}}}orders", nsmap={None: ORDERS_NS})
    element = etree.SubElement(holder, f"{{{ORDERS_NS}}}order")
    _add(element, "orderId", order["orderId"], ORDERS_NS)
    contact = etree.SubElement(element, f"{{{ORDERS_NS}}}contact")
    _add(contact, "matchKey", order["contact"]["matchKey"], ORDERS_NS)
    _add(contact, "matchKeyType", order["contact"]["matchKeyType"], ORDERS_NS)
    for name in ("externalStoreId", "status", "externalStatus", "currencyCode", "channel", "createdAt",
                 "lastChangedAt"):
        _add_if(element, order, name, ORDERS_NS)
    line_items = etree.SubElement(element, f"{{{ORDERS_NS}}}lineItems")
    items = etree.SubElement(line_items, f"{{{ORDERS_NS}}}items")
    for line in order["lineItems"]["items"]:
        item = etree.SubElement(items, f"{{{ORDERS_NS}}}item")
        for name in ("type", "sku", "name", "quantity", "totalPrice", "taxPercent"):
            _add(item, name, line[name], ORDERS_NS)
    _add(line_items, "subTotal", order["lineItems"]["subTotal"], ORDERS_NS)
    payments = (order.get("payments") or {}).get("items") or []
    if payments:
        wrapper = etree.SubElement(element, f"{{{ORDERS_NS}}}payments")
        for payment in payments:
            item = etree.SubElement(wrapper, f"{{{ORDERS_NS}}}payment")
            _add(item, "type", payment["type"], ORDERS_NS)
            _add(item, "value", payment["value"], ORDERS_NS)
    if order.get("delivery"):
        delivery = etree.SubElement(element, f"{{{ORDERS_NS}}}delivery")
        _add(delivery, "method", order["delivery"]["method"], ORDERS_NS)
    return element


def orders_document(fragments: Iterable[etree._Element]) -> etree._Element:
    root = etree.Element(f"{{{ORDERS_NS}}}orders", nsmap={None: ORDERS_NS})
    root.extend(fragments)
    return root


# ------------------------------------------------------------------ schemas

@cache
def schema(kind: str) -> etree.XMLSchema:
    """Our XSD for 'contacts', 'transactions' or 'orders', shipped inside the package."""
    text = resources.files("pos_engage.core.export").joinpath("schemas", f"{kind}.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(text))


def document_parts(record: etree._Element) -> tuple[bytes, bytes, bytes]:
    """A record built in its holder (``transaction_fragment``) as (head, body, tail) bytes: the declaration and
    the root's start tag, the record as it stands in its document (pretty-printed at its depth), and the root's
    end tag. A file written head, each record's body, tail, has the bytes ``serialise`` gives the whole document
    (the indentation of a record depends only on its depth), so a file can be written record by record."""
    holder = record.getparent()
    if holder is None or len(holder) != 1:
        raise ValueError("a record is serialised alone in its holder")
    whole = etree.tostring(holder, xml_declaration=True, encoding="utf-8", pretty_print=True)
    start = whole.index(b"\n", whole.index(b"<", whole.index(b"?>"))) + 1
    end = whole.rindex(b"</")
    return whole[:start], whole[start:end], whole[end:]


def check_file(path, kind: str) -> None:
    """Check a written file against our XSD as it streams by (bounded memory): ValueError, as ``serialise``."""
    try:
        for _, element in etree.iterparse(str(path), events=("end",), schema=schema(kind), huge_tree=True):
            if element.getparent() is not None and element.getparent().getparent() is None:
                element.clear()  # a whole record checked: drop it
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.XMLSyntaxError as problem:
        raise ValueError(f"the {kind} file does not match its schema: {problem}") from problem


def serialise(root: etree._Element, kind: str) -> bytes:
    """The file's bytes, after checking the document against our XSD (a failure is our bug: nothing leaves)."""
    checker = schema(kind)
    if not checker.validate(root):
        problems = "; ".join(f"line {e.line}: {e.message}" for e in list(checker.error_log)[:3])
        raise ValueError(f"the {kind} file does not match its schema: {problems}")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
