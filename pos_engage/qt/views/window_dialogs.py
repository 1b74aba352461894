"""The till window's manager and help part: the offline queue's window (Ctrl+M), the settings (Ctrl+comma; behind
a manager's code, audited under that manager's name) and the list of keyboard shortcuts (F1). Each loads when
first opened. A mixin of MainWindow; its texts keep MainWindow's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from pos_engage.core.errors import PosEngageError
from pos_engage.qt.texts import shown
from pos_engage.qt.views.window_layout import sized_to_screen

SHORTCUTS = (
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "Help: this list")),
    ("F2", QT_TRANSLATE_NOOP("MainWindow", "Find customer")),
    ("F3", QT_TRANSLATE_NOOP("MainWindow", "Register new customer")),
    ("F4", QT_TRANSLATE_NOOP("MainWindow", "Promotions and vouchers")),
    ("F5", QT_TRANSLATE_NOOP("MainWindow", "Add an article")),
    ("F6", QT_TRANSLATE_NOOP("MainWindow", "Orders: the customer's orders, a new order from the basket")),
    ("F7", QT_TRANSLATE_NOOP("MainWindow", "Return against a sale: find it by its receipt, refund what was paid")),
    ("F8", QT_TRANSLATE_NOOP("MainWindow", "Take part of the payment (split payment)")),
    ("F9", QT_TRANSLATE_NOOP("MainWindow", "Finish the sale: what remains is paid by the chosen method")),
    ("F12", QT_TRANSLATE_NOOP("MainWindow", "New sale (voids this one)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("MainWindow", "Sign in / change cashier")),
    ("Ctrl+M", QT_TRANSLATE_NOOP("MainWindow", "Manager: the offline queue")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("MainWindow", "Manager: settings")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "Quit")),
    ("Space", QT_TRANSLATE_NOOP("MainWindow", "Apply / remove the selected promotion")),
    ("Delete", QT_TRANSLATE_NOOP("MainWindow", "Remove the selected basket line")),
    ("+ / −", QT_TRANSLATE_NOOP("MainWindow", "One more / one fewer of the selected basket line")),
    # The tenders are one group: an arrow key moves to the next and chooses it (Qt's own for a button group).
    ("← / →", QT_TRANSLATE_NOOP("MainWindow", "On the payment methods: move to the next one and choose it")),
)


# F1's list while a POS is linked: what the POS does then, said where the till's own keys are greyed.
LINKED_SHORTCUTS = {
    "F5": QT_TRANSLATE_NOOP("MainWindow", "Add an article: at the POS while it is linked"),
    "F7": QT_TRANSLATE_NOOP("MainWindow", "Returns: made at the POS while it is linked"),
    "F8": QT_TRANSLATE_NOOP("MainWindow", "Payment: taken at the POS while it is linked"),
    "← / →": QT_TRANSLATE_NOOP("MainWindow", "Payment: taken at the POS while it is linked"),
    "F9": QT_TRANSLATE_NOOP("MainWindow", "Finish the sale: at the POS while it is linked"),
    "F12": QT_TRANSLATE_NOOP("MainWindow", "New sale: opened at the POS while it is linked"),
}


class DialogsWindowPart:
    def open_return(self) -> None:
        """F7: a return against a sale, with its refund; loaded when first opened. Whether a return may be made
        now is the return use case's (ReturnDesk.refuse_while_linked: not while a POS is linked); the dialog's
        opener shows its refusal."""
        from pos_engage.qt.views.return_dialog import open_return_dialog

        open_return_dialog(self)

    def open_queue(self) -> None:
        """The manager's queue, in its own window (actions there ask for a manager's code). Not over a journal found
        damaged: its entries cannot all be read (the manager is told why, as the banner says; IT recovers them)."""
        damage = self.bridge.service.journal.damage
        if damage is not None:
            from PySide6.QtWidgets import QMessageBox

            self.queue_refused = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate(
                "MainWindow", "The queue cannot be shown"), shown(damage), QMessageBox.StandardButton.Ok, self)
            self.queue_refused.open()   # not exec(): the till's loop goes on
            return
        if getattr(self, "queue_view", None) is None:
            from pos_engage.core.office.queue import ManagerActions
            from pos_engage.core.paths import data_paths
            from pos_engage.qt.models.journal_model import JournalModel
            from pos_engage.qt.queue_bridge import QueueBridge
            from pos_engage.qt.views.queue_view import QueueView

            service = self.bridge.service
            config = service.config
            exports = data_paths(config.data_dir).exports
            # The store's catch-all contact: its receipts' rows say "Walk-in customer", not its masked id.
            model = JournalModel(service.journal, walk_in=config.till.anonymous_contact)
            self.queue_view = QueueView(
                model, ManagerActions(service.journal, till=config.till_id, people=self.people), export_folder=exports,
                store=config.store_external_id, till=config.till_id, on_changed=self.bridge.refresh_status,
                long_actions=QueueBridge(service.journal, service.replayer, config, exports, self))
            sized_to_screen(self.queue_view, 1100, 700)
            self._queue_figures = None
        self.queue_view.show()
        self.queue_view.raise_()

    def open_settings(self, ask_pin=None) -> None:
        """Settings need a manager's code; saved settings take effect at the next start (audited under that
        manager's name)."""
        from pos_engage.core.config_files import save_changes
        from pos_engage.core.credentials import ENGAGE_API_KEY, set_secret
        from pos_engage.core.office.queue import ManagerActions
        from pos_engage.qt.views.settings_dialog import SettingsDialog

        service = self.bridge.service
        actions = ManagerActions(service.journal, till=service.config.till_id, people=self.people)
        answer = self.ask_manager(ask_pin)
        if answer is None:
            return
        try:
            manager = actions.verify(answer[1], by=answer[0], purpose="settings")
        except PosEngageError as problem:
            self._on_problem(shown(problem))
            return

        from pos_engage.configuration import settings_layers

        locked, target = settings_layers()

        def save(changes: dict, api_key: str) -> str | None:
            if not changes and not api_key:
                return None  # nothing changed: nothing to write, nothing to audit
            try:
                if api_key:   # first: a key refused (a curly quote pasted in) leaves the settings as they were
                    set_secret(ENGAGE_API_KEY, api_key)
                save_changes(target, changes)
            except PosEngageError as problem:
                return shown(problem)
            service.journal.audit("settings", actor=manager.actor, till=service.config.till_id,
                                  detail=", ".join(sorted(changes)))
            self.basket.sale_status.setText(QCoreApplication.translate(
                "MainWindow", "Settings saved: they take effect when pos-engage starts again"))
            return None

        dialog = SettingsDialog(service.config, on_test=self.bridge.test_connection, on_save=save, locked=locked,
                                parent=self)
        self.bridge.connection_tested.connect(dialog.show_test)
        self.settings_dialog = dialog
        dialog.open()

    def show_help(self) -> None:
        """F1: every shortcut, in a dialog that fits the screen (a message box grew taller than a 480 x 800 strip
        in Swedish, its Close button below the screen); the list scrolls when the screen is low. A grid of labels,
        not a rich-text table, so that the descriptions wrap to the width there is."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout

        box = QDialog(self)
        box.setWindowTitle(QCoreApplication.translate("MainWindow", "Keyboard shortcuts"))
        box.setAccessibleName(QCoreApplication.translate("MainWindow", "Keyboard shortcuts"))
        layout = QVBoxLayout(box)
        listing = QWidget()
        grid = QGridLayout(listing)
        grid.setColumnStretch(1, 1)
        listed_keys = [(key, LINKED_SHORTCUTS.get(key, text) if self.linked else text) for key, text in SHORTCUTS]
        for row, (key, text) in enumerate(listed_keys):
            key_label, words = QLabel(f"<b>{key}</b>"), QLabel(QCoreApplication.translate("MainWindow", text))
            words.setWordWrap(True)
            words.setAccessibleName(key)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(words, row, 1)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(listing)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, box)
        buttons.rejected.connect(box.reject)
        layout.addWidget(buttons)
        listed = "".join(f"<b>{key}</b> {QCoreApplication.translate('MainWindow', text)}\n"
                         for key, text in listed_keys)
        box.text = lambda: listed   # what it lists (read as a message box's text is)
        self.help_box = box
        width = 560
        needed = grid.totalHeightForWidth(width - 40) if grid.hasHeightForWidth() else listing.sizeHint().height()
        sized_to_screen(box, width, needed + buttons.sizeHint().height() + 50)
        box.open()
