"""The till window's status part: the status bar (Engage's connection, the offline queue, what needs the
manager, busy, who is signed in) kept up to date from the bridge's status, the problem line under the
customer (shown when something went wrong, cleared once the next thing works), and the banner at the top that says
the journal was found damaged (it stays: only a restart puts that right). A mixin of MainWindow; its texts keep
MainWindow's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel

from pos_engage.qt.texts import shown

if TYPE_CHECKING:
    from pos_engage.qt.bridge import StatusSnapshot

# The status bar in a narrow strip: the sign and a word; the whole sentence is the label's tooltip.
CONNECTIVITY_SHORT = {
    "online": QT_TRANSLATE_NOOP("MainWindow", "Online"),
    "degraded": QT_TRANSLATE_NOOP("MainWindow", "Slow"),
    "offline": QT_TRANSLATE_NOOP("MainWindow", "Offline"),
    "not_engage": QT_TRANSLATE_NOOP("MainWindow", "Not Engage: call IT"),
    "checking": QT_TRANSLATE_NOOP("MainWindow", "Checking…"),
}
# By core.office.health.Connectivity's values (a StrEnum, so its members are these keys).
CONNECTIVITY_TEXT = {
    "online": ("●", QT_TRANSLATE_NOOP("MainWindow", "Engage online")),
    "degraded": ("▲", QT_TRANSLATE_NOOP("MainWindow", "Engage slow")),
    "offline": ("✖", QT_TRANSLATE_NOOP("MainWindow", "Engage offline: sales are saved and sent later")),
    "not_engage": ("✖", QT_TRANSLATE_NOOP("MainWindow", "Something between this till and Engage answers instead of "
                                                        "Engage: sales are saved and sent later; call IT")),
    # At start, until Engage has answered or failed (OnlineMonitor.find_out): not "online" on faith.
    "checking": ("○", QT_TRANSLATE_NOOP("MainWindow", "Checking Engage…")),
}


def age_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


class StatusWindowPart:
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.connectivity_label = QLabel()
        self.connectivity_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Engage connection"))
        self.queue_label = QLabel()
        self.queue_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Offline queue"))
        self.attention_label = QLabel()
        self.attention_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Needs attention"))
        self.busy_label = QLabel()
        self.person_label = QLabel()
        self.person_label.setObjectName("signedIn")
        self.person_label.setAccessibleName(QCoreApplication.translate("MainWindow", "Signed in"))
        bar.addPermanentWidget(self.person_label)
        for label in (self.connectivity_label, self.queue_label, self.attention_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.busy_label)
        # Room between the parts; margins rather than a "QStatusBar QLabel" rule, which every label in the
        # window would be matched against.
        for label in (self.connectivity_label, self.queue_label, self.attention_label, self.busy_label):
            label.setContentsMargins(10, 0, 10, 0)
        # The status bar never makes the window wider than its screen (a strip says each part short instead).
        for label in (self.connectivity_label, self.queue_label, self.attention_label, self.busy_label,
                      self.person_label):
            label.setMinimumWidth(1)

    def _on_bridge_status_changed(self, status: StatusSnapshot) -> None:
        queue = getattr(self, "queue_view", None)
        if queue is not None and queue.isVisible() and status.figures != self._queue_figures:
            self._queue_figures = status.figures  # the journal changed: show it
            queue.refresh()
        self._follow_orders(status.figures)
        self._status = status
        icon, words = CONNECTIVITY_TEXT[status.connectivity]
        whole = f"{icon} {QCoreApplication.translate('MainWindow', words)}"
        short = f"{icon} {QCoreApplication.translate('MainWindow', CONNECTIVITY_SHORT[status.connectivity])}"
        self.connectivity_label.setText(short if self.compact else whole)
        self.connectivity_label.setToolTip("\n".join(filter(None, (whole, status.detail))))
        if status.journal_problem is not None:
            self._show_journal_damaged(status.journal_problem)
            return
        figures = status.figures
        if figures.pending:
            queue = QCoreApplication.translate("MainWindow", "Queue: {0} waiting, oldest {1}").format(
                figures.pending, age_text(status.oldest_age))
            self.queue_label.setText(QCoreApplication.translate("MainWindow", "Queue: {0}").format(figures.pending)
                                     if self.compact else queue)
            self.queue_label.setToolTip(queue)
        else:
            self.queue_label.setText(QCoreApplication.translate("MainWindow", "Queue: 0") if self.compact else
                                     QCoreApplication.translate("MainWindow", "Queue: empty"))
        problems = figures.needs_attention + figures.conflicts
        attention = QCoreApplication.translate(
            "MainWindow", "⚠ {0} need attention, {1} conflicts: tell the manager").format(
            figures.needs_attention, figures.conflicts) if problems else ""
        self.attention_label.setText(f"⚠ {problems}" if self.compact and problems else attention)
        self.attention_label.setToolTip(attention)

    def _show_journal_damaged(self, problem: str) -> None:
        """The journal was found damaged while the till runs: said in a banner at the top of the window, where the
        demo's marker is, until the till restarts; the status bar's queue says it short, as the queue's figures
        can no longer be read. Drawn again (a change of layout) without a second banner."""
        banner = getattr(self, "journal_banner", None)
        if banner is None:
            banner = self.journal_banner = QLabel(self.content)
            banner.setObjectName("journalDamaged")
            banner.setProperty("tone", "error")
            banner.setWordWrap(True)
            banner.setStyleSheet("QLabel#journalDamaged { background: #fdecea; border: 2px solid #b3261e; "
                                 "border-radius: 4px; padding: 6px 12px; }")
            banner.setAccessibleName(QCoreApplication.translate("MainWindow", "The journal is damaged"))
            at = 1 if getattr(self, "demo_marker", None) is not None else 0
            self.content.layout().insertWidget(at, banner)
            banner.show()   # now, not when the layout next gets to it
            self._queued_sale = None   # its line cannot be followed: its entries' statuses cannot be read
        if banner.text() != problem:
            banner.setText(problem)
        short = QCoreApplication.translate("MainWindow", "✖ Journal damaged: restart the till")
        self.queue_label.setText(short)
        self.queue_label.setToolTip(problem)
        if self.queue_label.property("tone") != "error":
            self.queue_label.setProperty("tone", "error")
            self.queue_label.style().polish(self.queue_label)
        self.attention_label.setText("")
        self.attention_label.setToolTip("")

    def _on_bridge_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(QCoreApplication.translate("MainWindow", "Working…") if busy else "")
        self.customer.find_button.setEnabled(not busy)

    def _clear_problem(self, *_args) -> None:
        """A problem's message goes once its situation has ended (the next thing worked, a new customer)."""
        if self._problem_shown:
            self._problem_shown = False
            self.customer.message.clear()

    def _on_problem(self, message: str) -> None:
        self._problem_shown = True
        self.customer.message.setProperty("tone", "warning")
        self.customer.message.setText(shown(message))
        self.customer.message.style().polish(self.customer.message)
        QTimer.singleShot(0, self.customer.message.update)
