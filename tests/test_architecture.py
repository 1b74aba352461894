"""Architecture walls, proved: core never loads Qt, and the simulator and the client share no code."""

from __future__ import annotations

import ast
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pos_engage

PACKAGE = Path(pos_engage.__file__).parent


def core_modules() -> list[str]:
    import pos_engage.core as core
    return [m.name for m in pkgutil.walk_packages(core.__path__, "pos_engage.core.")]


def printed_by(script: str) -> str:
    """What ``script`` prints, run in a fresh interpreter (nothing loaded by the tests before it), offscreen."""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_importing_every_core_module_loads_no_qt():
    modules = core_modules()
    assert len(modules) > 10
    script = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
              "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'qasync', 'shiboken6'))\n"
              "print(','.join(bad))\n")
    assert printed_by(script) == ""


def test_what_runs_before_the_window_is_shown_loads_neither_the_client_nor_the_journal_nor_the_till():
    # The window is painted first (pos_engage.window); these load after it, while the cashier sees the till.
    script = ("import sys\n"
              "from pos_engage import cli, configuration, window\n"
              "cli.window_options(['--demo'])\n"
              "from pos_engage.core import logs\n"
              "from pos_engage.qt import i18n, style\n"
              "from pos_engage.qt.views import main_window\n"
              "heavy = ('httpx', 'qasync', 'sqlite_utils', 'sqlite3', 'lxml', 'starlette', 'asyncio', 'keyring',\n"
              "         'decimal', 'logging.handlers', 'importlib.resources', 'pos_engage.cli_commands',\n"
              "         'pos_engage.app', 'pos_engage.core.engage.client', 'pos_engage.core.journal.store',\n"
              "         'pos_engage.core.domain', 'pos_engage.core.till.basket', 'pos_engage.core.till.outcomes',\n"
              "         'pos_engage.qt.views.register_dialog')\n"
              "print(','.join(sorted(m for m in heavy if m in sys.modules)))\n")
    assert printed_by(script) == ""


def test_drawing_the_till_window_does_not_build_pysides_qt_namespace():
    # Its first use builds all of its enums, as long again as drawing the window (see views/main_window.py).
    script = ("import sys\n"
              "from PySide6 import QtCore\n"
              "from PySide6.QtWidgets import QApplication\n"
              "from pos_engage.qt import i18n, style\n"
              "from pos_engage.qt.views.main_window import MainWindow\n"
              "application = QApplication(sys.argv)\n"
              "style.apply_style(application)\n"
              "i18n.install(application, 'sv')\n"
              "window = MainWindow(demo=True, cashier='till-1')\n"
              "window.show()\n"
              "application.processEvents(QtCore.QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)\n"
              "print('built' if 'Qt' in QtCore.__dict__ else 'not built')\n")
    assert printed_by(script) == "not built"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_simulator_and_core_do_not_import_each_other():
    for path in (PACKAGE / "sim").rglob("*.py"):
        assert not any(name.startswith("pos_engage.core") for name in imports_of(path)), path
    for path in (PACKAGE / "core").rglob("*.py"):
        assert not any(name.startswith(("pos_engage.sim", "pos_engage.app", "pos_engage.cli", "pos_engage.qt"))
                       for name in imports_of(path)), path


def test_every_module_has_a_docstring():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path} has no module docstring"


def test_import_linter_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extra"
    result = subprocess.run([lint_imports], capture_output=True, text=True, timeout=300,
                            cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout
