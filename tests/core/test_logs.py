"""Logs: one JSON line per event, and no API key, email or phone number in clear after a full flow."""

from __future__ import annotations

import json
import logging
import random
import re
from decimal import Decimal

import pytest

from pos_engage.core import logs
from pos_engage.core.config import Config
from pos_engage.core.domain import NewContact
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.service import TillService

EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
PHONE_OR_CARD = re.compile(r"\+\d{7,}|(?<![\w-])0\d{8,}\b|(?<![\w-])\d{10,}\b")  # not inside receipt ids


@pytest.mark.parametrize(("text", "clean"), [
    ("found anna.andersson@example.se", "found <email>"),
    ("mobile +46 70 123 45 67 rejected", "mobile <number …4567> rejected"),
    ("card 7350000000016", "card <number …0016>"),
    ("GET /api/v3/contacts/id?email=anna%40example.se", "GET /api/v3/contacts/id?email=<email>"),
    ("GET /api/v3/contacts/id?mobilePhone=%2B46701234567", "GET /api/v3/contacts/id?mobilePhone=<number …4567>"),
    ("apikey=abc123 and password: hunter2", "apikey=<secret> and password: <secret>"),
    ("contact 9b810e76-6ec9-4286-a3ca-828dd5f4b3b2", "contact 9b810e76-6ec9-4286-a3ca-828dd5f4b3b2"),
    # Personal numbers in every form, last two characters kept (a valid bare ten digits only: else a number).
    ("customer 19811218-9876 found", "customer <personal number …76> found"),
    ("customer 198112189876", "customer <personal number …76>"),
    ("pnr 811218-9876, 811218+9876", "pnr <personal number …76>, <personal number …76>"),
    ("typed 8112189876", "typed <personal number …76>"),
    ("typed 8112189875", "typed <number …9875>"),           # no personnummer: a number like any other
    ("hetu 131052-308T and 010594y9021", "hetu <personal number …8T> and <personal number …21>"),
    ("GET /api/v3/contacts/id?socialSecurityNumber=811218%2B9876",
     "GET /api/v3/contacts/id?socialSecurityNumber=<personal number …76>"),
    ("wrong 19850101-1234", "wrong <personal number …34>"),   # a mistyped one is still a person's
])
def test_redact(text, clean):
    assert logs.redact(text) == clean


@pytest.fixture
def log_dir(tmp_path):
    path = tmp_path / "logs"
    logs.configure(path, level=logging.DEBUG, secrets=["sim-demo-key"])
    yield path
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_pos_engage", False)]:
        root.removeHandler(handler)
        handler.close()


async def test_a_full_flow_leaves_no_personal_data_or_key_in_the_logs(log_dir, journal, recorder, sim_state,
                                                                       showcase):
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder) as client:
        replayer = Replayer(journal, client, rate_per_second=None, schedule=(0.0,), rng=random.Random(1))
        till = TillService(Config(), client, journal, replayer)
        anna = showcase["Anna"]
        customer = (await till.identify(anna["email"])).customer
        await till.identify(anna["mobilePhone"])
        await till.identify(anna["cardNumber"], scanned=True)
        await till.identify("19811218-9876")       # nobody holds it: not found, logged by its masked key
        await till.identify("811218-9875")         # a wrong check digit
        await till.register(NewContact(first_name="Log", email="log.test@example.se", mobile_phone="0705550101"))
        basket = Basket([BasketLine("1001", "T-shirt", 1, Decimal("199"))])
        till.apply(basket, customer.promotions[0], customer)
        till.finish_sale(basket, customer)
        sim_state.faults.update({"error_rate": 1.0})
        till.finish_sale(Basket([BasketLine("1002", "Jacket", 1, Decimal("999"))]), customer)
        await till.deliver_now()
        logging.getLogger("pos_engage.test").warning("customer %s called from %s", "x.y@example.se", "+46709999999")
        logging.getLogger("pos_engage.test").warning("customer %s gave %s", "131052-308T", "8112189876")
    text = (log_dir / logs.LOG_NAME).read_text(encoding="utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) >= 5 and all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert any("sale" in line["message"] and "journaled" in line["message"] for line in lines)
    engage_lines = [line for line in lines if line["logger"] == "pos_engage.core.engage.client"]
    assert engage_lines and all(line.get("request_id") for line in engage_lines)  # each call names its request
    assert "sim-demo-key" not in text
    for personal in (anna["email"], "log.test@example.se", "x.y@example.se", anna["mobilePhone"], "+46705550101",
                     "+46709999999", anna["cardNumber"], "198112189876", "19811218-9876", "811218-9875", "8112189876"):
        assert personal not in text
    messages = " ".join(line["message"] + line.get("exception", "") for line in lines)
    assert not EMAIL.search(messages) and "%40" not in messages
    assert not PHONE_OR_CARD.search(messages)
    assert "131052-308T" not in text and "<personal number …8T>" in text


def test_unhandled_exceptions_are_logged_redacted(log_dir):
    import sys
    try:
        raise RuntimeError("failed for anna@example.se")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    text = (log_dir / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "unhandled exception" in text and "RuntimeError" in text and "anna@example.se" not in text


def _run(script: str, tmp_path):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", "from pathlib import Path\nfrom pos_engage.core import logs\n"
                           f"folder = Path({str(tmp_path / 'logs')!r})\n" + script],
                          capture_output=True, text=True, timeout=60)


def test_what_is_logged_while_the_window_opens_is_written_redacted_once_the_file_is_opened(tmp_path):
    result = _run("import logging\n"
                  "logs.hold(folder)\n"
                  "logging.getLogger('pos_engage.qt.i18n').warning('no translation for anna@example.se')\n"
                  "logging.getLogger('pos_engage').debug('below the level: dropped')\n"
                  "assert not (folder / logs.LOG_NAME).exists()\n"
                  "logs.configure(folder)\n"
                  "logging.getLogger('pos_engage').info('after')\n", tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in (tmp_path / "logs" / logs.LOG_NAME).read_text().splitlines()]
    assert [line["message"] for line in lines] == ["no translation for <email>", "after"]


def test_a_crash_before_the_log_file_is_opened_still_reaches_it(tmp_path):
    result = _run("logs.hold(folder)\n"
                  "raise RuntimeError('the window could not be built')\n", tmp_path)
    assert result.returncode == 1
    lines = [json.loads(line) for line in (tmp_path / "logs" / logs.LOG_NAME).read_text().splitlines()]
    assert lines[-1]["message"] == "unhandled exception" and "the window could not be built" in lines[-1]["exception"]


def _restore_logging(root_handlers, excepthook):
    import sys

    root = logging.getLogger()
    for handler in [h for h in root.handlers if h not in root_handlers]:
        root.removeHandler(handler)
        handler.close()
    sys.excepthook = excepthook


def test_an_unwritable_log_folder_falls_back_to_the_terminal_with_one_line(tmp_path, capsys):
    """A file where the log folder should be (works even for root, unlike a read-only folder)."""
    import sys

    blocker = tmp_path / "logs"
    blocker.write_text("not a folder")
    before, hook = list(logging.getLogger().handlers), sys.excepthook
    try:
        logs.configure(blocker)
        logging.getLogger("pos_engage.test").warning("still heard")
    finally:
        _restore_logging(before, hook)
    err = capsys.readouterr().err
    assert err.count("cannot write the log in") == 1
    assert str(blocker) in err
    assert "Traceback" not in err
    assert "still heard" in err


def test_log_files_are_owner_only(tmp_path):
    import stat
    import sys

    before, hook = list(logging.getLogger().handlers), sys.excepthook
    try:
        logs.configure(tmp_path / "logs")
        logging.getLogger("pos_engage.test").warning("a line")
    finally:
        _restore_logging(before, hook)
    for name in (logs.LOG_NAME, logs.CRASH_NAME):
        mode = stat.S_IMODE((tmp_path / "logs" / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
