"""Settings a store manager may change (the PIN opened this dialog): checked before saving, "Test connection"
makes a real call, the API key goes to the keyring and everything else to the user's configuration file.

IT's machine-wide file stays as it is and these settings sit on top of it: a key IT set there is shown read-only
("set by IT"), and saving writes only the keys the manager changed, so nothing of IT's is copied or overwritten.
The form scrolls, so Save stays on screen at 1024×768 and below."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.config import Config

POLICIES = ("allow_up_to", "allow", "deny")

# Each field's key path in the configuration (what "set by IT" and "changed" are decided on).
KEY_PATHS = {
    "base_url": "engage.base_url", "store": "store_external_id", "till": "till_id",
    "card_patterns": "till.card_patterns", "country": "default_country_code", "language": "till.language",
    "policy": "till.offline_redemption", "offline_max": "till.offline_max", "server_host": "file_server.host",
    "server_port": "file_server.port", "server_user": "file_server.user",
    "server_folder": "file_server.transactions_folder", "inbox": "till.inbox_dir",
}


class SettingsDialog(QDialog):
    def __init__(self, config: Config, *, on_test: Callable[[str, str], None],
                 on_save: Callable[[dict, str], str | None], locked: frozenset[str] = frozenset(),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.on_test, self.on_save = on_test, on_save
        self.locked = locked
        form = QFormLayout()
        # A label too long to sit beside its field goes above it (a small screen, Swedish): never sideways scrolling.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}

        def add_row(name: str, label: str, widget: QWidget) -> None:
            if KEY_PATHS.get(name) in locked:
                label = self.tr("{label} (set by IT)").format(label=label)
                widget.setEnabled(False)
                widget.setToolTip(self.tr("IT set this for every till on this computer; ask IT to change it"))
            self.labels[name] = label
            form.addRow(label, widget)

        def line(name: str, label: str, value: str, secret: bool = False) -> QLineEdit:
            edit = QLineEdit(value)
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setPlaceholderText(self.tr("unchanged"))
            add_row(name, label, edit)
            self.fields[name] = edit
            return edit

        line("base_url", self.tr("Engage address"), config.engage.base_url)
        line("api_key", self.tr("API key"), "", secret=True)
        line("store", self.tr("Store external id"), config.store_external_id)
        line("till", self.tr("Till id"), config.till_id)
        line("card_patterns", self.tr("Card number patterns"), ", ".join(config.till.card_patterns))
        line("country", self.tr("Default country code"), config.default_country_code)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for code, name in (("", self.tr("The computer's")), ("en", "English"), ("sv", "Svenska")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(config.till.language)))
        add_row("language", self.tr("Language"), self.language)
        self.policy = QComboBox()
        self.policy.setAccessibleName(self.tr("Promotions while Engage is offline"))
        for code, name in zip(POLICIES, (self.tr("Allow up to an amount"), self.tr("Allow"), self.tr("Do not allow")),
                              strict=True):
            self.policy.addItem(name, code)
        self.policy.setCurrentIndex(max(0, self.policy.findData(config.till.offline_redemption)))
        add_row("policy", self.tr("Promotions while offline"), self.policy)
        self.offline_max = QDoubleSpinBox()
        self.offline_max.setRange(0, 100_000)
        self.offline_max.setValue(config.till.offline_max)
        self.offline_max.setAccessibleName(self.tr("Largest discount while offline"))
        add_row("offline_max", self.tr("Largest discount offline"), self.offline_max)
        line("server_host", self.tr("File server"), config.file_server.host)
        self.server_port = QSpinBox()
        self.server_port.setRange(1, 65535)
        self.server_port.setValue(config.file_server.port)
        self.server_port.setAccessibleName(self.tr("File server port"))
        add_row("server_port", self.tr("File server port"), self.server_port)
        line("server_user", self.tr("File server user"), config.file_server.user)
        line("server_folder", self.tr("Transactions folder"), config.file_server.transactions_folder)
        line("inbox", self.tr("POS inbox folder"), config.till.inbox_dir)

        layout = QVBoxLayout(self)
        # The form scrolls and the buttons stay below it: Save is on screen however small the screen is.
        scrolled = QWidget()
        scrolled.setLayout(form)
        self.scroll = QScrollArea()
        self.scroll.setWidget(scrolled)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        test_row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setAccessibleName(self.tr("Test connection"))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(self.tr("Connection test result"))
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        layout.addLayout(test_row)
        self.error = QLabel()
        self.error.setProperty("tone", "error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Settings error"))
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.test_button.clicked.connect(
            lambda: self.on_test(self.text("base_url"), self.text("api_key")))
        self._opened_with = self._values()
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        wanted = self.sizeHint()
        if screen is None:
            return
        # Room for the window frame and the taskbar; the form scrolls inside whatever height is left.
        self.resize(min(wanted.width() + 24, screen.width() - 16),
                    min(self.scroll.widget().sizeHint().height() + 180, screen.height() - 48))

    def text(self, name: str) -> str:
        return self.fields[name].text().strip()

    def show_test(self, ok: bool, message: str) -> None:
        self.test_result.setProperty("tone", "info" if ok else "error")
        self.test_result.setText(("✔ " if ok else "✖ ") + message)

    def _values(self) -> dict[str, object]:
        """What each field holds now, by key path, in the configuration's own types."""
        patterns = [p.strip() for p in self.text("card_patterns").split(",") if p.strip()]
        return {
            "engage.base_url": self.text("base_url"), "store_external_id": self.text("store"),
            "till_id": self.text("till"), "default_country_code": self.text("country"),
            "till.card_patterns": patterns, "till.language": self.language.currentData(),
            "till.offline_redemption": self.policy.currentData(), "till.offline_max": self.offline_max.value(),
            "till.inbox_dir": self.text("inbox"), "file_server.host": self.text("server_host"),
            "file_server.port": self.server_port.value(), "file_server.user": self.text("server_user"),
            "file_server.transactions_folder": self.text("server_folder"),
        }

    def changes(self) -> dict:
        """Only what the manager changed, as nested keys; never a key IT set (those fields cannot change)."""
        changed: dict = {}
        for path, value in self._values().items():
            if path in self.locked or value == self._opened_with[path]:
                continue
            *parents, name = path.split(".")
            target = changed
            for parent in parents:
                target = target.setdefault(parent, {})
            target[name] = value
        return changed

    def save(self) -> None:
        problem = self.on_save(self.changes(), self.text("api_key"))
        if problem:
            self.error.setText(problem)
            return
        self.accept()
