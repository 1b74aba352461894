"""The manager's queue (design.md §1): each journal entry in plain words (what happened, what to do), personal data
masked, and the actions that change things: retry, resolve, correct, reveal, export, send all, upload, recover,
acknowledge a lost journal. Each action is approved here, once, for every door (the queue view, the window's
journal message, the command line): a manager's code checked by ``core/office/people.py`` (or a person already
approved there, such as IT named at the command line), and the audit row names that person, the till and why.

The read-only words a door shows (entry kinds and statuses, :class:`EntryView`) are ``entry_wording.py``'s and
``core/office/entries.py``'s, so the doors never reach into the journal themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pos_engage.core import texts
from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.journal import identity, recovery, set_aside
from pos_engage.core.journal.entry import EntryKind, JournalEntry
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.audit_reasons import AFTER_CORRECTION, CORRECTED, detail_of, own, said
from pos_engage.core.office.people import People, Person

if TYPE_CHECKING:
    from pos_engage.core.export.plan import ExportResult
    from pos_engage.core.journal.recovery import Recovered
    from pos_engage.core.journal.replayer import Replayer, ReplayReport

__all__ = ["Journal", "ManagerActions", "Person", "Replayer", "send_all"]


class ManagerActions:
    """Changes only a manager may make: approved by a manager's code (``core/office/people.py``: the staff
    directory, or the till's single manager PIN), and audited under THAT manager's name, with the till and why.

    Each action takes the code and the staff number typed (``pin``, ``by``), or a ``person`` already approved:
    IT named at the command line (``--it``), whose audit row says so."""

    def __init__(self, journal: Journal, *, till: str, people: People | None = None,
                 pin_store: Callable[[], str | None] | None = None) -> None:
        self.journal, self.till = journal, till
        self.people = people if people is not None else People(journal, till=till, single_pin=pin_store)

    def approval_problem(self) -> ConfigError | None:
        """Why no manager's code can be checked here (People.approval_problem): a door says it instead of asking."""
        return self.people.approval_problem()

    def verify(self, pin: str, *, by: str | None = None, purpose: str = "") -> Person:
        """The manager whose code this is (a wrong one, a cashier's or a lockout raises; each try is audited)."""
        return self.people.verify(pin, by=by, purpose=purpose)

    def _who(self, pin: str | None, by: str | None, person: Person | None, purpose: str) -> Person:
        if person is None and pin is None:
            raise InputError(texts.tr("A manager's code is needed"), field="pin")
        return person if person is not None else self.verify(pin, by=by, purpose=purpose)

    def retry(self, entry_id: int, *, pin: str | None = None, by: str | None = None, person: Person | None = None,
              reason: str = "") -> Person:
        who = self._who(pin, by, person, f"retry entry {entry_id}")
        self.journal.retry(entry_id, actor=who.actor, reason=reason, till=self.till, detail=detail_of(reason))
        return who

    @staticmethod
    def check_reason(reason: str) -> None:
        """A resolve's reason, refused when empty: checked before a door asks for the code (else typed twice)."""
        if not reason.strip():
            raise InputError(texts.tr("Say why the entry is closed without sending it"), field="reason")

    def resolve(self, entry_id: int, *, reason: str, pin: str | None = None, by: str | None = None,
                person: Person | None = None) -> Person:
        self.check_reason(reason)
        who = self._who(pin, by, person, f"resolve entry {entry_id}")
        self.journal.resolve(entry_id, actor=who.actor, reason=reason, till=self.till)
        return who

    def to_correct(self, entry_id: int, *, pin: str | None = None, by: str | None = None,
                   person: Person | None = None) -> tuple[Person, dict]:
        """A registration's contact in clear, to correct it: as "Show personal data", a manager's code first and
        the showing audited ("reveal"). Returns who (to approve ``correct(..., person=who)``) and the contact."""
        entry = self._correctable(entry_id)
        who = self._who(pin, by, person, f"correct entry {entry_id}")
        self.people.revealed(who, entry_id, where="to correct the registration")
        return who, dict((entry.payload or {}).get("contact") or {})

    def _correctable(self, entry_id: int) -> JournalEntry:
        if (entry := self.journal.get(entry_id)).kind is not EntryKind.REGISTER_CONTACT:
            raise InputError(texts.tr("Only a registration can be corrected here"))
        return entry

    def correct(self, entry_id: int, changes: dict[str, str], *, pin: str | None = None, by: str | None = None,
                person: Person | None = None) -> Person:
        """Fix the fields Engage rejected in a registration, then send it again (its dependents follow)."""
        entry = self._correctable(entry_id)
        who = self._who(pin, by, person, f"correct entry {entry_id}")
        payload = dict(entry.payload or {})
        payload["contact"] = {**payload.get("contact", {}), **changes}
        corrected, again = own(CORRECTED, fields=sorted(changes)), own(AFTER_CORRECTION)
        self.journal.replace_payload(entry_id, payload, actor=who.actor, till=self.till, reason=corrected,
                                     detail=detail_of(corrected))
        self.journal.retry(entry_id, actor=who.actor, reason=again, till=self.till, detail=detail_of(again))
        return who

    def reveal(self, entry_id: int | None, *, pin: str, by: str | None = None) -> Person:
        """Personal data shown unmasked: who saw it, and which entry, is an audit row."""
        who = self.verify(pin, by=by, purpose="show personal data")
        self.people.revealed(who, entry_id)
        return who

    def approve(self, action: str, *, purpose: str, pin: str | None = None, by: str | None = None,
                person: Person | None = None, reason: str = "") -> Person:
        """A manager action with no audit row of its own (``send-all``, ``upload``): approved, then written down
        under the approving person's name before it starts."""
        who = self._who(pin, by, person, purpose)
        self.people.approved(who, action, reason=reason)
        return who

    def export(self, folder: Path, *, store: str, reason: str, pin: str | None = None, by: str | None = None,
               person: Person | None = None, only: set[int] | None = None) -> ExportResult:
        """The queue (or only some entries, with what must travel with them) written as Engage import files now;
        each entry exported is audited under the approving manager's name and never also sent by API."""
        from pos_engage.core.export.exporter import export_queue  # loads only when a manager exports

        purpose = "export the queue" if only is None else f"export entry {', '.join(map(str, sorted(only)))}"
        who = self._who(pin, by, person, purpose)
        return export_queue(self.journal, folder, store=store, till=self.till, actor=who.actor, reason=reason,
                            only=only, said=said(reason))

    def acknowledge_lost(self, reason: str, *, pin: str | None = None, by: str | None = None,
                         person: Person | None = None) -> int:
        """A lost journal that cannot be restored is no longer told (audited with who and why). Returns how many
        losses were acknowledged."""
        who = self._who(pin, by, person, "acknowledge a lost journal")
        return identity.acknowledge_lost(self.journal, actor=who.actor, reason=reason, till=self.till)

    def set_aside_files(self) -> list[Path]:
        """The journals set aside as damaged beside this one and not yet recovered."""
        return set_aside.set_aside_files(self.journal.path)

    def recover(self, sources: Iterable[Path], *, person: Person, reason: str = "") -> list[Recovered]:
        """Bring back what journals set aside (or a backup) hold: each file's readable, undelivered entries return
        to the queue (deduplicated, asked about at Engage before they are sent), the file kept under a new name.
        Nothing is lost by it, so IT or the till itself may run it; the audit names who."""
        return [recovery.recover(self.journal, source, actor=person.actor, till=self.till, reason=reason)
                for source in sources]

    def troubles(self) -> recovery.Trouble:
        """Unsent sales outside this journal (set aside, or lost) still to be put right."""
        return recovery.troubles(self.journal.path)


async def send_all(journal: Journal, replayer: Replayer, *, should_stop: Callable[[], bool] = lambda: False,
                   progress: Callable[[int, int], None] | None = None) -> ReplayReport:
    """"Send all now" (approved first, ``ManagerActions.approve("send-all", ...)``): everything due or waiting goes
    now, batch by batch (the rate limit still applies). ``should_stop`` is read only between batches, so a stop never
    leaves an entry in flight; ``progress(delivered so far, still waiting)`` after each batch."""
    from pos_engage.core.journal.replayer import ReplayReport

    total = ReplayReport()
    journal.wake_waiting()
    while not should_stop():
        report = await replayer.replay_once()
        total.add(report)
        if progress is not None:
            progress(total.delivered, journal.figures().pending)
        if not report.claimed or report.offline:
            break
    return total
