"""Languages: English (the source) and Swedish, from Qt Linguist .ts files shipped in the package.

The .ts is compiled to .qm with ``pyside6-lrelease`` (part of PySide6-Essentials) into the user's cache the
first time it is needed, so no compiled file is kept in the repository. Qt's own strings (buttons in message
boxes...) come from Qt's qtbase_<lang>.qm.

After changing user-facing strings: ``pyside6-lupdate -no-obsolete $(find pos_engage -name '*.py' -not -path
'pos_engage/sim/*') -ts pos_engage/resources/translations/pos_engage_sv.ts``, then translate the new entries (a
test fails until then). Every folder but the simulator's: the start-up's and the configuration's texts
(window.py, configuration.py) are shown too, and ``-no-obsolete`` would drop their translations if they were
not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

# This module is loaded before the window is drawn, once PySide6 is: what only a Swedish till or a first start needs
# is imported where it is used. (Once PySide6 is loaded, every module an import statement names is checked by
# PySide's __feature__ support, which reads that module's source the first time: about 0.2 ms for logging.)
LANGUAGES = ("en", "sv")


# The language the window shows (install sets it): amounts and dates follow it.
current = "en"
# Swedish groups thousands with a thin space that never breaks a figure in two (U+202F) and uses a decimal comma.
GROUPING = {"en": (",", "."), "sv": ("\u202f", ",")}
MINUS = "\u2212"


def money(value, currency: str = "", *, signed: bool = False) -> str:
    """An amount as the language writes it: "1 299,90 kr"-style grouping and decimal mark, a real minus sign,
    "+" only when ``signed`` asks for it (a discount or a change is read with its sign)."""
    group, decimal = GROUPING.get(current, GROUPING["en"])
    text = f"{abs(value):,.2f}".replace(",", "\0").replace(".", decimal).replace("\0", group)
    sign = MINUS if value < 0 else ("+" if signed and value > 0 else "")
    return f"{sign}{text}" + (f"\u00a0{currency}" if currency else "")


def percent(value) -> str:
    """A percentage as the language writes it: "25,5 %" in Swedish (a decimal comma), "25.5 %" in English; as
    few decimals as the rate has (25 %, not 25,00 %)."""
    _, decimal = GROUPING.get(current, GROUPING["en"])
    return f"{value:g}".replace(".", decimal).replace("-", MINUS) + " %"


def date_text(day) -> str:
    """A date as the language writes it: Swedish ISO (2026-11-27), English 27 Nov 2026."""
    return f"{day:%Y-%m-%d}" if current == "sv" else f"{day.day} {day:%b %Y}"


def choose_language(configured: str = "") -> str:
    """The configured language, else the computer's, else English."""
    if configured in LANGUAGES:
        return configured
    system = QLocale.system().name()
    if not system:
        import locale  # Qt knows the computer's language on every system we run on; this is the fallback

        system = locale.getlocale()[0] or ""
    return system[:2] if system[:2] in LANGUAGES else "en"


def translations() -> Path:
    """A plain folder beside the code (also in the frozen build, where the spec puts it at the same place): the
    translation is loaded before the window is drawn, so not through importlib.resources, which costs more to
    import."""
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "resources" / "translations"


def _lrelease() -> str | None:
    import shutil
    import sys
    from pathlib import Path

    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str) -> Path | None:
    """The .qm for ``language``: the shipped one (a frozen build), else compiled from the shipped .ts into the
    user's cache, once per .ts content. The cached file is named by a digest of the .ts it was compiled from (not
    judged by its time: an update whose .ts carried an older time than the cached .qm left the window showing the
    previous version's Swedish, new strings in English); the caches of earlier contents are removed."""
    import hashlib
    import logging
    from pathlib import Path

    import platformdirs

    log = logging.getLogger(__name__)
    shipped = translations() / f"pos_engage_{language}.qm"
    if shipped.is_file():  # a frozen build ships the compiled file
        return shipped
    source = translations() / f"pos_engage_{language}.ts"
    if not source.is_file():
        return None
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]   # ~0.2 ms for the Swedish .ts
    cache = Path(platformdirs.user_cache_dir("pos-engage", appauthor=False))
    target = cache / f"pos_engage_{language}-{digest}.qm"
    if target.exists():
        return target
    tool = _lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found: the window stays in English")
        return None
    import subprocess  # only on the first start after an update: not worth loading on every start

    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, str(source), "-qm", str(target)], capture_output=True, text=True,  # noqa: S603
                            timeout=60)
    if result.returncode != 0 or not target.exists():
        log.warning("could not compile the %s translation: %s", language, result.stderr.strip())
        return None
    for earlier in cache.glob(f"pos_engage_{language}*.qm"):   # what earlier versions compiled
        if earlier != target:
            earlier.unlink(missing_ok=True)
    return target


def install(application: QApplication, configured: str = "") -> str:
    """Load our translation and Qt's own for the chosen language; returns the language used."""
    global current
    language = choose_language(configured)
    current = language
    if language == "en":
        return language
    from pathlib import Path

    from PySide6.QtCore import QLibraryInfo, QTranslator  # not needed by an English till's start

    for path, name in ((compiled(language), None),
                       (Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{language}")):
        if path is None:
            continue
        translator = QTranslator(application)
        loaded = translator.load(str(path)) if name is None else translator.load(name, str(path))
        if loaded:
            application.installTranslator(translator)
    return language
