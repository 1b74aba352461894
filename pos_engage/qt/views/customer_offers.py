"""The customer's offers as cards: what each card says (heading, value, expiry; why it cannot be used now) and the
list that applies a card, or takes it off again, with one tap or Space. A card the sale cannot take now is dimmed,
says why, and is not applied by a tap (an applied card can always be taken off). Each card is as high as its
wrapped text: nothing on it is cut ("expires 5 Jan …"). Its texts keep CustomerPanel's translation context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate

from pos_engage.qt import i18n
from pos_engage.qt.texts import shown

if TYPE_CHECKING:
    from pos_engage.core.domain import Promotion, RewardVoucher

# The domain's types are imported where an offer is described, not here: the window is drawn before the till's
# core modules load (see pos_engage.window), and an offer can only be shown after they have.

# What a card said before why it cannot be used now was added (its heading and value lines).
CARD_TEXT_ROLE = 0x0100 + 1   # Qt.ItemDataRole.UserRole + 1 (the Qt namespace is not touched at import: see above)


def describe_offer(offer: Promotion | RewardVoucher) -> tuple[str, str]:
    """Heading and value line for a card in the offers list."""
    from pos_engage.core.domain import RewardVoucher, ValueType

    if isinstance(offer, RewardVoucher):
        worth = QtCore.QCoreApplication.translate("CustomerPanel", "{0} {1} voucher")
        return offer.name, worth.format(i18n.money(offer.value.amount), offer.value.currency)
    channel = offer.pos_channel
    if channel.value_type is ValueType.PERCENT:
        value = i18n.percent(channel.percent)
    elif channel.value_type is ValueType.MONEY:
        value = i18n.money(channel.amount.amount, channel.amount.currency)
    else:
        value = channel.instruction or channel.code or ""
    if offer.expires_on:
        # The date wraps as a whole onto the next line, never split after its day or month.
        value += "  ·  " + QtCore.QCoreApplication.translate("CustomerPanel", "expires {0}").format(
            i18n.date_text(offer.expires_on).replace(" ", "\u00a0"))
    return offer.heading or offer.name, value


def show_availability(item: QListWidgetItem, why_not: str | None) -> None:
    """Mark a card as usable now, or dimmed with why not on it (and as its tooltip and accessible description).
    An applied card stays usable whatever is said: it must be possible to take it off."""
    flags = QtCore.Qt.ItemFlag
    text = item.data(CARD_TEXT_ROLE) or item.text()
    item.setData(CARD_TEXT_ROLE, text)
    if why_not and item.checkState() != QtCore.Qt.CheckState.Checked:
        # shown(): core's sentence in the till's language (formatted as it is, a Swedish card said why in English)
        not_now = QtCore.QCoreApplication.translate("CustomerPanel", "Cannot be used now: {0}").format(shown(why_not))
        item.setFlags(item.flags() & ~(flags.ItemIsEnabled | flags.ItemIsSelectable))
        item.setText(f"{text}\n{not_now}")
        item.setToolTip(not_now)
        item.setData(QtCore.Qt.ItemDataRole.AccessibleDescriptionRole, not_now)
    else:
        item.setFlags(item.flags() | flags.ItemIsEnabled | flags.ItemIsSelectable)
        item.setText(text)
        item.setToolTip("")
        item.setData(QtCore.Qt.ItemDataRole.AccessibleDescriptionRole, "")


def usable(item: QListWidgetItem) -> bool:
    return bool(item.flags() & QtCore.Qt.ItemFlag.ItemIsEnabled)


class CardDelegate(QStyledItemDelegate):
    """A card as high as its text wrapped at the width the card really has (the list's, less the card's margins,
    border, padding and check box from the style sheet): Qt's own estimate left out that room and cut the last line
    short with an ellipsis."""

    def sizeHint(self, option, index) -> QtCore.QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        opt = type(option)(option)
        self.initStyleOption(opt, index)
        tall = 10_000
        opt.rect = QtCore.QRect(0, 0, view.viewport().width(), tall)
        room = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        # The style draws the text inside a focus frame's margin on each side (QCommonStyle's textMargin), and
        # wraps it with QTextLayout: a few pixels more kept so that a line it breaks sooner still has its room.
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1) + 6
        text = opt.fontMetrics.boundingRect(QtCore.QRect(0, 0, max(1, room.width() - margin), tall),
                                            QtCore.Qt.TextFlag.TextWordWrap, opt.text)
        return QtCore.QSize(hint.width(), max(hint.height(), text.height() + tall - room.height() + 2))


class OffersList(QListWidget):
    """The offers as cards: a tap on a card applies it (or takes it off again), Space does the same for the
    selected card. The check mark shows what is applied; nobody has to hit a 13 px box. A card that cannot be used
    now is not applied by a tap; an applied one is always taken off."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setItemDelegate(CardDelegate(self))
        # Laid out again as the list's width changes (the column's, a scroll bar coming): the cards' heights follow.
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.wished_height = 0   # what it asks for instead of a list's 192 px, when set (customer_column)

    def sizeHint(self) -> QtCore.QSize:  # Qt override: camelCase
        hint = super().sizeHint()
        if self.wished_height:
            hint.setHeight(self.wished_height)
        return hint

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
        if not applied and not usable(item):
            return   # it says on the card why it cannot be used now
        item.setCheckState(QtCore.Qt.CheckState.Unchecked if applied else QtCore.Qt.CheckState.Checked)


class OfferCardStates:
    """CustomerPanel's offer cards as the sale on screen stands: ticked when applied, dimmed with why when they
    cannot be used now, a tap told to the window (``offer_toggled``) but not a card redrawn (``_updating``). Uses
    the panel's ``offers``, ``message``, ``offer_toggled`` and the fields its __init__ sets (``_updating``,
    ``_offer_states``, ``_states_of``, ``_own_message``)."""

    def _on_offers_item_changed(self, item: QListWidgetItem) -> None:
        if not self._updating:
            self.offer_toggled.emit(item.data(QtCore.Qt.ItemDataRole.UserRole),
                                    item.checkState() == QtCore.Qt.CheckState.Checked)

    def uncheck(self, offer: object) -> None:
        self._tick(offer, QtCore.Qt.CheckState.Unchecked)

    def mark_applied(self, offer: object) -> None:
        self._tick(offer, QtCore.Qt.CheckState.Checked)

    def _tick(self, offer: object, state: QtCore.Qt.CheckState) -> None:
        self._updating = True   # the window's own doing, not a tap
        for row in range(self.offers.count()):
            item = self.offers.item(row)
            if item.data(QtCore.Qt.ItemDataRole.UserRole) is offer:
                item.setCheckState(state)
        self._updating = False

    def follow_offer_states(self, states_of) -> None:
        """Wired by the window (MainWindow._wire), with TillBridge.follow_offers telling :meth:`show_offer_states`
        after every change: ``states_of()`` says which offers the sale on screen can take now (OfferStates)."""
        self._states_of = states_of

    def _follow_offers(self) -> None:
        """The cards were just drawn: marked as the sale is now (told again once a change has been made)."""
        if self._states_of is not None:
            self._offer_states = self._states_of()

    def show_offer_states(self, states) -> None:
        """The sale's offers as its state says (OfferStates): a card that cannot be used now is dimmed and says why.
        A message about an offer (a refusal the window showed) goes once something else worked: another offer
        applied, another sale."""
        before, self._offer_states = self._offer_states, states
        if before is not None and (states.sale is not before.sale or states.applied - before.applied):
            self._drop_problem()
        self._mark_usable()

    def _mark_usable(self) -> None:
        states = self._offer_states
        why_not = states.why_not if states is not None else {}
        updating, self._updating = self._updating, True   # a card redrawn is not a tap
        try:
            for row in range(self.offers.count()):
                item = self.offers.item(row)
                offer = item.data(QtCore.Qt.ItemDataRole.UserRole)
                show_availability(item, why_not.get(getattr(offer, "id", None)))
        finally:
            self._updating = updating

    def _note_own_message(self) -> None:
        self._own_message = (self.message.text(), self.message.property("tone"))

    def _drop_problem(self) -> None:
        """The window's problem line (shown in this panel's message) gives way to what the panel said itself."""
        text, tone = self._own_message
        if self.message.text() != text:
            self.message.setProperty("tone", tone)
            self.message.setText(text)
            self.message.style().polish(self.message)
