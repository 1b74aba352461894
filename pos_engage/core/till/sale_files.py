"""The POS link by folders, for POS software that can only read and write files: the same sale sessions, the same
checks and the same journal as over HTTP (core/till/session.py); only the transport differs.

In the till's inbox folder (``till.inbox_dir``):

- ``sales/<posSaleId>.json``: the sale, exactly the body of ``PUT /v1/sales/{posSaleId}``. Written again, it
  replaces the basket (as the PUT does).
- ``commits/<posSaleId>.json``: the commit, exactly the body of ``POST /v1/sales/{posSaleId}/commit``.
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
left where it is for the next poll; the files behind it are taken as usual. A file taken whose move to ``done/``
is refused is not taken a second time: the till remembers it (its size and time) and only tries the move again at
each poll; written anew by the POS, it is a new file and is taken.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.till import pos_json
from pos_engage.core.till.pos_sale_input import SALE_ID, SaleProblem
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions

log = logging.getLogger(__name__)

SETTLE_SECONDS = 2.0
POLL_SECONDS = 0.2
TAKE_BACK_SECONDS = 600.0   # how long a file set aside as unreadable is watched for its writer finishing it


@dataclass(frozen=True)
class _SetAside:
    back_to: Path          # where the POS wrote it
    reason: Path
    size: int
    mtime_ns: int
    at: float


class Unreadable:
    """Files set aside because they could not be read, watched for ``TAKE_BACK_SECONDS``: one that changes after
    it was set aside was still being written (a POS writing in place that paused longer than ``SETTLE_SECONDS``),
    so it goes back where the POS wrote it, its reason file gone, and is read again at the next poll."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._files: dict[Path, _SetAside] = {}

    def note(self, moved: Path, back_to: Path, reason: Path, before: os.stat_result) -> None:
        """``before``: the file as it was just before it was moved (a write after that is its writer going on)."""
        self._files[moved] = _SetAside(back_to, reason, before.st_size, before.st_mtime_ns, self.clock())

    def take_back(self) -> list[Path]:
        """Put back the files that changed since they were set aside; returns where they are now."""
        back = []
        for moved, aside in list(self._files.items()):
            try:
                stat = moved.stat()
            except OSError:
                del self._files[moved]   # someone took it away: theirs now
                continue
            if (stat.st_size, stat.st_mtime_ns) == (aside.size, aside.mtime_ns):
                if self.clock() - aside.at > TAKE_BACK_SECONDS:
                    del self._files[moved]
                continue
            if aside.back_to.exists():   # the POS wrote the file again meanwhile: that one is the sale
                del self._files[moved]
                continue
            try:
                os.replace(moved, aside.back_to)
            except OSError as problem:   # still held by its writer (Windows): next poll
                log.info("POS file %s changed after it was set aside; not put back yet: %s", moved, problem)
                continue
            del self._files[moved]
            with contextlib.suppress(OSError):
                aside.reason.unlink()
            log.warning("POS file %s was still being written when it was set aside: put back to be read again",
                        aside.back_to)
            back.append(aside.back_to)
        return back


def write_atomically(path: Path, text: str) -> None:
    """The whole file or the previous one, never half of it (a reader may open it at any moment)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


class SaleFiles:
    """Watches ``sales/`` and ``commits/``; keeps ``answers/`` current."""

    def __init__(self, folder: Path, sessions: SaleSessions, *, clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        self.sessions = sessions
        self.clock = clock
        for sub in ("sales", "commits", "answers", "done", "rejected"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        self.unreadable = Unreadable(clock)
        # Files taken whose move to done/ was refused, with their (size, mtime) then: never taken twice.
        self._taken: dict[Path, tuple[int, int]] = {}
        sessions.listeners.append(self.write_answer)

    # -------------------------------------------------------------- answers

    def write_answer(self, session: SaleSession) -> None:
        if session.pos_sale_id is None:
            return
        # The bytes GET /v1/sales/{id} answers for this version (encoded once for both).
        write_atomically(self.folder / "answers" / f"{session.pos_sale_id}.json",
                         self.sessions.state_json(session).decode())
        with contextlib.suppress(FileNotFoundError):   # what was refused before is answered now
            (self.folder / "answers" / f"{session.pos_sale_id}.problem.json").unlink()

    def _write_problem(self, sale_id: str, file: Path, problem: InputError) -> None:
        body = {"file": file.name, "code": getattr(problem, "code", None) or "InvalidInput",
                "detail": str(problem), "errors": getattr(problem, "errors", None) or
                ([{"field": problem.field, "reason": str(problem)}] if problem.field else []),
                **getattr(problem, "extra", {})}
        write_atomically(self.folder / "answers" / f"{sale_id}.problem.json", json.dumps(body, ensure_ascii=False))

    # -------------------------------------------------------------- taking files

    def _move(self, path: Path, sub: str) -> Path:
        target = self.folder / sub / f"{path.parent.name}-{path.name}"
        counter = 1
        while target.exists():
            target = self.folder / sub / f"{path.parent.name}-{path.stem}-{counter}{path.suffix}"
            counter += 1
        os.replace(path, target)
        return target

    def _set_aside(self, path: Path, sale_id: str, problem: InputError) -> None:
        try:
            before = path.stat()
            moved = self._move(path, "rejected")
        except FileNotFoundError:
            return               # taken away meanwhile (the POS renamed or removed it)
        except OSError as refused:   # Windows: its writer still holds it open; the files behind it go on
            log.warning("POS file %s cannot be set aside yet (%s): left for the next poll", path, refused)
            return
        reason = moved.with_name(moved.name + ".reason.txt")
        reason.write_text(f"{path.name} was set aside: {problem}\n", encoding="utf-8")
        if isinstance(problem, pos_json.JsonRefused):   # unreadable: perhaps its writer only paused
            self.unreadable.note(moved, path, reason, before)
        if SALE_ID.fullmatch(sale_id):
            self._write_problem(sale_id, path, problem)
        log.warning("POS file %s set aside: %s", path, problem)

    def _read(self, path: Path) -> object | None:
        """The file's JSON; None when it may still be growing (left for the next poll). Raises InputError."""
        try:
            stat = path.stat()
            if stat.st_size > pos_json.MAX_BYTES:
                raise pos_json.JsonRefused("the file is larger than 1 MB", code="TooLarge")
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return pos_json.loads(raw)
        except pos_json.JsonRefused:
            if self.clock() - stat.st_mtime < SETTLE_SECONDS:
                return None     # perhaps still being written: the next poll looks again
            raise

    async def poll_once(self) -> int:
        """Take what is complete: sales first, then commits; oldest first. Returns how many files were taken.

        A commit waits while its sale's file is still in ``sales/`` (being written, or not movable yet): taken
        first, it would commit the basket before that file's, or be refused for the POS's new total."""
        taken = 0
        self.unreadable.take_back()
        waiting: set[str] = set()
        for sub, use in (("sales", self.sessions.put), ("commits", self.sessions.commit)):
            files = sorted((p for p in (self.folder / sub).glob("*.json") if p.is_file()),
                           key=lambda p: (p.stat().st_mtime, p.name))
            if sub == "commits":
                waiting = {p.stem for p in (self.folder / "sales").glob("*.json")
                           if p.is_file() and p not in self._taken}
            for path in files:
                sale_id = path.stem
                if sale_id in waiting or self._taken_before(path):
                    continue
                try:
                    if not SALE_ID.fullmatch(sale_id):
                        raise SaleProblem("the file's name must be <posSaleId>.json (letters, digits, . _ -)",
                                          code="InvalidSaleId")
                    body = self._read(path)
                    if body is None:
                        continue
                    await use(sale_id, body)
                except InputError as problem:
                    self._set_aside(path, sale_id, problem)
                    continue
                except Exception:   # never a file that blocks the ones behind it
                    log.exception("POS file %s could not be taken", path)
                    self._set_aside(path, sale_id, InputError("the till could not take it (see its log)"))
                    continue
                self._done(path)
                taken += 1
        return taken

    def _done(self, path: Path) -> None:
        """Move a file taken to done/; when its move is refused (Windows: the POS still holds it open), remember
        it so it is not taken again (a sale file taken twice would replace the basket again, or be refused once the
        sale is committed, answering a problem for a sale that went through)."""
        try:
            stat = path.stat()
        except FileNotFoundError:
            self._taken.pop(path, None)   # the POS took it away itself
            return
        try:
            self._move(path, "done")
        except FileNotFoundError:
            self._taken.pop(path, None)
        except OSError as refused:
            self._taken[path] = (stat.st_size, stat.st_mtime_ns)
            log.warning("POS file %s was taken but cannot be moved to done/ yet (%s): not taken again", path,
                        refused)
        else:
            self._taken.pop(path, None)

    def _taken_before(self, path: Path) -> bool:
        """A file taken already whose move was refused: try the move again; True while it is the same file."""
        known = self._taken.get(path)
        if known is None:
            return False
        try:
            stat = path.stat()
        except FileNotFoundError:
            del self._taken[path]
            return True
        if (stat.st_size, stat.st_mtime_ns) != known:   # the POS wrote it again: a new file, taken as any other
            del self._taken[path]
            return False
        self._done(path)
        return True

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
