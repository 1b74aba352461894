"""The POS link by folders, for POS software that can only read and write files: the same sale sessions, the same
checks and the same journal as over HTTP (core/till/session.py); only the transport differs.

In the till's inbox folder (``till.inbox_dir``):

- ``sales/<posSaleId>.json``: the sale, exactly the body of ``PUT /v1/sales/{posSaleId}``. Written again, it
  replaces the basket (as the PUT does).
- ``commits/<posSaleId>.json``: the commit, exactly the body of ``POST /v1/sales/{posSaleId}/commit``.
- ``voids/<posSaleId>.json``: ``{}``: the sale is abandoned, as ``POST /v1/sales/{posSaleId}/void`` (its offers free
  again). Like a commit, it waits for the sale's file still in ``sales/``.
- ``answers/<posSaleId>.json``: written by the till, atomically (a temporary file renamed over it), equal to what
  ``GET /v1/sales/{posSaleId}`` answers, and rewritten on every change (the cashier's too). A file the till
  refuses gets ``answers/<posSaleId>.problem.json`` (code, detail, errors[]) and is moved to ``rejected/`` with
  a ``.reason.txt`` beside it. A file taken is moved to ``done/``.

Write-then-rename: the POS writes ``<name>.json.tmp`` (or anything not ending in ``.json``) and renames it to
``<name>.json`` when complete; only ``*.json`` is read. A file that cannot be read yet and was changed in the last
``SETTLE_SECONDS`` is left for the next poll (it may still be growing: never refused for that); one that still
cannot be read after that (broken JSON, nesting too deep, not UTF-8 (a byte order mark is fine), too large) is
moved aside with its reason, and the files behind it are taken as usual. A POS that writes in place and pauses
longer than that is not refused for good either: a file set aside as unreadable that changes afterwards (its
writer was still at it; on Windows, or on Linux where its open file follows the move) is put back where it was
written and read again (:class:`Unreadable`). A file whose move is refused (Windows: its writer holds it open) is
answered at once all the same (its problem file) and left where it is: the till remembers it (its identity: inode,
size and time), does not read it again and only tries the move again at each poll; the files behind it are taken as
usual. A file taken whose move to ``done/`` is refused is not taken a second time either: remembered the same way,
its move tried again at each poll. Written anew by the POS (another identity), either is a new file and is taken; a
file written anew while the till was taking it (a rename over it during the sale's lookups) is not moved away with
the old one's fate: it stays for the next poll.

A commit waits while its sale's file is in ``sales/`` and not yet taken or refused (it may still be growing): taken
first, it would commit the basket before that file's. A commit of a sale whose last sale file was refused (and none
taken since) is refused too, ``SaleFileRefused`` with the sale file's own problem beside it (``saleFile``): the POS
charged the basket it wrote, which the till does not hold; committed, the basket before it would be. Writing the
sale again, then the commit, goes through.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import Origin
from pos_engage.core.till import pos_json
from pos_engage.core.till.pos_files import SETTLE_SECONDS, Unreadable, loose_file_refusal, write_atomically
from pos_engage.core.till.pos_sale_input import SALE_ID, SaleProblem
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2
KEEP_REFUSED_SALES = 500    # sales whose last file was refused, remembered to refuse their commits


_Identity = tuple[int, int, int]
_Known = TypeVar("_Known")   # what is remembered of a file whose move was refused (_taken, _refused)


def _identity(stat: os.stat_result) -> _Identity:
    """Which file this is: another inode (a rename over it), size or time is another file the POS wrote."""
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


class SaleFiles:
    """Watches ``sales/``, ``commits/`` and ``voids/``; keeps ``answers/`` current."""

    def __init__(self, folder: Path, sessions: SaleSessions, *, clock: Callable[[], float] = time.time,
                 loose_files_refused: bool = False) -> None:
        self.folder = Path(folder)
        self.sessions = sessions
        self.clock = clock
        # A file dropped in the folder itself (the companion's own basket or receipt file, for a till without the
        # link): where nothing else reads them (pos-engage serve has no window), set aside saying where a sale goes,
        # never left unread in silence. The window's own inbox reads them otherwise (core/till/inbox.py).
        self.loose_files_refused = loose_files_refused
        for sub in ("sales", "commits", "voids", "answers", "done", "rejected"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        self.unreadable = Unreadable(clock)
        # Files taken whose move to done/ was refused, with their identity then: never taken twice.
        self._taken: dict[Path, tuple[int, int, int]] = {}
        # Files refused whose move to rejected/ was refused: their identity and why (answered once, not read again).
        self._refused: dict[Path, tuple[tuple[int, int, int], InputError]] = {}
        # The sales whose last sale file was refused, none taken since, with its problem: their commits are refused.
        self._refused_sales: OrderedDict[str, InputError] = OrderedDict()
        sessions.listeners.append(self.write_answer)

    # -------------------------------------------------------------- answers

    def write_answer(self, session: SaleSession) -> None:
        if session.pos_sale_id is None:
            return
        # The bytes GET /v1/sales/{id} answers for this version (encoded once for both).
        # What was refused before is answered now: its problem goes first, so a POS never sees both at once.
        with contextlib.suppress(FileNotFoundError):
            (self.folder / "answers" / f"{session.pos_sale_id}.problem.json").unlink()
        write_atomically(self.folder / "answers" / f"{session.pos_sale_id}.json",
                         self.sessions.state_json(session).decode())

    @staticmethod
    def _problem_body(file: Path, problem: InputError) -> dict:
        # Named with its folder (sales/pos-1.json, commits/pos-1.json): either may be refused with the same code.
        return {"file": f"{file.parent.name}/{file.name}", "code": getattr(problem, "code", None) or "InvalidInput",
                "detail": str(problem), "errors": getattr(problem, "errors", None) or
                ([{"field": problem.field, "reason": str(problem)}] if problem.field else []),
                **getattr(problem, "extra", {})}

    def _write_problem(self, sale_id: str, file: Path, problem: InputError) -> None:
        write_atomically(self.folder / "answers" / f"{sale_id}.problem.json",
                         json.dumps(self._problem_body(file, problem), ensure_ascii=False))

    # -------------------------------------------------------------- taking files

    def _move(self, path: Path, sub: str) -> Path:
        target = self.folder / sub / f"{path.parent.name}-{path.name}"
        counter = 1
        while target.exists():
            target = self.folder / sub / f"{path.parent.name}-{path.stem}-{counter}{path.suffix}"
            counter += 1
        os.replace(path, target)
        return target

    def _set_aside(self, path: Path, sale_id: str, problem: InputError, seen: os.stat_result | None = None,
                   sub: str = "sales") -> None:
        """Answer a refused file (its problem file) and move it to rejected/ with its reason. ``seen``: the file as
        it was read. A move refused (Windows: its writer holds it open) is tried again at each poll, the file not
        read again meanwhile (:meth:`_refused_before`); a file written anew since it was read is not moved (it is
        the POS's next one, taken at the next poll)."""
        if sub == "sales" and SALE_ID.fullmatch(sale_id):
            self._refused_sales[sale_id] = problem
            self._refused_sales.move_to_end(sale_id)
            while len(self._refused_sales) > KEEP_REFUSED_SALES:
                self._refused_sales.popitem(last=False)
        try:
            now = path.stat()
        except FileNotFoundError:
            now = None           # taken away meanwhile (the POS renamed or removed it): answered all the same
        if SALE_ID.fullmatch(sale_id):
            self._write_problem(sale_id, path, problem)
        log.warning("POS file %s refused: %s", path, problem)
        if now is None or (seen is not None and _identity(now) != _identity(seen)):
            return
        self._move_aside(path, problem, now)

    def _move_aside(self, path: Path, problem: InputError, before: os.stat_result) -> bool:
        """Move a refused file to rejected/ with its reason; False when the move is refused (remembered)."""
        try:
            moved = self._move(path, "rejected")
        except FileNotFoundError:
            self._refused.pop(path, None)
            return True
        except OSError as refused:   # Windows: its writer still holds it open; the files behind it go on
            self._refused[path] = (_identity(before), problem)
            log.warning("POS file %s cannot be set aside yet (%s): answered, moved when it can be", path, refused)
            return False
        self._refused.pop(path, None)
        reason = moved.with_name(moved.name + ".reason.txt")
        reason.write_text(f"{path.name} was set aside: {problem}\n", encoding="utf-8")
        if isinstance(problem, pos_json.JsonRefused):   # unreadable: perhaps its writer only paused
            self.unreadable.note(moved, path, reason, before)
        return True

    def _refused_before(self, path: Path) -> bool:
        """A file refused already whose move to rejected/ was refused: :meth:`_moved_again`, its reason kept."""
        return self._moved_again(self._refused, path, lambda known: known[0],
                                 lambda stat, known: self._move_aside(path, known[1], stat))

    def _moved_again(self, remembered: dict[Path, _Known], path: Path, identity: Callable[[_Known], _Identity],
                     retry: Callable[[os.stat_result, _Known], object]) -> bool:
        """A file taken or refused already whose move was refused (``remembered``: _taken or _refused, with the
        file's ``identity`` then): try the move again (``retry``, given the file as it is now and what was
        remembered); True while it is the same file (or it is gone), False for one never remembered or written
        anew since (the POS's next file, read as any other)."""
        known = remembered.get(path)
        if known is None:
            return False
        try:
            stat = path.stat()
        except FileNotFoundError:
            del remembered[path]
            return True
        if _identity(stat) != identity(known):   # the POS wrote it again: a new file, read as any other
            del remembered[path]
            return False
        retry(stat, known)
        return True

    def _settled(self, path: Path) -> bool:
        """Whether this very file (not one written over it since) was taken or refused already."""
        known = self._taken.get(path) or (self._refused[path][0] if path in self._refused else None)
        if known is None:
            return False
        try:
            return _identity(path.stat()) == known
        except FileNotFoundError:
            return True

    def _refuse_after_refused_sale(self, sale_id: str) -> None:
        """A commit of a sale whose last sale file was refused: the POS charged the basket of that file, which the
        till does not hold; committed, the basket before it would be."""
        refused = self._refused_sales.get(sale_id)
        if refused is None:
            return
        if self.sessions.holds(sale_id) and self.sessions.get(sale_id).status != "open":
            return   # committed or voided already: the session answers a commit (a retry: the same answer)
        raise SaleProblem(
            texts.tr("The sale's file sales/{sale}.json was refused ({reason}): this commit is not taken against the "
                     "basket before it. Write the sale again, then its commit", sale=sale_id,
                     reason=texts.message_of(refused)),
            code="SaleFileRefused", kind="conflict",
            extra={"saleFile": self._problem_body(Path("sales", f"{sale_id}.json"), refused)})

    def _read(self, path: Path) -> tuple[os.stat_result, object] | None:
        """The file as read and its JSON; None when it may still be growing (left for the next poll). Raises
        InputError."""
        try:
            stat = path.stat()
            if stat.st_size > pos_json.MAX_BYTES:
                raise pos_json.JsonRefused(texts.tr("the file is larger than 1 MiB (1,048,576 bytes)"), code="TooLarge")
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return stat, pos_json.loads(raw)
        except pos_json.JsonRefused:
            if self.clock() - stat.st_mtime < SETTLE_SECONDS:
                return None     # perhaps still being written: the next poll looks again
            raise

    async def poll_once(self) -> int:
        """Take what is complete: sales first, then commits; oldest first. Returns how many files were taken.

        A commit waits while its sale's file is in ``sales/`` and was neither taken nor refused (being written, or
        written anew since): taken first, it would commit the basket before that file's, or be refused for the
        POS's new total. A commit of a sale whose last file was refused is refused
        (:meth:`_refuse_after_refused_sale`)."""
        taken = 0
        self.unreadable.take_back()
        if self.loose_files_refused:
            self._refuse_loose_files()
        waiting: set[str] = set()
        for sub, use in (("sales", self.sessions.put), ("commits", self.sessions.commit), ("voids", self._void)):
            files = sorted((p for p in (self.folder / sub).glob("*.json") if p.is_file()),
                           key=lambda p: (p.stat().st_mtime, p.name))
            if sub != "sales":
                waiting = {p.stem for p in (self.folder / "sales").glob("*.json")
                           if p.is_file() and not self._settled(p)}
            for path in files:
                sale_id = path.stem
                if sale_id in waiting or self._taken_before(path) or self._refused_before(path):
                    continue
                seen = None
                try:
                    if not SALE_ID.fullmatch(sale_id):
                        raise SaleProblem("the file's name must be <posSaleId>.json (letters, digits, . _ -)",
                                          code="InvalidSaleId")
                    read = self._read(path)
                    if read is None:
                        continue
                    seen, body = read
                    if sub == "commits":
                        self._refuse_after_refused_sale(sale_id)
                    version = self._version_of(sale_id) if sub == "sales" else None
                    with self.sessions.till.journaling(Origin.POS_FOLDER):   # the journal records the folders
                        await use(sale_id, body)
                    if version is not None and version == self._version_of(sale_id):
                        # The sale written again as it was: no change, so no listener wrote its answer; the POS
                        # waits for one all the same (it may have removed the last, or have a problem file there).
                        self.write_answer(self.sessions.get(sale_id))
                except InputError as problem:
                    self._set_aside(path, sale_id, problem, seen, sub)
                    continue
                except Exception:   # never a file that blocks the ones behind it
                    log.exception("POS file %s could not be taken", path)
                    self._set_aside(path, sale_id, InputError("the till could not take it (see its log)"), seen, sub)
                    continue
                if sub == "sales":
                    self._refused_sales.pop(sale_id, None)   # the till holds the basket the POS wrote last
                self._done(path, seen)
                taken += 1
        return taken

    def _version_of(self, sale_id: str) -> int | None:
        return self.sessions.get(sale_id).version if self.sessions.holds(sale_id) else None

    async def _void(self, sale_id: str, body: object) -> None:
        """A void file: ``{}``; nothing in it is read (as the HTTP void's body), only that it is JSON."""
        await self.sessions.void(sale_id)

    def _refuse_loose_files(self) -> None:
        for path in self.folder.glob("*.json"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            if not path.is_file() or self.clock() - stat.st_mtime < SETTLE_SECONDS or self._refused_before(path):
                continue   # perhaps still being written: set aside whole, once complete
            problem = InputError(loose_file_refusal())
            log.warning("POS file %s refused: %s", path, problem)
            self._move_aside(path, problem, stat)

    def _done(self, path: Path, seen: os.stat_result) -> None:
        """Move a file taken to done/; when its move is refused (Windows: the POS still holds it open), remember
        it so it is not taken again (a sale file taken twice would replace the basket again, or be refused once the
        sale is committed, answering a problem for a sale that went through). A file written anew since it was
        read (``seen``) is the POS's next one: left for the next poll, not moved away untaken."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._taken.pop(path, None)   # the POS took it away itself
            return
        if _identity(stat) != _identity(seen):
            self._taken.pop(path, None)
            log.info("POS file %s was written anew while it was being taken: taken again at the next poll", path)
            return
        try:
            self._move(path, "done")
        except FileNotFoundError:
            self._taken.pop(path, None)
        except OSError as refused:
            self._taken[path] = _identity(stat)
            log.warning("POS file %s was taken but cannot be moved to done/ yet (%s): not taken again", path,
                        refused)
        else:
            self._taken.pop(path, None)

    def _taken_before(self, path: Path) -> bool:
        """A file taken already whose move to done/ was refused: :meth:`_moved_again`."""
        return self._moved_again(self._taken, path, lambda known: known, lambda stat, _known: self._done(path, stat))

    def answer_forgotten_sales(self) -> int:
        """At start: an answer file of an open sale this till no longer holds (it restarted; open sales live in its
        memory) is replaced by a problem file saying so, as GET answers 404 for it. Left as it was, it told the POS
        the sale was open with its offers applied, and the POS charged a total no sale had any more. Returns how
        many were answered."""
        answered = 0
        for path in (self.folder / "answers").glob("*.json"):
            sale_id = path.stem
            if not SALE_ID.fullmatch(sale_id) or self.sessions.holds(sale_id):
                continue   # the till holds it: its file is current
            try:
                state = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(state, dict) or state.get("status") != "open":
                continue   # committed or voided: the file says what happened, as before (a .problem.json: no status)
            self._write_problem(sale_id, path, SaleProblem(texts.tr(
                "The till restarted and no longer holds sale {sale}: write sales/{sale}.json again (the customer "
                "and the offers are to be given again too)", sale=sale_id), code="SaleNotFound", kind="not_found"))
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            answered += 1
        return answered

    async def run(self, stop: asyncio.Event) -> None:
        try:
            self.answer_forgotten_sales()
        except OSError as problem:
            log.warning("POS folder %s: %s", self.folder, problem)
        while not stop.is_set():
            try:
                await self.poll_once()
            except OSError as problem:   # the folder on a share that went away: try again
                log.warning("POS folder %s: %s", self.folder, problem)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_SECONDS)
