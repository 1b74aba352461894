"""``pos-engage receipt ...`` and ``pos-engage journal ...``: the journal from a shell, for IT and scripts.

Every listing has ``--json``. Exit codes: 0 done, 1 the command ran but something needs a person, 2 the
command could not run (configuration, storage, or no one named who runs it).

What changes or deletes (``retry``, ``resolve``, ``export``, ``upload``, ``compact``, ``acknowledge-lost``) needs a
person (core/office/people.py): ``--pin-stdin`` reads a manager's code from standard input (``--by`` gives the
manager's staff number when IT keeps a staff list), or ``--it "Name"`` runs it without a code and is audited as
"IT: Name, without a PIN". Neither: exit 2 and nothing is changed. A script pipes the code in
(``echo "$CODE" | pos-engage journal resolve 12 --reason "..." --pin-stdin --by 1001``) or names IT.

``journal replay`` also exits 0 when another pos-engage (the till window, another replay) holds the journal's
delivery lease: it then sends nothing and says which process delivers. ``journal replay --until-empty`` exits 1
when it stops with entries still undelivered (``--max-seconds`` reached with Engage down), saying what is left.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from pos_engage import app, configuration
from pos_engage.core.errors import ConfigError, InputError, MarketingError
from pos_engage.core.office import export
from pos_engage.core.office.entries import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.office.queue import Journal, ManagerActions


def _entry_json(entry: JournalEntry) -> dict[str, Any]:
    return {"id": entry.id, "kind": entry.kind.value, "status": entry.status.value, "attempts": entry.attempts,
            "created_at": _iso(entry.created_at), "next_attempt_at": _iso(entry.next_attempt_at),
            "delivered_at": _iso(entry.delivered_at), "depends_on": entry.depends_on,
            "last_error_code": entry.last_error_code, "last_error": entry.last_error,
            "idempotency_key": entry.idempotency_key,
            # Who rang it up (the person signed in at the till, or the till when shared) and where it came from,
            # as recorded with the entry; null for an entry journaled before that was recorded (unknown).
            "rung_by": entry.rung_by, "origin": entry.origin.value if entry.origin else None}


def _iso(stamp: float | None) -> str | None:
    return None if stamp is None else datetime.fromtimestamp(stamp).astimezone().isoformat(timespec="seconds")


def _person(args: argparse.Namespace, config, journal: Journal, purpose: str, *, required: bool = True):
    """Who runs a command that changes or deletes: a manager's code (checked, and the attempt audited) or IT by
    name; neither is refused (InputError: one line, exit 2) before anything changes. ``required=False`` (recover,
    which loses nothing): without either, the till is named, never the PC's login."""
    from pos_engage.core.office.people import People, for_command_line

    people = People(journal, till=config.till_id, sign_in=config.till.sign_in)
    return for_command_line(people, pin_stdin=args.pin_stdin, by=args.by, it=args.it,
                            read_code=sys.stdin.readline, purpose=purpose, required=required)


# What sends, or builds an Engage client: refused on a till that is not configured (never the simulator instead).
SENDING_COMMANDS = frozenset({"replay", "export", "upload"})


def run(args: argparse.Namespace, config) -> int:
    sends = args.command == "receipt" or getattr(args, "journal_command", None) in SENDING_COMMANDS
    if sends and not configuration.is_configured(config):
        raise configuration.not_configured(args.config)
    if args.command == "receipt":
        return _submit(args, config)
    command = args.journal_command
    with app.open_journal(config) as journal:
        if command == "recover":
            return _recover(journal, config, args)
        if command == "acknowledge-lost":
            person = _person(args, config, journal, "acknowledge a lost journal")
            count = ManagerActions(journal, till=config.till_id).acknowledge_lost(args.reason, person=person)
            print(f"{count} lost journals acknowledged: {args.reason}" if count else "no lost journal to acknowledge")
            return 0
        if command == "list":
            return _list(journal, args)
        if command == "show":
            return _show(journal, config, args)
        if command == "replay":
            return asyncio.run(_replay(journal, config, until_empty=args.until_empty, max_seconds=args.max_seconds))
        if command == "retry":
            person = _person(args, config, journal, f"retry entry {args.id}")
            ManagerActions(journal, till=config.till_id).retry(args.id, person=person, reason=args.reason)
            print(f"entry {args.id} will be sent again")
            return 0
        if command == "resolve":
            person = _person(args, config, journal, f"resolve entry {args.id}")
            ManagerActions(journal, till=config.till_id).resolve(args.id, person=person, reason=args.reason)
            print(f"entry {args.id} resolved: {args.reason}")
            return 0
        if command == "prune":
            days = config.journal.retention_days if args.days is None else args.days
            print(f"{journal.prune(days)} delivered entries older than {days:g} days lost their personal data")
            from pos_engage.core.office import gdpr

            orders = journal.prune_orders(days)
            if orders:
                print(f"{orders} orders older than {days:g} days lost their personal data")
            erased = gdpr.complete_pending(journal)
            if erased:
                print(f"{erased} entries or orders of people who asked to be forgotten were erased (now delivered)")
            return 0
        if command == "compact":
            person = _person(args, config, journal, "compact the journal")
            before, after = journal.compact(actor=person.actor, reason=args.reason, till=config.till_id)
            print(f"journal compacted: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
            return 0
        if command == "export":
            folder = Path(args.out) if args.out else app.paths_for(config).exports
            person = _person(args, config, journal, "export the queue")
            if args.out:
                _writable_folder(folder)
            result = asyncio.run(_export(journal, config, folder, actor=person.actor, reason=args.reason))
            for note in result.recovered:
                print(f"  {note}")
            print(result.summary())
            if result.found_delivered:
                print(f"  {_entries(len(result.found_delivered))} whose outcome was unknown had reached Engage: "
                      "delivered, not exported")
            for path in result.files:
                print(f"  {path}")
            for entry_id, why in result.skipped:
                print(f"  entry {entry_id} stays in the queue: {why}")
            return 0
        if command == "upload":
            folder = Path(args.out) if args.out else app.paths_for(config).exports
            person = _person(args, config, journal, "upload export files")
            ManagerActions(journal, till=config.till_id).approve("upload", purpose="upload export files",
                                                                 person=person, reason=f"files in {folder}")
            result = asyncio.run(export.upload(journal, folder, config.file_server))
            print(result.summary())
            return 0 if not result.failed else 1
        if command == "figures":
            figures = journal.figures()
            oldest = figures.oldest_age(time.time())
            print(json.dumps({"pending": figures.pending, "oldest_pending_seconds": oldest,
                              "needs_attention": figures.needs_attention, "conflicts": figures.conflicts,
                              "blocked": figures.blocked, "exported": figures.exported,
                              "delivered": figures.delivered, "last_delivered_at": _iso(figures.last_delivered_at)}))
            return 0
    raise AssertionError(command)  # argparse only allows the commands above


def _writable_folder(folder: Path) -> None:
    """The folder IT named with --out, made if missing and tried with a file: one that cannot be written is named
    (InputError: one line, exit 2, nothing exported). The exporter's own message blamed the journal file and the
    data folder setting for it (an IT review)."""
    import tempfile

    if folder.exists() and not folder.is_dir():
        raise InputError(f"the export folder {folder} (--out) is a file, not a folder; nothing was exported")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as problem:
        raise InputError(f"cannot write the export folder {folder} (--out): {problem.strerror or problem}; nothing "
                         "was exported, the queue is as it was") from problem


def _recover(journal: Journal, config, args: argparse.Namespace) -> int:
    """Bring back what a set-aside journal (or a backup) holds; without a file, every one set aside here."""
    actions = ManagerActions(journal, till=config.till_id)
    sources = [Path(args.file)] if args.file else actions.set_aside_files()
    if not sources:
        print(f"no journal set aside beside {journal.path}: nothing to recover")
    for source in sources:
        person = _person(args, config, journal, "recover a journal", required=False)
        for result in actions.recover([source], person=person, reason=args.reason):
            print(result.summary())
    left = actions.troubles()
    for line in left.lines():
        print(f"  {line}")
    return 1 if left else 0


def _list(journal: Journal, args: argparse.Namespace) -> int:
    statuses = [EntryStatus(s) for s in args.status or []]
    kinds = [EntryKind(k) for k in args.kind or []]
    entries = journal.entries(statuses=statuses, kinds=kinds, limit=args.limit, newest_first=True)
    if args.json:
        print(json.dumps([_entry_json(e) for e in entries], ensure_ascii=False))
        return 0
    if not entries:
        print("no entries")
    from pos_engage.core.office.entry_description import who_short

    for entry in entries:
        error = f"  {entry.last_error}" if entry.last_error else ""
        print(f"{entry.id:>7}  {_iso(entry.created_at)}  {entry.label:<22} {entry.status.value:<16}"
              f" attempts {entry.attempts}  {who_short(entry.rung_by, entry.origin)}{error}")
    return 0


def _show(journal: Journal, config, args: argparse.Namespace) -> int:
    """One entry. Its personal data is masked as the queue view masks it; ``--reveal`` shows it to a manager (their
    code) or IT (by name), audited as the queue view's "reveal" is (an IT review: it printed a customer's email or
    personnummer to anyone who could run the command, unasked and unrecorded)."""
    from pos_engage.core.office.entry_description import who_and_where
    from pos_engage.core.office.masking import masked, masked_payload

    entry = journal.get(args.id)
    if args.reveal:
        person = _person(args, config, journal, f"show entry {args.id}'s personal data")
        ManagerActions(journal, till=config.till_id).people.revealed(person, entry.id, where="by journal show")
        payload, result = entry.payload, entry.result
    else:
        payload, result = masked_payload(entry), masked(entry.result)
    who = who_and_where(entry)
    detail = _entry_json(entry) | ({"rung_up": who} if who else {}) | {"payload": payload, "result": result,
                                   "attempts_log": journal.attempts_of(entry.id),
                                   "audit": journal.audit_log(entry.id)}
    print(json.dumps(detail, ensure_ascii=False, indent=None if args.json else 2))
    return 0


async def _replay(journal: Journal, config, *, until_empty: bool, max_seconds: float) -> int:
    """Deliver what is due, as the journal's one deliverer. While another pos-engage holds the journal's delivery
    lease (the till window, another replay), nothing is sent: it says who, and exits 0 (nothing is wrong).

    ``--until-empty`` exits 1 when it stops with entries still undelivered (Engage down until ``--max-seconds``, or
    what is left waits for a person), with one line on stderr saying what is left: a script must tell "all sent"
    from "gave up" (an IT review: it exited 0 after ten silent minutes with Engage down)."""
    started = time.monotonic()
    try:
        marketing = app.build_marketing(config, journal)
    except MarketingError as problem:
        marketing = None
        print(f"marketing platform: not sending ({problem}); its orders wait in the journal")
    async with app.build_client(config) as client:
        replayer = app.build_replayer(config, journal, client)
        if not replayer.lease.acquire():
            print(replayer.lease.refusal())
            return 0
        try:
            note = replayer.lease.takeover_note()
            if note:
                print(note)
            if until_empty:
                report = await replayer.replay_until_empty(max_seconds=max_seconds,
                                                           sleep=_saying_it_waits(journal, max_seconds))
            else:
                report = await replayer.replay_once()
            if marketing is not None and not report.busy:  # the second platform's orders: by the same deliverer
                async with marketing.client:
                    sent = (await marketing.send_until_empty(max_seconds=max_seconds) if until_empty
                            else await marketing.send_once())
                print(f"marketing platform: {sent.delivered} orders sent in {sent.requests} requests, "
                      f"{sent.retrying} to retry, {sent.needs_attention} need attention")
        finally:
            replayer.close()
    print(report.summary())
    for line in report.errors[:20]:
        print(f"  {line}")
    figures = journal.figures()
    print(f"queue: {figures.pending} pending, {figures.needs_attention} need attention, {figures.conflicts} conflicts")
    if until_empty and figures.pending and not report.busy:
        at_limit = time.monotonic() - started >= max_seconds
        why = (f"stopped at --max-seconds ({max_seconds:g} s)" if at_limit
               else "nothing more can be sent now (what is left waits for an entry that needs attention)")
        offline = ", Engage not answering" if report.offline else ""
        print(f"pos-engage: not done: {_entries(figures.pending)} still undelivered{offline}; {why}; they stay "
              "queued for the till or the next replay", file=sys.stderr)
        return 1
    return 0 if not (figures.needs_attention or figures.conflicts) else 1


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _saying_it_waits(journal: Journal, max_seconds: float):
    """replay --until-empty's sleep: the first wait of a second or more says so, once (Engage down kept it silent
    for up to --max-seconds, ten minutes by default)."""
    said = False

    async def sleep(seconds: float) -> None:
        nonlocal said
        if seconds >= 1 and not said:
            said = True
            print(f"waiting: {_entries(journal.figures().pending)} to send (Engage not answering, or a retry delay); "
                  f"trying until all are sent, for at most {max_seconds:g} s (--max-seconds)", flush=True)
        await asyncio.sleep(seconds)

    return sleep


async def _export(journal: Journal, config, folder: Path, *, actor: str, reason: str):
    """Export the queue; an entry whose last attempt may have reached Engage is asked about first (as this
    journal's deliverer, holding its lease), or stays in the queue with the reason."""
    try:
        client = app.build_client(config)
    except ConfigError:  # no key here: nothing can be asked, those entries stay in the queue
        client = None
    return await export.export_checked(journal, folder, client, store=config.store_external_id, till=config.till_id,
                                       actor=actor, reason=reason, rate_per_second=config.journal.rate_limit)


def _submit(args: argparse.Namespace, config) -> int:
    path = Path(args.file)
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"pos-engage: no such file: {path}", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"pos-engage: {path} is not a JSON receipt: {exc}", file=sys.stderr)
        return 2
    from pos_engage.core.till import receipts

    # The receipt passes through as the file has it (issue 16): only what it leaves out is filled in.
    receipt = receipts.checked(payload, defaults={  # InputError names the field; nothing journaled
        "storeExternalId": config.store_external_id,
        # The file's own time, not now: the same file submitted again is the same receipt (journaled once).
        "createdDate": datetime.fromtimestamp(path.stat().st_mtime).astimezone().isoformat(timespec="seconds"),
        "uniqueReceiptId": f"{config.store_external_id}-{config.till_id}-{uuid.uuid4().hex[:12]}",
        "currency": config.currency})
    rate = receipts.exchange_rate_of(config, receipt)   # refused as the receipt's own fields are: nothing journaled
    if not args.no_send:
        _key_usable(config)
    from pos_engage.core.till.sale_commit import Origin, journaling_from

    with app.open_journal(config) as journal:
        # Recorded as the command line's: nobody is signed in here, and the PC's login names no person.
        with journaling_from(Origin.COMMAND_LINE):
            entry = receipts.journal_receipt(journal, receipt, exchange_rate=rate)[0]
        print(f"receipt {receipt.unique_receipt_id} journaled as entry {entry.id}")
        if args.no_send:
            return 0
        busy = None
        with contextlib.suppress(TimeoutError):  # still queued: the replayer sends it later
            busy = asyncio.run(asyncio.wait_for(_replay_quietly(journal, config),
                                                timeout=config.engage.timeout_background))
        entry = journal.get(entry.id)
    if entry.status is EntryStatus.DELIVERED:
        print("sent to Engage")
    elif busy:
        print(f"queued; {busy}: it sends this receipt")
    else:
        reason = f": {entry.last_error}" if entry.last_error else ""
        print(f"queued; it will be sent when Engage answers ({entry.status.value}{reason})")
    return 0


def _key_usable(config) -> None:
    """Before a receipt is journaled to be sent: a key that cannot be used (none, no keyring, one pasted with a
    curly quote) is refused here (ConfigError: one line, exit 2, nothing journaled). After journaling it said
    "journaled as entry 2" and then exit 2, where the README promises exit 0 once journaled (an IT review)."""
    if configuration.is_demo(config):
        return
    from pos_engage.core import credentials

    if not (credentials.get_secret(credentials.ENGAGE_API_KEY) or "").strip():  # the key is checked as it is read
        raise ConfigError("no Engage API key is stored: IT provisions it with 'pos-engage configure --api-key-stdin' "
                          "(or sets POS_ENGAGE_API_KEY for scripts); nothing was journaled")


async def _replay_quietly(journal: Journal, config) -> str | None:
    """One round; who else is delivering this journal, if that is why nothing was sent."""
    async with app.build_client(config) as client:
        replayer = app.build_replayer(config, journal, client)
        try:
            return (await replayer.replay_once()).busy
        finally:
            replayer.close()
