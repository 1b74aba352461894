"""What Engage or a proxy echoes back in an error is redacted before the journal stores it: the entry's last
error and its attempts never hold an email, a phone number or the API key in clear."""

from __future__ import annotations

import pytest

from pos_engage.core import logs
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from tests.core.conftest import sale


@pytest.fixture
def known_secret(monkeypatch):
    monkeypatch.setattr(logs, "_KNOWN_SECRETS", [])  # this process's secrets, for this test only
    secret = "k3y-f0r-th1s-t1ll-0nly"
    logs.add_secret(secret)
    logs.add_secret("k")  # too short to be a key: never blanks a letter everywhere
    return secret


def test_an_echoed_email_number_and_key_are_redacted_before_they_are_stored(journal, known_secret):
    secret = known_secret
    journal.record([payloads.receipt(sale("r-1"))])
    (claimed,) = journal.claim_due()
    echoed = (f"400 InvalidReceipt: contact anna.andersson@example.se (+46 70 123 45 67) not found; "
              f"request had apikey {secret}")
    journal.settle([Settlement(claimed.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt", error=echoed)])
    stored = journal.get(claimed.id).last_error
    attempts = [row[0] for row in journal.connection.execute("SELECT error FROM attempts")]
    for text in (stored, *attempts):
        assert "anna.andersson@example.se" not in text
        assert "123 45 67" not in text
        assert secret not in text
        assert "InvalidReceipt" in text and "<email>" in text  # still says what went wrong
        assert "contact" in text  # a one-letter "secret" blanked nothing
