"""The customer's offers as cards: what each card says (heading, value, expiry) and the list that applies a
card, or takes it off again, with one tap or Space. Its texts keep CustomerPanel's translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from pos_engage.qt import i18n

if TYPE_CHECKING:
    from pos_engage.core.domain import Promotion, RewardVoucher

# The domain's types are imported where an offer is described, not here: the window is drawn before the till's
# core modules load (see pos_engage.window), and an offer can only be shown after they have.


def describe_offer(offer: Promotion | RewardVoucher) -> tuple[str, str]:
    """Heading and value line for a card in the offers list."""
    from pos_engage.core.domain import RewardVoucher, ValueType

    if isinstance(offer, RewardVoucher):
        worth = QtCore.QCoreApplication.translate("CustomerPanel", "{0} {1} voucher")
        return offer.name, worth.format(i18n.money(offer.value.amount), offer.value.currency)
    channel = offer.pos_channel
    if channel.value_type is ValueType.PERCENT:
        value = f"{channel.percent:g} %"
    elif channel.value_type is ValueType.MONEY:
        value = i18n.money(channel.amount.amount, channel.amount.currency)
    else:
        value = channel.instruction or channel.code or ""
    if offer.expires_on:
        value += "  ·  " + QtCore.QCoreApplication.translate("CustomerPanel", "expires {0}").format(
            i18n.date_text(offer.expires_on))
    return offer.heading or offer.name, value


class OffersList(QListWidget):
    """The offers as cards: a tap on a card applies it (or takes it off again), Space does the same for the
    selected card. The check mark shows what is applied; nobody has to hit a 13 px box."""

    def mouseReleaseEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if item is not None and event.button() == QtCore.Qt.MouseButton.LeftButton:
            self.toggle(item)

    def keyPressEvent(self, event) -> None:
        if event.key() == QtCore.Qt.Key.Key_Space and self.currentItem() is not None:
            self.toggle(self.currentItem())
            return
        super().keyPressEvent(event)

    def toggle(self, item: QListWidgetItem) -> None:
        applied = item.checkState() == QtCore.Qt.CheckState.Checked
        item.setCheckState(QtCore.Qt.CheckState.Unchecked if applied else QtCore.Qt.CheckState.Checked)
