"""Where pos-engage keeps its files (platformdirs), each overridable for tests, scripts and IT.

``POS_ENGAGE_DATA_DIR`` moves the data (journal, exports, logs) wherever IT wants it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from pos_engage.core.config import DEMO_MODE

APP = "pos-engage"


def machine_config_file() -> Path:
    """IT's machine-wide file (read-only to the cashier): /etc/xdg/pos-engage, C:\\ProgramData\\pos-engage."""
    return Path(platformdirs.site_config_dir(APP, appauthor=False)) / "config.json"


def user_config_file() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / "config.json"


@dataclass(frozen=True)
class DataPaths:
    """Where this till keeps its journal, logs, cache and exports."""

    root: Path

    @property
    def journal(self) -> Path:
        return self.root / "journal.sqlite3"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def logs(self) -> Path:
        return self.root / "logs"


def data_paths(configured: str = "", env: dict[str, str] | None = None) -> DataPaths:
    env = os.environ if env is None else env
    root = env.get("POS_ENGAGE_DATA_DIR") or configured or platformdirs.user_data_dir(APP, appauthor=False)
    return DataPaths(Path(root).expanduser())


DEMO_JOURNAL = "demo-journal.sqlite3"


def journal_file(config) -> Path:
    """The journal a configuration (core.config.Config) works on: the demo has its own, so demo sales never mix
    with real ones. Every door asks this (the till, doctor, the journal commands)."""
    paths = data_paths(config.data_dir)
    return paths.root / DEMO_JOURNAL if config.engage.mode == DEMO_MODE else paths.journal


def tighten(paths: DataPaths) -> list[Path]:
    """Make the data folder owner-only: the folders 0700 and every file in them 0600 (journal files, logs, exports,
    backups), as files written before this version (or copied in by hand) may be readable by others. Returns what
    was changed; what cannot be changed (another owner, a file system without permissions) is left as it is."""
    import stat

    changed: list[Path] = []

    def make(path: Path, mode: int) -> None:
        try:
            if stat.S_IMODE(path.lstat().st_mode) & 0o077:
                os.chmod(path, mode)
                changed.append(path)
        except OSError:
            pass

    for folder in (paths.root, paths.exports, paths.logs):
        if not folder.is_dir() or folder.is_symlink():
            continue
        make(folder, 0o700)
        try:
            children = list(folder.iterdir())
        except OSError:
            continue
        for child in children:
            if child.is_file() and not child.is_symlink():
                make(child, 0o600)
    return changed
