"""The folder protocol when a file cannot be moved (Windows refuses to move a file its writer holds open) and when
the POS writes a sale file again while the till is taking the one before, against the simulator.

The refusal of a move is a real one: moves into a folder that refuses them (read-only; as root, which writes into
read-only folders, a plain file where the folder was: "not a directory").

- A refused sale file that cannot be set aside is answered at once (its problem file), not read again, moved when
  it can be; its commit is refused with the sale file's problem beside it rather than waiting forever unanswered.
- A commit written after its sale file was refused is never taken against the basket before that file.
- A sale file written anew after it was taken (its move refused) makes its commit wait for the new basket.
- A sale file written anew while the till was taking it is not moved away untaken: the next poll takes it."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from pos_engage.core.till.sale_files import SaleFiles
from tests.link.test_review_files import commit, sale


def write(folder: Path, sub: str, name: str, body, *, age: float = 0.0) -> Path:
    """Write, then rename (as the protocol asks); ``age``: seconds in the past its time is set to."""
    temporary = folder / sub / f"{name}.json.tmp"
    temporary.write_text(json.dumps(body), "utf-8")
    path = folder / sub / f"{name}.json"
    os.replace(temporary, path)
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def answer(folder: Path, name: str) -> dict:
    return json.loads((folder / "answers" / name).read_text("utf-8"))


@contextlib.contextmanager
def refusing_moves_into(folder: Path):
    """Every move into ``folder`` refused by the system: the folder read-only; where that does not hold (root),
    the folder moved away and a plain file in its place. Put back as it was afterwards."""
    folder.chmod(0o500)
    try:
        (folder / ".probe").touch()
    except PermissionError:
        try:
            yield
        finally:
            folder.chmod(0o700)
        return
    (folder / ".probe").unlink()
    folder.chmod(0o700)
    away = folder.with_name(folder.name + ".away")
    folder.rename(away)
    folder.write_text("not a folder", "utf-8")
    try:
        yield
    finally:
        folder.unlink()
        away.rename(folder)


async def test_a_refused_sale_file_that_cannot_be_set_aside_is_answered_and_its_commit_too(rig, tmp_path):
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    write(folder, "sales", "h-1", sale(129900), age=30)
    assert await files.poll_once() == 1                     # the basket the till holds
    version = rig.sessions.get("h-1").version
    bad = sale(100000, 29900)
    bad["lines"][1]["quantity"] = "two"
    with refusing_moves_into(folder / "rejected"):
        held = write(folder, "sales", "h-1", bad, age=20)  # refused, and held open: it cannot be set aside
        write(folder, "commits", "h-1", commit(129900), age=10)
        assert await files.poll_once() == 0
        problem = answer(folder, "h-1.problem.json")
        # The commit's answer, with the sale file's own problem beside it: the POS sees both.
        assert problem["code"] == "SaleFileRefused" and "sales/h-1.json was refused" in problem["detail"]
        assert problem["saleFile"]["errors"][0]["field"] == "lines[1].quantity"
        assert held.exists() and (folder / "commits" / "h-1.json").exists()   # left: nothing lost
        session = rig.sessions.get("h-1")
        assert session.status == "open" and session.version == version   # the basket before: never committed
        answered_at = (folder / "answers" / "h-1.problem.json").stat().st_mtime_ns
        assert await files.poll_once() == 0                 # the same files: not read nor answered again
        assert (folder / "answers" / "h-1.problem.json").stat().st_mtime_ns == answered_at
    assert await files.poll_once() == 0                     # the moves work again: set aside with their reasons
    assert not held.exists() and not (folder / "commits" / "h-1.json").exists()
    reasons = {p.name for p in (folder / "rejected").glob("*.reason.txt")}
    assert reasons == {"sales-h-1.json.reason.txt", "commits-h-1.json.reason.txt"}

    write(folder, "sales", "h-1", sale(100000, 29900))     # the POS writes the sale again, then its commit
    write(folder, "commits", "h-1", commit(129900))
    assert await files.poll_once() == 2
    done = answer(folder, "h-1.json")
    assert done["status"] == "committed" and len(done["lines"]) == 2
    assert not (folder / "answers" / "h-1.problem.json").exists()


async def test_a_commit_after_a_refused_sale_file_is_not_taken_against_the_basket_before_it(rig, tmp_path):
    """The refused basket charges what the one before did: the commit's total matched, and the basket before it was
    committed, lines the POS no longer sold."""
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    write(folder, "sales", "w-2", sale(129900), age=30)
    assert await files.poll_once() == 1
    bad = sale(100000, 29900)
    bad["lines"][0]["vatPercent"] = "lots"
    write(folder, "sales", "w-2", bad, age=20)
    write(folder, "commits", "w-2", commit(129900), age=10)
    assert await files.poll_once() == 0
    assert rig.sessions.get("w-2").status == "open"
    problem = answer(folder, "w-2.problem.json")
    assert problem["code"] == "SaleFileRefused" and problem["saleFile"]["errors"][0]["field"] == "lines[0].vatPercent"
    assert (folder / "rejected" / "commits-w-2.json.reason.txt").exists()


async def test_a_sale_file_written_anew_after_it_was_taken_makes_its_commit_wait_for_it(rig, tmp_path):
    """The sale file was taken but its move to done/ refused; the POS writes it again with another basket of the
    same total, and its commit, while the till is taking another sale: the commit waits for the new basket."""
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    with refusing_moves_into(folder / "done"):
        write(folder, "sales", "b-1", sale(129900), age=30)
        assert await files.poll_once() == 1                 # taken, still in sales/ (remembered)
        write(folder, "sales", "a-1", sale(500), age=20)

        def pos_writes_again(session) -> None:
            if session.pos_sale_id == "a-1" and not (folder / "commits" / "b-1.json").exists():
                write(folder, "sales", "b-1", sale(100000, 29900))
                write(folder, "commits", "b-1", commit(129900))

        rig.sessions.listeners.append(pos_writes_again)
        assert await files.poll_once() == 1                 # a-1; b-1's commit waits for b-1's new file
        rig.sessions.listeners.remove(pos_writes_again)
        assert rig.sessions.get("b-1").status == "open" and (folder / "commits" / "b-1.json").exists()
        assert await files.poll_once() == 2                 # the new basket, then its commit
    done = answer(folder, "b-1.json")
    assert done["status"] == "committed" and len(done["lines"]) == 2


async def test_a_sale_file_written_anew_while_it_is_taken_stays_for_the_next_poll(rig, tmp_path):
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    write(folder, "sales", "r-1", sale(129900), age=30)

    def pos_writes_again(session) -> None:
        if session.pos_sale_id == "r-1" and len(session.lines) == 1:
            write(folder, "sales", "r-1", sale(100000, 29900))   # renamed over it while the till takes it

    rig.sessions.listeners.append(pos_writes_again)
    assert await files.poll_once() == 1
    rig.sessions.listeners.remove(pos_writes_again)
    assert (folder / "sales" / "r-1.json").exists()         # not moved to done/ untaken
    assert await files.poll_once() == 1
    assert len(rig.sessions.get("r-1").lines) == 2 and not (folder / "sales" / "r-1.json").exists()


async def test_a_commit_retried_after_the_sale_went_through_is_answered_as_before(rig, tmp_path):
    """A sale file written after the sale was committed is refused (the sale is committed); the commit written
    again (a retry) is answered with the committed sale, as before, not refused for that sale file."""
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    write(folder, "sales", "c-1", sale(129900), age=30)
    paid = commit(129900)
    write(folder, "commits", "c-1", paid, age=20)
    assert await files.poll_once() == 2
    write(folder, "sales", "c-1", sale(129900), age=10)
    write(folder, "commits", "c-1", paid)
    assert await files.poll_once() == 1
    assert answer(folder, "c-1.json")["status"] == "committed"
    assert not (folder / "rejected" / "commits-c-1.json.reason.txt").exists()
