"""Journal fixtures: a real SQLite file per test, a controllable clock, sample sales."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.journal.store import Journal


class Clock:
    """Wall time for scheduling decisions, moved by the test (HTTP timeouts stay real)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "data" / "journal.sqlite3"


@pytest.fixture
def journal(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as opened:
        yield opened


def sale(unique_id: str, contact: MatchKey | None = None, amount: str = "199.00") -> Receipt:
    contact = contact or MatchKey("someone@example.se", MatchKeyType.EMAIL)
    return Receipt(unique_id, unique_id, datetime(2026, 11, 23, 12, tzinfo=timezone(timedelta(hours=1))), "1", "SEK",
                   contact, (ReceiptItem("1001", "T-shirt", 1, Decimal(amount), Decimal("25")),),
                   payments=(Payment("Card", Decimal(amount)),))
