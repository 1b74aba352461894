"""Logging: rotating JSON-lines files in the data folder, personal data and secrets redacted before anything
is written, and crashes (Python exceptions in any thread, fatal faults) captured to files.

Redaction happens in a filter on the handler, after the message is formatted with its arguments, so an email
passed as an argument is caught as surely as one written into the text.
"""

from __future__ import annotations

import contextvars
import faulthandler
import json
import logging
import re
import sys
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

LOG_NAME = "pos-engage.log"
CRASH_NAME = "crash.log"
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+(?:@|%40)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_ENCODED_PLUS = re.compile(r"%2B(?=\d)", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w-])(?:\+|00)?\d[\d \-]{6,}\d(?![\w-])")
# A Swedish personnummer (12 digits, or 10 with - or +, or 10 bare) or a Finnish henkilötunnus (DDMMYY, a century
# sign, 3 digits, a check character): domain/personal_numbers.py says what each part is. Logs cannot import the
# domain (they are set up before the window is painted), so the shape and the Luhn digit are checked here again.
_PERSONAL = re.compile(r"(?<![\w+-])(?:(?:18|19|20)\d{6}-?\d{4}|\d{6}[-+]?\d{4}|\d{6}[-+A-FU-Y]\d{3}[0-9A-Y])"
                       r"(?![\w-])", re.IGNORECASE)
_KEY_VALUE = re.compile(r"(?i)\b(apikey|x-api-key|password|pin|token)\b(\s*[=:]\s*)(\S+)")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Emails, phone and card numbers and known secrets replaced; the last four digits of a number kept so
    support can still tell two customers apart."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<secret>")
    text = _KEY_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}<secret>", text)
    text = _ENCODED_PLUS.sub("+", text)  # a URL-encoded +46... is a phone number too
    text = _EMAIL.sub("<email>", text)
    text = _PERSONAL.sub(_personal_number, text)
    return _PHONE.sub(lambda m: "<number …" + re.sub(r"\D", "", m.group(0))[-4:] + ">", text)


def _personal_number(found: re.Match) -> str:
    """A personal number redacted to its last two characters. Bare digits only when their date and Luhn digit
    make one (otherwise the phone and card rule takes them); with a separator or a letter always: a number that
    is no valid one (a mistype) is still a person's, and a time written like one loses nothing a log needs."""
    text = found.group(0)
    if text.isdigit() and not (_plausible_date(text[-10:]) and _luhn_ok(text[-10:])):
        return text
    return "<personal number …" + text[-2:] + ">"


def _plausible_date(ten: str) -> bool:
    month, day = int(ten[2:4]), int(ten[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def _luhn_ok(digits: str) -> bool:
    total = sum((2 * int(d) - 9 if 2 * int(d) > 9 else 2 * int(d)) if i % 2 else int(d)
                for i, d in enumerate(reversed(digits)))
    return total % 10 == 0


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self.secrets)
        record.args = ()
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), self.secrets)
            record.exc_info = None
        return True


# The Engage request being made, so every line written meanwhile (retries, errors) names it.
current_request: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds"),
                "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        request = getattr(record, "request_id", None) or current_request.get()
        if request:
            line["request_id"] = request
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


# Secrets this process knows (the API keys it read): redacted from logs and from what the journal stores.
_KNOWN_SECRETS: list[str] = []
MIN_SECRET_LENGTH = 8


def redact_stored(text: str | None) -> str | None:
    """For text kept on disk outside the logs (a journal entry's last error, its attempts): what Engage or a proxy
    echoed back (an email, a phone number, the API key) is redacted like a log line before it is stored."""
    return None if text is None else redact(text, _KNOWN_SECRETS)


def add_secret(secret: str) -> None:
    """Redact this value (an API key read from the keyring) from every log line, and from every error text the
    journal stores, from now on."""
    # A real key is long; a test's or a typo's one-letter "key" would blank that letter in every stored error.
    if secret and len(secret) >= MIN_SECRET_LENGTH and secret not in _KNOWN_SECRETS:
        _KNOWN_SECRETS.append(secret)
    for handler in logging.getLogger().handlers:
        for log_filter in handler.filters:
            if isinstance(log_filter, RedactingFilter) and secret and secret not in log_filter.secrets:
                log_filter.secrets.append(secret)


class _HeldRecords(logging.Handler):
    """What is logged before the log file is opened (the till window is drawn first), kept for ``configure``."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def hold(log_dir: Path) -> None:
    """Log to ``log_dir``, but open the file only at ``configure``: the till window's start does not wait for
    the file handlers to load. What is logged meanwhile is written first, and a crash meanwhile still reaches
    the file."""
    root = logging.getLogger()
    root.addHandler(_HeldRecords())
    root.setLevel(logging.INFO)

    def crash_before_configured(kind, value, traceback) -> None:
        configure(log_dir)
        sys.excepthook(kind, value, traceback)

    sys.excepthook = crash_before_configured


def configure(log_dir: Path, *, level: int = logging.INFO, secrets: Iterable[str] = ()) -> Path:
    """Send the application's logging to ``log_dir`` (rotating, 5 x 5 MB) and capture crashes there."""
    handler, crash = _open_log_files(log_dir)
    handler.addFilter(RedactingFilter(secrets))
    handler.setFormatter(JsonLinesFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_pos_engage", False)]:
        root.removeHandler(old)
        old.close()
    held = [h for h in root.handlers if isinstance(h, _HeldRecords)]
    for holder in held:
        root.removeHandler(holder)
    handler._pos_engage = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    for record in (record for holder in held for record in holder.records):
        handler.handle(record)
    # httpx logs every request's full URL at INFO, query string included (?email=...): ours log the path only.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    log = logging.getLogger("pos_engage")

    def python_crash(kind, value, traceback) -> None:
        log.critical("unhandled exception", exc_info=(kind, value, traceback))
        # An unexpected error is printed too, not only logged: a start that fails must never be silent.
        if sys.stderr is not None and not isinstance(handler, _StderrFallback):
            sys.__excepthook__(kind, value, traceback)

    sys.excepthook = python_crash
    threading.excepthook = lambda args: log.critical(f"unhandled exception in thread {args.thread}",
                                                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
    # A windowed build has no stderr: fatal faults (segfaults) go to a real file.
    if crash is not None:
        faulthandler.enable(file=crash)
    elif sys.stderr is not None:
        import contextlib

        with contextlib.suppress(ValueError, OSError):  # a stderr with no file behind it (captured, redirected)
            faulthandler.enable()
    return log_dir / LOG_NAME


class _StderrFallback(logging.StreamHandler):
    """The log, on stderr, when the log folder cannot be written (read-only disk, a file in its place, another
    user's folder): the program still runs and says why, instead of failing before it can say anything."""


def _owner_only_rotating_file_class():
    import logging.handlers

    class OwnerOnlyRotatingFile(logging.handlers.RotatingFileHandler):
        """A rotating log whose every file (the first and each one rotation starts) is owner-only."""

        def _open(self):
            stream = super()._open()
            owner_only(Path(self.baseFilename))
            return stream

    return OwnerOnlyRotatingFile


def _open_log_files(log_dir: Path):
    """The rotating log handler and the crash file, or a stderr handler (and no crash file) with one line that
    says why, when the folder cannot be written."""
    rotating_file = _owner_only_rotating_file_class()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = rotating_file(log_dir / LOG_NAME, maxBytes=5 * 1024 * 1024, backupCount=5,
                                encoding="utf-8")
        crash = open(log_dir / CRASH_NAME, "a", encoding="utf-8")  # noqa: SIM115 - kept open for faulthandler
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        if sys.stderr is not None:
            print(f"pos-engage: cannot write the log in {log_dir} ({reason}): logging to the terminal instead",
                  file=sys.stderr)
        return _StderrFallback(sys.stderr), None
    for path in (log_dir / LOG_NAME, log_dir / CRASH_NAME):
        owner_only(path)
    return handler, crash


def owner_only(path: Path) -> None:
    """Make a file we wrote readable by its owner only (logs hold masked, but still personal, traces); a file
    system without permissions (FAT, a network share) is left as it is."""
    import contextlib
    import os

    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
