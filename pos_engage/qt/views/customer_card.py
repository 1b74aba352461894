"""What the customer card says about a known contact: member or not, member number and level, points, consents,
how many offers and what the vouchers are worth; and the last purchases as lines. Its texts keep
CustomerPanel's translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_engage.qt import i18n

if TYPE_CHECKING:
    from pos_engage.core.till.outcomes import Customer

translate = QCoreApplication.translate


def count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def contact_details(customer: Customer) -> str:
    """The card's lines under the name of a customer Engage knows (``customer.contact`` is set)."""
    contact = customer.contact
    # Short facts share a line (" · "), so that the card leaves the offers below it as much room as it can.
    # Outside the f-string: lupdate does not read a text inside one, which would then never be translated.
    member_number = translate("CustomerPanel", "Member number")
    number = f"{member_number} {contact.member_number}" if contact.member_number else ""
    if contact.is_member:
        first = [number or translate("CustomerPanel", "Member")]   # a member number says member already
    else:
        first = [translate("CustomerPanel", "Contact (not a member)")] + ([number] if number else [])
    if contact.level:
        first.append(translate("CustomerPanel", "Level: {0}").format(contact.level))
    lines = [" · ".join(first)]
    lines.extend(points_lines(customer))
    yes, no = translate("CustomerPanel", "yes"), translate("CustomerPanel", "no")
    lines.append(translate("CustomerPanel", "Offers by email: {0} · by SMS: {1}").format(
        yes if contact.preferences.accepts_email else no, yes if contact.preferences.accepts_sms else no))
    lines.append(count(len(customer.promotions), translate("CustomerPanel", "promotion"),
                       translate("CustomerPanel", "promotions")) + ", " +
                 count(len(customer.vouchers), translate("CustomerPanel", "voucher"),
                       translate("CustomerPanel", "vouchers")) +
                 voucher_worth(customer.vouchers))
    return "\n".join(lines)


def points_lines(customer: Customer) -> list[str]:
    """Points from her point accounts in Engage (one line per kind when she has several), where the tenant has
    them; points Engage did not tell are said to be unavailable, never shown as none. (Her level shares the
    card's first line.)"""
    from pos_engage.qt.views.candidate_list import points_text

    lines = []
    points = customer.points
    if points is not None and points.unavailable:
        lines.append(translate("CustomerPanel", "Points unavailable"))
    elif points is not None:
        for account in points.lines:
            amount = points_text(account.balance)
            if account.pending:
                amount += " " + translate("CustomerPanel", "({0} pending)").format(points_text(account.pending))
            lines.append(f"{account.name}: {amount}" if account.name
                         else translate("CustomerPanel", "Points: {0}").format(amount))
    return lines


def voucher_worth(vouchers) -> str:
    """What the usable vouchers are worth together, per currency (a tenant may issue more than one)."""
    totals: dict[str, object] = {}
    for voucher in vouchers:
        totals[voucher.value.currency] = totals.get(voucher.value.currency, 0) + voucher.value.amount
    if not totals:
        return ""
    return " " + translate("CustomerPanel", "worth {0}").format(" + ".join(i18n.money(amount, currency)
                                                                         for currency, amount in totals.items()))


def purchases_text(purchases) -> str:
    """The last purchases, one a line: date, store, amount and how many items."""
    one, many = translate("CustomerPanel", "item"), translate("CustomerPanel", "items")
    return "\n".join(
        f"{i18n.date_text(p.created_date) if p.created_date else ''}  {p.store_name}  "
        f"{i18n.money(p.net_price_sum, p.currency)}  ({count(p.number_of_items, one, many)})"
        for p in purchases)
