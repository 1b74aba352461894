"""The POS's sale, read-only (linked mode): the lines the POS rang up with each line's discounts (the offers' and
the POS's own, pos_sale_lines), and the totals before, discounts and to pay. No article or payment entry here: the
POS owns them. The customer and the offers are in the customer panel beside it, where the cashier identifies and
picks offers.

Once the POS has committed or voided the sale, the panel says so in its heading and the sale is shown as past
(greyed; a voided sale's totals struck through), so that nobody reads a paid sale's offers as the next customer's.
Before the POS has opened a sale (``show_waiting``: a till set up for a linked POS, from its start) the panel says it
waits for one, and what the cashier can do meanwhile: identify the customer, who goes onto the POS's next sale; a
sale that ended says the same below what became of it.
In a one-column strip the totals and what became of the sale (``summary``) are kept below what scrolls, as the
till's own basket keeps its "to pay" (``take_summary`` / ``keep_summary``, basket_summary.SummaryKeeping)."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_summary import SummaryKeeping
from pos_engage.qt.views.pos_sale_lines import PosLinesTable, amount_text

MARKS = {"committed": "✔ ", "voided": "✖ "}
NO_BREAK = "\u00a0"
NARROW_NO_BREAK = "\u202f"


def totals_html(before: str, to_pay: str, *, emphasised: bool) -> str:
    """The totals as one wrapped line: "to pay" and its amount never apart (its spaces do not break; at 1024×768
    "To pay" ended a line and its amount began the next) and, while the sale is open, in bold as the till's own
    sale shows what is to pay."""
    # Rich text takes Swedish's narrow group space (U+202F) for a space it may break at ("To pay 2" / "408,29").
    before, to_pay = (text.replace(NARROW_NO_BREAK, NO_BREAK) for text in (before, to_pay))
    joined = html.escape(to_pay).replace(" ", NO_BREAK)
    return f"{html.escape(before)} · " + (f"<b>{joined}</b>" if emphasised else joined)


class PosSalePanel(QWidget, SummaryKeeping):
    """Shows a sale's state as the POS link answers it (``show_state``). Its ``summary`` is lent to the window's
    footer in a strip as the till's own basket's is (SummaryKeeping)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        from PySide6.QtCore import Qt  # as pos_sale_lines: the Qt namespace is not loaded for the first frame

        super().__init__(parent)
        self.setObjectName("posSale")
        # Another POS sale open besides the one shown (the window shows the one changed last).
        self.others = QLabel()
        self.others.setObjectName("posSaleOthers")
        self.others.setWordWrap(True)
        self.others.hide()
        self.heading = QLabel(self.tr("Sale from the POS"))
        self.heading.setObjectName("posSaleHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.lines = PosLinesTable(self)
        self.summary = QWidget()
        self.summary.setObjectName("posSaleSummary")
        self.totals = QLabel()
        self.totals.setObjectName("posSaleTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAccessibleName(self.tr("Totals"))
        self.status = QLabel()
        self.status.setObjectName("posSaleStatus")
        self.status.setWordWrap(True)
        summary = QVBoxLayout(self.summary)
        summary.setContentsMargins(0, 0, 0, 0)
        summary.addWidget(self.totals)
        summary.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.others)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.summary)
        self.compact = False
        self.state: dict[str, Any] | None = None
        self.waiting = False

    def set_compact(self, compact: bool) -> None:
        """In a one-column strip the table takes the room the customer's card and offers leave, no taller than its
        lines (pos_sale_lines); what is left goes below it, not between the sale's parts."""
        self.compact = compact
        # In the customer column (one column), the column's own margins are the sale's: not indented twice.
        margin = 0 if compact else self.style().pixelMetric(QStyle.PixelMetric.PM_LayoutLeftMargin)
        self.layout().setContentsMargins(margin, margin, margin, margin)
        self._drop_stretch()
        if compact:
            self.layout().addStretch(0)
        self.lines.set_compact(compact)
        if self.waiting:   # the heading's words where this layout says them
            self.show_waiting()
        elif self.state is not None:
            self.show_state(self.state)

    def _drop_stretch(self) -> None:
        layout = self.layout()
        for index in reversed(range(layout.count())):
            if layout.itemAt(index).spacerItem() is not None:
                layout.takeAt(index)

    def show_others(self, others: int, shown_open: bool) -> None:
        """``others``: how many POS sales are open at this till besides the one shown (two POS terminals on one
        till; the window shows the one changed last)."""
        if shown_open:
            text = self.tr("Sales open at the POS: {0}. Shown: the one changed last.").format(others + 1)
        else:
            text = self.tr("Other sales open at the POS: {0}. One shows here when the POS changes it.").format(others)
        self.others.setText(text)
        self.others.setVisible(others > 0)

    def waiting_words(self) -> str:
        """What the cashier can do while no sale of the POS's is open (said while waiting and after a sale)."""
        return self.tr("Articles and payment are taken at the POS. A customer identified here now goes onto the "
                       "POS's next sale.")

    def show_waiting(self) -> None:
        """No sale of the POS's shown yet (a till set up for a linked POS, from its start): it waits for the POS
        to open one, no lines and no totals (there are none: "To pay 0.00" read as a sale of nothing)."""
        self.waiting = True
        self.state = None
        self.lines.show_lines([], "")
        self.lines.hide()
        self.totals.clear()
        self.totals.hide()
        self.heading.setText(self.tr("Waiting for the POS to open a sale"))
        # Shown in a strip too: where the POS's lines will be, below the identify row, not an empty gap.
        self.heading.setVisible(True)
        self.status.setText(self.waiting_words())
        self._waiting_stretch(True)

    def _waiting_stretch(self, waiting: bool) -> None:
        """Waiting, the heading and what it says at the top of the panel (room below them where the lines will
        be); a sale's lines take that room themselves."""
        from PySide6.QtWidgets import QSizePolicy, QSpacerItem

        layout = self.layout()
        spacer = getattr(self, "_waiting_spacer", None)
        if spacer is not None and layout.indexOf(spacer) >= 0:
            if waiting:
                return
            layout.removeItem(spacer)
        self._waiting_spacer = None
        if waiting:
            self._waiting_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
            layout.addItem(self._waiting_spacer)

    def show_state(self, state: dict[str, Any]) -> None:
        self.state = state
        self.waiting = False
        self._waiting_stretch(False)
        self.lines.show()
        self.totals.show()
        currency = state["currency"]
        status = state["status"]
        ended = status in MARKS
        self.lines.show_lines(state["lines"], currency)
        self.lines.setEnabled(not ended)   # greyed: a past sale, not the next customer's
        totals = state["totals"]
        self.totals.setText(totals_html(
            # "Offers", not "Discounts": the POS's own line discounts are already out of "before" (pos-link.md);
            # this is what the customer's offers took off, as each line's Discount column says per offer.
            self.tr("Before {0} · Offers {1}").format(amount_text(totals["before"], currency),
                                                    amount_text(-totals["discounts"], currency, signed=True)),
            self.tr("To pay {0}").format(amount_text(totals["toPay"], currency)), emphasised=not ended))
        self.totals.setEnabled(not ended)
        # Open: "to pay" is what the cashier reads; once ended, the heading is, and a void's figures are struck out.
        self.totals.setStyleSheet("font-size: 14pt;" if not ended else
                                  "text-decoration: line-through;" if status == "voided" else "")
        words = {"open": self.tr("Open at the POS: the POS takes the payment"),
                 "committed": self.tr("Paid at the POS: the sale is saved"),
                 "voided": self.tr("Voided at the POS")}
        sale = state["posSaleId"]
        if ended:
            self.heading.setText(MARKS[status] + words[status])
            after = (self.tr("Sale {0} is paid and saved. Ready for the next customer.") if status == "committed"
                     else self.tr("Sale {0} was voided: nothing was saved. Ready for the next customer."))
            lines = [after.format(sale)]
            first = MARKS[status] + lines[0]
        else:
            self.heading.setText(self.tr("Sale {0} from the POS").format(sale))
            lines = [words.get(status, status)]
            first = " · ".join((self.heading.text(), lines[0]))
        # In a strip the heading's line is the status's first, below what scrolls: a heading of its own above the
        # lines took a row of an 800×600 screen that the POS's lines need (they showed two and a half).
        self.heading.setVisible(not self.compact)
        if self.compact:
            lines[0] = first
        messages = [shown(m) for m in state.get("messages", [])]
        # Ended: the sale's own words, then what the cashier can do until the POS opens the next one.
        self.status.setText("\n".join([*lines, *messages, *([self.waiting_words()] if ended else [])]))
