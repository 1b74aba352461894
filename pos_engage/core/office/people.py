"""People, not PCs: who is at the till and who approved what, so every audit row names a person.

**The staff directory** is IT's: ``staff.json`` beside IT's machine-wide configuration
(``/etc/xdg/pos-engage/staff.json``, ``C:\\ProgramData\\pos-engage\\staff.json``), written by root or an
administrator with ``pos-engage configure --machine --staff-add ID --name "Anna Berg" --role manager --code-stdin``
(``--staff-remove ID``, ``--staff-list``), which the till's user can read but not change. Each person has a staff number
(the ID), a name, a role (``manager`` or ``cashier``) and a personal code of 6 to 12 digits, kept as a salted
scrypt hash (``core/pin.py``); a code is never shown or written anywhere else. The hashes are readable by the
till's user (the till checks codes as that user), which is why a personal code has at least 6 digits: scrypt
makes each guess slow, and at the till the lockout stops guessing after five.

**Sign-in** (``till.sign_in``): ``required`` asks the cashier for their staff number and code when the till
starts and whenever the cashier changes; ``shared`` has nobody sign in and records the till itself ("till 3")
as the actor of what the cashier does. Empty (the default): required when IT keeps a staff directory, shared
when not. Every manager action asks for a manager's staff number and code, whoever is signed in, and is
recorded under that manager's name and number ("Anna Berg (1001)").

**Without a staff directory** the till's single manager PIN (``configure --manager-pin-stdin``, in the keyring)
still approves manager actions, recorded as "manager (the till's PIN)". Once a staff directory exists that PIN is
no longer accepted: it lives in the till user's own keyring, where that user could replace it.

**Lockout**: every code typed is an audit row, ``pin-ok`` or ``pin-failed`` (naming the staff number it was
typed for, or ``manager`` for the single PIN) and ``pin-locked`` for a try refused during a lockout. Five wrong
codes in a row for one person lock that person for five minutes; the count is read back from those rows, which
the audit log's triggers keep from being changed or deleted, so restarting the till or rewriting the keyring
does not end it. Only the last day's rows are read.

**The command line** runs a destructive command with ``--pin-stdin`` (a manager's code on standard input;
``--by ID`` names the manager when a staff directory exists), or with ``--it "Name"``: IT says who they are and
the audit row reads "IT: Name, without a PIN". :func:`for_command_line` decides which.

What this does not stop: the journal (and so the audit log) is a file of the till's own user, who could change
it with a database tool outside pos-engage; and on Windows, ``C:\\ProgramData`` lets users create files in a folder
IT has not locked down (installer/README.md gives the ``icacls`` line). The staff list and the append-only
rows stop the till's own screens and commands from being used to reset a lockout or name someone else.

The audit rows this module writes: ``sign-in``, ``sign-out``, ``pin-ok``, ``pin-failed``, ``pin-locked``,
``pin-refused`` (a right code of someone who may not do this), ``reveal`` (personal data shown in the queue
view, with the entry), ``it-override`` (IT named at the command line) and, for actions with no row of their own,
``upload`` and ``send-all``. The actions themselves (retry, resolve, correct, export, upload, settings, compact,
gdpr) are written by their own use cases with the :class:`Person` returned here as the actor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.audit_reasons import SHOWN_BY_JOURNAL_SHOW, SHOWN_IN_QUEUE, SHOWN_TO_CORRECT, detail_of, own
from pos_engage.core.office.single_pin import keyring_pin, no_pin_set, single_pin_problem
from pos_engage.core.pin import LOCKOUT_SECONDS, Attempt, PinLocked, hash_pin, locked_until, matches

STAFF_FILE = "staff.json"
ROLES = ("manager", "cashier")
SINGLE_PIN_KEY = "manager"      # the lockout key of the till's single manager PIN (no staff directory)
STAFF_CODE_SHORTEST = 6
ATTEMPTS_LOOKBACK = 86400.0     # attempts older than a day neither lock nor count
_STAFF_ID = re.compile(r"[A-Za-z0-9._-]{1,20}")
# Where personal data is shown (People.revealed's ``where``), as the till's own reasons' codes (audit_reasons).
_SHOWN = {"in the queue view": SHOWN_IN_QUEUE, "to correct the registration": SHOWN_TO_CORRECT,
          "by journal show": SHOWN_BY_JOURNAL_SHOW}


@dataclass(frozen=True)
class Person:
    """Who did something: a staff member, the till's single manager PIN, IT by name, or the till itself."""

    id: str
    name: str
    role: str   # manager | cashier | it | till

    @property
    def actor(self) -> str:
        """What the audit row says: name and staff number, or the words for IT, the single PIN and the till."""
        return f"{self.name} ({self.id})" if self.id else self.name

    @property
    def is_manager(self) -> bool:
        return self.role in ("manager", "it")


def shared_till(till_id: str) -> Person:
    """The actor when nobody signs in: the till, never the PC's login."""
    return Person("", f"till {till_id}", "till")


def it_person(name: str) -> Person:
    """IT at the command line, without a code: named, and audited as such."""
    name = " ".join(name.split())
    if not name or len(name) > 80:
        raise InputError(texts.tr("Say who you are after --it (a name, at most 80 characters)"), field="it")
    return Person("", f"IT: {name}, without a PIN", "it")


SINGLE_PIN_MANAGER = Person("", "manager (the till's PIN)", "manager")


def staff_file() -> Path:
    """Beside IT's machine-wide configuration, where the till's own user cannot write."""
    from pos_engage.core.paths import machine_config_file

    return machine_config_file().parent / STAFF_FILE


@dataclass(frozen=True)
class Member:
    """One person in the staff directory (the code only as its hash)."""

    id: str
    name: str
    role: str
    code: str

    @property
    def person(self) -> Person:
        return Person(self.id, self.name, self.role)


@dataclass
class StaffDirectory:
    """IT's list of the store's people. ``exists`` is False when IT keeps none (the file is absent)."""

    path: Path
    members: dict[str, Member] = field(default_factory=dict)
    exists: bool = False

    @classmethod
    def read(cls, path: Path | None = None) -> StaffDirectory:
        path = path or staff_file()
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except (OSError, UnicodeDecodeError) as exc:
            # Why, in words (the system's for a file it cannot open), not the exception's class name.
            problem = (exc.strerror or texts.tr("the system refused")) if isinstance(exc, OSError) else texts.tr(
                "it is not text")
            raise ConfigError(texts.tr("The staff list {file} cannot be read ({problem}): IT checks it",
                                       file=str(path), problem=problem)) from exc
        try:
            data = json.loads(text)
            members = {str(key): Member(str(key), str(value["name"]), str(value["role"]), str(value["code"]))
                       for key, value in data["staff"].items()}
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ConfigError(texts.tr("The staff list {file} is damaged: IT writes it again with 'pos-engage "
                                       "configure --machine --staff-add'", file=str(path))) from exc
        return cls(path, members, exists=True)

    def add(self, staff_id: str, name: str, role: str, code: str, *, replace: bool = False) -> Member:
        """Add a person. A staff number already on the list is refused unless ``replace`` (IT said so: a new name,
        role or code for that number): re-adding 1001 silently replaced Anna Berg, the only manager, with a
        cashier. Never leaves the list without its last manager (see remove)."""
        if not _STAFF_ID.fullmatch(staff_id):
            raise InputError(texts.tr("A staff number is 1 to 20 letters, digits, dots, dashes or underscores"),
                             field="staff_id")
        name = " ".join(name.split())
        if not name or len(name) > 80:
            raise InputError(texts.tr("A person's name is 1 to 80 characters"), field="name")
        if role not in ROLES:
            raise InputError(texts.tr("A role is manager or cashier"), field="role")
        held = self.members.get(staff_id)
        if held is not None and not replace:
            raise InputError(texts.tr("The staff number {id} is {name}'s ({role}): nothing was changed. To replace "
                                      "{name}, add --replace; for a new person, choose another number",
                                      id=staff_id, name=held.name, role=held.role), field="staff_id")
        if held is not None and role != "manager":
            self._keep_a_manager(held)
        member = Member(staff_id, name, role, hash_pin(code, shortest=STAFF_CODE_SHORTEST))
        self.members[staff_id] = member
        return member

    def remove(self, staff_id: str) -> Member:
        """Take a person off the list; never its last manager (see _keep_a_manager)."""
        member = self.members.get(staff_id)
        if member is None:
            raise InputError(texts.tr("No one has the staff number {id}", id=staff_id), field="staff_id")
        self._keep_a_manager(member)
        return self.members.pop(staff_id)

    @property
    def managers(self) -> int:
        return sum(1 for m in self.members.values() if m.role == "manager")

    def _keep_a_manager(self, leaving: Member) -> None:
        """Refuse to remove or demote the list's only manager. A store has no legitimate use for a staff list
        without one (README, "People, not PCs"): once the list exists the till's single PIN approves nothing, so
        no one at the till could retry, resolve, export, or open Settings; only IT, by name at the command line.
        To go back to the single PIN, IT deletes the file itself."""
        if leaving.role == "manager" and self.managers == 1:
            raise InputError(texts.tr("{name} ({id}) is the only manager on the staff list: nothing was changed. "
                                      "With a staff list only its managers approve manager actions (the till's PIN "
                                      "no longer does), so the store would have none. Add another manager first",
                                      name=leaving.name, id=leaving.id), field="staff_id")

    def listing(self) -> list[dict[str, str]]:
        """Number, name and role of each person: never a code, not even its hash."""
        return [{"id": m.id, "name": m.name, "role": m.role} for m in sorted(self.members.values(), key=lambda m: m.id)]

    def save(self) -> None:
        """Atomically, readable by the till's user (0644), like IT's configuration beside it."""
        from pos_engage.core.config_files import write_atomically

        write_atomically(self.path, {"version": 1, "staff": {
            m.id: {"name": m.name, "role": m.role, "code": m.code} for m in self.members.values()}})
        self.exists = True


class People:
    """Sign-in and codes for one till: checked against the staff directory (or the single manager PIN), with the
    lockout read from the audit log, every attempt written to it."""

    def __init__(self, journal: Journal, *, till: str, directory: StaffDirectory | None = None,
                 single_pin: Callable[[], str | None] | None = None, sign_in: str = "") -> None:
        self.journal = journal
        self.till = till
        # A staff list that cannot be read approves nobody (never the single PIN instead): every code is refused
        # with what is wrong, so the till says it rather than failing to start.
        self.problem: ConfigError | None = None
        if directory is None:
            try:
                directory = StaffDirectory.read()
            except ConfigError as problem:
                self.problem, directory = problem, StaffDirectory(staff_file(), exists=True)
        self.directory = directory
        self._single_pin = single_pin or keyring_pin
        self.sign_in_mode = sign_in

    # -------------------------------------------------------------- who

    @property
    def has_directory(self) -> bool:
        return self.directory.exists

    @property
    def sign_in_required(self) -> bool:
        """Required asks a cashier to sign in; without a staff directory nobody could, so the till is shared."""
        if not self.has_directory:
            return False
        return self.sign_in_mode in ("", "required")

    @property
    def shared(self) -> Person:
        return shared_till(self.till)

    # -------------------------------------------------------------- codes

    def approval_problem(self) -> ConfigError | None:
        """Why no manager's code can be checked at this till, asked before anyone is asked for one (a door that
        asked first had the manager type a PIN that could never be right): IT's staff list unreadable, a list with
        no manager, or without a list the till's PIN unreadable (no keyring on this computer, a locked one) or not
        set. The words are the ones verify gives, and say what IT must do; None when a code can be checked."""
        if self.problem is not None:
            return self.problem
        if self.has_directory:
            if not self.directory.managers:
                return ConfigError(texts.tr("IT's staff list names no manager, so nobody at this till can approve a "
                                            "manager action: IT adds one ('pos-engage configure --machine "
                                            "--staff-add ID --role manager')"))
            return None
        return single_pin_problem(self._single_pin)

    def verify(self, code: str, *, by: str | None = None, manager: bool = True, purpose: str = "") -> Person:
        """The person whose code this is, for ``purpose`` (audited either way). ``manager``: only a manager's
        code will do. Raises InputError (wrong code, not a manager), PinLocked, or ConfigError (no code set, or
        IT's staff list cannot be read)."""
        if self.problem is not None:
            raise self.problem
        if self.has_directory:
            staff_id = (by or "").strip()
            if not staff_id:
                raise InputError(texts.tr("Type the staff number and the code"), field="by")
            member = self.directory.members.get(staff_id)
            actor = member.person.actor if member else f"unknown staff number {staff_id}"
            self._refuse_while_locked(staff_id, actor, purpose)
            if member is None or not matches(code, member.code):
                self._failed(staff_id, actor, purpose)
            person = member.person
            if manager and not person.is_manager:
                self.journal.audit("pin-refused", actor=person.actor, till=self.till,
                                   reason=f"not a manager: {purpose}".strip(": "), detail=self._detail(staff_id))
                raise InputError(texts.tr("{name} is not a manager: a manager's staff number and code are needed",
                                          name=person.name), field="by")
        else:
            stored = self._single_pin()
            if not stored:
                raise no_pin_set()
            staff_id, person = SINGLE_PIN_KEY, SINGLE_PIN_MANAGER
            self._refuse_while_locked(staff_id, person.actor, purpose)
            if not matches(code, stored):
                self._failed(staff_id, person.actor, purpose)
        self.journal.audit("pin-ok", actor=person.actor, till=self.till, reason=purpose,
                           detail=self._detail(staff_id))
        return person

    def sign_in(self, staff_id: str, code: str, *, replacing: Person | None = None) -> Person:
        """A cashier (or a manager at the till) starts working here: every sale and consent is theirs from now
        on. ``replacing``: who was signed in until now (signed out once the new code is right)."""
        person = self.verify(code, by=staff_id, manager=False, purpose="sign in")
        if replacing is not None and replacing != person:
            self.sign_out(replacing)
        self.journal.audit("sign-in", actor=person.actor, till=self.till)
        return person

    def sign_out(self, person: Person) -> None:
        self.journal.audit("sign-out", actor=person.actor, till=self.till)

    def revealed(self, person: Person, entry_id: int | None, *, where: str = "in the queue view") -> None:
        """Personal data of an entry was shown unmasked, to this person; ``where``: one of _SHOWN's (their words
        are said in the reader's language) or other words, kept as given."""
        code = _SHOWN.get(where)
        reason = own(code) if code else f"personal data shown {where}"
        self.journal.audit("reveal", actor=person.actor, till=self.till, entry_id=entry_id, reason=reason,
                           detail=detail_of(reason))

    def approved(self, person: Person, action: str, *, reason: str = "", detail: str | None = None) -> None:
        """A manager action that has no audit row of its own (upload, send all): this person did it."""
        self.journal.audit(action, actor=person.actor, till=self.till, reason=reason, detail=detail)

    # -------------------------------------------------------------- the lockout

    @staticmethod
    def _detail(staff_id: str) -> str:
        return json.dumps({"id": staff_id})

    def _attempts(self, staff_id: str) -> list[Attempt]:
        """The codes typed for this person in the last day, oldest first. The audit log's rows are in time order:
        read newest first by their id and stopped at a day ago, so a long history costs nothing here. A code's row
        names no entry: the rows that do (an export writes one per entry, 100,000 at once) are skipped by SQLite."""
        since = self.journal.clock() - ATTEMPTS_LOOKBACK
        wanted = self._detail(staff_id)
        found = []
        for at, action, detail in self.journal.connection.execute(
                "SELECT at, action, detail FROM audit WHERE entry_id IS NULL ORDER BY id DESC"):
            if at < since:
                break
            if detail == wanted and action in ("pin-ok", "pin-failed"):
                found.append(Attempt(at, action == "pin-ok"))
        return found[::-1]

    def _refuse_while_locked(self, staff_id: str, actor: str, purpose: str) -> None:
        now = self.journal.clock()
        until = locked_until(self._attempts(staff_id))
        if until > now:
            self.journal.audit("pin-locked", actor=actor, till=self.till, reason=purpose,
                               detail=self._detail(staff_id))
            seconds = int(until - now) + 1
            if not self.has_directory:
                raise PinLocked(texts.tr("Too many wrong PINs: try again in {seconds} s", seconds=seconds), field="pin")
            raise PinLocked(texts.tr("Too many wrong codes: try again in {seconds} s", seconds=seconds), field="pin")

    def _failed(self, staff_id: str, actor: str, purpose: str) -> None:
        """A wrong code, said as what was typed: the till's single PIN, or a person's code ("Fel PIN-kod" read
        wrong to a manager who typed her staff code)."""
        self.journal.audit("pin-failed", actor=actor, till=self.till, reason=purpose, detail=self._detail(staff_id))
        locked = locked_until(self._attempts(staff_id)) > self.journal.clock()
        minutes = int(LOCKOUT_SECONDS // 60)
        if not self.has_directory:
            if locked:
                raise InputError(texts.tr("Wrong PIN: locked for {minutes} minutes", minutes=minutes), field="pin")
            raise InputError(texts.tr("Wrong PIN"), field="pin")
        if locked:
            raise InputError(texts.tr("Wrong code: locked for {minutes} minutes", minutes=minutes), field="pin")
        raise InputError(texts.tr("Wrong code"), field="pin")


def for_command_line(people: People, *, pin_stdin: bool, by: str | None, it: str | None,
                     read_code: Callable[[], str], purpose: str, required: bool = True) -> Person:
    """Who runs a destructive command: a manager's code from standard input, or IT by name (audited as such);
    neither is a clear refusal (exit 2 at the command line). ``required=False``: a command that loses nothing
    names the till when no one is named; a staff number alone names nobody."""
    if it is not None and pin_stdin:
        raise InputError(texts.tr("Give either --pin-stdin or --it, not both"), field="it")
    if it is not None:
        person = it_person(it)
        people.journal.audit("it-override", actor=person.actor, till=people.till, reason=purpose)
        return person
    if pin_stdin:
        if people.has_directory and not (by or "").strip():   # the window's "Type the staff number" meant nothing here
            raise InputError(texts.tr("With a staff list, give the manager's staff number with --by (--pin-stdin "
                                      "reads the code)"), field="by")
        code = read_code().strip()
        if not code:
            raise InputError(texts.tr("No code on standard input"), field="pin")
        return people.verify(code, by=by, purpose=purpose)
    if not required and by is None:
        return people.shared
    raise InputError(texts.tr("This changes the journal: give a manager's code with --pin-stdin (and --by with "
                              "the staff number), or say who you are in IT with --it \"Name\""), field="pin")
