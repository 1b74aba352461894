"""Who set an entry aside, as the queue's audit says it (session 10): IT's name without a code and the till's single
manager PIN are recorded in English in the audit rows (never rewritten), and the Swedish queue read "avslutad utan
att skickas av IT: Erik Ek, without a PIN"; they are now sentences of the till's (texts.tr), and a person's name as
recorded. And a resolved entry's plain words no longer say a manager closed it when IT did."""

from __future__ import annotations

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office.entry_description import actor_words, audit_lines
from pos_engage.core.office.entry_wording import explain
from pos_engage.core.office.people import SINGLE_PIN_MANAGER, it_person
from pos_engage.core.office.queue import ManagerActions
from tests.core.conftest import sale


def test_it_and_the_single_pin_are_the_tills_sentences_a_person_is_as_recorded():
    it = actor_words(it_person("Erik Ek").actor)
    assert it == "IT: Erik Ek, without a PIN"
    assert it.template == "IT: {name}, without a PIN" and it.values == {"name": "Erik Ek"}
    single = actor_words(SINGLE_PIN_MANAGER.actor)
    assert single == "manager (the till's PIN)" and single.template == "manager (the till's PIN)"
    assert actor_words("Anna Berg (1001)") == "Anna Berg (1001)"
    assert not hasattr(actor_words("Anna Berg (1001)"), "template")   # a name is never looked up for translation


def test_the_audit_line_carries_the_actor_as_a_sentence():
    [line] = audit_lines([{"at": 0, "action": "resolve", "actor": "IT: Erik Ek, without a PIN",
                           "reason": "booked by hand in Engage"}])
    assert line.values["who"].template == "IT: {name}, without a PIN"


def test_a_resolved_entry_does_not_name_a_manager(journal):
    [entry] = journal.record([payloads.receipt(sale("12-3-pos-9901"))])
    ManagerActions(journal, till="3").resolve(entry.id, person=it_person("Erik Ek"), reason="booked by hand")
    resolved = journal.get(entry.id)
    assert resolved.status is EntryStatus.RESOLVED
    words = explain(resolved)
    assert "manager" not in words and "audit trail" in words
