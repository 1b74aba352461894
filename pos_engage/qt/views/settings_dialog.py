"""Settings a store manager may change (the PIN opened this dialog): checked before saving, "Test connection"
makes a real call, the API key goes to the keyring and everything else to the user's configuration file.
IT's machine-wide file stays as it is; these settings sit on top of it."""

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
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.config import Config

POLICIES = ("allow_up_to", "allow", "deny")


class SettingsDialog(QDialog):
    def __init__(self, config: Config, *, on_test: Callable[[str, str], None],
                 on_save: Callable[[dict, str], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.on_test, self.on_save = on_test, on_save
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}

        def line(name: str, label: str, value: str, secret: bool = False) -> QLineEdit:
            edit = QLineEdit(value)
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            if secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
                edit.setPlaceholderText(self.tr("unchanged"))
            form.addRow(label, edit)
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
        form.addRow(self.tr("Language"), self.language)
        self.policy = QComboBox()
        self.policy.setAccessibleName(self.tr("Promotions while Engage is offline"))
        for code, name in zip(POLICIES, (self.tr("Allow up to an amount"), self.tr("Allow"), self.tr("Do not allow")),
                              strict=True):
            self.policy.addItem(name, code)
        self.policy.setCurrentIndex(max(0, self.policy.findData(config.till.offline_redemption)))
        form.addRow(self.tr("Promotions while offline"), self.policy)
        self.offline_max = QDoubleSpinBox()
        self.offline_max.setRange(0, 100_000)
        self.offline_max.setValue(config.till.offline_max)
        self.offline_max.setAccessibleName(self.tr("Largest discount while offline"))
        form.addRow(self.tr("Largest discount offline"), self.offline_max)
        line("server_host", self.tr("File server"), config.file_server.host)
        self.server_port = QSpinBox()
        self.server_port.setRange(1, 65535)
        self.server_port.setValue(config.file_server.port)
        self.server_port.setAccessibleName(self.tr("File server port"))
        form.addRow(self.tr("File server port"), self.server_port)
        line("server_user", self.tr("File server user"), config.file_server.user)
        line("server_folder", self.tr("Transactions folder"), config.file_server.transactions_folder)
        line("inbox", self.tr("POS inbox folder"), config.till.inbox_dir)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
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

    def text(self, name: str) -> str:
        return self.fields[name].text().strip()

    def show_test(self, ok: bool, message: str) -> None:
        self.test_result.setProperty("tone", "info" if ok else "error")
        self.test_result.setText(("✔ " if ok else "✖ ") + message)

    def changes(self) -> dict:
        patterns = [p.strip() for p in self.text("card_patterns").split(",") if p.strip()]
        return {
            "engage": {"base_url": self.text("base_url")},
            "store_external_id": self.text("store"), "till_id": self.text("till"),
            "default_country_code": self.text("country"),
            "till": {"card_patterns": patterns, "language": self.language.currentData(),
                     "offline_redemption": self.policy.currentData(), "offline_max": self.offline_max.value(),
                     "inbox_dir": self.text("inbox")},
            "file_server": {"host": self.text("server_host"), "port": self.server_port.value(),
                            "user": self.text("server_user"), "transactions_folder": self.text("server_folder")},
        }

    def save(self) -> None:
        problem = self.on_save(self.changes(), self.text("api_key"))
        if problem:
            self.error.setText(problem)
            return
        self.accept()
